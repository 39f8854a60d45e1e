import pytest

from tests.security.world import World


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """One record of each kind in LZ-CZ and a user of every role (tests/security/world.py)."""
    return World()


@pytest.fixture
def fast_pdf(monkeypatch):
    from unionhub.reports import services

    monkeypatch.setattr(services, "html_to_pdf", lambda html: b"%PDF-1.7 stand-in\n")
