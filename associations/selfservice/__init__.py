"""A structure's own space: its card, hours and services, its members and their requests."""
