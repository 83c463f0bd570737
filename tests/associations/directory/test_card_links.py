"""A structure's public card lists its open volunteer missions and the actions it organised."""

import pytest
from django.utils import timezone

from tests import factories
from tests.associations.factories import ActionFactory, VolunteerMissionFactory

pytestmark = pytest.mark.django_db


def test_card_lists_open_missions_and_actions(client):
    structure = factories.AssociationFactory(slug="centre-social-bellevue", kind="centre_social")
    VolunteerMissionFactory(association=structure, title="Accueil du samedi")
    VolunteerMissionFactory(
        association=structure, title="Mission terminée", status="closed", closed_at=timezone.now()
    )
    VolunteerMissionFactory(title="Mission d'une autre structure")
    action = ActionFactory(structure=structure, title="Atelier de conversation en français")

    content = client.get("/annuaire/centre-social-bellevue/").content.decode()

    assert "Accueil du samedi" in content
    assert "Mission terminée" not in content
    assert "Mission d'une autre structure" not in content
    assert f'href="{action.get_absolute_url()}"' in content
    assert "Atelier de conversation en français" in content


def test_card_without_missions_or_actions_has_no_empty_sections(client):
    factories.AssociationFactory(slug="sans-rien")
    content = client.get("/annuaire/sans-rien/").content.decode()
    assert "Missions de bénévolat" not in content
    assert "Actions menées" not in content
