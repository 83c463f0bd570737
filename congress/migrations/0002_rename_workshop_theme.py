from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("congress", "0001_initial")]

    operations = [migrations.RenameModel("Workshop", "Theme")]
