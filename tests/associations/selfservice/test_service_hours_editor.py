"""The per-day hours editor on a service's own hours (the shower's): the structure's editor
(test_hours_editor.py) on a service, saved like any other change of the service."""

import pytest

from associations.structures.models import ChangeProposal, DirectorySettings, OpeningSlot, Service
from associations.structures.services import change_proposal_approve, service_derived_refresh
from associations.structures.taxonomy import ProposalKind
from tests import factories

pytestmark = pytest.mark.django_db

EMPTY_DAYS = {f"d{day}_{part}": "" for day in range(7) for part in ("open1", "close1", "open2", "close2")}
STRUCTURE_HOURS = "Mo-Fr 09:00-17:00"


def moderation(on: bool) -> None:
    DirectorySettings.objects.update_or_create(pk=1, defaults={"moderate_member_changes": on})


def url(service) -> str:
    return f"/annuaire/{service.association.slug}/espace/services/{service.pk}/horaires/"


@pytest.fixture
def service():
    association = factories.AssociationFactory(opening_hours=STRUCTURE_HOURS)
    return factories.ServiceFactory(association=association, name="Douches", opening_hours="")


@pytest.fixture
def member_client(client, member_of, service):
    moderation(False)
    client.force_login(member_of(service.association))
    return client


def post(client, service, **fields):
    return client.post(url(service), {**EMPTY_DAYS, "osm": service.opening_hours, **fields})


def own_slots(service) -> list[tuple]:
    rows = OpeningSlot.objects.filter(service=service)
    return list(rows.values_list("weekday", "opens", "closes", "holidays_closed"))


def test_days_become_the_services_own_rule_and_its_slots(member_client, service):
    structure_slots = list(OpeningSlot.objects.filter(service=None).values_list("pk", flat=True))
    response = post(member_client, service, d1_open1="09:00", d1_close1="12:00", ph_closed="on")
    assert response.status_code == 302
    assert response["Location"] == f"/annuaire/{service.association.slug}/espace/"
    service.refresh_from_db()
    assert service.opening_hours == "Tu 09:00-12:00; PH off"
    assert own_slots(service) == [(1, 540, 720, True)]
    # The structure's own table is left as it was.
    assert list(OpeningSlot.objects.filter(service=None).values_list("pk", flat=True)) == structure_slots
    # And back: the editor shows what was saved, and the public card shows the service's hours.
    content = member_client.get(url(service)).content.decode()
    assert 'name="d1_open1" value="09:00"' in content
    assert 'name="ph_closed" id="id_ph_closed" checked' in content
    card = member_client.get(service.association.get_absolute_url()).content.decode()
    assert "Mardi\u00a0: 9\u00a0h – 12\u00a0h" in card


def test_an_empty_editor_means_the_structures_hours_apply(member_client, service):
    Service.objects.filter(pk=service.pk).update(opening_hours="Mo 08:00-10:00")
    service.refresh_from_db()
    service_derived_refresh(service=service, changed={"opening_hours"})  # builds its slots
    assert own_slots(service)
    content = member_client.get(url(service)).content.decode()
    assert "laissez tous les créneaux vides" in content.lower()
    assert post(member_client, service).status_code == 302
    service.refresh_from_db()
    assert service.opening_hours == "" and own_slots(service) == []
    content = member_client.get(url(service)).content.decode()
    assert "Ce service n'a pas d'horaires propres" in content
    assert "les horaires de la structure s'appliquent (Du lundi au vendredi" in content


def test_typed_osm_and_an_exceptional_closure_are_saved(member_client, service):
    response = post(
        member_client,
        service,
        osm="Mo,We 08:00-10:00",
        closed_from="2026-12-21",
        closed_until="2027-01-03",
        closure_message="Travaux dans les douches",
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.opening_hours == "Mo,We 08:00-10:00"
    assert (str(service.closed_from), str(service.closed_until)) == ("2026-12-21", "2027-01-03")
    assert service.closure_message == "Travaux dans les douches"
    assert len(own_slots(service)) == 2


def test_nothing_changed_saves_nothing(member_client, service):
    response = member_client.post(url(service), {**EMPTY_DAYS, "osm": ""}, follow=True)
    assert "Aucune modification à enregistrer." in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_moderated_like_any_other_service_change(client, member_of, service, staff_user):
    moderation(True)
    client.force_login(member_of(service.association))
    response = post(client, service, d1_open1="09:00", d1_close1="12:00", ph_closed="on")
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert (proposal.kind, proposal.service_id) == (ProposalKind.SERVICE_UPDATE, service.pk)
    assert proposal.payload == {"opening_hours": "Tu 09:00-12:00; PH off"}
    service.refresh_from_db()
    assert service.opening_hours == "" and own_slots(service) == []
    change_proposal_approve(proposal=proposal, by=staff_user)
    service.refresh_from_db()
    assert service.opening_hours == "Tu 09:00-12:00; PH off"
    assert own_slots(service) == [(1, 540, 720, True)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"d0_open1": "14:00", "d0_close1": "12:00"},
            "La fermeture (12\u00a0h) doit venir après l&#x27;ouverture (14\u00a0h).",
        ),
        (
            {"d1_open1": "09:00", "d1_close1": "13:00", "d1_open2": "12:00", "d1_close2": "17:00"},
            "Les deux créneaux de la journée se chevauchent.",
        ),
        ({"d3_open1": "9h", "d3_close1": "12:00"}, "Heure illisible"),
        ({"osm": "Mo-Fr 09:00-12:00; XH off"}, "Horaires illisibles"),
        (
            {"closed_from": "2027-01-03", "closed_until": "2026-12-21"},
            "La fin de la fermeture précède son début.",
        ),
    ],
)
@pytest.mark.parametrize("moderated", [False, True])
def test_bad_hours_get_a_french_error_and_nothing_is_saved(
    client, member_of, service, fields, message, moderated
):
    moderation(moderated)
    client.force_login(member_of(service.association))
    response = post(client, service, **fields)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    for value in fields.values():  # what was typed is shown again
        assert f'value="{value}"' in content
    service.refresh_from_db()
    assert (service.opening_hours, service.closed_from, service.closed_until) == ("", None, None)
    assert own_slots(service) == [] and not ChangeProposal.objects.exists()


def test_the_service_form_links_to_the_editor(member_client, service):
    page = f"/annuaire/{service.association.slug}/espace/services/{service.pk}/"
    assert f'href="{url(service)}"' in member_client.get(page).content.decode()


def test_head_answers_and_other_methods_are_refused(member_client, service):
    head = member_client.head(url(service))
    assert head.status_code == 200 and head.content == b""
    assert member_client.put(url(service)).status_code == 405
    assert member_client.delete(url(service)).status_code == 405


def test_anonymous_is_sent_to_log_in(client, service):
    for response in (client.get(url(service)), post(client, service, d1_open1="09:00", d1_close1="12:00")):
        assert response.status_code == 302 and response["Location"].startswith("/comptes/login/?next=")
    service.refresh_from_db()
    assert service.opening_hours == ""


def test_a_non_member_is_refused(client, user, service):
    client.force_login(user)
    assert client.get(url(service)).status_code == 403
    assert post(client, service, d1_open1="09:00", d1_close1="12:00").status_code == 403
    service.refresh_from_db()
    assert service.opening_hours == ""


def test_another_structures_service_is_404(client, member_of, service):
    moderation(False)
    mine = factories.AssociationFactory()
    client.force_login(member_of(mine))
    foreign = f"/annuaire/{mine.slug}/espace/services/{service.pk}/horaires/"
    assert client.get(foreign).status_code == 404
    response = client.post(foreign, {**EMPTY_DAYS, "d1_open1": "09:00", "d1_close1": "12:00"})
    assert response.status_code == 404
    service.refresh_from_db()
    assert service.opening_hours == ""


def test_a_refusal_on_a_field_the_editor_lacks_is_shown_above_the_form(member_client, service):
    """A service saved before a rule existed fails full_clean() on a field of its own form."""
    Service.objects.filter(pk=service.pk).update(publics=["tous-publics", "familles"])
    response = post(member_client, service, d1_open1="09:00", d1_close1="12:00")
    assert response.status_code == 200
    assert "« Tous publics » ne se combine pas avec d&#x27;autres publics." in response.content.decode()
    service.refresh_from_db()
    assert service.opening_hours == ""
