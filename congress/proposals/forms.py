"""Forms of the proposals pages."""

from __future__ import annotations

from django import forms

from congress.editions.models import CongressEdition

from .models import Proposal, ProposalStatus


class ProposalForm(forms.Form):
    theme = forms.ChoiceField(label="Thème")
    title = forms.CharField(label="Titre de la proposition", max_length=200)
    body = forms.CharField(
        label="La proposition",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce qui devrait changer, pour qui, et comment (3 000 caractères au plus).",
    )
    # Honeypot: hidden from people (CSS + aria-hidden wrapper in the template), filled by bots.
    site_web = forms.CharField(
        label="Laissez ce champ vide",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
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

    def visible_fields(self):
        # includes/form.html must not render the honeypot: the template places it apart.
        return [field for field in super().visible_fields() if field.name != "site_web"]

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("site_web"))


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
