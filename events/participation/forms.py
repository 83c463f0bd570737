from __future__ import annotations

from django import forms

from associations.structures.models import Association

from .models import Participation


class ParticipationForm(forms.ModelForm):
    association = forms.ModelChoiceField(
        label="Structure", queryset=Association.objects.none(), empty_label=None, to_field_name="slug"
    )

    class Meta:
        model = Participation
        fields = ["offer", "people", "needs_table", "needs_electricity", "needs_water", "needs_details"]
        widgets = {"offer": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = (
            associations if associations is not None else Association.objects.none()
        )
        self.order_fields(["association", *self.Meta.fields])
        self.fields["people"].min_value = 1
        self.fields["people"].widget.attrs.update({"min": 1, "max": 100})

    def clean_people(self):
        people = self.cleaned_data["people"]
        if people is None or not 1 <= people <= 100:
            raise forms.ValidationError("Indiquez entre 1 et 100 personnes.")
        return people

    def _post_clean(self):
        # The service builds and checks the row (with the edition and the structure); the
        # model's own checks would run here without them.
        pass


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("accept", "Accepter"), ("decline", "Refuser")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Motif (transmis à la structure)", max_length=500, required=False)
