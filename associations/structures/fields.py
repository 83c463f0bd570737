"""A list of choice codes stored as text ("|fr|en|").

Why not a JSONField: SQLite cannot filter JSON arrays by element, and a many-to-many table per
vocabulary would cost a join per filter. The delimited text is filterable on both databases
with a plain LIKE (`has_choice`) and reads back as a Python list.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import Q

SEP = "|"


class ChoiceListField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return [part for part in value.split(SEP) if part]

    def get_prep_value(self, value):
        values = self.to_python(value)
        return f"{SEP}{SEP.join(values)}{SEP}" if values else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if not self.editable:
            return
        allowed = {str(code) for code, _ in self.flatchoices}
        for code in self.to_python(value):
            if allowed and code not in allowed:
                raise forms.ValidationError(f"Valeur inconnue : « {code} ».", code="invalid")
        if not value and not self.blank:
            raise forms.ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        # CharField's MaxLengthValidator would measure the list, not the stored text.
        if len(self.get_prep_value(value)) > self.max_length:
            raise forms.ValidationError("Trop de valeurs sélectionnées.", code="max_length")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


def has_choice(field: str, code: str) -> Q:
    """Rows whose ChoiceListField `field` contains `code`."""
    return Q(**{f"{field}__contains": f"{SEP}{code}{SEP}"})
