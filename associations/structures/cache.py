"""A cache for the directory's public search results.

The list page is the portal's most used page and its data change a few times a day: the
rendered results (filter form, cards, pagination) are cached per query string under a
"directory version" that any write to structures, services, thematiques, opening slots or
charter signatures bumps (signals below), so a change shows on the next request. Every card
says whether the place is open now, so the results also vary with the minute. The search
form's thematique options are cached under the same version.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "directory:version"
TTL = 10 * 60


def directory_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)


def bump_directory_version(**kwargs) -> None:
    version_bump()
    # The signal fires before the write commits: a page computed meanwhile would store the old
    # rows under the new version. Moving on again once the write is visible drops it.
    transaction.on_commit(version_bump, using=kwargs.get("using"))


def results_key(params) -> str:
    # Every parameter, even unknown ones: the cached HTML (pagination links) repeats them all.
    items = sorted((k, v) for k in params for v in params.getlist(k))
    # Every card says whether the place is open now (« Ouvert · ferme à 17 h »): the cached
    # results hold for the current minute only.
    items.append(("_minute", timezone.localtime().strftime("%Y%m%d%H%M")))
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
    return f"directory:results:{directory_version()}:{digest}"


def thematique_choices() -> list[tuple[str, str]]:
    """(slug, label) of every thematique, in their order, for the search form. Saving or
    deleting a thematique bumps the directory version, so a change shows on the next request."""
    key = f"directory:thematiques:{directory_version()}"
    choices = cache.get(key)
    if choices is None:
        from .models import Thematique

        choices = list(Thematique.objects.values_list("slug", "label"))
        cache.set(key, choices, TTL)
    return choices


def connect_signals() -> None:
    """Called once the models are loaded (AppConfig.ready). The charter's signature model is
    reached through its reverse relation to the structure (`related_name="signatures"`): this
    app never imports the charter app, which depends on it."""
    from .models import Association, Service, Thematique, service_thematiques_changed
    from .workflow import OpeningSlot

    Signature = Association._meta.get_field("signatures").related_model
    for model in (Association, Service, Thematique, OpeningSlot, Signature):
        post_save.connect(
            bump_directory_version, sender=model, dispatch_uid=f"directory-cache-save-{model.__name__}"
        )
        post_delete.connect(
            bump_directory_version, sender=model, dispatch_uid=f"directory-cache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        bump_directory_version, sender=Service.thematiques.through, dispatch_uid="directory-cache-thematiques"
    )
    m2m_changed.connect(
        service_thematiques_changed,
        sender=Service.thematiques.through,
        dispatch_uid="directory-search-thematiques",
    )
