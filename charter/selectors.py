"""Reads on the charter and its signatories, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet

from associations.structures.cache import TTL, directory_version
from associations.structures.models import Association, Thematique
from associations.structures.selectors import associations_of_user
from associations.structures.taxonomy import StructureKind
from solidaire.core.text.search import normalize_search

from .models import (
    ACTIVE_STATUSES,
    CharterArticle,
    CharterSection,
    CharterVersion,
    Signature,
    SignatureInvitation,
    SignatureStatus,
)


def current_version() -> CharterVersion | None:
    return CharterVersion.objects.filter(is_current=True).first()


def _with_content(queryset: QuerySet[CharterVersion]) -> QuerySet[CharterVersion]:
    return queryset.prefetch_related(
        Prefetch(
            "sections",
            queryset=CharterSection.objects.order_by("number").prefetch_related("values", "articles"),
        ),
    )


def version_with_content(*, number: int | None = None) -> CharterVersion | None:
    """A version with its sections, values and articles (4 queries). `None`: the current one."""
    queryset = _with_content(CharterVersion.objects.all())
    if number is None:
        return queryset.filter(is_current=True).first()
    return queryset.filter(number=number, adopted_on__isnull=False).first()


def version_articles(*, version: CharterVersion) -> list[CharterArticle]:
    return list(CharterArticle.objects.filter(section__version=version).order_by("section__number", "number"))


def adopted_versions() -> QuerySet[CharterVersion]:
    """Adopted versions, newest first, with how many structures signed each (one query)."""
    return (
        CharterVersion.objects.filter(adopted_on__isnull=False)
        .annotate(signed_count=Count("signatures", filter=Q(signatures__status="signed")))
        .order_by("-number")
    )


def signatory_count() -> int:
    """Structures whose signature is in force (one query, whatever their number). Shown on every
    home page view but changed a few times a year: cached under the directory version, which
    every signature saved or deleted moves on (associations.structures.cache)."""
    key = f"charter:signatory-count:{directory_version()}"
    count = cache.get(key)
    if count is None:
        count = (
            Signature.objects.filter(status=SignatureStatus.SIGNED)
            .values("association_id")
            .distinct()
            .count()
        )
        cache.set(key, count, TTL)
    return count


# Public groups, in this order; institutions join « other ».
KIND_GROUPS = [
    ("associations", "Associations", [StructureKind.ASSOCIATION]),
    ("centres-sociaux", "Centres sociaux", [StructureKind.CENTRE_SOCIAL]),
    ("ccas", "CCAS", [StructureKind.CCAS]),
    ("autres", "Autres structures", [StructureKind.INSTITUTION, StructureKind.OTHER]),
]


@dataclass
class Signatory:
    association: Association
    latest: Signature
    versions: list[int] = field(default_factory=list)


@dataclass
class SignatoryGroup:
    slug: str
    label: str
    signatories: list[Signatory]


def signatories(*, quartier: str = "", thematique: Thematique | None = None) -> list[SignatoryGroup]:
    """Structures with a signature in force, grouped by kind, each with the versions it signed
    (one query, whatever the number of signatories)."""
    queryset = Signature.objects.filter(status=SignatureStatus.SIGNED)
    if quartier:
        queryset = queryset.filter(association__quartier=quartier)
    if thematique is not None:
        queryset = queryset.filter(
            association__in=Association.objects.filter(services__thematiques=thematique).values("pk")
        )
    queryset = queryset.select_related("association", "version").order_by(
        "association__name", "association_id", "-version__number"
    )
    by_association: dict[int, Signatory] = {}
    for signature in queryset:
        row = by_association.get(signature.association_id)
        if row is None:
            row = by_association[signature.association_id] = Signatory(
                association=signature.association, latest=signature
            )
        row.versions.append(signature.version.number)
    groups = []
    for slug, label, kinds in KIND_GROUPS:
        rows = sorted(
            (row for row in by_association.values() if row.association.kind in kinds),
            key=lambda row: normalize_search(row.association.name),
        )
        groups.append(SignatoryGroup(slug=slug, label=label, signatories=rows))
    return groups


def pending_signatures() -> QuerySet[Signature]:
    return (
        Signature.objects.filter(status=SignatureStatus.REQUESTED)
        .select_related("association", "version", "requested_by")
        .order_by("created_at")
    )


def signatures_of_associations(*, associations: list[Association]) -> QuerySet[Signature]:
    return (
        Signature.objects.filter(association__in=associations)
        .select_related("association", "version")
        .order_by("association__name", "-version__number", "-created_at")
    )


def admin_associations(*, user) -> list[Association]:
    return list(associations_of_user(user=user, admin_only=True))


def associations_to_sign(*, user, version: CharterVersion) -> QuerySet[Association]:
    """The structures the user administers that have neither signed nor asked to sign `version`."""
    return associations_of_user(user=user, admin_only=True).exclude(
        signatures__version=version, signatures__status__in=ACTIVE_STATUSES
    )


def resign_candidates(*, version: CharterVersion) -> QuerySet[Association]:
    """Structures that signed an older version and have neither signed, asked to sign, nor been
    invited to sign `version`."""
    return (
        Association.objects.filter(
            signatures__status=SignatureStatus.SIGNED, signatures__version__number__lt=version.number
        )
        .exclude(signatures__version=version, signatures__status__in=ACTIVE_STATUSES)
        .exclude(pk__in=SignatureInvitation.objects.filter(version=version).values("association_id"))
        .distinct()
        .order_by("name")
    )
