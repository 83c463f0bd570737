"""Concurrent saves of one sheet, on SQLite (WAL, busy timeout, immediate transactions) as on
PostgreSQL: one wins, the other gets « modifiée entre-temps » with its values; never a 500."""

from __future__ import annotations

import html
import threading

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from indicators.sheets import services
from indicators.sheets.models import Sheet
from tests.indicators.conftest import post_data

from .test_sheet import GOOD, url, values_of

ROUNDS = 5


def _save_at_once(association, member, indicators, *, version: int, values: list[str]) -> list:
    """Two people press « Enregistrer » at the same moment; returns (status, page) per person."""
    barrier = threading.Barrier(len(values))
    results: list = [None] * len(values)

    def person(index: int, personnes: str) -> None:
        client = Client()
        client.force_login(member)
        data = post_data(indicators, version=version, **{**GOOD, "personnes": personnes})
        barrier.wait()
        try:
            response = client.post(url(association), data)
            results[index] = (response.status_code, html.unescape(response.content.decode()))
        except Exception as exc:  # the test client re-raises what would be a 500
            results[index] = (500, repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(i, v)) for i, v in enumerate(values)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_one_wins_the_other_keeps_its_values(association, member, campaign, indicators):
    sheet = services.sheet_get_or_create(association=association, campaign=campaign)
    errors = 0
    for round_ in range(ROUNDS):
        version = Sheet.objects.get(pk=sheet.pk).version
        mine, theirs = f"{100 + round_}", f"{200 + round_}"
        results = _save_at_once(association, member, indicators, version=version, values=[mine, theirs])
        statuses = sorted(status for status, _ in results)
        errors += statuses.count(500)
        assert statuses == [302, 400], results
        loser_value = mine if results[0][0] == 400 else theirs
        winner_value = theirs if loser_value == mine else mine
        loser_page = next(page for status, page in results if status == 400)
        assert "modifiée entre-temps" in loser_page
        assert f'value="{loser_value}"' in loser_page  # what the loser typed is shown again
        assert values_of(Sheet.objects.get(pk=sheet.pk))[("personnes", None)] == int(winner_value)
    assert errors == 0


@pytest.mark.django_db
def test_a_database_error_on_save_redisplays_the_form_in_french(
    client, association, member, indicators, monkeypatch
):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "sheet_save_draft", locked)
    client.force_login(member)
    response = client.post(url(association), post_data(indicators, **{**GOOD, "personnes": "321"}))
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "L'enregistrement n'a pas pu aboutir" in page
    assert 'value="321"' in page


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("checks the SQLite set-up of `make run` (WAL, IMMEDIATE); this run uses PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.settings_dict["OPTIONS"]["timeout"] >= 5
