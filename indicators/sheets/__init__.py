"""Sheets: a structure's answers to a campaign, from draft to validation (models, services, rule
checks, the association-side pages). Depends on the catalogue."""
