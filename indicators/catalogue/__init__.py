"""The catalogue: indicator definitions, breakdowns, campaigns, validation rules as data and the
formula engine. Depends on no other indicators feature."""
