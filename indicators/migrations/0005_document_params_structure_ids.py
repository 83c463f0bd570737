"""Structure sheets (observatoire.structure) named their structure by slug; a slug can change,
so they now keep its id. Documents whose structure no longer exists are left as they are (their
pages answer 404); two rows that now mean the same structure keep the newest."""

import hashlib
import json

from django.db import migrations


def _key(params: dict) -> str:
    # Same as solidaire.core.documents.models.params_key (migrations must not import app code).
    canonical = json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def slugs_to_ids(apps, schema_editor):
    GeneratedDocument = apps.get_model("core", "GeneratedDocument")
    Association = apps.get_model("associations", "Association")
    ids = dict(Association.objects.values_list("slug", "pk"))
    for document in GeneratedDocument.objects.filter(kind="observatoire.structure").order_by("-pk"):
        value = (document.params or {}).get("structure")
        if not isinstance(value, str) or value not in ids:
            continue
        params = {**document.params, "structure": ids[value]}
        key = _key(params)
        if (
            GeneratedDocument.objects.filter(kind=document.kind, params_key=key)
            .exclude(pk=document.pk)
            .exists()
        ):
            document.delete()  # a newer row already holds this structure's sheet
            continue
        document.params, document.params_key = params, key
        document.save(update_fields=["params", "params_key"])


def ids_to_slugs(apps, schema_editor):
    GeneratedDocument = apps.get_model("core", "GeneratedDocument")
    Association = apps.get_model("associations", "Association")
    slugs = dict(Association.objects.values_list("pk", "slug"))
    for document in GeneratedDocument.objects.filter(kind="observatoire.structure"):
        value = (document.params or {}).get("structure")
        if isinstance(value, int) and value in slugs:
            document.params = {**document.params, "structure": slugs[value]}
            document.params_key = _key(document.params)
            document.save(update_fields=["params", "params_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_reminder_once_a_day_campaign_contact"),
        ("core", "0003_document_fingerprint_produced_at"),
        ("associations", "0007_practices_council_card_reports"),
    ]

    operations = [migrations.RunPython(slugs_to_ids, ids_to_slugs)]
