"""The per-day hours editor (issue #13): volunteers enter days and slots, the portal writes OSM."""

import pytest

from associations.structures.hours import compose, decompose
from associations.structures.models import Association, DirectorySettings
from tests import factories

pytestmark = pytest.mark.django_db

EMPTY_DAYS = {f"d{day}_{part}": "" for day in range(7) for part in ("open1", "close1", "open2", "close2")}


@pytest.fixture
def admin_client(client, member_of):
    DirectorySettings.objects.update_or_create(pk=1, defaults={"moderate_member_changes": False})
    association = factories.AssociationFactory(opening_hours="")
    client.force_login(member_of(association, role="admin"))
    client.association = association
    client.url = f"/annuaire/{association.slug}/espace/horaires/"
    return client


def post(client, **fields):
    return client.post(client.url, {**EMPTY_DAYS, "osm": client.association.opening_hours, **fields})


def test_days_and_slots_become_the_osm_rule(admin_client):
    week = {}
    for day in range(5):
        week |= {
            f"d{day}_open1": "09:00",
            f"d{day}_close1": "12:00",
            f"d{day}_open2": "14:00",
            f"d{day}_close2": "17:00",
        }
    week |= {"d5_open1": "09:00", "d5_close1": "12:00", "ph_closed": "on"}
    response = post(admin_client, **week)
    assert response.status_code == 302
    association = Association.objects.get(pk=admin_client.association.pk)
    assert association.opening_hours == "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"
    assert association.opening_slots.count() == 11
    # And back: the editor shows what was saved.
    content = admin_client.get(admin_client.url).content.decode()
    assert (
        'name="d0_open2" value="14:00"' in content and 'name="ph_closed" id="id_ph_closed" checked' in content
    )


def test_typing_osm_stays_possible(admin_client):
    assert post(admin_client, osm="Tu,Th 14:00-18:00").status_code == 302
    assert Association.objects.get(pk=admin_client.association.pk).opening_hours == "Tu,Th 14:00-18:00"


def test_an_exceptional_closure_is_saved_with_the_hours(admin_client):
    response = post(
        admin_client, d0_open1="09:00", d0_close1="12:00", closed_from="2026-12-21", closed_until="2027-01-03"
    )
    assert response.status_code == 302
    association = Association.objects.get(pk=admin_client.association.pk)
    assert (str(association.closed_from), str(association.closed_until)) == ("2026-12-21", "2027-01-03")


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
        (
            {"d2_open1": "09:00"},
            "Indiquez l&#x27;heure d&#x27;ouverture et celle de fermeture de ce créneau.",
        ),
        ({"d3_open1": "9h", "d3_close1": "12:00"}, "Heure illisible"),
        ({"osm": "Mo-Fr 09:00-12:00; XH off"}, "Horaires illisibles"),
        (
            {"closed_from": "2027-01-03", "closed_until": "2026-12-21"},
            "La fin de la fermeture précède son début.",
        ),
    ],
)
def test_bad_hours_get_a_french_error_and_nothing_is_saved(admin_client, fields, message):
    response = post(admin_client, **fields)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
    assert Association.objects.get(pk=admin_client.association.pk).opening_hours == ""
    for name, value in fields.items():  # what was typed is shown again
        if name.startswith("d") and value:
            assert f'value="{value}"' in content


def test_compose_and_decompose():
    days = [[(540, 720)], [(540, 720)], [], [(540, 720)], [], [], []]
    assert compose(days, closed_on_holidays=False) == "Mo,Tu 09:00-12:00; Th 09:00-12:00"
    assert decompose("Mo,Tu 09:00-12:00; Th 09:00-12:00") == (days, False)
    assert decompose("Jul-Aug off; Mo 09:00-12:00") is None  # only the OSM field edits it
