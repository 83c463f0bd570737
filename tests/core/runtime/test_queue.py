"""Work a service starts runs once its transaction commits, found by the task's name."""

from __future__ import annotations

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from solidaire.core.runtime import queue

pytestmark = pytest.mark.django_db


def test_the_task_runs_only_once_the_transaction_commits(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(queue, "dispatch", lambda name, kwargs: sent.append((name, kwargs)))
    with django_capture_on_commit_callbacks(execute=True):
        queue.enqueue_after_commit("solidaire.core.email.tasks.flush_outbox")
        assert sent == []  # not before the commit
    assert sent == [("solidaire.core.email.tasks.flush_outbox", {})]


def test_nothing_runs_when_the_transaction_rolls_back(monkeypatch):
    sent = []
    monkeypatch.setattr(queue, "dispatch", lambda name, kwargs: sent.append(name))
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue_after_commit("solidaire.core.email.tasks.flush_outbox")
        raise RuntimeError("the service failed")
    assert sent == []


def test_an_unknown_task_name_fails_in_the_service_not_after_commit():
    with pytest.raises(KeyError):
        queue.enqueue_after_commit("solidaire.core.email.tasks.no_such_task")


def test_a_broker_that_is_down_is_logged_and_the_request_goes_on(settings, monkeypatch, caplog):
    task = queue._task("solidaire.core.email.tasks.flush_outbox")
    monkeypatch.setitem(task.app.conf, "task_always_eager", False)

    def refused(**kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(task, "apply_async", refused)
    queue.dispatch("solidaire.core.email.tasks.flush_outbox", {})
    assert "Could not reach the broker" in caplog.text


def test_eager_tasks_still_raise_their_own_errors(monkeypatch):
    task = queue._task("solidaire.core.email.tasks.flush_outbox")

    def broken(**kwargs):
        raise ValueError("a bug in the task")

    monkeypatch.setattr(task, "apply_async", broken)
    with pytest.raises(ValueError):
        queue.dispatch("solidaire.core.email.tasks.flush_outbox", {})
