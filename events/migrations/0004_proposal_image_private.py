"""Proposal images move to the private storage: the files already uploaded go there too. A file
an edition also shows (published before this change) keeps its public copy for the edition."""

from django.core.files.storage import default_storage
from django.db import migrations, models

import solidaire.core.security.storage


def move_to_private(apps, schema_editor):
    EventProposal = apps.get_model("events", "EventProposal")
    Edition = apps.get_model("events", "Edition")
    private = solidaire.core.security.storage.private_storage()
    for proposal in EventProposal.objects.exclude(image=""):
        name = proposal.image.name
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            private.save(name, handle)
        if not Edition.objects.filter(image=name).exists():
            default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_edition_cancellation_reason"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventproposal",
            name="image",
            field=models.ImageField(
                blank=True,
                storage=solidaire.core.security.storage.private_storage,
                upload_to="events/proposals/pending/",
                verbose_name="image",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
