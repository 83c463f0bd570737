"""The admin lists every new model for CCAS staff (French labels, filters, search)."""

from __future__ import annotations

import pytest

from tests.associations.factories import ActionFactory, VolunteerMissionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "action",
        "actiondimension",
        "actionkeyword",
        "actionpublic",
        "actionpartner",
        "actioninitiator",
        "volunteermission",
        "volunteerinterest",
        "volunteerskill",
    ],
)
def test_ccas_staff_see_the_changelists(client, staff_user, model):
    ActionFactory(title="Jardin partagé")
    VolunteerMissionFactory(title="Accueil du samedi")
    client.force_login(staff_user)
    response = client.get(f"/gestion/associations/{model}/?q=a")
    assert response.status_code == 200


def test_action_change_page_shows_french_sections(client, staff_user):
    action = ActionFactory(title="Jardin partagé")
    client.force_login(staff_user)
    content = client.get(f"/gestion/associations/action/{action.pk}/change/").content.decode()
    assert "Auto-évaluation" in content and "Raison d&#x27;être" in content
