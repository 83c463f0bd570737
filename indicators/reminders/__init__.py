"""Reminders: e-mails to structures whose sheet is awaited (daily beat task, staff button).
Depends on the catalogue and sheets."""
