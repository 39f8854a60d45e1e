"""Export in the browser: the user's subtree, ID numbers masked unless permitted."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import PersonFactory, UserFactory, make_id_number
from unionhub.jobs.models import Job
from unionhub.orgs.roles import ADMIN

NUMBER = make_id_number(datetime.date(1980, 3, 4), seq=7)


def export(client, kind, fmt):
    response = client.post(reverse("imports:export"), {"kind": kind, "fmt": fmt})
    assert response.status_code == 302, response.content.decode()
    job = Job.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    assert job.state == Job.State.DONE, job.error
    page = client.get(response.url).content.decode()
    download = reverse("jobs:download", args=[job.pk, "export"])
    assert download in page
    response = client.get(download)
    return job, b"".join(response.streaming_content), response


def rows_of(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def person(db):
    return PersonFactory(id_number=NUMBER, name="王小明")


def exporter(org, *perms):
    """A user holding exactly the export permission (and `perms`), no role."""
    user = UserFactory(organization=org, username=f"exporter-{org.code}-{len(perms)}")
    for perm in ("imports.run_export", *perms):
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def test_export_masks_id_numbers_without_the_full_id_permission(tree, client_for, people_kind, person):
    client = client_for(exporter(tree.city))
    assert "身份证号将隐去中间几位" in client.get(reverse("imports:export")).content.decode()
    _, content, response = export(client, "test_people", "csv")
    assert rows_of(content)[1][:2] == [NUMBER[:6] + "********" + NUMBER[14:], "王小明"]
    assert "attachment" in response["Content-Disposition"]


def test_export_shows_full_id_numbers_with_the_permission(tree, client_for, people_kind, person):
    user = exporter(tree.city, "people.view_full_id")
    _, content, _ = export(client_for(user), "test_people", "csv")
    assert rows_of(content)[1][0] == NUMBER


def test_export_covers_the_users_subtree_only(tree, make_user, client_for):
    client = client_for(make_user(tree.cz, ADMIN, username="czadmin"))
    _, content, _ = export(client, "orgs", "csv")
    assert [r[0] for r in rows_of(content)[1:]] == ["LZ-CZ", "LZ-CZ-001"]


def test_export_as_xlsx(tree, make_user, client_for):
    import openpyxl

    _, content, _ = export(client_for(make_user(tree.city, ADMIN, username="admin")), "orgs", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["组织代码", "组织名称", "上级组织代码", "组织类型"]
    assert sheet.max_row == 5


def test_another_users_export_is_not_found(tree, make_user, client_for):
    job, _, _ = export(client_for(make_user(tree.cz, ADMIN, username="czadmin")), "orgs", "csv")
    other = client_for(make_user(tree.cz, ADMIN, username="czadmin2"))
    assert other.get(reverse("imports:export_job", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:download", args=[job.pk, "export"])).status_code == 404


def test_export_needs_the_export_permission(cz_user, client_for):
    client = client_for(cz_user)
    assert client.post(reverse("imports:export"), {"kind": "orgs", "fmt": "csv"}).status_code == 403
