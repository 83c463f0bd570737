"""Any write to an edition's days or sessions moves the programme version on (see `cache.py`)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from .cache import bump_programme_version
from .models import CongressDay, Session

for model in (CongressDay, Session):
    post_save.connect(bump_programme_version, sender=model, dispatch_uid=f"programme-save-{model.__name__}")
    post_delete.connect(
        bump_programme_version, sender=model, dispatch_uid=f"programme-delete-{model.__name__}"
    )
