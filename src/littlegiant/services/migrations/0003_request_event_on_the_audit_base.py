"""Service requests' trail on the platform's audit base (littlegiant.audit.AuditEvent), keeping every row.

`from_status`/`to_status` become the shared `from_state`/`to_state` (renamed, so no value moves). The role
used to be a display string ("manager · 西湖区服务站"); it becomes the code ("manager"). For staff, the
institution named after the dot becomes `held_at` (looked up by its unique name); its region, or the enterprise's for a member, fills the shared `region` column. A role whose
place cannot be found unambiguously keeps its display string as it was, so no row loses what it said.
Going back rebuilds the display strings from the same rows.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STAFF = {"manager", "counsellor"}
MEMBERS = {"owner", "delegate", "contributor"}


def roles_to_codes(apps, schema_editor):
    RequestEvent = apps.get_model("services", "RequestEvent")
    ServiceInstitution = apps.get_model("services", "ServiceInstitution")
    by_name: dict[str, list] = {}
    for institution in ServiceInstitution.objects.only("pk", "name", "region_id"):
        by_name.setdefault(institution.name, []).append(institution)
    events = RequestEvent.objects.select_related("institution", "request__enterprise").order_by("pk")
    changed = []
    for event in events.iterator(chunk_size=2000):
        code, _dot, where = (part.strip() for part in event.role.partition(" · "))
        if code in STAFF:
            named = by_name.get(where, [])
            if len(named) != 1:
                continue  # not found, or two of that name: the display string stays as it was
            event.role, event.held_at, event.region = code, named[0], named[0].region_id or ""
        elif code in MEMBERS and where == event.request.enterprise.name:
            event.role, event.region = code, event.request.enterprise.region_id or ""
        elif code and not where:
            event.role = code  # administrator, system, unknown, a demo's own word: already a code
        else:
            continue
        changed.append(event)
        if len(changed) >= 2000:
            RequestEvent.objects.bulk_update(changed, ["role", "held_at", "region"])
            changed = []
    RequestEvent.objects.bulk_update(changed, ["role", "held_at", "region"])


def codes_to_roles(apps, schema_editor):
    RequestEvent = apps.get_model("services", "RequestEvent")
    events = RequestEvent.objects.select_related("held_at", "request__enterprise").order_by("pk")
    changed = []
    for event in events.iterator(chunk_size=2000):
        if event.role in STAFF and event.held_at is not None:
            event.role = f"{event.role} · {event.held_at.name}"
        elif event.role in MEMBERS:
            event.role = f"{event.role} · {event.request.enterprise.name}"
        changed.append(event)
    RequestEvent.objects.bulk_update(changed, ["role"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_scorecard_covering_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="requestevent", old_name="from_status", new_name="from_state"),
        migrations.RenameField(model_name="requestevent", old_name="to_status", new_name="to_state"),
        migrations.AddField(
            model_name="requestevent",
            name="region",
            field=models.CharField(blank=True, max_length=6, verbose_name="region"),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="from_state",
            field=models.CharField(blank=True, max_length=64, verbose_name="from"),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="to_state",
            field=models.CharField(blank=True, max_length=64, verbose_name="to"),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="when"),
        ),
        migrations.AddField(
            model_name="requestevent",
            name="held_at",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="services.serviceinstitution",
                verbose_name="acting for",
            ),
        ),
        migrations.RunPython(roles_to_codes, codes_to_roles, elidable=False),
    ]
