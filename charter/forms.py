from django import forms

from associations.structures.models import Thematique
from associations.structures.taxonomy import Quartier


class SignatureForm(forms.Form):
    """Online signing: the structure, one checkbox per article, the representative."""

    association = forms.ModelChoiceField(
        label="Structure signataire",
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": "Vous ne pouvez signer que pour une structure dont vous êtes "
            "administrateur·rice.",
            "required": "Choisissez la structure qui signe la charte.",
        },
    )
    representative_name = forms.CharField(
        label="Nom et prénom du ou de la représentant·e",
        max_length=150,
        error_messages={"required": "Indiquez le nom de la personne qui signe au nom de la structure."},
    )
    representative_role = forms.CharField(
        label="Fonction dans la structure",
        max_length=150,
        help_text="Par exemple : présidente, directeur, coordinatrice.",
        error_messages={"required": "Indiquez la fonction de cette personne (présidente, directeur…)."},
    )

    def __init__(self, *args, associations, articles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.article_numbers = []
        for article in articles:
            name = f"article_{article.number}"
            self.article_numbers.append(article.number)
            self.fields[name] = forms.BooleanField(
                label=f"Article {article.number} : {article.title}",
                help_text="Notre structure s'engage à respecter cet article.",
                error_messages={"required": f"Confirmez l'article {article.number} pour signer la charte."},
            )
        # Articles come before the representative, as on paper.
        order = [
            "association",
            *[f"article_{n}" for n in self.article_numbers],
            "representative_name",
            "representative_role",
        ]
        self.order_fields(order)

    def clean_representative_name(self):
        value = self.cleaned_data["representative_name"].strip()
        if not value:
            raise forms.ValidationError("Indiquez le nom de la personne qui signe au nom de la structure.")
        return value

    def acknowledged_articles(self) -> list[int]:
        return [n for n in self.article_numbers if self.cleaned_data.get(f"article_{n}")]

    def article_fields(self):
        return [self[f"article_{n}"] for n in self.article_numbers]

    def other_fields(self):
        return [self[name] for name in ("representative_name", "representative_role")]


class SignatureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        widget=forms.RadioSelect,
        choices=[("approve", "Valider la signature"), ("reject", "Refuser la demande")],
    )
    reason = forms.CharField(
        label="Motif du refus",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire en cas de refus ; il est envoyé à la structure.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Indiquez le motif du refus.")
        return data


class SignatoryFilterForm(forms.Form):
    quartier = forms.ChoiceField(
        label="Quartier", required=False, choices=[("", "Tous les quartiers"), *Quartier.choices]
    )
    thematique = forms.ModelChoiceField(
        label="Thématique",
        required=False,
        queryset=Thematique.objects.order_by("order", "label"),
        to_field_name="slug",
        empty_label="Toutes les thématiques",
        error_messages={"invalid_choice": "Cette thématique n'existe pas."},
    )


class VersionCompareForm(forms.Form):
    de = forms.TypedChoiceField(label="Version de départ", coerce=int, choices=[])
    a = forms.TypedChoiceField(label="Comparée à la version", coerce=int, choices=[])

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        for name in ("de", "a"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = (
                "Cette version n'existe pas ou n'est pas encore adoptée."
            )

    def clean(self):
        data = super().clean()
        if data.get("de") is not None and data.get("de") == data.get("a"):
            raise forms.ValidationError("Choisissez deux versions différentes.")
        return data
