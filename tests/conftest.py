"""Shared fixtures: one small federation and the people who work in it.

The tree:   LZ 柳州市总工会 ─┬─ LZ-CZ 城中区总工会 ── LZ-CZ-001 城中第一企业工会
                              └─ LZ-YF 鱼峰区总工会

Users (healthchecks' alice/bob/charlie, one per place in the tree):
- `city_user`   staff, official and admin of LZ: sees everything.
- `cz_user`     staff (工作人员) of LZ-CZ: sees LZ-CZ and LZ-CZ-001, never LZ-YF or LZ itself.
- `yf_user`     staff of LZ-YF: the sibling district, sees none of LZ-CZ's records.
- `ent_user`    staff of the enterprise union LZ-CZ-001: sees only its own records.
`make_user(org, *roles, perms=())` makes others (`user_fixture(...)` of tests/factories.py declares
one as a fixture); `client_for(user)` logs one in; `import_csv(kind, rows, root)` imports rows. Also: `world` (one record of every kind in LZ-CZ
and a user of every role, tests/security/world.py), `fast_pdf` (a stand-in for WeasyPrint), and
`queue` / `not_eager` for the tests that start a real worker (tests/workers.py).
"""

import itertools
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.factories import Tree, UserFactory, user_fixture
from tests.sheets import do_import, write_csv
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF


def pytest_configure(config):
    # Jobs run in-process unless a test starts a real worker (tests/foundation/test_worker.py).
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.AXES_ENABLED = False
    # The factories' users log in through force_login; a slow hasher only slows the suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from unionhub.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(db):
    return Tree()


@pytest.fixture
def make_user(db):
    def make(org, *roles, perms=(), **kwargs):
        user = UserFactory(organization=org, **kwargs)
        for role in roles or (STAFF,):
            user.groups.add(Group.objects.get(name=role))
        for perm in perms:
            app_label, codename = perm.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        user.save()
        return user

    return make


city_user = user_fixture("city", STAFF, OFFICIAL, ADMIN, username="city")
cz_user = user_fixture("cz", STAFF, username="cz")
yf_user = user_fixture("yf", STAFF, username="yf")
ent_user = user_fixture("cz_ent", STAFF, username="ent")


@pytest.fixture
def import_csv(tmp_path):
    """`import_csv(kind, rows, root, dry_run=False, user=None)`: write `rows` (the first one the
    header) as a CSV file of its own and import it into `root`'s subtree; the import's result."""
    files = itertools.count(1)

    def run(kind, rows, root, **options):
        return do_import(kind, write_csv(tmp_path / f"{kind}-{next(files)}.csv", rows), root, **options)

    return run


@pytest.fixture
def client_for():
    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the page caches of unionhub/orgs/choices.py and
    unionhub/core/paging.py live in the process's memory)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    """One record of each kind in LZ-CZ and a user of every role (tests/security/world.py)."""
    from tests.security.world import World

    return World()


@pytest.fixture
def fast_pdf(monkeypatch):
    """For tests that do not read the PDF: skip WeasyPrint's second or so per report."""
    from unionhub.reports import services

    monkeypatch.setattr(services, "html_to_pdf", lambda html, **kw: b"%PDF-1.7 stand-in\n" + html.encode())


# --- a real worker (tests/workers.py) ---------------------------------------------------------


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own, so that no other worker on the same broker (a `make run`
    nearby, another test run) takes the message, and this worker takes no one else's."""
    from unionhub.jobs.tasks import run_job

    name = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(run_job, "queue", name, raising=False)
    monkeypatch.setattr(run_job, "_exec_options", None)  # Celery caches the task's send options
    return name


@pytest.fixture
def not_eager(settings):
    """Jobs go through the broker to a worker (tests/workers.py), not run in-process."""
    from unionhub.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager
