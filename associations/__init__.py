"""The directory app, one folder per feature: structures (the shared bottom layer), actions,
volunteering, and directory (the public pages, above actions and volunteering)."""
