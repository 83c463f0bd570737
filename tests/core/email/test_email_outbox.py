"""The e-mail outbox: written in the caller's transaction, sent after commit, kept and retried
when delivery fails, visible and re-queueable by staff; a failure never reaches the user."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from associations.volunteering.models import VolunteerInterest
from solidaire.core.email.services import email_send
from solidaire.core.email.tasks import flush_outbox
from tests.associations.factories import VolunteerMissionFactory
from tests.associations.volunteering.test_volunteering import interest_data
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db
TEMPLATE = "associations/volunteering/emails/interest_received"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    """aiosmtpd handler keeping what it receives."""

    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(envelope.content)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_settings(settings):
    """Deliver through SMTP to a local port where, at first, nothing listens."""
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return port


def test_an_email_is_written_in_the_callers_transaction_and_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_send(template=TEMPLATE, context=_interest_context(), to=["a@example.org"])
        # Queued in the outbox, nothing sent while the transaction is open.
        assert Email.objects.get().status == STATUS.queued
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert Email.objects.get().status == STATUS.sent
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_rolled_back_change_takes_its_email_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_send(template=TEMPLATE, context=_interest_context(), to=["a@example.org"])
        raise RuntimeError("the change fails")
    assert not Email.objects.exists()


def test_smtp_down_the_user_sees_success_and_the_email_waits_then_goes_out(
    client, smtp_settings, django_capture_on_commit_callbacks
):
    """The fault test of issue #9: the bénévolat form posted while the SMTP server is down."""
    mission = VolunteerMissionFactory(association=AssociationFactory(name="Épicerie", email="c@epicerie.fr"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mission.get_absolute_url(), interest_data(), follow=True)
    assert response.status_code == 200
    assert "votre proposition a bien été envoyée à Épicerie" in response.content.decode()
    assert VolunteerInterest.objects.count() == 1
    # The structure's notification (the volunteer's acknowledgement waits beside it).
    waiting = Email.objects.get(to=["c@epicerie.fr"])
    assert waiting.status == STATUS.requeued and waiting.number_of_retries == 1
    assert waiting.scheduled_time > timezone.now() + timedelta(minutes=20)  # retried later, not now
    assert waiting.logs.get().status == STATUS.failed  # the error is kept for staff

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings)
    controller.start()
    try:
        # The retry interval has passed: the periodic flush (beat) sends it.
        Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))
        flush_outbox()
    finally:
        controller.stop()
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert len(inbox.messages) == Email.objects.count() == 2
    assert any(b"c@epicerie.fr" in message for message in inbox.messages)


def test_delivery_gives_up_after_the_retries_and_staff_can_requeue(
    client, staff_user, settings, smtp_settings, django_capture_on_commit_callbacks
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 1}
    with django_capture_on_commit_callbacks(execute=True):
        email_send(template=TEMPLATE, context=_interest_context(), to=["a@example.org"])
    Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))
    flush_outbox()
    failed = Email.objects.get()
    assert failed.status == STATUS.failed
    assert failed.logs.filter(status=STATUS.failed).count() == 2

    client.force_login(staff_user)
    listing = client.get("/gestion/post_office/email/")
    assert listing.status_code == 200
    assert "a@example.org" in listing.content.decode()
    client.post(
        "/gestion/post_office/email/",
        {"action": "requeue", "_selected_action": [failed.pk]},
    )
    assert Email.objects.get().status == STATUS.queued


def test_allauth_emails_go_through_the_outbox(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            "/comptes/signup/",
            {
                "full_name": "Nouvelle Personne",
                "email": "nouvelle@example.org",
                "password1": "une-phrase-secrete",
                "password2": "une-phrase-secrete",
            },
        )
    queued = Email.objects.get()
    assert queued.to == ["nouvelle@example.org"] and queued.status == STATUS.queued
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert Email.objects.get().status == STATUS.sent
    assert len(mail.outbox) == 1


def _interest_context() -> dict:
    mission = VolunteerMissionFactory()
    interest = VolunteerInterest(mission=mission, name="Camille", email="c@example.org", message="Bonjour")
    return {
        "interest": interest,
        "mission": mission,
        "association": mission.association,
        "forwarded_by_ccas": False,
    }


def test_a_mail_task_queued_before_the_upgrade_is_not_lost():
    from solidaire.core.email.tasks import send_email

    send_email(subject="Ancien envoi", body="Bonjour", to=["ancien@example.org"])
    assert Email.objects.get().status == STATUS.sent
    assert [m.subject for m in mail.outbox] == ["Ancien envoi"]
