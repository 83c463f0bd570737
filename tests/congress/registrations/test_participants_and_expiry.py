"""The public list of attendees (only those who consented and confirmed) and the task that expires
unconfirmed registrations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import Session, SessionKind
from congress.registrations.models import Registration
from tests.congress.factories import programme, register, register_confirmed

pytestmark = pytest.mark.django_db


def test_public_list_shows_only_consenting_confirmed_attendees(client):
    p = programme()
    register_confirmed(p, last_name="Visible", consent_public_list=True)
    register_confirmed(p, last_name="Discret")
    register(p, last_name="Pasconfirme", consent_public_list=True)
    page = client.get(reverse("congress:participants", args=[p["edition"].year])).content.decode()
    assert "Visible" in page and "Discret" not in page and "Pasconfirme" not in page


def test_the_expiry_task_runs_the_service():
    from congress.registrations.tasks import expire_registrations

    p = programme()
    registration = register(p)
    Registration.objects.filter(pk=registration.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert expire_registrations.delay().get() == {"expired": 1, "lapsed": 0}
    assert Session.objects.filter(kind=SessionKind.WORKSHOP, places_taken__gt=0).count() == 0
