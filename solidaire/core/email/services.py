"""E-mails go through one outbox (django-post-office's `Email` table).

A service renders the message and writes it to the outbox inside the caller's transaction: if
the change that causes the e-mail is rolled back, so is the e-mail. Once the transaction
commits, the service's own `enqueue_after_commit` asks the worker to flush the outbox
(`outbox_flush`); a failed delivery is
kept and retried later (POST_OFFICE's MAX_RETRIES × RETRY_INTERVAL, then the periodic flush),
and never reaches the user's response. Staff see sent / waiting / failed mails in the admin and
can re-queue them.
"""

from __future__ import annotations

from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from post_office import mail
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_message_id_enabled, get_message_id_fqdn
from post_office.signals import email_queued
from post_office.utils import create_attachments, parse_emails

from solidaire.core.email.links import site_context
from solidaire.core.runtime.queue import enqueue_after_commit

FLUSH_TASK = "solidaire.core.email.tasks.flush_outbox"


def email_render(*, template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and body of `<template>_subject.txt` and `<template>.txt`, rendered
    with the site's name and address (`site_context`) under the caller's context."""
    context = {**site_context(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    return subject, body


def _queue(
    *,
    recipients: list[str],
    sender: str,
    subject: str,
    body: str,
    html: str = "",
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    headers: dict | None = None,
    attachments: dict | None = None,
) -> Email:
    """One row in post_office's outbox, as `post_office.mail.send` writes it (addresses checked,
    a Message-ID, queued, attachments, the `email_queued` signal), except that the text is taken
    as it is: `mail.send` would render the subject and the body once more as Django templates, so
    a name typed as « {% x %} » on a form would fail the request (500), and that second
    rendering costs as much as the first."""
    try:
        recipients = parse_emails(recipients)
    except ValidationError as exc:
        raise ValidationError(f"recipients: {exc.message}") from None
    email = Email(
        from_email=sender,
        to=recipients,
        cc=parse_emails(cc or []),
        bcc=parse_emails(bcc or []),
        subject=subject,
        message=body,
        html_message=html,
        headers=headers,
        priority=PRIORITY.medium,
        status=STATUS.queued,
        message_id=make_msgid(domain=get_message_id_fqdn()) if get_message_id_enabled() else None,
    )
    email.save()  # post_office's save runs full_clean (the addresses, the dates)
    if attachments:
        email.attachments.add(*create_attachments(attachments))
    email_queued.send(sender=Email, emails=[email])
    return email


# No savepoint inside the caller's transaction (two round trips fewer per e-mail): nobody
# catches a failed outbox write to carry on, so it dooms the whole transaction either way,
# and the change that causes the e-mail is rolled back with it.
@transaction.atomic(savepoint=False)
def email_send(
    *,
    template: str,
    context: dict,
    to: list[str] | None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> Email:
    """Render `<template>_subject.txt` and `<template>.txt` and queue the e-mail in the outbox;
    it is sent once the transaction commits. `to=None` sends to the CCAS contact address.
    `attachments` are `(filename, content, mimetype)` triples (e.g. an `.ics`), kept with the
    queued e-mail."""
    recipients = to if to else [settings.CCAS_CONTACT_EMAIL]
    subject, body = email_render(template=template, context=context)
    email = _queue(
        recipients=list(recipients),
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        body=body,
        attachments={
            name: {"file": ContentFile(content, name=name), "mimetype": mimetype}
            for name, content, mimetype in attachments or []
        },
    )
    enqueue_after_commit(FLUSH_TASK)
    return email


@transaction.atomic
def email_queue_message(*, message: EmailMessage) -> Email:
    """Queue an e-mail built elsewhere (allauth's confirmation and password-reset mails) in the
    outbox, like `email_send` does."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    email = _queue(
        recipients=list(message.to),
        sender=message.from_email or settings.DEFAULT_FROM_EMAIL,
        cc=list(message.cc) or None,
        bcc=list(message.bcc) or None,
        subject=" ".join(str(message.subject).split()),
        body=message.body,
        html=html,
        headers=dict(message.extra_headers) or None,
    )
    enqueue_after_commit(FLUSH_TASK)
    return email


def outbox_flush() -> tuple[int, int, int]:
    """Send every queued e-mail that is due; returns (sent, failed for good, re-queued).

    Delivery errors are caught per e-mail by post_office: the mail is re-queued for later
    (RETRY_INTERVAL) until MAX_RETRIES, then marked failed with the error in its log."""
    totals = [0, 0, 0]
    # Each round sends a batch (BATCH_SIZE); stop when nothing due is left or nothing moved.
    while mail.get_queued().exists():
        sent, failed, requeued = mail.send_queued()
        totals = [totals[0] + sent, totals[1] + failed, totals[2] + requeued]
        if sent + failed + requeued == 0:
            break
    return totals[0], totals[1], totals[2]
