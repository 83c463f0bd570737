"""The card form itself carries the per-day hours editor (the OpenStreetMap syntax only behind
« details », for those who ask) and speaks plain words about formatting."""

from __future__ import annotations

import html
import re

import pytest

from associations.structures.models import Association
from tests.associations.selfservice.test_selfservice import CARD, moderation

pytestmark = pytest.mark.django_db


def _url(association) -> str:
    return f"/annuaire/{association.slug}/espace/fiche/"


def test_the_card_form_shows_the_hours_day_by_day(client, association, member_of):
    association.opening_hours = "Mo-Fr 09:00-12:00; PH off"
    association.save()
    client.force_login(member_of(association, role="admin"))
    page = client.get(_url(association)).content.decode()
    assert "<legend>Lundi</legend>" in page and "<legend>Dimanche</legend>" in page
    assert 'name="horaires-d0_open1"' in page and 'value="09:00"' in page
    assert 'name="opening_hours"' not in page  # no raw OpenStreetMap field among the card's
    osm = re.search(r"<details class=\"hours-osm\"[^>]*>(.*?)</details>", page, re.S)
    assert osm and "Mo-Fr" in osm.group(1)  # the syntax waits behind « details »
    before_details = page[: page.index('<details class="hours-osm"')]
    assert "Mo-Fr" not in before_details and "Mo lundi" not in page


def test_hours_typed_day_by_day_on_the_card_are_saved(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association, role="admin"))
    days = {
        "horaires-d1_open1": "09:00",
        "horaires-d1_close1": "12:00",
        "horaires-d1_open2": "14:00",
        "horaires-d1_close2": "17:00",
        "horaires-ph_closed": "on",
        "horaires-osm": association.opening_hours,
    }
    payload = {k: v for k, v in CARD.items() if not k.startswith("horaires-")}
    response = client.post(_url(association), {**payload, **days})
    assert response.status_code == 302
    assert Association.objects.get(pk=association.pk).opening_hours == "Tu 09:00-12:00,14:00-17:00; PH off"


def test_a_wrong_slot_on_the_card_is_explained_beside_it(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association, role="admin"))
    payload = {k: v for k, v in CARD.items() if not k.startswith("horaires-")}
    bad = {
        "horaires-d2_open1": "14:00",
        "horaires-d2_close1": "12:00",
        "horaires-osm": association.opening_hours,
    }
    response = client.post(_url(association), {**payload, **bad})
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "La fermeture (12 h) doit venir après l'ouverture (14 h)." in text.replace("\u00a0", " ")
    assert 'value="Épicerie des Sablons"' in text  # what was typed stays
    assert Association.objects.get(pk=association.pk).name != "Épicerie des Sablons"


def test_volunteers_read_plain_words_about_formatting(client, association, member_of):
    client.force_login(member_of(association, role="admin"))
    page = html.unescape(client.get("/evenements/proposer/").content.decode())
    assert "Markdown" not in page
    assert "Mise en forme simple : **gras**" in page.replace("\u00a0", " ")


def test_the_same_week_written_day_by_day_is_no_change(client, association, member_of):
    from associations.structures.models import ChangeProposal

    association.opening_hours = "Tu,Th 14:00-18:00; PH off"
    association.save()
    moderation(True)
    client.force_login(member_of(association, role="admin"))
    days = {f"d{day}_{part}": "" for day in range(7) for part in ("open1", "close1", "open2", "close2")}
    days |= {"d1_open1": "14:00", "d1_close1": "18:00", "d3_open1": "14:00", "d3_close1": "18:00"}
    response = client.post(
        f"/annuaire/{association.slug}/espace/horaires/",
        {**days, "ph_closed": "on", "osm": association.opening_hours},
        follow=True,
    )
    assert "Aucune modification à enregistrer" in response.content.decode()
    assert not ChangeProposal.objects.exists()
