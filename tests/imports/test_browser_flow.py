"""The admin's flow in the browser (Django test client; jobs run eagerly): pick a kind,
download its template, upload, preview with errors, fix, confirm, see the result, history."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import user_fixture
from unionhub.imports import services
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.orgs.models import Organization
from unionhub.orgs.roles import ADMIN

HEADER = "组织代码,组织名称,上级组织代码,组织类型\n"
BAD = (
    HEADER
    + "LZ-CZ-002,城中第二企业工会,LZ-CZ,企业工会\nLZ-YF-009,鱼峰工会,LZ-YF,企业工会\nLZ-CZ-003,,LZ-CZ,企业工会\n"
)
FIXED = HEADER + "LZ-CZ-002,城中第二企业工会,LZ-CZ,企业工会\nLZ-CZ-003,城中第三企业工会,LZ-CZ,企业工会\n"


def upload_file(name, text, encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


cz_admin = user_fixture("cz", ADMIN, username="czadmin")
yf_admin = user_fixture("yf", ADMIN, username="yfadmin")


def upload(client, text, name="orgs.csv", kind="orgs", encoding="utf-8"):
    response = client.post(
        reverse("imports:upload", args=[kind]), {"file": upload_file(name, text, encoding)}
    )
    assert response.status_code == 302, response.content.decode()
    return ImportBatch.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])


def test_admin_walks_from_template_to_result(cz_admin, client_for):
    client = client_for(cz_admin)

    page = client.get(reverse("imports:index")).content.decode()
    assert "工会组织" in page and reverse("imports:template", args=["orgs", "xlsx"]) in page

    response = client.get(reverse("imports:template", args=["orgs", "xlsx"]))
    assert response["Content-Disposition"].startswith("attachment")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in wb.active[1]] == ["组织代码", "组织名称", "上级组织代码", "组织类型"]

    assert client.get(reverse("imports:upload", args=["orgs"])).status_code == 200
    bad = upload(client, BAD, encoding="gbk")
    assert bad.state == ImportBatch.State.INVALID
    assert not bad.source  # nothing can be confirmed: the upload is gone
    page = client.get(reverse("imports:batch", args=[bad.pk])).content.decode()
    assert "第3行 上级组织代码: 组织“LZ-YF”不在您的管辖范围内" in page
    assert "第4行 组织名称: 必填" in page
    assert "有2行错误,未写入任何数据" in page
    assert "确认导入" not in page

    response = client.get(reverse("imports:bad_rows", args=[bad.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][-2:] == ["行号", "错误原因"]
    assert rows[1] == [
        "LZ-YF-009",
        "鱼峰工会",
        "LZ-YF",
        "企业工会",
        3,
        "上级组织代码: 组织“LZ-YF”不在您的管辖范围内",
    ]
    assert not Organization.objects.filter(code="LZ-CZ-002").exists()

    preview = upload(client, FIXED)
    assert preview.state == ImportBatch.State.PREVIEW
    assert preview.source
    page = client.get(reverse("imports:batch", args=[preview.pk])).content.decode()
    assert "检查通过:共2行,将新增2行、更新0行,0行未变" in page
    assert "确认导入" in page
    assert not Organization.objects.filter(code="LZ-CZ-002").exists()

    response = client.post(reverse("imports:confirm", args=[preview.pk]))
    assert response.status_code == 302
    preview.refresh_from_db()
    assert preview.state == ImportBatch.State.IMPORTED and not preview.dry_run
    assert not preview.source
    assert (preview.new, preview.updated, preview.unchanged) == (2, 0, 0)
    page = client.get(response.url).content.decode()
    assert "导入完成:共2行,新增2行,更新0行,未变0行" in page
    assert Organization.objects.get(code="LZ-CZ-003").parent.code == "LZ-CZ"

    again = upload(client, FIXED)
    page = client.get(reverse("imports:batch", args=[again.pk])).content.decode()
    assert "与系统中的数据完全相同,导入不会有任何改动" in page

    page = client.get(reverse("imports:batches")).content.decode()
    assert page.count("orgs.csv") == 3
    assert "有错误" in page and "已导入" in page and "已预览" in page


def test_the_preview_page_shows_a_progress_bar_while_the_job_runs(cz_admin, client_for, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # the job stays queued: no worker in this test
    client = client_for(cz_admin)
    batch = upload(client, FIXED)
    assert batch.state == ImportBatch.State.CHECKING
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "<progress" in page
    assert reverse("jobs:status", args=[batch.job_id]) in page


def test_a_district_admin_cannot_see_another_districts_batch(cz_admin, yf_admin, client_for):
    batch = upload(client_for(cz_admin), FIXED)
    client = client_for(yf_admin)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports:bad_rows", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:rollback", args=[batch.pk])).status_code == 404
    assert "orgs.csv" not in client.get(reverse("imports:batches")).content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW


def test_the_city_sees_every_districts_batches(cz_admin, city_user, client_for):
    batch = upload(client_for(cz_admin), FIXED)
    client = client_for(city_user)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 200
    assert "orgs.csv" in client.get(reverse("imports:batches")).content.decode()


def test_only_the_uploader_confirms(cz_admin, city_user, client_for):
    batch = upload(client_for(cz_admin), FIXED)
    response = client_for(city_user).post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "只有上传该文件的用户可以确认导入" in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW


def test_a_batch_is_confirmed_once(cz_admin, client_for):
    client = client_for(cz_admin)
    batch = upload(client, FIXED)
    client.post(reverse("imports:confirm", args=[batch.pk]))
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "该批次不是待确认的预览,不能导入" in response.content.decode()


def test_staff_without_the_import_permission_are_refused(cz_user, client_for):
    client = client_for(cz_user)
    assert client.get(reverse("imports:index")).status_code == 403
    assert client.get(reverse("imports:upload", args=["orgs"])).status_code == 403
    assert client.get(reverse("imports:batches")).status_code == 403
    assert client.get(reverse("imports:export")).status_code == 403


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("imports:index"))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("orgs.txt", b"x", "只支持 .xlsx、.xls 和 .csv 文件"),
        ("orgs.xls", b"x", "不是有效的 .xls 文件"),
        ("orgs.csv", b"", "文件是空的"),
    ],
)
def test_a_wrong_upload_is_refused_on_the_form(cz_admin, client_for, name, content, message):
    response = client_for(cz_admin).post(
        reverse("imports:upload", args=["orgs"]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_too_large_upload_is_refused_on_the_form(cz_admin, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    response = client_for(cz_admin).post(
        reverse("imports:upload", args=["orgs"]),
        {"file": SimpleUploadedFile("orgs.csv", b"x" * (1024 * 1024 + 1))},
    )
    assert "文件过大(超过1MB)" in response.content.decode()


def test_an_encrypted_workbook_is_refused_on_the_preview(cz_admin, client_for):
    from unionhub.imports.readers import OLE_MAGIC

    response = client_for(cz_admin).post(
        reverse("imports:upload", args=["orgs"]),
        {"file": SimpleUploadedFile("orgs.xlsx", OLE_MAGIC + b"\0" * 512)},
    )
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.FAILED
    page = client_for(cz_admin).get(response.url).content.decode()
    assert "文件已加密或为旧版 .xls 格式,请取消密码并另存为 .xlsx" in page


def test_the_worker_rechecks_the_importers_scope(cz_admin, client_for, tree):
    batch = upload(client_for(cz_admin), FIXED)
    cz_admin.organization = tree.yf  # moved to another district after the preview
    cz_admin.save()
    services.import_confirm(batch=batch, user=cz_admin)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert batch.errors[0]["message"] == "该批次不在导入人的管辖范围内"
    assert Job.objects.get(pk=batch.job_id).state == Job.State.FAILED
    assert not Organization.objects.filter(code="LZ-CZ-002").exists()


def test_uploads_of_previews_never_confirmed_are_purged(cz_admin, client_for):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    client = client_for(cz_admin)
    old, fresh = upload(client, FIXED), upload(client, FIXED)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)
    assert out.getvalue().strip() == "已删除1个未确认的上传文件"
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert not old.source and fresh.source
    assert "确认导入" not in client.get(reverse("imports:batch", args=[old.pk])).content.decode()


def test_the_history_page_runs_the_same_number_of_queries_however_many_batches(cz_admin, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cz_admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("imports:batches")).status_code == 200
        return len(ctx.captured_queries)

    upload(client, FIXED)
    few = queries()
    for _ in range(5):
        upload(client, BAD)
    assert queries() == few
