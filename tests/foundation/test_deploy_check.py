"""Django's deployment checklist is clean with production settings."""

import secrets
import subprocess
import sys

from django.conf import settings

from .conftest import subprocess_env


def test_check_deploy_reports_nothing(db):
    env = subprocess_env(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="unionhub.example.org",
        CSRF_TRUSTED_ORIGINS="https://unionhub.example.org",
    )
    r = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "System check identified no issues" in r.stdout


def test_production_settings_refuse_to_start_without_a_secret(db):
    env = subprocess_env(DEBUG="False", ALLOWED_HOSTS="unionhub.example.org")
    env.pop("SECRET_KEY", None)
    r = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert r.returncode != 0
    assert "SECRET_KEY" in r.stderr
