import pytest

from associations.structures.models import Thematique
from associations.structures.services import thematiques_sync


@pytest.fixture
def thematique(db):
    """A thematique of the local taxonomy (re-synced: transactional tests flush the table)."""
    thematiques_sync()
    return Thematique.objects.get(slug="aide-alimentaire")
