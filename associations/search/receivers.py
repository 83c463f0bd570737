"""Keeps cached searches in step with the synonyms (imported by `load_feature_hooks`)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from associations.structures.cache import bump_directory_version

from .models import SearchSynonym

# Synonyms are part of what a cached search returned: a change bumps the directory version.
post_save.connect(bump_directory_version, sender=SearchSynonym, dispatch_uid="directory-cache-synonym-save")
post_delete.connect(
    bump_directory_version, sender=SearchSynonym, dispatch_uid="directory-cache-synonym-delete"
)
