"""The Django admin is for superusers only; its logs are read-only even for them."""

import pytest

from unionhub.orgs.roles import ADMIN


@pytest.fixture
def staff_admin(tree, make_user):
    """An administrator of LZ-CZ who was also let into the Django admin."""
    return make_user(tree.cz, ADMIN, perms=["jobs.view_job", "orgs.view_organization"], is_staff=True)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/orgs/user/",
        "/admin/jobs/job/",
        "/admin/orgs/organization/",
        "/admin/people/person/",
    ],
)
def test_the_django_admin_is_for_superusers_only(tree, staff_admin, cz_user, url, client_for):
    """Issue 15 item 2: a district admin let into /admin/ (is_staff) used to reset a colleague's
    password there and add roles to himself. Users are managed in the app's own pages now
    (tests/foundation/test_user_admin.py); /admin/ sends a non-superuser to its login."""
    response = client_for(staff_admin).get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client_for(staff_admin).get(f"/admin/orgs/user/{cz_user.pk}/password/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("log", ["people/fullidview", "people/fullidfileview", "orgs/userchange"])
def test_the_logs_are_read_only_even_for_superusers(db, client_for, log):
    from tests.factories import UserFactory

    root = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(root)
    assert client.get(f"/admin/{log}/").status_code == 200
    assert client.get(f"/admin/{log}/add/").status_code == 403
