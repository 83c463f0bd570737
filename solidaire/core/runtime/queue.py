"""Work that a service starts, once its transaction commits.

A service says in its own body that it starts a job, by the task's registered name:

    enqueue_after_commit("solidaire.core.documents.tasks.generate_document", document_id=doc.pk)

so that services never import task modules (tasks import services), no signal and handler
exist only to reach a task, and a reader of the service sees the job start. The task runs
only if the transaction commits (pretix's `TransactionAwareTask`, pretalx's
`transaction.on_commit(task.apply_async)`); outside a transaction it is sent at once.

A broker that is down must not turn a saved form into an error page: the sending is logged
and given up, and the periodic sweeps of the beat schedule (outbox flush, lost documents
queued again) pick the work up later. Under eager mode (tests, `make run` without a worker)
errors of the task itself still propagate.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)
BROKER_DOWN = (OperationalError, ConnectionError)


def _task(name: str):
    tasks = current_app.tasks
    if name not in tasks:  # the web process imports task modules on first use
        current_app.loader.import_default_modules()
    return tasks[name]


def dispatch(name: str, kwargs: dict) -> None:
    """Send one task now (the after-commit callback; a test may send it elsewhere)."""
    task = _task(name)
    if task.app.conf.task_always_eager:
        task.apply_async(kwargs=kwargs)
        return
    try:
        task.apply_async(kwargs=kwargs)
    except BROKER_DOWN:
        logger.exception("Could not reach the broker for %s(%s); the periodic sweeps retry it.", name, kwargs)


def enqueue_after_commit(name: str, **kwargs) -> None:
    """Start the task `name` with `kwargs` once the current transaction commits."""
    _task(name)  # an unknown name fails here, in the service, not later in a callback
    transaction.on_commit(lambda: dispatch(name, kwargs))
