from django.db import migrations


def load(apps, schema_editor):
    from partnering.reference.loaders import load_sdg_framework

    load_sdg_framework(apps.get_model("reference", "SdgGoal"),
                       apps.get_model("reference", "SdgTarget"),
                       apps.get_model("reference", "SdgIndicator"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_sdg_framework")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
