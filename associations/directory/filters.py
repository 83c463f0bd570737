"""The directory's search form: words and filters, every criterion in the URL (GET).

The form only validates; the search itself is the directory index's (`associations/search/
index.py`), which sees all criteria at once: service criteria (thematique, public, access,
free) must hold for one and the same service, so "aide alimentaire + gratuit" means one free
food service, not any free service plus any food service. An unknown value makes the form
invalid for that field only: the field is ignored and the page shows Django's French message
next to it (never a 500).
"""

from __future__ import annotations

import copy

from django import forms

from associations.structures.cache import thematique_choices
from associations.structures.taxonomy import AccessCondition, Language, Public, Quartier
from solidaire.core.widgets import FlatSelect

FILTER_NAMES = (
    "thematique",
    "public",
    "quartier",
    "acces",
    "langue",
    "gratuit",
    "ouvert",
    "aujourdhui",
    "pmr",
)


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose options are shared by the copies Django makes of it for each form,
    not deep-copied: the search form is built on every uncached directory page, and copying its
    options was most of its cost. The options are never changed in place (the thematiques are
    replaced by a new list), so sharing them is safe."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.validators = self.validators[:]
        result.error_messages = self.error_messages.copy()
        return result


def _choice(label: str, choices, empty_label: str) -> forms.ChoiceField:
    return SharedChoiceField(
        label=label, choices=[("", empty_label), *choices], required=False, widget=FlatSelect
    )


def _check(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Mots-clés", max_length=200, required=False)
    # Choices (slug, label) set per instance from the cache, see __init__.
    thematique = _choice("Thématique", [], "Toutes")
    public = _choice("Public", Public.choices, "Tous")
    quartier = _choice("Quartier", Quartier.choices, "Tous")
    acces = _choice("Conditions d'accès", AccessCondition.choices, "Toutes")
    langue = _choice("Langue parlée", Language.choices, "Toutes")
    gratuit = _check("Gratuit uniquement")
    ouvert = _check("Ouvert maintenant")
    aujourdhui = _check("Ouvert aujourd'hui")
    pmr = _check("Accessible PMR")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The thematiques are rows, but they change only with the directory version: reading them
        # from the cache spares every uncached page a query.
        self.fields["thematique"].choices = [("", "Toutes"), *thematique_choices()]

    # The template draws the selects, then the checkboxes (named lists: the page is the portal's
    # most used, and a generic loop testing each field's widget cost a millisecond).
    @property
    def selects(self):
        return [self[name] for name in ("thematique", "public", "quartier", "acces", "langue")]

    @property
    def checks(self):
        return [self[name] for name in ("gratuit", "ouvert", "aujourdhui", "pmr")]

    @property
    def criteria(self) -> dict:
        """The valid criteria (an invalid field is left out, as if not given)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def filters_chosen(self) -> bool:
        """Whether any filter (not the words) narrows the search: only then can a visitor with
        no result be told to remove one."""
        return any(name != "q" for name in self.criteria)

    def described_criteria(self) -> list[str]:
        """The criteria in French, as the printed list states them: « « épicerie » »,
        « Thématique : Alimentation », « Gratuit uniquement »."""
        criteria = self.criteria
        described = [f"«\u00a0{criteria['q']}\u00a0»"] if criteria.get("q") else []
        for name, value in criteria.items():
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                label = dict(field.choices).get(value, value)
                described.append(f"{field.label}\u00a0: {label}")
            elif isinstance(field, forms.BooleanField):
                described.append(str(field.label))
        return described
