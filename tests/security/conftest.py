import pytest

from tests.security.world import World


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The matrix logs in dozens of users; their passwords are never checked."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return World()
