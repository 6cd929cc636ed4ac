"""The table of the database cache (settings.CACHE_TABLE), so that `migrate` alone prepares a database to serve.

Created whatever cache the settings in force name: a database migrated under the demo's settings (local memory)
may be served later in production (the database cache). Django's `createcachetable` does the work and skips a
table that exists.
"""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_table(apps, schema_editor) -> None:
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, settings.CACHE_TABLE, dry_run=False)


def drop_table(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_initial")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
