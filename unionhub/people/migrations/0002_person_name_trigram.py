"""Name search at a million people: pg_trgm's GIN index on people_person.name serves a name's end
(`LIKE '%建国'`, the given name) and any substring of three characters or more; the prefix
(`LIKE '张伟%'`) keeps its varchar_pattern_ops b-tree. Raw SQL, so that django.contrib.postgres
need not be installed; CONCURRENTLY is left out so that the migration runs in a transaction."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name gin_trgm_ops)",
            "DROP INDEX IF EXISTS person_name_trgm",
        ),
    ]
