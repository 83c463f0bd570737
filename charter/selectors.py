"""Reads on the charter and its signatories, each in a fixed number of queries."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

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


# --- What changed between two versions, section by section ------------------------------
# What changed between two versions of the charter, section by section, as accessible HTML.
#
# Each part is flattened to its Markdown source (title, text, values, articles); paragraphs are
# matched with difflib, and a changed paragraph is compared word by word. Additions are <ins>,
# removals <del>, each announced to screen readers by a visually hidden label.

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
INS_LABEL = "Ajout : "
DEL_LABEL = "Suppression : "


@dataclass
class SectionDiff:
    title: str
    status: str  # "added", "removed", "changed", "unchanged"
    html: SafeString

    @property
    def status_label(self) -> str:
        return {
            "added": "Partie ajoutée",
            "removed": "Partie supprimée",
            "changed": "Partie modifiée",
            "unchanged": "Sans changement",
        }[self.status]

    @property
    def is_unchanged(self) -> bool:
        return self.status == "unchanged"


def version_parts(version: CharterVersion) -> dict[str, tuple[str, str]]:
    """{key: (title, text)} for the foreword and each section (prefetched content is used)."""
    parts: dict[str, tuple[str, str]] = {}
    if version.foreword.strip():
        author = " — ".join(filter(None, [version.foreword_author, *version.foreword_author_role_lines]))
        parts["foreword"] = (
            version.foreword_title or "Avant-propos",
            "\n\n".join(filter(None, [author, version.foreword])),
        )
    for section in version.sections.all():
        chunks = [section.body]
        chunks += [f"- {value.label}" for value in section.values.all()]
        for article in section.articles.all():
            chunks.append(f"Article {article.number} : {article.title}")
            chunks.append(article.body)
        chunks.append(section.closing)
        parts[f"section-{section.number}"] = (
            f"{section.number} – {section.title}",
            "\n\n".join(c for c in chunks if c.strip()),
        )
    return parts


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*[-*] )", text) if p.strip()]


def _mark(tag: str, text: str) -> str:
    label = INS_LABEL if tag == "ins" else DEL_LABEL
    return format_html('<{}><span class="visually-hidden">{}</span>{}</{}>', tag, label, text, tag)


def _words_diff(old: str, new: str) -> str:
    # Words, spaces and punctuation apart: « introduction. » vs « introduction revu. » marks
    # only « revu » as added.
    old_words, new_words = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(_mark("del", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            out.append(_mark("ins", "".join(new_words[b1:b2])))
    return "".join(out)


def _text_diff(old: str, new: str) -> tuple[bool, str]:
    old_p, new_p = _paragraphs(old), _paragraphs(new)
    html: list[str] = []
    changed = False
    matcher = difflib.SequenceMatcher(a=old_p, b=new_p, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            # Unchanged text: only the paragraphs next to a change, for context.
            same: list[str | None] = list(old_p[a1:a2])
            keep_first, keep_last = index > 0, index < len(opcodes) - 1
            if len(same) > int(keep_first) + int(keep_last):
                same = same[: int(keep_first)] + [None] + (same[-1:] if keep_last else [])
            html += [
                format_html('<p class="diff-same">{}</p>', p)
                if p is not None
                else mark_safe(
                    '<p class="diff-skip">[…]<span class="visually-hidden"> texte inchangé</span></p>'
                )
                for p in same
            ]
            continue
        changed = True
        if op == "replace" and a2 - a1 == b2 - b1:
            html += [
                mark_safe(f'<p class="diff-changed">{_words_diff(o, n)}</p>')  # noqa: S308
                for o, n in zip(old_p[a1:a2], new_p[b1:b2], strict=True)
            ]
            continue
        html += [
            mark_safe(f'<p class="diff-removed">{_mark("del", p)}</p>')  # noqa: S308
            for p in old_p[a1:a2]
        ]
        html += [
            mark_safe(f'<p class="diff-added">{_mark("ins", p)}</p>')  # noqa: S308
            for p in new_p[b1:b2]
        ]
    return changed, "".join(html)


def diff_versions(old: CharterVersion, new: CharterVersion) -> list[SectionDiff]:
    """Section-by-section comparison of two versions (all text escaped before marking up)."""
    old_parts, new_parts = version_parts(old), version_parts(new)
    keys = list(new_parts) + [key for key in old_parts if key not in new_parts]
    result = []
    for key in keys:
        old_title, old_text = old_parts.get(key, ("", ""))
        new_title, new_text = new_parts.get(key, ("", ""))
        if key not in old_parts:
            status = "added"
        elif key not in new_parts:
            status = "removed"
        else:
            status = "changed" if (old_title, old_text) != (new_title, new_text) else "unchanged"
        title = new_title or old_title
        _, body = _text_diff(old_text, new_text)
        if old_title and new_title and old_title != new_title:
            body = f'<p class="diff-changed">Titre : {_words_diff(old_title, new_title)}</p>' + body
        result.append(SectionDiff(title=title, status=status, html=mark_safe(body)))  # noqa: S308
    return result
