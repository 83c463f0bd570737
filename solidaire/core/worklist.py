"""What waits for someone: each app registers a provider of pending work (membership requests,
changes to moderate, sheets to review…); the staff home and the admin index gather them.

An app registers its provider in `AppConfig.ready()`:

    from solidaire.core.worklist import PendingWork, register_provider

    def pending_signatures(user) -> list[PendingWork]:
        ...  # one aggregate query; return [] for users who may not act on them

    register_provider("charter.signatures", pending_signatures, covers=["charter.Signature.requested"])

`covers` names the pending states ("app_label.Model.status_value") the provider counts: a test
checks that every model with a pending state is covered, so new pending work cannot go unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet


@dataclass(frozen=True)
class PendingWork:
    """One line of someone's to-do list: what, how many, where to act, since when."""

    label: str  # French, e.g. « Signatures de la charte à valider »
    count: int
    url: str
    oldest: dt.datetime | None = None  # the oldest item's date, to show its age
    section: str = ""  # French heading to group lines, e.g. « Annuaire »


def pending_line(
    queryset: QuerySet, *, label: str, url: str, section: str, since: str = "created_at"
) -> PendingWork:
    """The line of what `queryset` holds, in one aggregate query: how many, and the oldest
    `since` date."""
    row = queryset.aggregate(count=Count("pk"), oldest=Min(since))
    return PendingWork(label=label, count=row["count"], url=url, oldest=row["oldest"], section=section)


Provider = Callable[[object], list[PendingWork]]
_providers: dict[str, Provider] = {}
_covered: dict[str, tuple[str, ...]] = {}


def register_provider(key: str, provider: Provider, *, covers: list[str] | tuple[str, ...] = ()) -> None:
    """Add (or replace, for tests and reloads) the provider named `key`, which counts the
    pending states named in `covers` ("associations.Practice.submitted")."""
    _providers[key] = provider
    _covered[key] = tuple(covers)


def covered_states() -> set[str]:
    """Every "app_label.Model.status_value" some provider counts."""
    return {state for states in _covered.values() for state in states}


def pending_work_for(user) -> list[PendingWork]:
    """Every provider's lines for `user`, in registration order, empty lines left out."""
    lines: list[PendingWork] = []
    for provider in _providers.values():
        lines.extend(line for line in provider(user) if line.count)
    return lines
