"""Exports: a campaign's or every year's values as CSV/XLSX (long and wide formats) for staff,
and a structure's own history. Depends on the catalogue and sheets."""
