"""When CCAS staff cancel an edition, or move its date or place, the structures taking part (or
waiting for an answer) and the proposer get one French e-mail each, through the outbox and in
the change's transaction; edits nobody plans around send nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from post_office.models import Email

from events.calendar.models import Edition
from events.changes.services import edition_cancel, edition_save
from events.participation.services import participation_decide
from tests import factories
from tests.events.factories import EventProposalFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
PLANNED = "vendredi 12 mars 2027, de 14\u00a0h à 18\u00a0h"


@pytest.fixture(autouse=True)
def _clock_and_site(monkeypatch):
    """Ten days before the edition (Paris time), on the production site's address."""
    moment = dt.datetime(2027, 3, 2, 10, 0, tzinfo=PARIS)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    Site.objects.filter(pk=1).update(domain="lemans-solidaire.fr")
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


@pytest.fixture
def edition():
    return factories.EditionFactory(
        title="Le Mans rencontre le monde",
        slug="le-mans-rencontre-le-monde",
        starts_at=dt.datetime(2027, 3, 12, 14, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2027, 3, 12, 18, 0, tzinfo=PARIS),
        venue_name="Jardin des Plantes",
        city="Le Mans",
        participation_open=True,
    )


def _participation(edition, email: str, status: str, *, applied_by=None):
    return ParticipationFactory(
        edition=edition,
        association=factories.AssociationFactory(email=email),
        status=status,
        applied_by=applied_by,
    )


@pytest.fixture
def concerned(edition):
    """An accepted structure (and the member who applied), a pending one, a declined one, and the
    proposer, whose member's address is the accepted structure's contact (other case)."""
    member = factories.UserFactory(email="membre@example.org")
    _participation(edition, "manou@example.org", "accepted", applied_by=member)
    _participation(edition, "epicerie@example.org", "pending")
    _participation(edition, "refusee@example.org", "declined")
    EventProposalFactory(
        edition=edition,
        status="published",
        association=factories.AssociationFactory(email="proposeur@example.org"),
        proposed_by=factories.UserFactory(email="Manou@Example.org"),
    )
    return ["epicerie@example.org", "manou@example.org", "membre@example.org", "proposeur@example.org"]


def _outbox() -> dict[str, Email]:
    """The queued e-mails by recipient; each e-mail has exactly one."""
    emails = list(Email.objects.all())
    assert all(len(email.to) == 1 for email in emails)
    return {email.to[0].lower(): email for email in emails}


def test_cancelling_tells_each_person_once_with_the_french_date_and_the_reason(
    edition, concerned, staff_user
):
    edition_cancel(edition=edition, by=staff_user, reason="Alerte météo : vents violents.")

    outbox = _outbox()
    assert sorted(outbox) == concerned
    assert Email.objects.count() == len(concerned)  # the proposer's address counted once
    for email in outbox.values():
        assert email.subject == "Annulation : Le Mans rencontre le monde"
        assert "L'événement « Le Mans rencontre le monde » est annulé." in email.message
        assert f"Date prévue : {PLANNED}" in email.message
        assert "Lieu prévu : Jardin des Plantes, Le Mans" in email.message
        assert "Motif : Alerte météo : vents violents." in email.message
        assert "https://lemans-solidaire.fr/evenements/le-mans-rencontre-le-monde/" in email.message
    edition.refresh_from_db()
    assert (edition.status, edition.cancellation_reason) == ("cancelled", "Alerte météo : vents violents.")


def test_a_declined_structure_is_not_told(edition, staff_user):
    _participation(edition, "refusee@example.org", "declined")
    edition_cancel(edition=edition, by=staff_user)
    assert not Email.objects.exists()


def test_without_a_reason_the_email_says_none(edition, concerned, staff_user):
    edition_cancel(edition=edition, by=staff_user, reason="  ")
    assert Email.objects.count() == len(concerned)
    assert all("Motif" not in email.message for email in Email.objects.all())


def test_cancelling_twice_sends_nothing_the_second_time(edition, concerned, staff_user):
    opened_before = Edition.objects.get(pk=edition.pk)  # a colleague's form, opened meanwhile
    edition_cancel(edition=edition, by=staff_user, reason="Alerte météo.")
    assert Email.objects.count() == len(concerned)
    edition_cancel(edition=edition, by=staff_user, reason="Alerte météo.")
    # The colleague's copy still says "scheduled": the stored row decides, and it is cancelled.
    edition_cancel(edition=opened_before, by=staff_user, reason="Autre motif.")
    assert Email.objects.count() == len(concerned)


def test_nothing_is_sent_if_the_transaction_rolls_back(edition, concerned, staff_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        edition_cancel(edition=edition, by=staff_user, reason="Alerte météo.")
        assert Email.objects.count() == len(concerned)  # written with the change…
        raise RuntimeError("a later step fails")
    assert not Email.objects.exists()  # …and gone with it
    assert Edition.objects.get(pk=edition.pk).status == "scheduled"


def test_an_edit_nobody_plans_around_sends_nothing(edition, concerned, staff_user):
    edition.description = "Un **programme** enrichi."
    edition.summary = "Musiques et cuisines du monde."  # bumps the calendar's SEQUENCE…
    edition.latitude, edition.longitude = Decimal("48.007400"), Decimal("0.198500")  # a pin, same address
    edition_save(edition=edition, by=staff_user)
    assert Edition.objects.get(pk=edition.pk).sequence == 1
    assert not Email.objects.exists()  # …but is not worth an e-mail


def _admin_form(edition: Edition, **changes) -> dict:
    start, end = timezone.localtime(edition.starts_at), timezone.localtime(edition.ends_at)
    data = {
        "series": edition.series_id,
        "title": edition.title,
        "slug": edition.slug,
        "status": edition.status,
        "cancellation_reason": "",
        "starts_at_0": start.strftime("%Y-%m-%d"),
        "starts_at_1": start.strftime("%H:%M"),
        "ends_at_0": end.strftime("%Y-%m-%d"),
        "ends_at_1": end.strftime("%H:%M"),
        "venue_name": edition.venue_name,
        "city": edition.city,
        "is_free": "on",
        "participation_open": "on",
        "stages-TOTAL_FORMS": "0",
        "stages-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_a_new_date_in_the_admin_sends_a_change_with_the_old_and_new_date(
    client, edition, concerned, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    moved = _admin_form(
        edition, starts_at_0="2027-03-13", starts_at_1="10:00", ends_at_0="2027-03-13", ends_at_1="12:00"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/gestion/events/edition/{edition.pk}/change/", moved)
    assert response.status_code == 302

    assert sorted(m.to[0].lower() for m in mail.outbox) == concerned  # delivered after commit
    for message in mail.outbox:
        assert message.subject == "Changement de date : Le Mans rencontre le monde"
        assert "Nouvelle date : samedi 13 mars 2027, de 10\u00a0h à 12\u00a0h" in message.body
        assert f"Au lieu de : {PLANNED}" in message.body
        assert "Lieu (inchangé) : Jardin des Plantes, Le Mans" in message.body
        assert "https://lemans-solidaire.fr/evenements/le-mans-rencontre-le-monde/" in message.body

    # Saving the form again as it is, or with a new description, sends nothing more.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/gestion/events/edition/{edition.pk}/change/", {**moved, "description": "Nouveau."})
    assert mail.outbox == []


def test_cancelling_in_the_admin_sends_the_reason_once(client, edition, concerned, staff_user):
    client.force_login(staff_user)
    cancelled = _admin_form(edition, status="cancelled", cancellation_reason="Salle indisponible.")
    assert client.post(f"/gestion/events/edition/{edition.pk}/change/", cancelled).status_code == 302
    assert Email.objects.count() == len(concerned)
    assert all("Motif : Salle indisponible." in e.message for e in Email.objects.all())
    client.post(f"/gestion/events/edition/{edition.pk}/change/", {**cancelled, "venue_name": "Ailleurs"})
    assert Email.objects.count() == len(concerned)  # a cancelled edition's later edits tell no one


def test_a_new_place_sends_a_change_with_the_old_and_new_place(edition, concerned, staff_user):
    edition.venue_name, edition.street = "Salle des Concerts", "Place du Jet d'eau"
    edition_save(edition=edition, by=staff_user)
    outbox = _outbox()
    assert sorted(outbox) == concerned
    email = outbox["manou@example.org"]
    assert email.subject == "Changement de lieu : Le Mans rencontre le monde"
    assert "Nouveau lieu : Salle des Concerts, Place du Jet d'eau, Le Mans" in email.message
    assert "Au lieu de : Jardin des Plantes, Le Mans" in email.message
    assert f"Date (inchangée) : {PLANNED}" in email.message


def test_cancelled_and_moved_at_once_sends_only_the_cancellation(edition, concerned, staff_user):
    edition.starts_at += dt.timedelta(days=1)
    edition.ends_at += dt.timedelta(days=1)
    edition_cancel(edition=edition, by=staff_user)
    assert Email.objects.count() == len(concerned)
    assert all(
        e.subject.startswith("Annulation") and f"Date prévue : {PLANNED}" in e.message
        for e in Email.objects.all()
    )


def test_an_edition_already_over_is_corrected_quietly(edition, concerned, staff_user, monkeypatch):
    later = dt.datetime(2027, 4, 1, 10, 0, tzinfo=PARIS)
    monkeypatch.setattr(timezone, "now", lambda: later)
    edition.venue_name = "Salle des Concerts"
    edition_save(edition=edition, by=staff_user)
    edition_cancel(edition=edition, by=staff_user)
    assert not Email.objects.exists()


def test_only_ccas_staff_save_through_the_service(edition, concerned, user):
    with pytest.raises(PermissionDenied):
        edition_cancel(edition=edition, by=user)
    assert Edition.objects.get(pk=edition.pk).status == "scheduled"
    assert not Email.objects.exists()


def test_a_decision_and_a_cancellation_go_to_the_same_people(edition, staff_user):
    """The structure is written to as its participation's decision was (one rule)."""
    member = factories.UserFactory(email="membre@example.org")
    participation = _participation(edition, "manou@example.org", "pending", applied_by=member)
    participation_decide(participation=participation, by=staff_user, accept=True)
    decided = Email.objects.get()
    Email.objects.all().delete()
    edition_cancel(edition=edition, by=staff_user)
    assert sorted(e.to[0] for e in Email.objects.all()) == sorted(decided.to)
