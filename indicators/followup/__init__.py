"""Staff follow-up: who answered a campaign, and the review of a sheet (return, validate,
reopen). Depends on the catalogue, sheets and reminders."""
