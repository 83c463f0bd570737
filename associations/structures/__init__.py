"""The directory's shared layer: structures, their services, memberships, moderation; no other feature."""
