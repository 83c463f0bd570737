"""A newcomer registers to the congress in a real browser: open /congres/, register, confirm
through the e-mail's link, change workshop, cancel."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from congress.registrations.models import Booking, Registration
from tests.congress.factories import programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _link(body: str, suffix: str = "") -> str:
    return re.search(rf"https?://[^/\s]+(/congres/inscription/[\w-]+/{suffix})", body).group(1)


def test_register_confirm_change_and_cancel(live_server, browser_page):
    p = programme()
    page = browser_page
    page.goto(live_server.url + "/congres/")
    page.get_by_role("link", name="S'inscrire au congrès").click()
    page.wait_for_url("**/inscription/")

    page.get_by_role("radio", name="Madame").check()
    page.get_by_label(re.compile(r"^Nom")).fill("Lefèvre")
    page.get_by_role("textbox", name="Prénom").fill("Hélène")
    page.get_by_label("Adresse e-mail").fill("helene.lefevre@example.org")
    page.get_by_label("Type d'organisme").select_option("centre_social")
    page.get_by_role("textbox", name="Ville").fill("Bruxelles")
    page.get_by_role("textbox", name="Pays").fill("Belgique")
    page.get_by_role("group", name="Jours de présence").get_by_role(
        "checkbox", name=re.compile(r"2 février")
    ).check()
    page.get_by_role("radio", name=re.compile("Atelier insertion")).check()
    page.get_by_label(re.compile("Je déjeune sur place le .*2 février")).check()
    page.get_by_label(re.compile("J'accepte que ces informations soient traitées")).check()
    page.get_by_role("button", name="Envoyer mon inscription").click()
    page.wait_for_url("**/inscription/envoyee/")
    assert "confirmez votre adresse" in page.get_by_role("heading", level=1).inner_text()

    page.goto(live_server.url + _link(mail.outbox[0].body, "confirmer/"))
    page.get_by_role("button", name="Je confirme mon inscription").click()
    page.wait_for_url("**/inscription/*/")
    assert "Confirmée" in page.locator("main").inner_text()
    private = _link(mail.outbox[-1].body)
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")

    page.goto(live_server.url + private)
    page.get_by_role("link", name=re.compile("Changer mes jours")).click()
    page.get_by_role("radio", name=re.compile("Atelier engagement")).check()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.wait_for_url(f"**{private}")
    summary = page.locator("main").inner_text()
    assert "Atelier engagement" in summary and "Atelier insertion" not in summary
    registration = Registration.objects.get()
    assert Booking.objects.get(registration=registration, session=p["w2"]).status == "place"

    page.get_by_role("link", name="Annuler mon inscription").click()
    page.get_by_role("button", name="Annuler mon inscription").click()
    page.wait_for_url(f"**{private}")
    assert "Annulée" in page.locator("main").inner_text()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
