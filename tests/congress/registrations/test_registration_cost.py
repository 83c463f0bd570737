"""What one registration, one confirmation and one cancellation cost the database: a bounded
number of queries, printed with `-s` (the bench measures time; this pins the work per request).
Before issue 18: 22, 26 and 22 queries; the bounds below are today's figures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.registrations.models import Registration
from tests.congress.factories import programme

from .test_registration_pages import _form

pytestmark = pytest.mark.django_db


def _show(label: str, context: CaptureQueriesContext) -> None:
    print(f"\n{label}: {len(context)} queries")
    for query in context.captured_queries:
        print("   ", query["sql"][:160])


def test_queries_of_a_registration_post_and_its_confirmation(client, django_capture_on_commit_callbacks):
    p = programme()
    url = f"/congres/{p['edition'].year}/inscription/"
    client.get(url)
    with CaptureQueriesContext(connection) as posted:
        response = client.post(url, _form(p))
    assert response.status_code == 302
    _show("registration POST", posted)
    # Was 22: no FK re-check, no « already registered » query before the INSERT; one lookup of
    # an unconfirmed registration of the same address, which the new one replaces (opt-in).
    assert len(posted) <= 19
    registration = Registration.objects.get()
    with CaptureQueriesContext(connection) as confirmed:
        response = client.post(f"/congres/inscription/{registration.token}/confirmer/")
    assert response.status_code == 302
    _show("confirmation POST", confirmed)
    assert len(confirmed) <= 17  # was 26: no full_clean() (nine uniqueness and constraint queries)
    with CaptureQueriesContext(connection) as cancelled:
        response = client.post(f"/congres/inscription/{registration.token}/annuler/")
    assert response.status_code == 302
    _show("cancellation POST", cancelled)
    # The cancellation e-mail now carries the calendar's METHOD:CANCEL file (the days read, the
    # attachment and its link to the e-mail written): three queries more than before issue 18.
    assert len(cancelled) <= 25
    registration.refresh_from_db()
    assert registration.status == "cancelled"
