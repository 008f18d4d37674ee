"""Audit actions become typed (`meeting.created`, `agreement.signed`): the generic verbs
of earlier events are renamed for their model, and the action is indexed for filtering."""

from django.db import migrations, models

PAST = {"create": "created", "update": "updated", "delete": "deleted"}


def name_actions(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for verb, past in PAST.items():
        types = (AuditEvent.objects.filter(action=verb)
                 .values_list("object_type", flat=True).distinct())
        for object_type in list(types):
            noun = object_type.rpartition(".")[2]
            AuditEvent.objects.filter(action=verb, object_type=object_type).update(
                action=f"{noun}.{past}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_trail")]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="action",
            field=models.CharField(db_index=True, max_length=80)),
        migrations.RunPython(name_actions, migrations.RunPython.noop),
    ]
