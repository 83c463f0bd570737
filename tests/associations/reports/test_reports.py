"""The card error reports (issue #13): sent once to the structure's admins and the CCAS, bots and
floods refused."""

import pytest
from django.core import mail

from associations.reports.models import CardReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_reporting_an_error_tells_the_admins_and_the_ccas(
    client, member_of, settings, django_capture_on_commit_callbacks
):
    association = factories.AssociationFactory(name="Épicerie du Cœur")
    admin = member_of(association, role="admin")
    data = {"topic": "hours", "message": "Fermé le lundi depuis septembre.", "email": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/annuaire/{association.slug}/signaler/", data)
        client.post(f"/annuaire/{association.slug}/signaler/", data)  # sent twice
    assert response.status_code == 302
    assert CardReport.objects.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([settings.CCAS_CONTACT_EMAIL, admin.email])
    assert "Fermé le lundi depuis septembre." in mail.outbox[0].body
    assert (
        "Signaler une erreur sur cette fiche" in client.get(association.get_absolute_url()).content.decode()
    )


def test_report_errors_bots_and_floods(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "card_report": (3, 3600)}  # every POST counts
    association = factories.AssociationFactory()
    url = f"/annuaire/{association.slug}/signaler/"
    response = client.post(url, {"topic": "martiens", "message": ""})
    content = response.content.decode()
    assert response.status_code == 200 and "Sélectionnez un choix valide" in content
    assert "Ce champ est obligatoire." in content
    assert client.post(url, {"topic": "hours", "message": "x", "site_web": "spam"}).status_code == 302
    assert not CardReport.objects.exists()
    client.post(url, {"topic": "hours", "message": "premier"})
    assert client.post(url, {"topic": "hours", "message": "second"}).status_code == 429
    assert CardReport.objects.count() == 1
    assert client.get("/annuaire/brouillon-inconnu/signaler/").status_code == 404
