"""Every pending thing has a home: each model with a state that waits for someone is counted
by a worklist provider, and shows on the staff home and in the admin index; the staff home
lists every staff tool."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.apps import apps
from django.core import mail

from associations.practices.models import Practice
from associations.practices.services import practice_save
from solidaire.core.worklist import covered_states
from tests import factories

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A state value that means « someone has to act on it ».
PENDING_WORDS = {"pending", "submitted", "requested", "open", "new", "to_review", "waiting_review"}
# Pending states that wait for someone other than a portal user who can act from a list, and why.
NOT_STAFF_WORK = {
    "congress.Registration.pending": "waits for the attendee to confirm their address (then expires)",
}


def _pending_states() -> set[str]:
    states = set()
    for model in apps.get_models():
        if model._meta.app_label in {"history", "post_office"}:
            continue  # copies of other models' rows; the outbox's own numeric statuses
        for field in model._meta.concrete_fields:
            if field.name not in {"status", "state"} or not field.choices:
                continue
            for value, _label in field.flatchoices:
                if str(value) in PENDING_WORDS:
                    states.add(f"{model._meta.label}.{value}")
    return states


def test_every_model_with_a_pending_state_feeds_the_worklist():
    pending = _pending_states()
    assert "associations.Practice.submitted" in pending and "events.Participation.pending" in pending
    missing = pending - covered_states() - set(NOT_STAFF_WORK)
    assert not missing, f"pending states no worklist provider counts: {sorted(missing)}"


@pytest.mark.django_db
def test_a_proposed_practice_shows_on_the_staff_home_the_admin_index_and_by_email(
    client, member_of, django_capture_on_commit_callbacks
):
    staff = factories.StaffUserFactory()
    structure = factories.AssociationFactory(name="Épicerie des Sablons")
    member = member_of(structure)
    proposed_on = dt.datetime(2027, 3, 1, 10, 0, tzinfo=PARIS)
    with time_machine.travel(proposed_on, tick=False), django_capture_on_commit_callbacks(execute=True):
        practice = practice_save(
            user=member,
            association=structure,
            data={"title": "Un potager partagé", "question": "Isolement.", "response": "Un jardin."},
            submit=True,
        )
    assert practice.status == "submitted"
    assert any("Un potager partagé" in m.subject for m in mail.outbox)

    with time_machine.travel(dt.datetime(2027, 3, 11, 10, 0, tzinfo=PARIS), tick=False):
        client.force_login(staff)
        home = client.get("/espace/").content.decode()
        admin = client.get("/gestion/").content.decode()
        followup = client.get("/annuaire/suivi/").content.decode()
    for page in (home, admin):
        assert "Pratiques inspirantes proposées à publier" in page
        assert "depuis 10\u00a0jours" in page
    assert "Un potager partagé" in followup and "Épicerie des Sablons" in followup

    client.force_login(staff)
    response = client.post(
        f"/annuaire/pratiques/{practice.slug}/decision/",
        {"decision": "publish", "next": "/annuaire/suivi/#pratiques"},
    )
    assert response["Location"] == "/annuaire/suivi/#pratiques"
    elsewhere = client.post(
        f"/annuaire/pratiques/{practice.slug}/decision/",
        {"decision": "publish", "next": "https://ailleurs.example/"},
    )
    assert elsewhere["Location"] == practice.get_absolute_url()
    assert Practice.objects.get(pk=practice.pk).status == "published"
    assert "Pratiques inspirantes proposées à publier" not in client.get("/espace/").content.decode()


@pytest.mark.django_db
def test_the_staff_home_lists_every_staff_tool(client):
    factories.CongressEditionFactory(year=2027)
    client.force_login(factories.StaffUserFactory())
    home = client.get("/espace/").content.decode()
    for url in (
        "/annuaire/suivi/",
        "/charte/moderation/",
        "/indicateurs/suivi/",
        "/observatoire/",
        "/evenements/gestion/participations/",
        "/evenements/gestion/propositions/",
        "/congres/2027/gestion/",
        "/congres/2027/propositions/",
        "/congres/2027/accueil/",
        "/gestion/",
    ):
        assert f'href="{url}"' in home, url
