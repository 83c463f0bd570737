"""Every id an input of the sheet names in `aria-describedby` is on the page (the Nu HTML
Checker refuses a reference to a missing id): last year's hint always, the error once there is one."""

from __future__ import annotations

import re

import pytest

from tests.indicators.conftest import post_data

from .test_sheet import GOOD, url

pytestmark = pytest.mark.django_db


def _dangling(page: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    named = [i for refs in re.findall(r'aria-describedby="([^"]+)"', page) for i in refs.split()]
    return [i for i in named if i not in ids]


def test_described_by_ids_exist_on_a_fresh_and_on_a_refused_sheet(client, association, member, indicators):
    client.force_login(member)
    page = client.get(url(association)).content.decode()
    assert 'aria-describedby="id_i_personnes_prev"' in page
    assert _dangling(page) == []

    refused = client.post(url(association), post_data(indicators, **{**GOOD, "personnes": "dix"}))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'aria-describedby="id_i_personnes_prev id_i_personnes_error"' in page
    assert _dangling(page) == []
