"""A structure's members edit its card and services; CCAS staff moderate."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from associations.structures.models import Association, ChangeProposal, DirectorySettings, Service
from tests import factories

pytestmark = pytest.mark.django_db

CARD = {
    "name": "Épicerie des Sablons",
    "summary": "Produits à petit prix",
    "mission": "",
    "street": "1 rue des Sablons",
    "postcode": "72100",
    "city": "Le Mans",
    "quartier": "sablons",
    "latitude": "47.9958",
    "longitude": "0.2265",
    "phone": "02 43 00 00 00",
    "email": "contact@epicerie.example.org",
    "website": "https://epicerie.example.org",
    "horaires-osm": "Tu,Th 14:00-18:00; PH off",  # the hours editor's « pour qui le connaît »
    "languages": ["fr", "ar"],
    "pmr_accessible": "on",
    "accessibility_details": "",
    "rna": "W723001234",
    "siret": "73282932000074",
    "founded_on": "2014-05-30",
    "staff_employees": "5",
    "staff_board": "4",
    "staff_volunteers": "30",
    "staff_civic_service": "1",
    "budget": "200000",
    "network_labels": "Le Mans solidaire",
}


def moderation(on: bool) -> None:
    settings = DirectorySettings.get()
    settings.moderate_member_changes = on
    settings.save()


def test_member_edits_the_card_directly_when_moderation_is_off(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association))
    response = client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD)
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.name == "Épicerie des Sablons"
    assert association.siret == "73282932000074"
    assert association.languages == ["fr", "ar"]
    assert str(association.budget) == "200000.00"
    assert association.opening_slots.count() == 2  # Tuesday and Thursday
    page = client.get(association.get_absolute_url()).content.decode()
    assert "Mardi" in page and "Signataire" not in page


def test_member_change_is_queued_then_approved_by_staff(
    client, association, member_of, staff_user, django_capture_on_commit_callbacks
):
    moderation(True)
    old_name = association.name
    member = member_of(association)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD, follow=True)
    assert "seront publiées après validation" in response.content.decode()
    association.refresh_from_db()
    assert association.name == old_name  # nothing published yet
    proposal = ChangeProposal.objects.get()
    assert proposal.payload["name"] == "Épicerie des Sablons"
    assert "phone" in proposal.payload
    assert any("Modification à valider" in m.subject for m in mail.outbox)

    client.force_login(staff_user)
    page = client.get("/annuaire/suivi/").content.decode()
    assert "Épicerie des Sablons" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": "approve"})
    association.refresh_from_db()
    assert association.name == "Épicerie des Sablons"
    assert association.founded_on == dt.date(2014, 5, 30)
    assert association.opening_hours == "Tu,Th 14:00-18:00; PH off"
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    assert any(member.email in m.to and "publiée" in m.subject for m in mail.outbox)


def test_staff_rejects_a_change_with_a_reason(client, association, member_of, staff_user):
    moderation(True)
    member = member_of(association)
    client.force_login(member)
    client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD)
    proposal = ChangeProposal.objects.get()
    client.force_login(staff_user)
    response = client.post(
        f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": "reject", "reason": ""}, follow=True
    )
    assert "Indiquez le motif du refus" in response.content.decode()
    client.post(
        f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": "reject", "reason": "Adresse erronée"}
    )
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert Association.objects.get(pk=association.pk).name != "Épicerie des Sablons"
    client.force_login(member)
    assert "Adresse erronée" in client.get(f"/annuaire/{association.slug}/espace/").content.decode()


def test_staff_changes_publish_directly_even_with_moderation(client, association, staff_user):
    moderation(True)
    client.force_login(staff_user)
    client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD)
    association.refresh_from_db()
    assert association.name == "Épicerie des Sablons"
    assert not ChangeProposal.objects.exists()


def test_invalid_card_redisplays_typed_values_with_french_errors(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association))
    bad = {
        **CARD,
        "rna": "723001234",
        "siret": "73282932000075",
        "phone": "12345",
        "email": "pas-un-email",
        "horaires-osm": "lundi 9h-12h",
        "postcode": "7200",
    }
    response = client.post(f"/annuaire/{association.slug}/espace/fiche/", bad)
    assert response.status_code == 200
    content = response.content.decode()
    assert "W suivi de 9 chiffres" in content or "commence par W" in content
    assert "clé de contrôle" in content
    assert "Numéro de téléphone invalide" in content
    assert "Saisissez une adresse de courriel valide" in content
    assert "Horaires illisibles" in content
    assert "Code postal : 5 chiffres" in content
    assert 'value="lundi 9h-12h"' in content  # typed values come back
    assert 'value="723001234"' in content
    assert 'id="id_rna_error"' in content
    association.refresh_from_db()
    assert association.rna == ""


def test_html_in_text_fields_is_escaped_on_output(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association))
    payload = {**CARD, "summary": '<script>alert("x")</script>', "mission": "<img src=x onerror=alert(1)>"}
    client.post(f"/annuaire/{association.slug}/espace/fiche/", payload)
    content = client.get(association.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content
    assert "<img src=x" not in content
    listing = client.get("/annuaire/", {"q": "script"}).content.decode()
    assert "<script>alert" not in listing


def test_non_member_cannot_edit(client, association, user):
    client.force_login(user)
    assert client.get(f"/annuaire/{association.slug}/espace/fiche/").status_code == 403
    assert (
        client.post(f"/annuaire/{association.slug}/espace/services/nouveau/", {"name": "x"}).status_code
        == 403
    )
    client.logout()
    response = client.get(f"/annuaire/{association.slug}/espace/fiche/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_member_adds_edits_and_deletes_a_service(client, association, member_of, thematique):
    moderation(False)
    client.force_login(member_of(association))
    data = {
        "name": "Colis alimentaires",
        "description": "Le mardi",
        "thematiques": [thematique.pk],
        "publics": ["familles"],
        "fee": "gratuit",
        "access_conditions": ["sur-orientation"],
        "modes": ["sur-place"],
        "closed_from": "",
        "closed_until": "",
    }
    client.post(f"/annuaire/{association.slug}/espace/services/nouveau/", data)
    service = Service.objects.get(association=association)
    assert list(service.thematiques.all()) == [thematique]
    assert service.publics == ["familles"]
    response = client.get("/annuaire/", {"q": "colis"})
    assert association.name in response.content.decode()  # search text follows services
    bad = {
        **data,
        "closed_from": "2026-12-10",
        "closed_until": "2026-12-01",
        "publics": ["tous-publics", "familles"],
    }
    response = client.post(f"/annuaire/{association.slug}/espace/services/{service.pk}/", bad)
    content = response.content.decode()
    assert "La fin de la fermeture précède son début" in content
    assert "ne se combine pas" in content
    client.post(f"/annuaire/{association.slug}/espace/services/{service.pk}/supprimer/")
    assert not Service.objects.filter(pk=service.pk).exists()


def test_service_of_another_structure_is_404(client, association, member_of):
    other = factories.DirectoryServiceFactory()
    client.force_login(member_of(association))
    assert client.get(f"/annuaire/{association.slug}/espace/services/{other.pk}/").status_code == 404


def test_logo_upload_checks_type_and_size(client, association, member_of):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    moderation(False)
    client.force_login(member_of(association))
    url = f"/annuaire/{association.slug}/espace/fiche/"
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    content = client.post(url, {**CARD, "logo": fake}).content.decode()
    assert "image" in content and "field-invalid" in content
    buffer = BytesIO()
    Image.effect_noise((1200, 1200), 100).convert("RGB").save(buffer, "PNG")
    assert buffer.tell() > 1024 * 1024
    big = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    content = client.post(url, {**CARD, "logo": big}).content.decode()
    assert "dépasse 1 Mo" in content
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "red").save(buffer, "PNG")
    ok = SimpleUploadedFile("ok.png", buffer.getvalue(), content_type="image/png")
    assert client.post(url, {**CARD, "logo": ok}).status_code == 302
    association.refresh_from_db()
    assert association.logo.name.startswith("associations/logos/")


def test_member_sees_last_update_and_can_confirm(client, association, member_of):
    client.force_login(member_of(association))
    page = client.get(f"/annuaire/{association.slug}/espace/").content.decode()
    assert "Fiche mise à jour le" in page
    client.post(f"/annuaire/{association.slug}/espace/verifiee/")
    association.refresh_from_db()
    assert association.last_verified_at is not None


def test_stale_cards_are_flagged_to_staff(client, staff_user):
    old = factories.AssociationFactory(name="Vieille fiche")
    Association.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=400))
    confirmed = factories.AssociationFactory(name="Vérifiée récemment")
    Association.objects.filter(pk=confirmed.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=400),
        last_verified_at=timezone.now() - dt.timedelta(days=10),
    )
    factories.AssociationFactory(name="Fraîche")
    client.force_login(staff_user)
    page = client.get("/annuaire/suivi/").content.decode()
    table = page[page.index('data-testid="stale-table"') :]
    assert "Vieille fiche" in table
    assert "Vérifiée récemment" not in table and "Fraîche" not in table
    admin = client.get("/gestion/associations/association/", {"a_verifier": "oui"})
    assert "Vieille fiche" in admin.content.decode()
    assert "Fraîche" not in admin.content.decode()


def test_staff_page_is_for_staff_only(client, user):
    client.force_login(user)
    assert client.get("/annuaire/suivi/").status_code == 403
    assert client.post("/annuaire/suivi/campagne/").status_code == 403


def test_update_campaign_mails_each_structure_once(
    client, staff_user, member_of, django_capture_on_commit_callbacks
):
    a = factories.AssociationFactory()
    member = member_of(a)
    b = factories.AssociationFactory(email="contact@b.example.org")
    factories.AssociationFactory(status="draft", email="draft@example.org")
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/annuaire/suivi/campagne/", follow=True)
    assert "2 structures recevront" in response.content.decode()
    reminders = [m for m in mail.outbox if "Merci de vérifier votre fiche" in m.subject]
    assert sorted(r for m in reminders for r in m.to) == sorted([member.email, b.email])
    assert f"/annuaire/{a.slug}/espace/" in reminders[0].body + reminders[1].body
    assert "://" in reminders[0].body  # absolute link
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/annuaire/suivi/campagne/")  # a second click does not spam
    assert not [m for m in mail.outbox if "Merci de vérifier" in m.subject]


def test_moderated_logo_waits_aside_then_is_published(client, association, member_of, staff_user):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    moderation(True)
    client.force_login(member_of(association))
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "blue").save(buffer, "PNG")
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    client.post(f"/annuaire/{association.slug}/espace/fiche/", {**CARD, "logo": logo})
    association.refresh_from_db()
    assert not association.logo
    proposal = ChangeProposal.objects.get()
    assert proposal.payload["logo"].startswith("associations/pending/")
    client.force_login(staff_user)
    page = client.get("/annuaire/suivi/").content.decode()
    assert "Numéro RNA" in page  # French labels, not field names
    client.post(f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": "approve"})
    association.refresh_from_db()
    assert association.logo.name.startswith("associations/logos/")
    assert association.logo.storage.exists(association.logo.name)


def test_unchanged_card_creates_no_proposal(client, association, member_of):
    moderation(False)
    client.force_login(member_of(association))
    client.post(f"/annuaire/{association.slug}/espace/fiche/", CARD)
    moderation(True)
    # As the page sends it back: the hours editor shows Tuesday and Thursday afternoons.
    same_hours = {
        "horaires-d1_open1": "14:00",
        "horaires-d1_close1": "18:00",
        "horaires-d3_open1": "14:00",
        "horaires-d3_close1": "18:00",
        "horaires-ph_closed": "on",
    }
    response = client.post(f"/annuaire/{association.slug}/espace/fiche/", {**CARD, **same_hours}, follow=True)
    assert "Aucune modification à enregistrer" in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_weekly_task_rebuilds_the_opening_table():
    from associations.directory.tasks import refresh_opening_slots
    from associations.structures.models import OpeningSlot

    association = factories.AssociationFactory(opening_hours="Mo-Fr 09:00-12:00")
    OpeningSlot.objects.all().delete()
    assert refresh_opening_slots() >= 1
    assert OpeningSlot.objects.filter(association=association).count() == 5
