"""Demo charter: version 1 (the founding text of 2010) and the signatures of the demo structures.

Idempotent: a second run finds everything in place and changes nothing (no PDF re-rendering).
"""

from __future__ import annotations

from associations.structures.cache import bump_directory_version
from associations.structures.demo import STRUCTURES as DEMO_STRUCTURES
from associations.structures.models import Association
from associations.structures.taxonomy import StructureKind
from solidaire.core.db import sync
from solidaire.core.documents.services import document_invalidate

from . import documents
from .demo_data import charter_v1 as v1
from .models import CharterVersion, Signature, SignatureStatus


def load_charter_v1() -> tuple[CharterVersion, bool]:
    """Create or refresh version 1 from `demo_data/charter_v1.py`. Returns (version, changed)."""
    fr = v1.french_spacing
    version = CharterVersion.objects.filter(number=v1.NUMBER).first()
    created = version is None
    if created:
        version = CharterVersion(number=v1.NUMBER)
    changed = (
        sync(
            version,
            {
                "title": fr(v1.TITLE),
                "adopted_on": v1.ADOPTED_ON,
                "changes_summary": fr(v1.CHANGES_SUMMARY),
                "foreword_title": v1.FOREWORD_TITLE,
                "foreword": fr(v1.FOREWORD),
                "foreword_author": v1.FOREWORD_AUTHOR,
                "foreword_author_role": v1.FOREWORD_AUTHOR_ROLE,
            },
        )
        or created
    )
    # Version 1 is current unless staff already adopted a later one.
    if not CharterVersion.objects.filter(is_current=True).exists():
        version.is_current = True
        version.save(update_fields=["is_current", "updated_at"])
        changed = True
    for data in v1.SECTIONS:
        section = version.sections.filter(number=data["number"]).first() or version.sections.model(
            version=version, number=data["number"]
        )
        changed |= (
            sync(
                section,
                {"title": fr(data["title"]), "body": fr(data["body"]), "closing": fr(data["closing"])},
            )
            or section._state.adding
        )
        if section._state.adding:
            section.save()
        for order, label in enumerate(data["values"], start=1):
            value = section.values.filter(order=order).first()
            if value is None:
                section.values.create(order=order, label=fr(label))
                changed = True
            else:
                changed |= sync(value, {"label": fr(label)})
        for article_data in data["articles"]:
            article = section.articles.filter(number=article_data["number"]).first()
            fields = {"title": fr(article_data["title"]), "body": fr(article_data["body"])}
            if article is None:
                section.articles.create(number=article_data["number"], **fields)
                changed = True
            else:
                changed |= sync(article, fields)
    return version, changed


def load(*, stdout) -> None:
    version, changed = load_charter_v1()
    # The network's own structures signed in 2010; a newcomer (Manou Partages) and the social
    # centres that only come in through the actions import did not.
    network = [structure["slug"] for structure in DEMO_STRUCTURES]
    signers = (
        Association.objects.filter(slug__in=network)
        .exclude(kind=StructureKind.OTHER)
        .exclude(slug="manou-partages")
    )
    already = set(Signature.objects.filter(version=version).values_list("association_id", flat=True))
    new = [
        Signature(
            association=association,
            version=version,
            status=SignatureStatus.SIGNED,
            signed_on=v1.ADOPTED_ON,
            representative_name="Le ou la président·e",
            representative_role="Présidence",
        )
        for association in signers
        if association.pk not in already
    ]
    Signature.objects.bulk_create(new)
    if new:  # bulk_create sends no signal: the cached directory pages and counter must move on
        bump_directory_version()
    if changed:
        document_invalidate(kind=documents.CHARTER)
    if changed or new:
        document_invalidate(kind=documents.SIGNATORIES)
    total = (
        Signature.objects.filter(status=SignatureStatus.SIGNED).values("association_id").distinct().count()
    )
    stdout.write(f"Charte : version {version.number}, {total} structures signataires.")
