"""Open data exports in the data·inclusion v1 schema; the staff CSV."""

import json

import pytest
from data_inclusion.schema import v1
from django.http import StreamingHttpResponse

from tests import factories

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)  # streamed, never built in memory
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def directory(thematique):
    full = factories.AssociationFactory(
        name="Secours populaire.",
        slug="secours-populaire",
        summary="Aide alimentaire",
        mission="Pour tous",
        siret="73282932000074",
        street="1 rue A",
        postcode="72000",
        phone="02 43 00 00 00",
        email="contact@sp.example.org",
        website="https://sp.example.org",
        opening_hours="Mo-Fr 09:00-12:00; PH off",
        latitude="48.000900",
        longitude="0.181400",
    )
    factories.DirectoryServiceFactory(
        association=full,
        name="Libre-service",
        description="Aide alimentaire en libre-service",
        thematiques=[thematique],
        publics=["familles", "enfants"],
        fee="payant",
        fee_details="1 € le panier",
        access_conditions=["sur-rendez-vous"],
        access_details="Justificatif de ressources",
        modes=["sur-place", "a-distance"],
    )
    factories.DirectoryServiceFactory(association=full, name="Ok", description="", publics=["tous-publics"])
    bare = factories.AssociationFactory(name="Asso", summary="", postcode="", phone="")
    factories.DirectoryServiceFactory(association=bare, publics=[], access_conditions=[], modes=[], fee="")
    factories.AssociationFactory(name="Brouillon", status="draft")
    return full


def test_structures_json_validates_against_data_inclusion_schema(client, directory):
    rows = json.loads(body(client.get("/annuaire/export/structures.json")))
    assert len(rows) == 2  # drafts are not published
    for row in rows:
        v1.Structure.model_validate(row)
    full = next(r for r in rows if r["id"] == "le-mans-solidaire--secours-populaire")
    assert full["nom"] == "Secours populaire"  # no trailing dot
    assert full["siret"] == "73282932000074"
    assert full["telephone"] == "+33243000000"
    assert full["latitude"] == pytest.approx(48.0009)
    assert full["horaires_accueil"] == "Mo-Fr 09:00-12:00; PH off"


def test_services_json_validates_against_data_inclusion_schema(client, directory):
    rows = json.loads(body(client.get("/annuaire/export/services.json")))
    assert len(rows) == 3
    for row in rows:
        v1.Service.model_validate(row)
    service = next(r for r in rows if r["nom"] == "Libre-service")
    assert service["structure_id"] == "le-mans-solidaire--secours-populaire"
    assert service["thematiques"] == ["equipement-et-alimentation--alimentation"]
    assert service["publics"] == ["familles"]  # the local public "enfants" is not exported
    assert service["frais"] == "payant"
    assert sorted(service["modes_accueil"]) == ["a-distance", "en-presentiel"]
    assert "Sur rendez-vous" in service["conditions_acces"]


def test_csv_export_is_for_staff_and_neutralises_formulas(client, staff_user, user):
    factories.AssociationFactory(name='=HYPERLINK("http://evil")', summary="")
    assert client.get("/annuaire/export/structures.csv").status_code == 302
    client.force_login(user)
    assert client.get("/annuaire/export/structures.csv").status_code == 403
    client.force_login(staff_user)
    response = client.get("/annuaire/export/structures.csv")
    content = body(response)
    assert response["Content-Type"].startswith("text/csv")
    assert content.splitlines()[0].lstrip("\ufeff").startswith("Nom;Type;Statut")
    assert "'=HYPERLINK" in content


def test_staff_csv_is_french(client, staff_user):
    from decimal import Decimal

    factories.AssociationFactory(
        name="Budget", budget=Decimal("12500.50"), opening_hours="Mo-Fr 09:00-12:00", status="published"
    )
    client.force_login(staff_user)
    lines = body(client.get("/annuaire/export/structures.csv")).lstrip("\ufeff").splitlines()
    header = lines[0].split(";")
    row = dict(
        zip(header, next(line for line in lines if line.startswith("Budget;")).split(";"), strict=True)
    )
    assert row["Statut"] == "Publiée"
    assert row["Budget"] == "12500,5"
    assert "lundi" in row["Horaires"].lower()
    day, month, year = row["Mise à jour"].split("/")
    assert len(day) == 2 and len(month) == 2 and len(year) == 4
