"""The CCAS's event lists open on what waits for a decision, filter by year, state and structure,
and paginate (the same number of queries for 5 rows as for 60)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine

from tests import factories
from tests.events.factories import EventProposalFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = dt.datetime(2027, 3, 10, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _edition(year: int, n: int):
    start = dt.datetime(year, 6, 1 + n % 25, 14, 0, tzinfo=PARIS)
    return factories.EditionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=3))


def _titles(page: str) -> list[str]:
    return re.findall(r'<h2 id="(?:participation|proposal)-\d+">(.*?)</h2>', page, re.S)


def test_participations_open_on_the_pending_ones_then_filter_and_paginate(client, staff_user):
    epicerie = factories.AssociationFactory(name="Épicerie des Sablons", slug="epicerie-des-sablons")
    for n in range(24):
        ParticipationFactory(edition=_edition(2026, n), status="accepted")
    waiting = ParticipationFactory(edition=_edition(2027, 1), association=epicerie)
    client.force_login(staff_user)

    page = client.get("/evenements/gestion/participations/").content.decode()
    assert len(_titles(page)) == 1 and "Épicerie des Sablons" in _titles(page)[0]
    assert "1 participation «&nbsp;En attente de réponse&nbsp;»" in page
    assert f'id="participation-{waiting.pk}"' in page

    every = client.get("/evenements/gestion/participations/?etat=tous").content.decode()
    assert len(_titles(every)) == 20 and "Page 1 sur 2" in every
    assert "Épicerie des Sablons" in _titles(every)[0]  # the pending one first
    second = client.get("/evenements/gestion/participations/?etat=tous&page=2").content.decode()
    assert len(_titles(second)) == 5

    accepted_2026 = client.get("/evenements/gestion/participations/?etat=accepted&annee=2026").content
    assert "24 participations" in accepted_2026.decode()
    assert not _titles(
        client.get("/evenements/gestion/participations/?etat=accepted&annee=2027").content.decode()
    )
    mine = client.get("/evenements/gestion/participations/?etat=tous&structure=epicerie-des-sablons")
    assert len(_titles(mine.content.decode())) == 1


def test_a_typed_unknown_filter_value_gets_a_french_error_not_a_500(client, staff_user):
    ParticipationFactory()
    client.force_login(staff_user)
    response = client.get("/evenements/gestion/participations/?etat=nimporte&annee=1900")
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_the_participation_list_runs_the_same_queries_for_more_rows(
    client, staff_user, django_assert_max_num_queries
):
    for n in range(3):
        ParticipationFactory(edition=_edition(2027, n))
    client.force_login(staff_user)
    with django_assert_max_num_queries(40) as few:
        client.get("/evenements/gestion/participations/")
    for n in range(24):
        ParticipationFactory(edition=_edition(2027, n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/evenements/gestion/participations/")


def test_proposals_open_on_those_to_examine(client, staff_user):
    for n in range(3):
        EventProposalFactory(status="refused", title=f"Refusée {n}")
    EventProposalFactory(status="submitted", title="Fête des voisins des Sablons")
    client.force_login(staff_user)
    page = client.get("/evenements/gestion/propositions/").content.decode()
    assert _titles(page) == ["Fête des voisins des Sablons"]
    assert "1 proposition «&nbsp;À examiner par le CCAS&nbsp;»" in page
    assert len(_titles(client.get("/evenements/gestion/propositions/?etat=tous").content.decode())) == 4
    refused = client.get("/evenements/gestion/propositions/?etat=refused").content.decode()
    assert "3 propositions «&nbsp;Refusée&nbsp;»" in refused
