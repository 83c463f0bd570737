"""A structure's sheet keeps its structure by id (issue 19.4): after a change of slug (the admin
allows one) its status page, etat.json and download still answer, for staff and members alike
(they answered 500, Association.DoesNotExist in can_request); once the structure is deleted they
answer 404; rows saved with a slug are migrated to the id."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from associations.structures.models import Association
from indicators.observatoire import documents
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import GeneratedDocument, params_key

from .network import campaigns, structures, validated_sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def produced(db, django_capture_on_commit_callbacks):
    """A structure's sheet produced, asked for by its slug as the command line does."""
    (c2024, c2025), indicators = campaigns()
    for campaign in (c2024, c2025):
        validated_sheets(
            structures(3, prefix=f"r{campaign.year}"), campaign, indicators, lambda i, a: {"personnes": 5}
        )
    association = Association.objects.get(slug="structure-r20250000")
    with django_capture_on_commit_callbacks(execute=True):
        document = document_services.document_request(
            kind=documents.STRUCTURE, params={"structure": association.slug}
        )
    document.refresh_from_db()
    assert document.status == "done", document.error
    assert document.params == {"structure": association.pk}
    return association, document


def _pages(document):
    return [
        reverse("core:document_status", args=[document.pk]),
        reverse("core:document_status_json", args=[document.pk]),
        reverse("core:document_file", args=[document.pk]),
    ]


def test_a_change_of_slug_keeps_the_sheet_for_staff_and_members(client, staff_user, member_of, produced):
    association, document = produced
    Association.objects.filter(pk=association.pk).update(slug="nouveau-nom")
    member = member_of(association, role="member")
    for user in (staff_user, member):
        client.force_login(user)
        for url in _pages(document):
            assert client.get(url).status_code == 200, (user, url)
    # The page of the structure (new slug) finds the same row.
    response = client.get(reverse("observatoire:structure_report", args=["nouveau-nom"]))
    assert response.status_code == 302
    assert GeneratedDocument.objects.filter(kind=documents.STRUCTURE).count() == 1


def test_a_deleted_structure_makes_its_sheet_a_404(client, staff_user, produced):
    association, document = produced
    association.sheets.all().delete()
    Association.objects.filter(pk=association.pk).delete()
    client.force_login(staff_user)
    for url in _pages(document):
        response = client.get(url)
        assert response.status_code == 404, url


def test_rows_saved_with_a_slug_are_migrated_to_the_id(produced):
    association, document = produced
    old = {"structure": association.slug}
    GeneratedDocument.objects.filter(pk=document.pk).update(params=old, params_key=params_key(old))
    migration = importlib.import_module("indicators.migrations.0005_document_params_structure_ids")
    migration.slugs_to_ids(apps, None)
    document.refresh_from_db()
    assert document.params == {"structure": association.pk}
    assert document.params_key == params_key({"structure": association.pk})


def test_the_reports_list_names_each_structure_in_bounded_queries(
    client, staff_user, produced, django_assert_max_num_queries
):
    association, document = produced
    for other in Association.objects.filter(slug__startswith="structure-r2024")[:2]:
        GeneratedDocument.objects.create(
            kind=documents.STRUCTURE, params={"structure": other.pk}, storage_area="private"
        )
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("observatoire:reports")).content.decode()
    assert f"Fiche structure « {association.name} »" in html.replace("&nbsp;", "\u00a0")
    assert "Fichier produit le " in html
