"""Activity reports move out of MEDIA_ROOT into the private storage (see solidaire.core.security.storage):
a report already uploaded is moved along, so its download link keeps working."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import indicators.sheets.models
import solidaire.core.security.storage


def move_reports(apps, schema_editor):
    Sheet = apps.get_model("indicators", "Sheet")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    for name in Sheet.objects.exclude(activity_report="").values_list("activity_report", flat=True):
        source, target = public / name, private / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sheet",
            name="activity_report",
            field=models.FileField(
                blank=True,
                max_length=300,
                storage=solidaire.core.security.storage.private_storage,
                upload_to=indicators.sheets.models.report_upload_to,
                verbose_name="rapport d'activité (PDF)",
            ),
        ),
        migrations.RunPython(move_reports, migrations.RunPython.noop),
    ]
