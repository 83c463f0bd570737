"""The sheet form (built from the campaign's layout) and what the sheet and review templates walk."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from indicators.catalogue.models import ABSOLUTE_MAX, ValueType
from indicators.catalogue.selectors import Layout

from .validators import validate_pdf


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
                # Tie last year's hint and the error message to the input for screen readers.
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_prev id_{name}_error"
                if key in initial_values:
                    self.initial[name] = _plain(initial_values[key], indicator)

    @staticmethod
    def _number_field(indicator, category) -> forms.DecimalField:
        integer = indicator.value_type == ValueType.INTEGER
        maximum = ABSOLUTE_MAX if indicator.max_value is None else min(indicator.max_value, ABSOLUTE_MAX)
        minimum = max(indicator.min_value or Decimal(0), Decimal(0))
        label = f"{indicator.label} — {category.label}" if category else indicator.label
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=minimum,
            max_value=maximum,
            max_digits=16,
            decimal_places=0 if integer else 2,
            localize=True,
            error_messages={"invalid": "Saisissez un nombre (chiffres uniquement)."},
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
    if indicator.value_type == ValueType.INTEGER:
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")


def sheet_groups(
    *, layout: Layout, form: SheetForm | None, totals: dict, breakdowns: dict, previous: dict
) -> list[dict]:
    """What the sheet template walks: families → indicators → field(s) or value(s), with last
    year's figure beside each one."""
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
            if indicator.categories:
                parts = breakdowns.get(indicator.code, {})
                row["parts"] = [
                    {
                        "category": c,
                        "value": parts.get(c.code),
                        "field": form.bound(indicator, c) if form else None,
                    }
                    for c in indicator.categories
                ]
            elif not indicator.formula and form:
                row["field"] = form.bound(indicator)
            rows.append(row)
        groups.append({"title": title, "rows": rows})
    return groups
