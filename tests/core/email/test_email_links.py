"""E-mail links are absolute, on the Site that `make run` sets to the host and port it serves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.template.loader import render_to_string

from solidaire.core.email.links import absolute_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_links_follow_the_site_record():
    Site.objects.filter(pk=1).update(domain="127.0.0.1:8123")
    Site.objects.clear_cache()
    assert absolute_url("/charte/moderation/") == "http://127.0.0.1:8123/charte/moderation/"
    Site.objects.filter(pk=1).update(domain="lemans-solidaire.fr")
    Site.objects.clear_cache()
    assert absolute_url("/charte/moderation/") == "https://lemans-solidaire.fr/charte/moderation/"
    Site.objects.clear_cache()


def test_make_run_sets_the_site_to_the_served_host_and_port():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "SITE_DOMAIN=$(HOST):$(PORT) $(BIN)/python manage.py migrate" in run
    assert "runserver $(HOST):$(PORT)" in run


@pytest.mark.parametrize(
    "template",
    ["charter/emails/signature_to_moderate.txt", "charter/emails/resign_invitation.txt"],
)
def test_charter_emails_link_absolutely(template):
    Site.objects.filter(pk=1).update(domain="portail.example.org")
    Site.objects.clear_cache()
    context = {
        "association": {"name": "Asso"},
        "version": {"number": 2, "adopted_on": dt.date(2027, 3, 12)},
        "signature": {"representative_name": "Marie", "representative_role": "Présidente"},
    }
    body = render_to_string(template, context)
    assert "https://portail.example.org/charte/" in body
    assert " (/charte/" not in body and "page /charte/" not in body
    Site.objects.clear_cache()
