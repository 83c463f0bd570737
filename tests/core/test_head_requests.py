"""HEAD answers wherever GET does (monitoring probes and link checkers use HEAD)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import factories
from tests.associations.factories import VolunteerMissionFactory

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["solidaire", "associations", "charter", "indicators", "events", "congress"]


@pytest.mark.django_db
def test_public_pages_answer_head_like_get(client):
    association = factories.AssociationFactory()
    mission = VolunteerMissionFactory()
    urls = [
        "/",
        "/healthz",
        "/annuaire/",
        association.get_absolute_url(),
        "/benevolat/",
        mission.get_absolute_url(),  # a GET/POST form page
        "/charte/",
        "/evenements/",
        "/congres/",
    ]
    for url in urls:
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code, url
        assert head.status_code != 405, url
        assert head.content == b"", url


def test_no_view_accepts_get_without_head():
    offenders = []
    pattern = re.compile(r"require_GET\b|require_http_methods\(\[([^\]]*)\]\)")
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for match in pattern.finditer(path.read_text()):
                methods = match.group(1)
                if methods is None or ('"GET"' in methods and '"HEAD"' not in methods):
                    offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == [], "use require_safe, or list HEAD next to GET"
