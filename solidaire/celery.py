"""The Celery app: configured from Django settings (namespace CELERY). Its task modules are
registered here, in one place: every `tasks.py` of the apps' feature folders
(`solidaire.core.runtime.hooks.task_packages`), since Celery by itself looks only at `<app>.tasks`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidaire.settings.dev")

app = Celery("solidaire")
app.config_from_object("django.conf:settings", namespace="CELERY")


def _task_packages() -> list[str]:
    from solidaire.core.runtime.hooks import task_packages

    return task_packages()


app.autodiscover_tasks(_task_packages, related_name="tasks")
