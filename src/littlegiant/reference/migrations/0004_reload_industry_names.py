from django.db import migrations


def reload(apps, schema_editor):
    from littlegiant.reference.loading import reload_industry_names

    reload_industry_names(apps)


class Migration(migrations.Migration):
    """Division and group names of GB/T 4754-2017, and the 54 class names that were cut short, made whole."""

    dependencies = [("reference", "0003_industrygroup_industryclass_group")]
    operations = [migrations.RunPython(reload, migrations.RunPython.noop)]
