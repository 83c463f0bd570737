"""FlatSelect must write the same <select> as Django's Select, only faster."""

import re

import pytest
from django import forms

from solidaire.core.widgets import FlatSelect

CHOICES = [("", "Tous"), ("sablons", "Les Sablons"), ("autre", "<b>Ailleurs</b> & co"), (3, "Trois")]


def same_markup(a: str, b: str) -> bool:
    # Django's template puts blank lines between options; the browser ignores them.
    squeeze = lambda html: re.sub(r">\s+<", "><", html.strip())  # noqa: E731
    return squeeze(a) == squeeze(b)


@pytest.mark.parametrize("value", [None, "", "sablons", "autre", 3, "3", "inconnu"])
def test_same_markup_as_django_select(value):
    attrs = {"id": "id_quartier", "aria-invalid": "true", "required": True, "disabled": False}
    expected = forms.Select(choices=CHOICES).render("quartier", value, attrs=attrs)
    assert same_markup(FlatSelect(choices=CHOICES).render("quartier", value, attrs=attrs), expected)


def test_selects_the_value_and_escapes_labels():
    html = FlatSelect(choices=CHOICES).render("quartier", "autre", attrs={"id": "id_quartier"})
    assert '<select name="quartier" id="id_quartier">' in html
    assert '<option value="autre" selected>&lt;b&gt;Ailleurs&lt;/b&gt; &amp; co</option>' in html
    assert html.count(" selected") == 1
    assert '<option value="">Tous</option>' in html


def test_nothing_chosen_selects_the_empty_option():
    html = FlatSelect(choices=CHOICES).render("quartier", None)
    assert '<option value="" selected>Tous</option>' in html
    assert html.count(" selected") == 1


def test_grouped_choices_fall_back_to_django():
    grouped = [("", "Tous"), ("Sarthe", [("le-mans", "Le Mans"), ("allonnes", "Allonnes")])]
    html = FlatSelect(choices=grouped).render("ville", "allonnes")
    assert '<optgroup label="Sarthe">' in html
    assert '<option value="allonnes" selected>Allonnes</option>' in html


def test_a_bound_field_with_an_error_is_marked_invalid():
    class Form(forms.Form):
        quartier = forms.ChoiceField(choices=CHOICES, required=False, widget=FlatSelect)

    form = Form({"quartier": "nulle-part"})
    assert not form.is_valid()
    html = str(form["quartier"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_quartier_error"' in html
    assert '<option value="" selected>' not in html  # an unknown value selects nothing, like Django
