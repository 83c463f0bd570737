"""The directory's results are cached per query string and shared by every visitor: nothing
that depends on who asked (or on parameters outside the cache key) may end up inside."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def many():
    return [factories.AssociationFactory() for _ in range(25)]


def test_cached_results_carry_nothing_of_the_first_visitor(client, many, staff_user):
    client.force_login(staff_user)
    first = client.get("/annuaire/?q=solidaire").content.decode()
    assert "Suivi des fiches (CCAS)" in first  # outside the cached fragment: per visitor
    client.logout()
    page = client.get("/annuaire/?q=solidaire").content.decode()
    assert "Suivi des fiches (CCAS)" not in page
    assert "csrfmiddlewaretoken" not in page
    assert staff_user.email not in page and "/gestion/" not in page


def test_pagination_links_only_carry_parameters_of_the_cache_key(client, many):
    """`format` was left out of the key, but the pagination links copied it: the first
    visitor's `?format=…` was served to everyone else."""
    client.get("/annuaire/?q=solidaire&format=piege")
    page = client.get("/annuaire/?q=solidaire").content.decode()
    links = re.findall(r'href="\?([^"]*page=2[^"]*)"', page)
    assert links and all("piege" not in link for link in links)
