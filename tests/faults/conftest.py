from pathlib import Path

import pytest

from tests.security.world import World

BLOCKER = pytest.StashKey()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _roles(db):
    from unionhub.orgs.roles import sync_roles

    sync_roles()


@pytest.fixture
def world(db):
    """One record of each kind in LZ-CZ and a user of every role (tests/security/world.py)."""
    return World()


@pytest.fixture
def fast_pdf(monkeypatch):
    from unionhub.reports import services

    monkeypatch.setattr(services, "html_to_pdf", lambda html: b"%PDF-1.7 stand-in\n")


@pytest.fixture
def restores_migration_data(request, django_db_blocker):
    """For a transactional test: its flush empties the tables data migrations filled (the
    industries...); put them back right after it, for the tests after it and the next run on a
    --reuse-db database. (Content types, permissions and roles come back by post_migrate.)"""
    request.node.stash[BLOCKER] = django_db_blocker


def pytest_fixture_post_finalizer(fixturedef, request):
    if fixturedef.argname != "_django_db_helper":
        return
    blocker = request.node.stash.get(BLOCKER, None)
    if blocker is None:
        return
    del request.node.stash[BLOCKER]
    with blocker.unblock():
        restore_migration_data()


def restore_migration_data():
    """Run again the RunPython steps of the project's own migrations (they are idempotent), as
    tests/e2e/conftest.py does after the live server's flush."""
    from django.apps import apps
    from django.conf import settings
    from django.db import connection, transaction
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    if not connection.settings_dict["NAME"].startswith("test_"):
        return  # never outside the test database
    base = Path(settings.BASE_DIR)
    ours = {
        a.label for a in apps.get_app_configs() if Path(a.path).is_relative_to(base) and ".venv" not in a.path
    }
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    plan = []
    for leaf in graph.leaf_nodes():
        plan += [key for key in graph.forwards_plan(leaf) if key not in plan]
    with transaction.atomic():
        for key in plan:
            if key[0] in ours:
                for op in graph.nodes[key].operations:
                    if isinstance(op, RunPython):
                        op.code(apps, None)
