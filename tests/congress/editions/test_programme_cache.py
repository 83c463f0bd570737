"""The registration form's programme comes from the cache (congress.editions.cache): a change of
the programme shows on the next request, the places left are always read fresh, and a form sent
and accepted reads no programme at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.editions.cache import PROGRAMME
from congress.editions.models import SessionKind
from tests.congress.factories import SessionFactory, programme, register
from tests.congress.registrations.test_registration_pages import _form

pytestmark = pytest.mark.django_db


def _url(p) -> str:
    return f"/congres/{p['edition'].year}/inscription/"


def test_a_change_of_the_programme_shows_on_the_next_request(client):
    p = programme()
    assert "Atelier engagement" in client.get(_url(p)).content.decode()  # now cached
    p["w2"].title = "Atelier de la participation"
    p["w2"].save()
    p["w3"].delete()
    SessionFactory(
        day=p["day2"],
        kind=SessionKind.WORKSHOP,
        title="Atelier ajouté",
        starts_at=dt.time(15),
        ends_at=dt.time(16),
    )
    page = client.get(_url(p)).content.decode()
    assert "Atelier de la participation" in page
    assert "Atelier engagement" not in page
    assert "Atelier de l&#x27;après-midi" not in page and "Atelier de l'après-midi" not in page
    assert "Atelier ajouté" in page


def test_the_places_left_are_read_fresh_while_the_programme_stays_cached(client):
    p = programme(workshop_capacity=2)
    assert "Atelier insertion (2 places restantes)" in client.get(_url(p)).content.decode()
    version = PROGRAMME.version()
    register(p, p["w1"])
    assert PROGRAMME.version() == version  # a counter's update is no change of the programme
    assert "Atelier insertion (1 place restante)" in client.get(_url(p)).content.decode()
    register(p, p["w1"], email="deuxieme@example.org")
    assert "Atelier insertion (complet : liste d&#x27;attente)" in client.get(_url(p)).content.decode()


def test_a_form_accepted_reads_no_programme(client):
    p = programme()
    client.get(_url(p))
    with CaptureQueriesContext(connection) as posted:
        assert client.post(_url(p), _form(p)).status_code == 302
    reads = [q["sql"] for q in posted.captured_queries if q["sql"].startswith("SELECT")]
    assert not any('FROM "congress_congressday"' in sql for sql in reads)
    # The sessions are read once, under their lock, to give the places.
    assert sum('FROM "congress_session"' in sql for sql in reads) == 1
