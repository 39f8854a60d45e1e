"""Name search at a million people: pg_trgm's GIN index on people_person.name serves a name's end
(`LIKE '%建国'`, the given name) and any substring of three characters or more; the prefix
(`LIKE '张伟%'`) keeps its varchar_pattern_ops b-tree.

The embedded PostgreSQL of the default set-up (pgserver) ships without the pg_trgm extension:
there the index is skipped and the same searches still work, by a scan. Production PostgreSQL
(docker compose, any Debian/RHEL package) has it."""

from django.db import migrations


def create_trigram_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cur.fetchone() is None:
            return
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
