"""Keeps the CCAS group's permissions in step with the models after every migrate."""

from __future__ import annotations

from django.db.models.signals import post_migrate

from .roles import sync_ccas_group

post_migrate.connect(lambda **kwargs: sync_ccas_group(), dispatch_uid="sync_ccas_group", weak=False)
