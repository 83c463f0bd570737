"""Demo charter: version 1 (2010) and signatures of the demo structures."""

from __future__ import annotations

import datetime as dt

from associations.models import Association, StructureKind

from .models import CharterVersion, Signature, SignatureStatus


def load(*, stdout) -> None:
    version, _ = CharterVersion.objects.update_or_create(number=1, defaults={
        "adopted_on": dt.date(2010, 11, 19),
        "changes_summary": "Texte fondateur, construit en ateliers depuis le 1er septembre 2010 "
                           "et présenté aux Assises Le Mans Solidaire du 19 novembre 2010.",
        "is_current": True,
    })
    signed = Association.objects.exclude(kind=StructureKind.OTHER).exclude(slug="manou-partages")
    for association in signed:
        Signature.objects.get_or_create(association=association, version=version, defaults={
            "status": SignatureStatus.SIGNED, "signed_on": dt.date(2010, 11, 19),
            "representative_name": "Le ou la président·e", "representative_role": "Présidence",
        })
    stdout.write(f"Charte : version {version.number}, {signed.count()} signatures.")
