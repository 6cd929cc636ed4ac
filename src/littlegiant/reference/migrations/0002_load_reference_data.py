from django.db import migrations


def load(apps, schema_editor):
    from littlegiant.reference.loading import load_all

    load_all(apps)


def unload(apps, schema_editor):
    for model in ["IndustryClass", "IndustryDivision", "IndustrySection", "StrategicEmergingIndustry", "Region"]:
        apps.get_model("reference", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
