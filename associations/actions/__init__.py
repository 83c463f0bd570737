"""The social centres' actions ("fiches actions"): import, public pages, admin."""
