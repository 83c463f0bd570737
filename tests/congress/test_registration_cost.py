"""What one registration, one confirmation and one cancellation cost the database: a bounded
number of queries, printed (the bench measures time; this pins the work per request)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.registrations.models import Registration

from .factories import programme
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
    registration = Registration.objects.get()
    with CaptureQueriesContext(connection) as confirmed:
        response = client.post(f"/congres/inscription/{registration.token}/confirmer/")
    assert response.status_code == 302
    _show("confirmation POST", confirmed)
    with CaptureQueriesContext(connection) as cancelled:
        response = client.post(f"/congres/inscription/{registration.token}/annuler/")
    _show("cancellation POST", cancelled)
