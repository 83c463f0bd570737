"""Seed the local thematiques; on PostgreSQL, enable pg_trgm and index search_text with it.

No unaccent: search_text is already accent-free (normalised in Python on save), so trigram
indexing it is enough for both LIKE and typo-tolerant matching."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from associations.structures.taxonomy import THEMATIQUES


def seed_thematiques(apps, schema_editor):
    Thematique = apps.get_model("associations", "Thematique")
    for order, (slug, label, code) in enumerate(THEMATIQUES, start=1):
        Thematique.objects.update_or_create(
            slug=slug, defaults={"label": label, "data_inclusion_code": code, "order": order})


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS associations_search_trgm_idx ON "
            "associations_association USING gin (search_text gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS associations_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("associations", "0003_directory")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed_thematiques, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
