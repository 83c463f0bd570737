"""Reads for the practices pages, the structure card, the directory search and the booklet."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from associations.actions.models import Action
from associations.search.selectors import search_filter
from associations.structures.models import Thematique

from .filters import PracticeFilter
from .models import WRITTEN_FIELDS, Practice, PracticeStatus

PRACTICE_LIST_LIMIT = 100


def practices_published() -> QuerySet[Practice]:
    return (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED, association__status="published")
        .select_related("association")
        .prefetch_related("thematiques")
        .order_by("title", "id")
    )


def practice_directory(
    *, params, page_number, per_page: int
) -> tuple[PracticeFilter, list[Practice], Page | None]:
    """The filtered practices (at most PRACTICE_LIST_LIMIT), and one page of the social
    centres' fiches actions matching the same words and quartier (the same family, listed
    beside them; none when a thematique or public is chosen, which actions do not carry).
    A fixed number of queries: practices and their thematiques, the actions' count and page."""
    filterset = PracticeFilter(params or None, queryset=practices_published())
    practices = list(filterset.qs[:PRACTICE_LIST_LIMIT])
    actions_page = None
    if filterset.structure_criteria_only:
        data = filterset.form.cleaned_data if filterset.is_bound else {}
        actions = Action.objects.select_related("structure").only(
            "title", "slug", "summary", "territory", "structure__name", "structure__slug"
        )
        if data.get("q"):
            actions = search_filter(actions, data["q"])
        if data.get("quartier"):
            actions = actions.filter(structure__quartier=data["quartier"])
        actions_page = Paginator(actions.order_by("title", "id"), per_page).get_page(page_number)
    return filterset, practices, actions_page


def practice_get(*, slug: str) -> Practice:
    return Practice.objects.select_related("association").prefetch_related("thematiques").get(slug=slug)


def practices_of_structure(*, association, include_unpublished: bool = False) -> list[Practice]:
    qs = Practice.objects.filter(association=association)
    if not include_unpublished:
        qs = qs.filter(status=PracticeStatus.PUBLISHED)
    return list(qs.only("title", "slug", "status", "question").order_by("title", "id"))


def practices_matching(*, text: str, limit: int) -> list[Practice]:
    """Published practices whose words match a directory search (for its grouped results)."""
    return list(search_filter(practices_published().prefetch_related(None), text)[:limit])


def practices_for_booklet() -> list[Practice]:
    """Every published practice with what a booklet page prints (two queries)."""
    return list(practices_published())


def practices_submitted() -> QuerySet[Practice]:
    """Practices proposed to the CCAS, the oldest first (the staff follow-up page)."""
    return (
        Practice.objects.filter(status=PracticeStatus.SUBMITTED)
        .select_related("association", "written_by")
        .order_by("updated_at", "id")
    )


def practices_submitted_count() -> int:
    return Practice.objects.filter(status=PracticeStatus.SUBMITTED).count()


def practice_pending_view(practice: Practice) -> Practice:
    """The practice as it will read once its pending change is published (not saved): what the
    member edits again and what staff compare with the published text."""
    if not practice.pending_changes:
        return practice
    view = Practice.objects.get(pk=practice.pk)
    view.apply_changes(practice.pending_changes)
    return view


def practice_pending_diff(practice: Practice) -> list[dict]:
    """The fields a pending change alters: label, published value, proposed value."""
    if not practice.pending_changes:
        return []
    rows = []
    for field in WRITTEN_FIELDS:
        if field not in practice.pending_changes:
            continue
        new, old = practice.pending_changes[field], getattr(practice, field)
        if new != old:
            if isinstance(new, list) or isinstance(old, list):
                new, old = ", ".join(new or []), ", ".join(old or [])
            label = Practice._meta.get_field(field).verbose_name
            rows.append({"label": label[:1].upper() + label[1:], "old": old, "new": new})
    if "thematiques" in practice.pending_changes:
        before = sorted(t.pk for t in practice.thematiques.all())
        after = practice.pending_changes["thematiques"]
        if before != after:
            names = dict(Thematique.objects.filter(pk__in=before + after).values_list("pk", "label"))
            rows.append(
                {
                    "label": "Thématiques",
                    "old": ", ".join(names.get(pk, "?") for pk in before),
                    "new": ", ".join(names.get(pk, "?") for pk in after),
                }
            )
    return rows
