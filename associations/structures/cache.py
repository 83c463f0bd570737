"""A cache for the directory's public search results.

The list page is the portal's most used page and its data change a few times a day: the
rendered results (filter form, cards, pagination) are cached per query string under a
"directory version" that any write to structures, services, thematiques, opening slots or
charter signatures bumps (`receivers.py` here and in the charter app), so a change shows on
the next request. Every card says whether the place is open now, so the results also vary
with the minute. The search form's thematique options are cached under the same version.
"""

from __future__ import annotations

from django.core.cache import cache

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
