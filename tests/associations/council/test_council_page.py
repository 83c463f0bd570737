"""The « Conseil des usagers » page (footer, home) leads to the form that joins the council and
keeps the CCAS's phone number (issue 19.7); the form page keeps it too."""

from __future__ import annotations

from html import unescape
from io import StringIO

import pytest
from django.urls import reverse

from solidaire.core import demo

pytestmark = pytest.mark.django_db


def test_the_council_page_leads_to_its_form_and_keeps_the_phone_number(client):
    demo.load(stdout=StringIO())
    page = client.get(reverse("core:page", args=["conseil-des-usagers"])).content.decode()
    html = unescape(page).replace("\u00a0", " ")
    form_url = reverse("associations:council_join")
    assert f'href="{form_url}">Rejoindre le conseil des usagers</a>' in html
    assert "02 43 74 52 06" in html
    form_page = client.get(form_url).content.decode()
    assert "Envoyer ma demande" in form_page and 'href="tel:+33243745206"' in form_page


def test_the_home_page_reaches_the_form_through_the_council_page(client):
    demo.load(stdout=StringIO())
    home = client.get(reverse("portal:home")).content.decode()
    page_url = reverse("core:page", args=["conseil-des-usagers"])
    assert page_url in home
    assert reverse("associations:council_join") in client.get(page_url).content.decode()


def test_other_pages_have_no_council_link(client):
    demo.load(stdout=StringIO())
    html = client.get(reverse("core:page", args=["mentions-legales"])).content.decode()
    assert reverse("associations:council_join") not in html
