"""The reports pages: asking, following, downloading and publishing; the dashboard."""

import datetime

import pytest
from django.urls import reverse

from unionhub.jobs import services as job_services
from unionhub.jobs.models import Job
from unionhub.reports.models import Report
from unionhub.reports.services import report_publish, report_request

AS_OF = datetime.date(2018, 10, 31)
LIST = reverse("reports:list")

pytestmark = pytest.mark.usefixtures("demo_section", "fast_pdf")


def ask(client, org="LZ", year=2018, as_of="2018-10-31"):
    return client.post(LIST, {"org": org, "year": year, "as_of": as_of})


def test_the_reports_page_offers_only_the_users_subtree(tree, cz_official, client_for):
    page = client_for(cz_official).get(LIST)
    assert page.status_code == 200
    options = page.context["form"].fields["org"].queryset
    assert sorted(o.code for o in options) == ["LZ-CZ", "LZ-CZ-001"]


def test_staff_without_the_permission_get_403(tree, cz_user, client_for):
    assert client_for(cz_user).get(LIST).status_code == 403
    assert client_for(cz_user).get(reverse("reports:dashboard")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(tree, client):
    assert client.get(LIST).status_code == 302


def test_asking_makes_the_report_and_shows_its_downloads(tree, official, client_for):
    client = client_for(official)
    response = ask(client)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[report.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "2018年柳州市总工会工作总结" in text
    assert reverse("reports:download", args=[report.pk, "pdf"]) in text


def test_a_form_error_is_said_in_chinese_beside_the_field(tree, official, client_for):
    page = ask(client_for(official), as_of="2019-03-01")
    assert page.status_code == 200
    assert "截至日期须在2018年内" in page.content.decode()
    assert not Job.objects.exists()


def test_a_district_official_asking_for_the_city_report_gets_404_and_no_job(tree, cz_official, client_for):
    assert ask(client_for(cz_official), org="LZ").status_code == 404
    assert ask(client_for(cz_official), org="LZ-YF").status_code == 404
    assert not Job.objects.exists()
    assert not Report.objects.exists()


def test_the_list_shows_the_reports_of_the_subtree_with_who_asked(
    tree, official, cz_official, yf_official, client_for
):
    report_request(org=tree.cz, year=2018, as_of=AS_OF, by=official)
    report_request(org=tree.yf, year=2018, as_of=AS_OF, by=yf_official)
    report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    page = client_for(cz_official).get(LIST)
    shown = list(page.context["page"])
    assert [r.organization.code for r in shown] == ["LZ-CZ"]
    assert "city_official" in page.content.decode()
    assert len(list(client_for(official).get(LIST).context["page"])) == 3


def test_the_list_filters_by_year_and_organization(tree, official, client_for):
    report_request(org=tree.cz, year=2018, as_of=AS_OF, by=official)
    report_request(org=tree.city, year=2017, as_of=datetime.date(2017, 12, 31), by=official)
    client = client_for(official)
    assert [r.year for r in client.get(LIST, {"year": 2017}).context["page"]] == [2017]
    assert [r.organization.code for r in client.get(LIST, {"organization": "LZ-CZ"}).context["page"]] == [
        "LZ-CZ"
    ]


def test_the_list_takes_the_same_number_of_queries_for_more_reports(
    tree, official, client_for, django_assert_max_num_queries
):
    client = client_for(official)
    report_request(org=tree.cz, year=2018, as_of=AS_OF, by=official)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for org in (tree.city, tree.yf, tree.cz_ent):
        report_request(org=org, year=2018, as_of=AS_OF, by=official)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_downloads_are_the_reports_files(tree, official, client_for):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    client = client_for(official)
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    data = client.get(reverse("reports:download", args=[report.pk, "json"]))
    assert b"".join(data.streaming_content).decode().startswith('{\n "year": 2018')
    xlsx = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    b"".join(xlsx.streaming_content)
    assert client.get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 404


def test_a_district_official_cannot_see_or_download_another_districts_report(
    tree, cz_official, yf_official, client_for
):
    report = report_request(org=tree.yf, year=2018, as_of=AS_OF, by=yf_official)
    client = client_for(cz_official)
    for name, args in [
        ("detail", [report.pk]),
        ("status", [report.pk]),
        ("download", [report.pk, "pdf"]),
        ("download", [report.pk, "json"]),
    ]:
        assert client.get(reverse(f"reports:{name}", args=args)).status_code == 404
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 404


def test_the_city_sees_a_districts_report(tree, official, cz_official, client_for):
    report = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=cz_official)
    response = client_for(official).get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_while_the_job_runs_the_page_shows_its_progress_and_polls(tree, official, client_for, monkeypatch):
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    Job.objects.filter(pk=report.job.pk).update(state=Job.State.RUNNING, progress=42, message="统计本年数据")
    client = client_for(official)
    status = reverse("reports:status", args=[report.pk])
    text = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'value="42.0"' in text and "统计本年数据" in text
    assert f'hx-get="{status}"' in text
    fragment = client.get(status, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<progress" in fragment.content.decode()
    data = client.get(status).json()
    assert data["state"] == "running" and data["percentage"] == 42 and data["made"] is False


def test_a_failed_report_shows_why_and_is_retried_from_its_page(tree, official, client_for, demo_section):
    demo_section.fail = True
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    client = client_for(official)
    text = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "生成失败" in text and "意外错误" in text
    demo_section.fail = False
    response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_made and report.job.state == Job.State.DONE


def test_publishing_from_the_page_then_shows_the_changes_against_the_records(tree, official, client_for):
    from tests.factories import OrganizationFactory
    from unionhub.orgs.models import Organization

    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    client = client_for(official)
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 302
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert page.context["changes"] == []
    assert "当前记录与发布时的数据一致" in page.content.decode()

    OrganizationFactory(
        code="LZ-YF-001", name="鱼峰第一企业工会", kind=Organization.Kind.ENTERPRISE, parent=tree.yf
    )
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert [(c["section"], c["label"], c["old"], c["new"]) for c in page.context["changes"]] == [
        ("困难职工帮扶", "覆盖基层组织(个)", "4个", "5个")
    ]
    report.refresh_from_db()
    assert report.figures["demo"]["orgs"] == 4  # frozen as made


def test_publishing_needs_the_publish_permission(tree, make_user, client_for):
    from unionhub.orgs.roles import ADMIN

    admin = make_user(tree.city, ADMIN, username="admin_only")
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=admin)
    assert client_for(admin).post(reverse("reports:publish", args=[report.pk])).status_code == 403
    assert (
        "发布报告" not in client_for(admin).get(reverse("reports:detail", args=[report.pk])).content.decode()
    )


def test_publishing_twice_says_so(tree, official, client_for):
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    report_publish(report=report, by=official)
    page = client_for(official).post(reverse("reports:publish", args=[report.pk]), follow=True)
    assert "该报告已经发布" in page.content.decode()


def test_the_dashboard_shows_this_years_headline_figures(tree, official, client_for):
    page = client_for(official).get(reverse("reports:dashboard"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "475户" in text and "95万元" in text and "40.24%" in text
    assert "<svg" in text  # the breakdown by kind as bars
    assert page.context["org"] == tree.city


def test_the_dashboard_shows_a_district_and_refuses_another(tree, cz_official, client_for):
    client = client_for(cz_official)
    page = client.get(reverse("reports:dashboard"))
    assert page.context["org"] == tree.cz
    assert client.get(reverse("reports:dashboard"), {"org": "LZ-CZ-001"}).context["org"] == tree.cz_ent
    assert client.get(reverse("reports:dashboard"), {"org": "LZ-YF"}).status_code == 404
    assert client.get(reverse("reports:dashboard"), {"org": "LZ"}).status_code == 404


def test_the_navigation_has_the_dashboard_and_the_reports_for_officials(tree, official, cz_user, client_for):
    nav = [i["label"] for i in client_for(official).get(LIST).context["nav"]]
    assert "数据看板" in nav and "年度报告" in nav
    assert nav.index("数据看板") < nav.index("年度报告")


def test_the_list_filters_by_publication(tree, official, client_for):
    published = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=official)
    report_publish(report=published, by=official)
    report_request(org=tree.yf, year=2018, as_of=AS_OF, by=official)
    client = client_for(official)
    assert [r.pk for r in client.get(LIST, {"published": "yes"}).context["page"]] == [published.pk]
    assert [r.organization.code for r in client.get(LIST, {"published": "no"}).context["page"]] == ["LZ-YF"]


def test_the_dashboard_shows_a_past_year_to_its_end(tree, official, client_for):
    page = client_for(official).get(reverse("reports:dashboard"), {"year": "2018"})
    assert page.context["as_of"] == datetime.date(2018, 12, 31)
    assert "475户" in page.content.decode()
    assert client_for(official).get(reverse("reports:dashboard"), {"year": "1990"}).status_code == 404


def test_a_published_report_lists_the_imports_of_its_subtree_made_since(tree, cz_official, client_for):
    from django.utils import timezone

    from unionhub.imports.models import ImportBatch

    report = report_request(org=tree.cz, year=2018, as_of=AS_OF, by=cz_official)
    before = ImportBatch.objects.create(
        kind="legal_cases",
        filename="早前.csv",
        organization=tree.cz,
        state="imported",
        finished_at=timezone.now(),
    )
    report_publish(report=report, by=cz_official)
    later = dict(state="imported", finished_at=timezone.now() + datetime.timedelta(seconds=1))
    ImportBatch.objects.create(
        kind="legal_cases", filename="补录案件.csv", organization=tree.cz_ent, created_by=cz_official, **later
    )
    ImportBatch.objects.create(kind="legal_cases", filename="鱼峰.csv", organization=tree.yf, **later)
    ImportBatch.objects.create(
        kind="legal_cases", filename="预览.csv", organization=tree.cz, dry_run=True, **later
    )
    page = client_for(cz_official).get(reverse("reports:detail", args=[report.pk]))
    assert [b.filename for b in page.context["batches"]] == ["补录案件.csv"]
    assert "cz_official" in page.content.decode() or str(cz_official) in page.content.decode()
    assert before.filename not in page.content.decode()


def test_the_progress_fragment_reloads_the_page_once_the_job_ends(tree, official, client_for, monkeypatch):
    monkeypatch.setattr(job_services, "job_dispatch", lambda job: None)
    report = report_request(org=tree.city, year=2018, as_of=AS_OF, by=official)
    client = client_for(official)
    status = reverse("reports:status", args=[report.pk])
    assert "HX-Refresh" not in client.get(status, headers={"HX-Request": "true"})
    job_services.job_run(report.job.pk)
    assert client.get(status, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
