"""The shared annual indicators and the observatoire (Django app label `indicators`).

One sub-package per feature, each depending only on those listed before it:
catalogue (definitions, campaigns, rules as data, formulas) → sheets (answers, their
workflow and checks, association pages) → reminders → exports, dashboard → followup (staff
review) → observatoire. The root holds only faces: `models` (registration), `admin`, `urls`,
`demo`, plus `apps`, `management` and `migrations`.
"""
