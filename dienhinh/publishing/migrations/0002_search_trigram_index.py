"""Portal search on PostgreSQL: a trigram index lets `search_text LIKE '%word%'` use an
index over 50,000+ stories. SQLite has no such index; the search there scans the table."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS publishing_publicstory_search_trgm "
        "ON publishing_publicstory USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publishing_publicstory_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
