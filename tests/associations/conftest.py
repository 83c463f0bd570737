import pytest

from associations.models import Thematique


@pytest.fixture
def thematique(db):
    """A thematique from the seeded local taxonomy (data migration)."""
    return Thematique.objects.get(slug="aide-alimentaire")
