"""Any write to what the agenda shows moves the events version on (see `cache.py`)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from ..calendar.models import Edition, EditionPhoto, EventSeries, Stage
from ..participation.models import Participation
from .cache import bump_events_version

for model in (EventSeries, Edition, Stage, EditionPhoto, Participation):
    post_save.connect(bump_events_version, sender=model, dispatch_uid=f"events-cache-save-{model.__name__}")
    post_delete.connect(
        bump_events_version, sender=model, dispatch_uid=f"events-cache-delete-{model.__name__}"
    )
for through in (Edition.organisers.through, EventSeries.organisers.through):
    m2m_changed.connect(bump_events_version, sender=through, dispatch_uid=f"events-cache-{through.__name__}")
