"""The admin speaks French throughout: the outbox (post_office), the change history
(simple_history), the bulk delete's agreement, the greeting."""

from __future__ import annotations

import html
import re

import pytest
from post_office.models import STATUS, Email

from tests import factories

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True, full_name="Agent du CCAS")


def test_the_outbox_lists_its_emails_in_french(client, superuser):
    Email.objects.create(
        from_email="portail@example.org", to=["a@example.org"], subject="Bonjour", status=STATUS.failed
    )
    Email.objects.create(
        from_email="portail@example.org", to=["b@example.org"], subject="Relance", status=STATUS.queued
    )
    client.force_login(superuser)
    page = _text(client.get("/gestion/post_office/email/"))
    english_labels = ("Message-ID", "Requeue selected emails", "Subject", "Status", "Last updated", "failed")
    for english in (*english_labels, "queued"):
        assert english not in page, english
    french_labels = ("identifiant du message", "Objet", "Statut", "Dernière mise à jour", "échec")
    for french in (*french_labels, "en attente"):
        assert french.lower() in page.lower(), french
    assert "Remettre en file d'attente les e-mails sélectionnés" in page
    assert "E-mails" in _text(client.get("/gestion/"))

    logs = _text(client.get("/gestion/post_office/log/"))
    assert "journaux d'envoi" in logs.lower() and "Logs" not in logs


def test_requeue_says_what_it_did_in_french(client, superuser):
    email = Email.objects.create(from_email="p@example.org", to=["a@example.org"], status=STATUS.failed)
    client.force_login(superuser)
    response = client.post(
        "/gestion/post_office/email/",
        {"action": "requeue", "_selected_action": [email.pk]},
        follow=True,
    )
    email.refresh_from_db()
    assert email.status == STATUS.queued
    assert "1 e-mail remis en file d'attente." in _text(response)


def test_the_history_columns_and_filters_are_french(client, superuser):
    factories.AssociationFactory(name="Épicerie des Sablons")
    client.force_login(superuser)
    page = _text(client.get("/gestion/history/historicalassociation/"))
    for english in ("History date", "History type", "History user", "history type", "history date"):
        assert english.lower() not in page.lower(), english
    assert "type de changement" in page.lower() and "création" in page


def test_bulk_delete_agrees_with_the_records_gender(client, superuser):
    factories.ServiceFactory(association=factories.AssociationFactory())
    client.force_login(superuser)
    structures = _text(client.get("/gestion/associations/association/"))
    assert "Supprimer les structures sélectionnées" in structures
    assert "sélectionnés" not in structures
    services = _text(client.get("/gestion/associations/service/"))
    assert "Supprimer les services sélectionnés" in services


def test_the_bulk_delete_still_deletes(client, superuser):
    from associations.structures.models import Thematique

    theme = Thematique.objects.create(slug="alimentation", label="Alimentation")
    client.force_login(superuser)
    url = "/gestion/associations/thematique/"
    confirm = client.post(url, {"action": "delete_selected", "_selected_action": [theme.pk]})
    assert confirm.status_code == 200 and "Voulez-vous vraiment" in _text(confirm)
    client.post(url, {"action": "delete_selected", "_selected_action": [theme.pk], "post": "yes"})
    assert not Thematique.objects.filter(pk=theme.pk).exists()


def test_the_greeting_names_the_person(client, superuser):
    client.force_login(superuser)
    page = _text(client.get("/gestion/"))
    assert "Bienvenue, Agent." not in page
    assert "Bienvenue, Agent du CCAS" in page
    assert "Aucun(e)" not in page
