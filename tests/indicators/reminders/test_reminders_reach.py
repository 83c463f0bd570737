"""Reminders that reach people: remind every late structure at once, list those nobody can be
reached at, one reminder per structure and day (double clicks included), a named contact."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.reminders.models import Reminder
from indicators.reminders.services import reminder_send, reminders_send_late
from indicators.sheets.models import CampaignContact
from tests.factories import AssociationFactory
from tests.indicators.factories import SheetFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def structures(campaign, member_of):
    """A structure with a member, one with only a public address, one unreachable, one done."""
    with_member = AssociationFactory(name="Avec membre")
    member_of(with_member)
    public = AssociationFactory(name="Adresse publique", email="contact@publique.fr")
    unreachable = AssociationFactory(name="Injoignable", email="")
    done = AssociationFactory(name="Déjà transmise", email="done@ok.fr")
    SheetFactory(association=done, campaign=campaign, status="submitted")
    return {"member": with_member, "public": public, "unreachable": unreachable, "done": done}


def remind_all(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("indicators:remind_all", kwargs={"year": 2026}), follow=True)


def test_remind_all_late_structures_and_list_the_unreachable(
    client, staff_user, structures, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    response = remind_all(client, django_capture_on_commit_callbacks)
    page = text(response)
    assert "2 relances envoyées" in page
    assert "1 structure sans adresse" in page
    reminded = set(Reminder.objects.values_list("association__name", flat=True))
    assert reminded == {"Avec membre", "Adresse publique"}
    assert len(mail.outbox) == 2
    # The unreachable one is listed with a link to complete its card.
    assert reverse("associations:card_edit", kwargs={"slug": structures["unreachable"].slug}) in page


def test_a_second_click_sends_nothing_more(
    client, staff_user, structures, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    remind_all(client, django_capture_on_commit_callbacks)
    response = remind_all(client, django_capture_on_commit_callbacks)
    assert "Aucune relance envoyée" in text(response)
    assert "2 structures déjà relancées aujourd'hui" in text(response)
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 2


def test_one_reminder_per_structure_and_day(
    client, staff_user, structures, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = reverse("indicators:remind", kwargs={"year": 2026, "slug": structures["public"].slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        response = client.post(url, follow=True)
    assert "déjà été relancée aujourd'hui" in text(response)
    assert Reminder.objects.filter(association=structures["public"]).count() == 1
    assert len(mail.outbox) == 1


def test_reminder_to_a_structure_without_address_is_a_clear_error(staff_user, campaign, structures):
    with pytest.raises(ValidationError) as exc:
        reminder_send(
            campaign=campaign, association=structures["unreachable"], kind="manual", user=staff_user
        )
    assert "Aucune adresse e-mail connue pour « Injoignable »" in exc.value.messages[0]
    assert not Reminder.objects.exists()


def test_the_named_contact_receives_the_campaign_emails(
    staff_user, campaign, structures, django_capture_on_commit_callbacks
):
    CampaignContact.objects.create(association=structures["member"], email="tresoriere@asso.fr")
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_late(campaign=campaign, user=staff_user)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["contact@publique.fr", "tresoriere@asso.fr"]
    assert any("dimanche 31 janvier 2027" in message.body for message in mail.outbox)


def test_an_association_admin_names_who_receives_campaign_emails(client, association, member_of, campaign):
    admin = member_of(association, role="admin")
    client.force_login(admin)
    url = reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})
    bad = client.post(url, {"action": "contact", "contact-email": "pas-une-adresse"})
    assert bad.status_code == 400
    assert "Saisissez une adresse e-mail valide" in text(bad)
    assert 'value="pas-une-adresse"' in bad.content.decode()  # what was typed is kept
    client.post(url, {"action": "contact", "contact-email": "tresoriere@asso.fr", "contact-name": "Anne"})
    assert CampaignContact.objects.get(association=association).email == "tresoriere@asso.fr"


def test_a_plain_member_cannot_name_the_contact(client, association, member_of, campaign):
    client.force_login(member_of(association, role="member"))
    url = reverse("indicators:sheet", kwargs={"slug": association.slug, "year": 2026})
    assert "contact-email" not in client.get(url).content.decode()
    assert client.post(url, {"action": "contact", "contact-email": "x@y.fr"}).status_code == 403
    assert not CampaignContact.objects.exists()
