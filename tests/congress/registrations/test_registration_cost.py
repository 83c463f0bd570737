"""What one registration, one confirmation and one cancellation cost the database: a bounded
number of queries, printed with `-s` (the bench measures time; this pins the work per request).
Before issue 18: 22, 26 and 22 queries; the bounds below are today's figures (a workshop and a
lunch booked; in a test the first request also reads the Site, which production keeps cached)."""

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
    # Then 19; now 15: the programme comes from its cache (no days, no sessions read outside the
    # lock), the e-mail takes no savepoint of its own.
    assert len(posted) <= 15
    registration = Registration.objects.get()
    with CaptureQueriesContext(connection) as confirmed:
        response = client.post(f"/congres/inscription/{registration.token}/confirmer/")
    assert response.status_code == 302
    _show("confirmation POST", confirmed)
    # Was 26: no full_clean() (nine uniqueness and constraint queries); then 17; now 10: the private
    # link read without its days and bookings (the service reads them under the lock, once for
    # both the summary and the calendar file), no savepoint for the e-mail.
    assert len(confirmed) <= 10
    with CaptureQueriesContext(connection) as cancelled:
        response = client.post(f"/congres/inscription/{registration.token}/annuler/")
    assert response.status_code == 302
    _show("cancellation POST", cancelled)
    # The cancellation e-mail now carries the calendar's METHOD:CANCEL file (the days read, the
    # attachment and its link to the e-mail written): three queries more than before issue 18
    # (25); now 22: the days read with their hours in one query, no savepoint for the e-mail.
    assert len(cancelled) <= 22
    registration.refresh_from_db()
    assert registration.status == "cancelled"
