"""The public directory: list, map, print, cards (with their actions and missions), exports,
self-service for members, CCAS follow-up."""
