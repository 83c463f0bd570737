"""A cache for the directory's public search results.

The list page is the portal's most used page and its data change a few times a day: the
rendered results (filter form, cards, pagination) are cached per query string under a
"directory version" that any write to structures, services, thematiques, opening slots or
charter signatures bumps (signals below), so a change shows on the next request. Every card
says whether the place is open now, so the results also vary with the minute. The search
form's thematique options are cached under the same version.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from solidaire.core.cache import VersionedCache

TTL = 10 * 60
DIRECTORY = VersionedCache("directory")

directory_version = DIRECTORY.version
version_bump = DIRECTORY.bump
bump_directory_version = DIRECTORY.bump_after_write
# Every card says whether the place is open now (« Ouvert · ferme à 17 h »): the cached results
# hold for the current minute only.
results_key = DIRECTORY.results_key


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
