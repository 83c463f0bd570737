"""The practice form, laid out like the booklet's card."""

from __future__ import annotations

from django import forms

from associations.structures.models import Thematique

from .models import WRITTEN_FIELDS, Practice


class PracticeForm(forms.ModelForm):
    thematiques = forms.ModelMultipleChoiceField(
        label="Thématiques",
        queryset=Thematique.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        # What a structure writes, with the thematiques (a relation) just before the publics.
        fields = list(WRITTEN_FIELDS)
        fields.insert(fields.index("publics"), "thematiques")
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 6}),
            "steps": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "figures": forms.Textarea(attrs={"rows": 4}),
            "quote": forms.Textarea(attrs={"rows": 3}),
        }
