"""Any write to what the directory shows moves the directory version on, so a cached search
never outlives a change (see `cache.py`). Pure cache invalidation: the derived data (search
columns, opening slots) is rebuilt by the services that write its inputs, which bump the
version themselves (`services.derived_data_refresh`), so the slots have no receiver here. The
charter app connects its own signatures the same way: this app never reaches its models."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_directory_version
from .models import Association, Service, Thematique

for model in (Association, Service, Thematique):
    post_save.connect(
        bump_directory_version, sender=model, dispatch_uid=f"directory-cache-save-{model.__name__}"
    )
    post_delete.connect(
        bump_directory_version, sender=model, dispatch_uid=f"directory-cache-delete-{model.__name__}"
    )
m2m_changed.connect(
    bump_directory_version, sender=Service.thematiques.through, dispatch_uid="directory-cache-thematiques"
)
