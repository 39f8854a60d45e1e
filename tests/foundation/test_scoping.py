"""The one scoping mechanism: a user sees their organization's subtree; anything else is a 404.

Job and ImportBatch both use OrgScopedQuerySet, so they stand for every scoped record.
"""

import pytest
from django.http import Http404

from tests.factories import UserFactory
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.orgs.scoping import get_visible_or_404, org_visible_to, user_root, visible_orgs


@pytest.fixture
def jobs(tree, city_user):
    return {
        org: Job.objects.create(kind="ping", organization=getattr(tree, org), created_by=city_user)
        for org in ("city", "cz", "yf", "cz_ent")
    }


def visible(model, user):
    return set(model.objects.visible_to(user).values_list("organization__code", flat=True))


def test_city_user_sees_every_job(jobs, city_user):
    assert visible(Job, city_user) == {"LZ", "LZ-CZ", "LZ-YF", "LZ-CZ-001"}


def test_district_user_sees_own_subtree_only(jobs, cz_user, yf_user):
    assert visible(Job, cz_user) == {"LZ-CZ", "LZ-CZ-001"}
    assert visible(Job, yf_user) == {"LZ-YF"}


def test_enterprise_user_sees_only_its_own(jobs, ent_user):
    assert visible(Job, ent_user) == {"LZ-CZ-001"}


def test_user_without_organization_sees_nothing(jobs, db):
    assert visible(Job, UserFactory()) == set()


def test_superuser_sees_everything(jobs, db):
    assert len(visible(Job, UserFactory(is_superuser=True))) == 4


def test_import_batches_are_scoped_the_same_way(tree, cz_user, yf_user, city_user):
    for org in (tree.cz, tree.yf):
        ImportBatch.objects.create(kind="orgs", filename="x.csv", organization=org, created_by=city_user)
    assert visible(ImportBatch, cz_user) == {"LZ-CZ"}
    assert visible(ImportBatch, yf_user) == {"LZ-YF"}
    assert visible(ImportBatch, city_user) == {"LZ-CZ", "LZ-YF"}


def test_get_visible_or_404_refuses_a_sibling(jobs, cz_user):
    assert get_visible_or_404(Job, cz_user, pk=jobs["cz"].pk) == jobs["cz"]
    with pytest.raises(Http404):
        get_visible_or_404(Job, cz_user, pk=jobs["yf"].pk)
    with pytest.raises(Http404):
        get_visible_or_404(Job.objects.all(), cz_user, pk=jobs["city"].pk)


def test_a_prefix_of_a_code_is_not_a_subtree(tree, make_user):
    """LZ-C is not above LZ-CZ: paths end with the separator, so a prefix match stops at a whole code."""
    from tests.factories import OrganizationFactory

    lzc = OrganizationFactory(code="LZ-C", parent=tree.city)
    user = make_user(lzc)
    assert not org_visible_to(user, tree.cz)
    assert set(visible_orgs(user).values_list("code", flat=True)) == {"LZ-C"}


def test_user_root(tree, cz_user, db):
    assert user_root(cz_user) == tree.cz
    assert user_root(UserFactory(is_superuser=True)) == tree.city
    assert user_root(UserFactory()) is None


# The job status page: scope first, then ownership.


def test_city_user_opens_a_district_job_status(tree, city_user, client_for):
    job = Job.objects.create(kind="ping", organization=tree.cz, created_by=city_user)
    r = client_for(city_user).get(f"/jobs/{job.pk}/status/")
    assert r.status_code == 200
    assert r.json()["state"] == "queued"


def test_sibling_district_user_gets_404_for_a_job_status(tree, yf_user, client_for):
    # Even the user who asked for it loses it once it is outside their subtree (they moved district).
    job = Job.objects.create(kind="ping", organization=tree.cz, created_by=yf_user)
    assert client_for(yf_user).get(f"/jobs/{job.pk}/status/").status_code == 404
    assert client_for(yf_user).get(f"/jobs/{job.pk}/files/report/").status_code == 404
    assert client_for(yf_user).post(f"/jobs/{job.pk}/retry/").status_code == 404


def test_district_user_gets_404_for_the_city_job(tree, city_user, cz_user, client_for):
    job = Job.objects.create(kind="ping", organization=tree.city, created_by=cz_user)
    assert client_for(cz_user).get(f"/jobs/{job.pk}/status/").status_code == 404
