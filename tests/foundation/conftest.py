import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import PersonFactory
from unionhub.orgs.scoping import org_visible_to
from unionhub.people import registry


def database_url() -> str:
    """The URL of the database this test runs on (the test database), for a subprocess.

    The embedded PostgreSQL listens on a Unix socket whose directory is the host: percent-encoded.
    """
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    host = quote(s["HOST"] or "", safe="")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{s['NAME']}"


def subprocess_env(**overrides) -> dict:
    """The environment of a manage.py or celery subprocess: this one, on the test database."""
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "unionhub.settings"}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(overrides)
    return env


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """`python -c code` in a fresh interpreter in the repository, on the test database, with the
    environment `env` added (subprocess_env); its output as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def person_in(monkeypatch):
    """`person_in(org)`: a Person with one role in `org`, seen through a test-only role provider
    (a person has no organization of their own; the work areas' providers say where they are)."""
    homes = {}

    def provider(person, user):
        org = homes.get(person.pk)
        if org is not None and org_visible_to(user, org):
            return [("测试角色", "/", org.name)]
        return []

    monkeypatch.setattr(registry, "_providers", [*registry._providers, provider])

    def make(org, **kwargs):
        person = PersonFactory(**kwargs)
        homes[person.pk] = org
        return person

    return make
