"""New e-mails in the outbox: ask the worker to flush it once the transaction commits.
Connected in CoreConfig.ready()."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import receiver

from .signals import outbox_filled
from .tasks import flush_outbox

logger = logging.getLogger(__name__)


def _enqueue_flush() -> None:
    # A broker that is down must not turn a saved form into an error page: the e-mail is in
    # the outbox and the periodic flush (CELERY_BEAT_SCHEDULE) sends it later.
    try:
        flush_outbox.delay()
    except Exception:
        logger.exception("Could not enqueue the outbox flush; the periodic flush will send the e-mail.")


@receiver(outbox_filled, dispatch_uid="core_email_flush_after_commit")
def enqueue_flush(sender, **kwargs) -> None:
    transaction.on_commit(_enqueue_flush)
