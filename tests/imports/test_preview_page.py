"""The batch page leads the user: it follows its job into the preview and the result, the preview
shows what the first rows will change, a refused file shows no "new" counts and points at an
unconfirmed batch it may depend on, and the result lists each record once."""

from django.urls import reverse

from unionhub.imports.models import ImportBatch
from unionhub.orgs.models import Organization

from .test_browser_flow import cz_admin, upload  # noqa: F401 (fixture)

HEADER = "组织代码,组织名称,上级组织代码,组织类型\n"


def page_of(client, batch) -> str:
    return client.get(reverse("imports:batch", args=[batch.pk])).content.decode()


def test_the_preview_shows_new_changed_and_unchanged_rows(cz_admin, client_for, tree):  # noqa: F811
    from unionhub.imports import services

    client = client_for(cz_admin)
    services.import_confirm(batch=upload(client, HEADER + "LZ-CZ-008,第八,LZ-CZ,企业工会\n"), user=cz_admin)
    text = HEADER + "LZ-CZ-001,城中第一企业工会(新名),LZ-CZ,企业工会\nLZ-CZ-007,新工会,LZ-CZ,企业工会\n"
    text += "LZ-CZ-008,第八,LZ-CZ,企业工会\n"
    batch = upload(client, text)
    assert batch.state == ImportBatch.State.PREVIEW
    rows = {r["label"]: r for r in batch.preview}
    assert rows["LZ-CZ-001"]["outcome"] == "updated"
    assert rows["LZ-CZ-001"]["fields"] == [
        {"field": "组织名称", "before": tree.cz_ent.name, "after": "城中第一企业工会(新名)"}
    ]
    assert rows["LZ-CZ-007"]["outcome"] == "new"
    assert rows["LZ-CZ-008"]["outcome"] == "unchanged"
    page = page_of(client, batch)
    assert "前3行将如何变化" in page
    assert f"<del>{tree.cz_ent.name}</del> → <ins>城中第一企业工会(新名)</ins>" in page
    assert Organization.objects.get(code="LZ-CZ-001").name == tree.cz_ent.name  # a preview writes nothing


def test_a_refused_file_shows_no_new_counts(cz_admin, client_for):  # noqa: F811
    client = client_for(cz_admin)
    batch = upload(client, HEADER + "LZ-CZ-002,,LZ-CZ,企业工会\nLZ-CZ-003,第三,LZ-CZ,企业工会\n")
    assert batch.state == ImportBatch.State.INVALID
    page = page_of(client, batch)
    assert "错误行" in page and ">新增<" not in page.replace("</div>", "<")


def test_a_file_refused_for_missing_references_points_at_the_unconfirmed_batch(cz_admin, client_for):  # noqa: F811
    client = client_for(cz_admin)
    orgs = upload(client, HEADER + "LZ-CZ-009,城中第九企业工会,LZ-CZ,企业工会\n", name="00-orgs.csv")
    assert orgs.state == ImportBatch.State.PREVIEW
    members = "姓名,身份证号,所属工会组织代码,是否农民工,入会日期\n张三,110101199003070054,LZ-CZ-009,否,2020-01-01\n"
    batch = upload(client, members, name="02-members.csv", kind="members")
    assert batch.state == ImportBatch.State.INVALID
    page = page_of(client, batch)
    assert "工会组织 · 00-orgs.csv" in page and "还只是预览,尚未确认导入" in page
    assert reverse("imports:batch", args=[orgs.pk]) in page


def test_the_page_follows_its_job_once_it_has_ended(cz_admin, client_for, settings):  # noqa: F811
    client = client_for(cz_admin)
    batch = upload(client, HEADER + "LZ-CZ-002,第二,LZ-CZ,企业工会\n")
    url = reverse("jobs:status", args=[batch.job_id])
    response = client.get(url + "?follow=1", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("imports:batch", args=[batch.pk])
    assert "HX-Redirect" not in client.get(url, HTTP_HX_REQUEST="true")  # the page did not ask to follow


def test_the_result_lists_each_member_once(cz_admin, client_for):  # noqa: F811
    from unionhub.imports import services

    client = client_for(cz_admin)
    members = (
        "姓名,身份证号,所属工会组织代码,是否农民工,入会日期\n张三,110101199003070054,LZ-CZ,否,2020-01-01\n"
    )
    batch = upload(client, members, kind="members")
    services.import_confirm(batch=batch, user=cz_admin)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED
    groups = {str(g["label"]): g for g in services.batch_records(batch)}
    assert len(groups["会员"]["records"]) == 1
    assert groups["人员"]["created"] == 1 and groups["人员"]["records"] == []
