"""A structure applies to take part in an edition; CCAS staff accept or decline within the
capacity and the deadline, also against hand-crafted POSTs; e-mails go through email_send."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events.participation import services
from events.participation.models import Participation
from solidaire.core.worklist import pending_work_for
from tests import factories
from tests.events.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return factories.EditionFactory(
        title="Le Mans rencontre le monde",
        participation_open=True,
        participation_deadline=timezone.localdate() + dt.timedelta(days=5),
        capacity=1,
    )


@pytest.fixture
def structure():
    return factories.AssociationFactory(
        name="Manou Partages", slug="manou-partages", email="manou@example.org"
    )


def _form(structure, **extra):
    return {
        "association": structure.slug,
        "offer": "Un stand d'artisanat.",
        "people": "3",
        "needs_table": "on",
        "needs_electricity": "on",
        **extra,
    }


def test_member_applies_staff_accepts_and_the_structure_shows(
    client, edition, structure, member_of, staff_user, django_capture_on_commit_callbacks
):
    member = member_of(structure)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure))
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.status, participation.people, participation.needs_table) == ("pending", 3, True)
    assert any("demande à participer" in m.body for m in mail.outbox)
    assert 'data-testid="participants"' not in client.get(edition.get_absolute_url()).content.decode()
    assert [w.count for w in pending_work_for(staff_user) if "Participations" in w.label] == [1]

    client.force_login(staff_user)
    assert "Un stand d&#x27;artisanat." in client.get("/evenements/gestion/participations/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/evenements/gestion/participations/{participation.pk}/decision/",
            {f"p{participation.pk}-decision": "accept", f"p{participation.pk}-reason": ""},
        )
    participation.refresh_from_db()
    assert participation.status == "accepted" and participation.decided_by == staff_user
    assert mail.outbox and set(mail.outbox[0].to) == {"manou@example.org", member.email}
    assert "acceptée" in mail.outbox[0].subject
    assert f'href="{structure.get_absolute_url()}"' in client.get(edition.get_absolute_url()).content.decode()
    assert edition.title in client.get(structure.get_absolute_url()).content.decode()


def test_declining_needs_a_reason_which_the_structure_receives(
    client, edition, structure, staff_user, django_capture_on_commit_callbacks
):
    participation = ParticipationFactory(edition=edition, association=structure)
    with pytest.raises(ValidationError) as error:
        services.participation_decide(participation=participation, by=staff_user, accept=False, reason=" ")
    assert "motif" in str(error.value)
    with django_capture_on_commit_callbacks(execute=True):
        services.participation_decide(
            participation=participation, by=staff_user, accept=False, reason="Plus de place."
        )
    assert "Plus de place." in mail.outbox[0].body
    participation.refresh_from_db()
    assert participation.status == "declined"


def test_applying_twice_is_refused_with_a_french_message(client, edition, structure, member_of):
    client.force_login(member_of(structure))
    client.post(f"/evenements/{edition.slug}/participer/", _form(structure))
    response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure, offer="Autre chose"))
    assert response.status_code == 400
    assert "a déjà demandé à participer" in response.content.decode()
    assert "Autre chose" in response.content.decode()  # what was typed is kept
    assert Participation.objects.count() == 1


def test_after_the_deadline_even_a_hand_crafted_post_is_refused(client, edition, structure, member_of):
    edition.participation_deadline = timezone.localdate() - dt.timedelta(days=1)
    edition.save()
    client.force_login(member_of(structure))
    page = client.get(f"/evenements/{edition.slug}/participer/").content.decode()
    assert "Les candidatures sont closes depuis le" in page and "<form" not in page.split("<main")[1]
    response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure))
    assert response.status_code == 400
    assert "Les candidatures sont closes" in response.content.decode()
    assert not Participation.objects.exists()


def test_a_full_edition_refuses_new_applications_and_extra_acceptances(
    client, edition, structure, member_of, staff_user
):
    ParticipationFactory(edition=edition, status="accepted")  # capacity 1: full
    client.force_login(member_of(structure))
    response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure))
    assert response.status_code == 400 and "complète" in response.content.decode()
    waiting = ParticipationFactory(edition=edition)
    with pytest.raises(ValidationError, match="complète"):
        services.participation_decide(participation=waiting, by=staff_user, accept=True)
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_only_members_apply_for_their_structure_and_only_staff_decide(
    client, edition, structure, member_of, user, staff_user
):
    other = factories.AssociationFactory()
    client.force_login(member_of(other))
    response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure))  # not theirs
    assert response.status_code == 400 and not Participation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.participation_apply(edition=edition, association=structure, user=user, offer="x", people=1)
    participation = ParticipationFactory(edition=edition, association=structure)
    client.force_login(member_of(structure))
    response = client.post(
        f"/evenements/gestion/participations/{participation.pk}/decision/",
        {f"p{participation.pk}-decision": "accept"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.participation_decide(participation=participation, by=user, accept=True)
    assert pending_work_for(user) == [] or all(
        "Participations" not in w.label for w in pending_work_for(user)
    )


def test_bad_input_gets_french_errors_and_nothing_is_saved(client, edition, structure, member_of):
    client.force_login(member_of(structure))
    response = client.post(
        f"/evenements/{edition.slug}/participer/",
        _form(structure, offer="<script>alert(1)</script>", people="0"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez entre 1 et 100 personnes." in body
    response = client.post(
        f"/evenements/{edition.slug}/participer/", _form(structure, offer="<b>Stand</b>", people="2")
    )
    assert "Le HTML n&#x27;est pas accepté" in response.content.decode()
    assert not Participation.objects.exists()


def test_an_edition_without_call_for_participation_refuses(client, structure, member_of):
    edition = factories.EditionFactory(participation_open=False)
    client.force_login(member_of(structure))
    response = client.post(f"/evenements/{edition.slug}/participer/", _form(structure))
    assert response.status_code == 400
    assert "n&#x27;accueille pas de candidatures" in response.content.decode()
