"""The Django admin is scoped like the app and never lets a non-superuser raise their rights."""

import pytest

from unionhub.jobs.models import Job
from unionhub.orgs.roles import ADMIN


@pytest.fixture
def staff_admin(tree, make_user):
    """An administrator of LZ-CZ who was also let into the Django admin."""
    return make_user(tree.cz, ADMIN, perms=["jobs.view_job", "orgs.view_organization"], is_staff=True)


def test_job_list_shows_the_subtree_only(tree, city_user, staff_admin, client_for):
    mine = Job.objects.create(kind="ping", organization=tree.cz_ent, created_by=city_user)
    other = Job.objects.create(kind="ping", organization=tree.yf, created_by=city_user)
    client = client_for(staff_admin)
    body = client.get("/admin/jobs/job/").content.decode()
    assert str(mine.pk) in body and str(other.pk) not in body
    assert client.get(f"/admin/jobs/job/{other.pk}/change/").status_code == 302  # "does not exist"


def test_organization_list_shows_the_subtree_only(tree, staff_admin, client_for):
    body = client_for(staff_admin).get("/admin/orgs/organization/").content.decode()
    assert "LZ-CZ-001" in body and "LZ-YF" not in body


def test_user_admin_hides_other_subtrees_and_locks_superuser_flags(
    tree, staff_admin, yf_user, cz_user, client_for
):
    client = client_for(staff_admin)
    body = client.get("/admin/orgs/user/").content.decode()
    assert ">cz<" in body and ">yf<" not in body
    form = client.get(f"/admin/orgs/user/{cz_user.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in form
    assert 'name="user_permissions"' not in form
    assert client.get(f"/admin/orgs/user/{yf_user.pk}/change/").status_code == 302


def test_people_admin_is_for_superusers_only(tree, staff_admin, client_for):
    assert client_for(staff_admin).get("/admin/people/person/").status_code == 403


def test_full_id_log_is_read_only_even_for_superusers(db, client_for):
    from tests.factories import UserFactory

    root = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(root)
    assert client.get("/admin/people/fullidview/").status_code == 200
    assert client.get("/admin/people/fullidview/add/").status_code == 403
