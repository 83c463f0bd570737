"""The sheet form (built from the campaign's layout) and what the sheet and review templates walk."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from indicators.catalogue.models import ABSOLUTE_MAX, ValueType
from indicators.catalogue.selectors import Layout
from solidaire.core.text.french import NumberFormatError, format_evolution, format_number, parse_number

from .validators import validate_pdf


class FrenchNumberField(forms.DecimalField):
    """A number as French users type it: « 5 100 », « 5 100,5 », « 12 500,50 » (any space
    between thousands, non-breaking and thin ones included); « 5.100,5 » or « 1e9 » are refused
    with a French message saying how to write it."""

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_number(str(value))
        except NumberFormatError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is not None and self.decimal_places == 0 and value != value.to_integral_value():
            raise forms.ValidationError("Saisissez un nombre entier (sans décimales).", code="integer")


def field_name(indicator, category=None) -> str:
    return f"i_{indicator.code}" + (f"__{category.code}" if category else "")


class SheetForm(forms.Form):
    """One number field per typed indicator (or per breakdown category). Computed indicators
    get no field at all: they cannot be typed, even by a crafted POST."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    activity_report = forms.FileField(
        label="Rapport d'activité annuel (PDF, 10 Mo au plus)",
        required=False,
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    confirm_warnings = forms.BooleanField(
        label="J'ai vérifié les avertissements : les chiffres saisis sont exacts.", required=False
    )

    def __init__(self, *args, layout: Layout, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = layout
        self.keys: dict[str, tuple[int, int | None]] = {}
        initial_values = initial_values or {}
        for indicator in layout.typed:
            targets = indicator.categories or [None]
            for category in targets:
                name = field_name(indicator, category)
                key = (indicator.id, category.id if category else None)
                self.keys[name] = key
                self.fields[name] = self._number_field(indicator, category)
                # Tie the help and last year's hint to the input for screen readers (the error
                # message too, once there is one: see full_clean; an id that is not on the page is
                # invalid HTML).
                described = [f"id_{name}_prev"]
                if indicator.help_text and category is None:
                    described.insert(0, f"id_{name}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
                if key in initial_values:
                    self.initial[name] = _plain(initial_values[key], indicator)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.keys:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = f"{widget.attrs['aria-describedby']} id_{name}_error"

    @staticmethod
    def _number_field(indicator, category) -> FrenchNumberField:
        integer = indicator.value_type == ValueType.INTEGER
        maximum = ABSOLUTE_MAX if indicator.max_value is None else min(indicator.max_value, ABSOLUTE_MAX)
        minimum = max(indicator.min_value or Decimal(0), Decimal(0))
        label = f"{indicator.label} — {category.label}" if category else indicator.label
        return FrenchNumberField(
            label=label,
            required=False,
            min_value=minimum,
            max_value=maximum,
            max_digits=16,
            decimal_places=0 if integer else 2,
            error_messages={
                "max_decimal_places": "Au plus %(max)s chiffres après la virgule.",
                "max_whole_digits": "Nombre trop grand.",
                "max_digits": "Nombre trop long.",
            },
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric" if integer else "decimal",
                    "autocomplete": "off",
                    "class": "number-input",
                }
            ),
        )

    def values(self) -> dict[tuple[int, int | None], Decimal | None]:
        return {key: self.cleaned_data.get(name) for name, key in self.keys.items()}

    def bound(self, indicator, category=None):
        return self[field_name(indicator, category)]


class CampaignContactForm(forms.Form):
    name = forms.CharField(label="Nom (facultatif)", max_length=150, required=False)
    email = forms.EmailField(
        label="Adresse e-mail",
        required=False,
        help_text="Laissez vide pour que tous les membres de la structure reçoivent les e-mails.",
        error_messages={"invalid": "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."},
    )


def _plain(value: Decimal, indicator) -> str:
    """A stored value as the field shows it again: « 5 100 », « 12 500,5 » (a no-break space
    between thousands, which the field reads back)."""
    if indicator.value_type == ValueType.INTEGER:
        return format_number(int(value), separator="\u00a0")
    return format_number(value, separator="\u00a0")


def sheet_groups(
    *,
    layout: Layout,
    form: SheetForm | None,
    totals: dict,
    breakdowns: dict,
    previous: dict,
    previous_parts: dict | None = None,
) -> list[dict]:
    """What the sheet template walks: families → indicators → field(s) or value(s), with last
    year's figure (and the evolution) beside each one; a breakdown whose category labels read
    « row, column » (sexe × âge) also comes as a grid."""
    previous_parts = previous_parts or {}
    groups = []
    for title, items in layout.families():
        rows = []
        for item in items:
            indicator = item.indicator
            row = {
                "indicator": indicator,
                "required": item.is_required,
                "previous": previous.get(indicator.code),
                "total": totals.get(indicator.code),
                "computed": bool(indicator.formula),
            }
            row["evolution"], row["evolution_words"] = format_evolution(row["total"], row["previous"])
            if indicator.categories:
                parts = breakdowns.get(indicator.code, {})
                before = previous_parts.get(indicator.code, {})
                row["parts"] = [
                    {
                        "category": c,
                        "value": parts.get(c.code),
                        "previous": before.get(c.code),
                        "field": form.bound(indicator, c) if form else None,
                    }
                    for c in indicator.categories
                ]
                row["grid"] = _grid(row["parts"])
            elif not indicator.formula and form:
                row["field"] = form.bound(indicator)
            rows.append(row)
        groups.append({"title": title, "rows": rows})
    return groups


def _grid(parts: list[dict]) -> dict | None:
    """The parts laid out as a table (« Femmes, 26-59 ans » → row « Femmes », column
    « 26-59 ans ») with row, column and grand totals; None when the labels do not cross."""
    rows: dict[str, dict[str, dict]] = {}
    columns: list[str] = []
    for part in parts:
        row_label, sep, column_label = part["category"].label.partition(", ")
        if not sep:
            return None
        rows.setdefault(row_label, {})[column_label] = part
        if column_label not in columns:
            columns.append(column_label)
    if len(rows) < 2 or len(columns) < 2:
        return None

    def total(values):
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    table = []
    for row_label, cells in rows.items():
        row_cells = [cells.get(column) for column in columns]
        table.append(
            {
                "label": row_label,
                "cells": row_cells,
                "total": total(c["value"] for c in row_cells if c),
            }
        )
    column_totals = [
        total(r["cells"][i]["value"] for r in table if r["cells"][i]) for i in range(len(columns))
    ]
    return {
        "columns": columns,
        "rows": table,
        "column_totals": column_totals,
        "total": total(p["value"] for p in parts),
    }
