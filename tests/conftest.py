"""Shared fixtures: one small federation and the people who work in it.

The tree:   LZ 柳州市总工会 ─┬─ LZ-CZ 城中区总工会 ── LZ-CZ-001 城中第一企业工会
                              └─ LZ-YF 鱼峰区总工会

Users (healthchecks' alice/bob/charlie, one per place in the tree):
- `city_user`   staff, official and admin of LZ: sees everything.
- `cz_user`     staff (工作人员) of LZ-CZ: sees LZ-CZ and LZ-CZ-001, never LZ-YF or LZ itself.
- `yf_user`     staff of LZ-YF: the sibling district, sees none of LZ-CZ's records.
- `ent_user`    staff of the enterprise union LZ-CZ-001: sees only its own records.
`make_user(org, *roles, perms=())` makes others; `client_for(user)` logs one in.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.factories import OrganizationFactory, UserFactory
from unionhub.orgs.models import Organization
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


class Tree:
    def __init__(self):
        K = Organization.Kind
        self.city = OrganizationFactory(code="LZ", name="柳州市总工会", kind=K.CITY)
        self.cz = OrganizationFactory(code="LZ-CZ", name="城中区总工会", kind=K.DISTRICT, parent=self.city)
        self.yf = OrganizationFactory(code="LZ-YF", name="鱼峰区总工会", kind=K.DISTRICT, parent=self.city)
        self.cz_ent = OrganizationFactory(
            code="LZ-CZ-001", name="城中第一企业工会", kind=K.ENTERPRISE, parent=self.cz
        )


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


@pytest.fixture
def city_user(tree, make_user):
    return make_user(tree.city, STAFF, OFFICIAL, ADMIN, username="city")


@pytest.fixture
def cz_user(tree, make_user):
    return make_user(tree.cz, STAFF, username="cz")


@pytest.fixture
def yf_user(tree, make_user):
    return make_user(tree.yf, STAFF, username="yf")


@pytest.fixture
def ent_user(tree, make_user):
    return make_user(tree.cz_ent, STAFF, username="ent")


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
