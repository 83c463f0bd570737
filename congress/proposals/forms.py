"""Forms of the proposals pages."""

from __future__ import annotations

from django import forms

from congress.editions.models import CongressEdition
from solidaire.core.security.spam import HoneypotFormMixin

from .models import Proposal, ProposalStatus


class ProposalForm(HoneypotFormMixin, forms.Form):
    theme = forms.ChoiceField(label="Thème")
    title = forms.CharField(label="Titre de la proposition", max_length=200)
    body = forms.CharField(
        label="La proposition",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce qui devrait changer, pour qui, et comment (3 000 caractères au plus).",
    )

    def __init__(self, *args, edition: CongressEdition, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(t.pk): t for t in edition.themes.order_by("order")}
        self.fields["theme"].choices = [
            ("", "Choisissez…"),
            *((pk, t.title) for pk, t in self.themes.items()),
        ]

    @property
    def chosen_theme(self):
        return self.themes[self.cleaned_data["theme"]]


class ProposalEditForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    body = forms.CharField(label="Texte", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    group_label = forms.CharField(
        label="Regroupement (facultatif)",
        max_length=200,
        required=False,
        help_text="Les propositions qui portent le même regroupement se suivent dans le cahier.",
    )
    status = forms.ChoiceField(
        label="Décision", choices=[c for c in ProposalStatus.choices if c[0] != ProposalStatus.MERGED]
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label="Fusionner dans", queryset=Proposal.objects.none(), empty_label="Choisissez…"
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Proposal.objects.filter(theme=proposal.theme)
            .exclude(pk=proposal.pk)
            .exclude(status=ProposalStatus.MERGED)
        )
