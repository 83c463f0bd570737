"""One honeypot and one submit flow for every public form (issues 21 and 22): the field is the
mixin's, hidden by one rule of the base stylesheet, and a robot filling it keeps nothing."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from associations.council.forms import CouncilRequestForm
from associations.reports.forms import CardReportForm
from associations.volunteering.forms import InterestForm
from congress.registrations.forms import RegistrationForm
from solidaire.core.security.spam import HONEYPOT, HoneypotFormMixin, Outcome, submission_outcome

ROOT = Path(settings.BASE_DIR)


class ContactForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField(label="Nom")


@pytest.mark.parametrize("form_class", [CouncilRequestForm, CardReportForm, InterestForm, RegistrationForm])
def test_every_public_form_with_a_honeypot_uses_the_mixin(form_class):
    assert issubclass(form_class, HoneypotFormMixin)
    source = Path(__import__(form_class.__module__, fromlist=["_"]).__file__).read_text()
    assert "Laissez ce champ vide" not in source  # no copy of the field left


def test_the_base_stylesheet_hides_the_honeypot_for_everyone():
    base = (ROOT / "static/css/portal.css").read_text()
    rule = re.search(r"\.hp-field \{([^}]*)\}", base)
    assert rule and "left: -10000px" in rule.group(1)
    for other in (ROOT / "static/css").glob("*.css"):  # one rule, in one place
        if other.name != "portal.css":
            assert ".hp-field" not in other.read_text(), other.name
    include = (ROOT / "templates/includes/honeypot.html").read_text()
    assert 'class="hp-field" aria-hidden="true"' in include
    for template in (ROOT / "templates").rglob("*.html"):
        if template.name != "honeypot.html":
            assert "hp-field" not in template.read_text(), template


@pytest.mark.django_db
def test_the_flow_says_limited_invalid_spam_or_valid(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test_scope": (3, 3600)}
    post = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    post.user = AnonymousUser()
    invalid = ContactForm({"name": ""})
    assert submission_outcome(post, invalid, scope="test_scope") is Outcome.INVALID
    assert invalid.errors["name"] == ["Ce champ est obligatoire."]
    spam = ContactForm({"name": "Robot", HONEYPOT: "http://spam"})
    assert submission_outcome(post, spam, scope="test_scope") is Outcome.SPAM
    valid = ContactForm({"name": "Mireille"})
    assert submission_outcome(post, valid, scope="test_scope") is Outcome.VALID
    assert valid.data_without_honeypot() == {"name": "Mireille"}
    assert [field.name for field in valid.visible_fields()] == ["name"]
    limited = ContactForm({"name": "Mireille"})
    assert submission_outcome(post, limited, scope="test_scope") is Outcome.LIMITED
    assert "Trop" in " ".join(limited.non_field_errors())
    assert limited["name"].value() == "Mireille"  # what was typed is shown again
