# The charter's PDFs moved to the shared generated-documents machinery (core.GeneratedDocument):
# they are rendered again on first request. The old stored files are removed with their rows.

from django.core.files.storage import default_storage
from django.db import migrations


def delete_old_files(apps, schema_editor):
    for name in apps.get_model("charter", "CharterDocument").objects.exclude(file="").values_list("file", flat=True):
        if default_storage.exists(name):
            default_storage.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('charter', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(delete_old_files, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CharterDocument',
        ),
    ]
