"""A past edition speaks in the past tense: no « seront annoncées prochainement » once it is over."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests import factories

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=PARIS), tick=False)
def test_a_past_edition_without_participants_says_so_in_the_past(client):
    past = factories.EditionFactory(
        title="Palabres 2025", starts_at=dt.datetime(2025, 6, 12, 14, tzinfo=PARIS)
    )
    coming = factories.EditionFactory(
        title="Palabres 2027", starts_at=dt.datetime(2027, 6, 12, 14, tzinfo=PARIS)
    )
    html = client.get(past.get_absolute_url()).content.decode()
    assert "Aucune structure participante n'a été enregistrée pour cette édition." in html
    assert "seront annoncées prochainement" not in html
    assert "seront annoncées prochainement" in client.get(coming.get_absolute_url()).content.decode()
