"""The organization tree's version: one row, bumped by the database on any change to the tree
(inserts, updates, deletes, truncation; by the ORM, bulk operations, imports or raw SQL alike), so
caches of what depends on the tree (unionhub/orgs/choices.py) are keyed by it and never stale.

The row is transactional (a change and its new version become visible together); the values come
from a sequence, which never hands out a number twice, so a version seen inside a transaction that
was rolled back is never the version of another tree."""

from django.db import migrations

SQL = """
CREATE SEQUENCE orgs_tree_version_seq;
CREATE TABLE orgs_tree_version (id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
INSERT INTO orgs_tree_version VALUES (1, nextval('orgs_tree_version_seq'));
CREATE FUNCTION orgs_tree_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orgs_tree_version SET version = nextval('orgs_tree_version_seq') WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER orgs_tree_version_bump AFTER INSERT OR UPDATE OR DELETE ON orgs_organization
    FOR EACH STATEMENT EXECUTE FUNCTION orgs_tree_version_bump();
CREATE TRIGGER orgs_tree_version_bump_truncate AFTER TRUNCATE ON orgs_organization
    FOR EACH STATEMENT EXECUTE FUNCTION orgs_tree_version_bump();
"""

REVERSE = """
DROP TRIGGER orgs_tree_version_bump_truncate ON orgs_organization;
DROP TRIGGER orgs_tree_version_bump ON orgs_organization;
DROP FUNCTION orgs_tree_version_bump();
DROP TABLE orgs_tree_version;
DROP SEQUENCE orgs_tree_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
