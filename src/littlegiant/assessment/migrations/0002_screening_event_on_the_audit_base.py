"""ScreeningEvent becomes an AuditEvent: its from/to columns take the shared names, and it gains action and region."""

from django.db import migrations, models


def actions_from_states(apps, schema_editor):
    event = apps.get_model("assessment", "ScreeningEvent")
    for to_state, action in (("queued", "start"), ("running", "run"), ("done", "finish"), ("failed", "fail")):
        event.objects.filter(to_state=to_state).update(action=action)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [
        migrations.RenameField("screeningevent", "from_status", "from_state"),
        migrations.RenameField("screeningevent", "to_status", "to_state"),
        migrations.AddField(
            model_name="screeningevent",
            name="action",
            field=models.CharField(default="", max_length=32, verbose_name="action"),
            preserve_default=False,
        ),
        migrations.RunPython(actions_from_states, migrations.RunPython.noop),
    ]
