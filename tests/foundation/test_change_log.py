"""The change log behind the cached counts (unionhub/core/changes.py): every committed write to a
table makes its version grow, a rolled-back one does not, compaction keeps every version, and no
version is given inside a transaction (so nothing is cached from data that may roll back)."""

import pghistory.models
import pytest
from django.apps import apps
from django.db import connection, transaction

from tests.factories import OrganizationFactory
from unionhub.core.changes import compact, logged_models, version
from unionhub.orgs.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_table_of_the_models_but_the_history_tables_is_logged():
    with connection.cursor() as cur:
        cur.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'unionhub_change_log'")
        logged = {row[0] for row in cur.fetchall()}
    tables = {m._meta.db_table for m in logged_models()}
    assert {"members_member", "people_person", "relief_hardshipfile", "orgs_organization"} <= tables
    assert tables <= logged
    history = {m._meta.db_table for m in apps.get_models() if issubclass(m, pghistory.models.Event)}
    assert history and not logged & history  # pghistory's tables are not


def test_a_committed_write_moves_the_version_and_a_rolled_back_one_does_not(tree):
    before = version(["orgs_organization"])
    OrganizationFactory(parent=tree.cz, code="LZ-CZ-X", name="新建工会")
    after = version(["orgs_organization"])
    assert after > before
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(code="LZ-CZ-X").update(name="回滚的名称")
        assert version(["orgs_organization"]) is None  # inside a transaction: nothing cached
        raise RuntimeError
    assert version(["orgs_organization"]) == after
    assert version(["members_member"]) == version(["members_member"])  # reading changes nothing


def test_compaction_folds_the_rows_and_keeps_every_version(tree):
    OrganizationFactory(parent=tree.cz, code="LZ-CZ-Y", name="又一工会")
    tables = ["orgs_organization", "orgs_user", "members_member"]
    before = {t: version([t]) for t in tables}
    assert compact() > 0
    assert {t: version([t]) for t in tables} == before
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) = count(DISTINCT tbl) FROM unionhub_change")
        assert cur.fetchone()[0]  # one row a table
    Organization.objects.filter(code="LZ-CZ-Y").update(name="改名")
    assert version(["orgs_organization"]) == before["orgs_organization"] + 1
