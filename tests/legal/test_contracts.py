"""Collective contracts (集体合同) and labour-relations monitoring reports (劳动关系监测): the
import kinds with every bad row named by row and column (nothing half written), re-import and
export round trips, the database's constraints, and the pages (forms, lists, history, scope)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from legal.models import CollectiveContract, MonitoringReport
from legal.selectors import contracts_expiring
from tests.factories import make_credit_code
from tests.formats import header

from .conftest import assert_round_trip, do_import, export_csv, problems_text, read_csv, write_csv

D = datetime.date
CONTRACT_HEADER = header("collective_contracts")
REPORT_HEADER = header("monitoring_reports")


@pytest.fixture
def employer(tree, make_employer):
    return make_employer(tree.cz)


def contract_rows(employer):
    return [
        CONTRACT_HEADER,
        ["JT1", "工资专项", "单独签订", employer.credit_code, "1", "553", "2018-03-01", "2021/2/28", "LZ-CZ"],
        ["JT2", "综合", "区域性", "", "12", "3,000", "2016年5月1日", "2019-04-30", "LZ-CZ-001"],
        ["JT3", "女职工专项", "行业性", "", "30", "2000", "2018-06-01", "2018-10-31", "LZ-YF"],
    ]


def test_contracts_import_reimport_and_export_round_trip(tree, tmp_path, employer):
    path = write_csv(tmp_path / "c.csv", contract_rows(employer))
    result = do_import("collective_contracts", path, tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    jt1 = CollectiveContract.objects.get(number="JT1")
    assert (jt1.employer, jt1.workers_covered, jt1.expires_on) == (employer, 553, D(2021, 2, 28))
    assert CollectiveContract.objects.get(number="JT2").workers_covered == 3000
    assert_round_trip("collective_contracts", path, tree.city, tmp_path, header=CONTRACT_HEADER, rows=3)


def test_contract_bad_rows_are_named_by_row_and_column_and_nothing_is_written(tree, import_csv, employer):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    code = employer.credit_code
    unknown = make_credit_code()
    rows = [
        CONTRACT_HEADER,
        ["JT1", "工资专项", "单独签订", code, "1", "553", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT2", "工资专项", "单独签订", code, "1", "100", "2018-03-01", "2018-02-01", "LZ-CZ"],
        ["JT3", "工资专项", "单独签订", "", "1", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT4", "综合", "区域性", "", "5", "100", tomorrow, "2099-01-01", "LZ-CZ"],
        ["JT5", "综合", "单独签订", code, "3", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT6", "集体", "区域性", "", "5", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT7", "综合", "区域性", "", "0", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT8", "综合", "单独签订", unknown, "1", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT1", "综合", "区域性", "", "5", "100", "2018-03-01", "2021-02-28", "LZ-CZ"],
        ["JT9", "综合", "区域性", "", "5", "100", "2018-03-01", "2018-03-01", "LZ-CZ"],
    ]
    result = import_csv("collective_contracts", rows, tree.city)
    assert problems_text(result) == [
        "第3行 期满日期: 期满日期应晚于签订日期",
        "第4行 单位统一社会信用代码: 单独签订的集体合同须填写签订单位",
        "第5行 签订日期: 签订日期不能晚于今天",
        "第6行 覆盖单位数: 单独签订的集体合同覆盖单位数应为1",
        "第7行 合同类型: “集体”无效,应为:综合/工资专项/女职工专项",
        "第8行 覆盖单位数: 应为不小于1的整数",
        f"第9行 单位统一社会信用代码: 统一社会信用代码为“{unknown}”的单位不存在",
        "第10行 合同编号: 与第2行重复",
        "第11行 期满日期: 期满日期应晚于签订日期",
    ]
    assert CollectiveContract.objects.count() == 0


def test_a_district_imports_only_inside_its_subtree(tree, import_csv, employer, make_employer):
    assert import_csv("collective_contracts", contract_rows(employer), tree.city).ok
    yf_employer = make_employer(tree.yf)
    rows = [
        CONTRACT_HEADER,
        ["JT3", "女职工专项", "行业性", "", "30", "2000", "2018-06-01", "2019-10-31", "LZ-CZ"],  # LZ-YF's
        ["JT4", "综合", "单独签订", yf_employer.credit_code, "1", "10", "2018-06-01", "2019-10-31", "LZ-CZ"],
        ["JT5", "综合", "区域性", "", "3", "10", "2018-06-01", "2019-10-31", "LZ-YF"],
    ]
    result = import_csv("collective_contracts", rows, tree.cz)
    assert problems_text(result) == [
        "第2行 合同编号: “JT3”不在您的管辖范围内",
        f"第3行 单位统一社会信用代码: 单位“{yf_employer.credit_code}”不在您的管辖范围内",
        "第4行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内",
    ]
    assert CollectiveContract.objects.get(number="JT3").expires_on == D(2018, 10, 31)


def test_the_database_refuses_a_contract_that_breaks_the_rules(tree, employer):
    base = {
        "kind": "综合",
        "workers_covered": 10,
        "organization": tree.cz,
        "signed_on": D(2018, 3, 1),
        "expires_on": D(2021, 3, 1),
    }
    for number, bad in [
        ("X1", {"signing": "区域性", "employers_covered": 3, "expires_on": D(2018, 3, 1)}),
        ("X2", {"signing": "单独签订", "employers_covered": 1}),
        ("X3", {"signing": "单独签订", "employers_covered": 2, "employer": employer}),
        ("X4", {"signing": "区域性", "employers_covered": 0}),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            CollectiveContract.objects.create(number=number, **{**base, **bad})


def test_the_contracts_expiring_within_90_days(tree, cz_user):
    today = timezone.localdate()

    def contract(number, signed, expires, org=tree.cz):
        return CollectiveContract.objects.create(
            number=number,
            kind="综合",
            signing="区域性",
            employers_covered=2,
            workers_covered=10,
            signed_on=today + datetime.timedelta(days=signed),
            expires_on=today + datetime.timedelta(days=expires),
            organization=org,
        )

    contract("SOON", -300, 30)
    contract("EDGE", -300, 90)
    contract("LATER", -300, 91)
    contract("GONE", -300, 0)
    contract("OTHER", -300, 10, org=tree.yf)
    contract("FIRST", -300, 5, org=tree.cz_ent)
    found = [(c.number, c.days_left) for c in contracts_expiring(user=cz_user, today=today)]
    assert found == [("FIRST", 5), ("SOON", 30), ("EDGE", 90)]


# -- monitoring reports ------------------------------------------------------------------------


def test_monitoring_reports_import_reimport_export_and_bad_rows(tree, tmp_path, import_csv):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    good = [
        REPORT_HEADER,
        ["JC1", "2018-01-15", "定期", "一季度劳动关系形势", "44", "一般", "LZ-CZ"],
        ["JC2", "2018年4月1日", "快报", "某厂欠薪停工", "1", "重大", "LZ-CZ-001"],
    ]
    path = write_csv(tmp_path / "r.csv", good, encoding="gbk")
    result = do_import("monitoring_reports", path, tree.city)
    assert result.ok, problems_text(result)
    assert MonitoringReport.objects.get(number="JC2").sent_on == D(2018, 4, 1)
    assert do_import("monitoring_reports", path, tree.city).unchanged == 2
    back = do_import(
        "monitoring_reports",
        export_csv("monitoring_reports", tree.city, tmp_path / "export.csv"),
        tree.city,
    )
    assert (back.new, back.updated, back.unchanged) == (0, 0, 2)
    bad = [
        REPORT_HEADER,
        ["JC3", tomorrow, "定期", "将来", "1", "一般", "LZ-CZ"],
        ["JC4", "2018-05-01", "月报", "类型不对", "1", "一般", "LZ-CZ"],
        ["JC5", "2018-05-01", "专报", "", "1", "较大", "LZ-CZ"],
        ["JC6", "2018-05-01", "专报", "风险不对", "-1", "严重", "LZ-CZ"],
    ]
    result = import_csv("monitoring_reports", bad, tree.city)
    assert problems_text(result) == [
        "第2行 报送日期: 报送日期不能晚于今天",
        "第3行 报告类型: “月报”无效,应为:定期/专报/快报",
        "第4行 标题: 必填",
        "第5行 涉及单位数: “-1”无效,应为不小于0的整数",
        "第5行 风险等级: “严重”无效,应为:一般/较大/重大",
    ]
    assert MonitoringReport.objects.count() == 2


# -- pages ---------------------------------------------------------------------------------------


def contract_post(signer, **values):
    data = {
        "number": "JT2018-01",
        "kind": "工资专项",
        "signing": "单独签订",
        "employer": signer.credit_code,
        "employers_covered": "1",
        "workers_covered": "553",
        "signed_on": "2018-03-01",
        "expires_on": "2021-02-28",
        "organization": str(signer.organization_id),
        "covered_codes": "",
    }
    data.update(values)
    return data


def test_a_contract_is_entered_changed_and_its_history_shown(tree, client_for, cz_user, employer):
    client = client_for(cz_user)
    response = client.post("/legal/contracts/add/", contract_post(employer))
    contract = CollectiveContract.objects.get(number="JT2018-01")
    assert response.status_code == 302 and response["Location"] == f"/legal/contracts/{contract.pk}/"
    edit = contract_post(employer, workers_covered="600")
    assert client.post(f"/legal/contracts/{contract.pk}/edit/", edit).status_code == 302
    page = client.get(f"/legal/contracts/{contract.pk}/").content.decode()
    assert "553" in page and "600" in page  # before → after in the history
    assert employer.name in page
    listing = client.get("/legal/contracts/?kind=工资专项&state=expired").content.decode()
    assert "JT2018-01" in listing  # it ended on 2021-02-28
    assert "JT2018-01" not in client.get("/legal/contracts/?state=in_force").content.decode()
    assert "JT2018-01" not in client.get("/legal/contracts/?kind=综合").content.decode()


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"expires_on": "2018-01-01"}, "expires_on", "期满日期应晚于签订日期"),
        ({"employer": ""}, "employer", "单独签订的集体合同须填写签订单位"),
        ({"signed_on": "2999-01-01", "expires_on": "2999-12-31"}, "signed_on", "签订日期不能晚于今天"),
        ({"employers_covered": "4"}, "employers_covered", "单独签订的集体合同覆盖单位数应为1"),
    ],
)
def test_the_contract_form_names_the_field_in_chinese_and_writes_nothing(
    tree, client_for, cz_user, employer, values, field, message
):
    response = client_for(cz_user).post("/legal/contracts/add/", contract_post(employer, **values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not CollectiveContract.objects.exists()


def test_a_regional_contract_lists_the_employers_it_covers_within_scope(
    tree, client_for, cz_user, employer, make_employer
):
    client = client_for(cz_user)
    other = make_employer(tree.cz_ent)
    outside = make_employer(tree.yf)
    values = {"signing": "区域性", "employer": "", "employers_covered": "5"}
    refused = client.post(
        "/legal/contracts/add/",
        contract_post(employer, covered_codes=f"{other.credit_code}、{outside.credit_code}", **values),
    )
    assert outside.credit_code in " ".join(refused.context["form"].errors["covered_codes"])
    assert not CollectiveContract.objects.exists()
    ok = client.post(
        "/legal/contracts/add/",
        contract_post(employer, covered_codes=f"{other.credit_code}\n{employer.credit_code}", **values),
    )
    assert ok.status_code == 302
    contract = CollectiveContract.objects.get()
    assert set(contract.covered.all()) == {other, employer}
    assert other.name in client.get(f"/legal/contracts/{contract.pk}/").content.decode()


def test_another_subtree_cannot_see_or_change_a_contract_or_a_report(tree, client_for, yf_user, employer):
    contract = CollectiveContract.objects.create(
        number="JT9",
        kind="综合",
        signing="单独签订",
        employer=employer,
        employers_covered=1,
        workers_covered=5,
        signed_on=D(2018, 1, 1),
        expires_on=D(2020, 1, 1),
        organization=tree.cz,
    )
    report = MonitoringReport.objects.create(
        number="JC9",
        sent_on=D(2018, 1, 1),
        kind="定期",
        title="城中报告",
        employers=1,
        risk="一般",
        organization=tree.cz,
    )
    client = client_for(yf_user)
    assert client.get(f"/legal/contracts/{contract.pk}/").status_code == 404
    assert client.post(f"/legal/contracts/{contract.pk}/edit/", contract_post(employer)).status_code == 404
    assert client.get(f"/legal/monitoring/{report.pk}/").status_code == 404
    assert "JT9" not in client.get("/legal/contracts/").content.decode()
    assert "JC9" not in client.get("/legal/monitoring/").content.decode()
    # Posting another subtree's organization into one's own form is refused too.
    response = client.post(
        "/legal/monitoring/add/",
        {
            "number": "JC10",
            "sent_on": "2018-02-01",
            "kind": "专报",
            "title": "t",
            "employers": "1",
            "risk": "一般",
            "organization": str(tree.cz.pk),
        },
    )
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert not MonitoringReport.objects.filter(number="JC10").exists()


def test_a_monitoring_report_is_entered_changed_and_its_history_shown(tree, client_for, cz_user):
    client = client_for(cz_user)
    data = {
        "number": "JC1",
        "sent_on": "2018-02-01",
        "kind": "专报",
        "title": "春节前欠薪排查",
        "employers": "12",
        "risk": "较大",
        "organization": str(tree.cz.pk),
    }
    assert client.post("/legal/monitoring/add/", data).status_code == 302
    report = MonitoringReport.objects.get(number="JC1")
    assert client.post(f"/legal/monitoring/{report.pk}/edit/", {**data, "risk": "重大"}).status_code == 302
    page = client.get(f"/legal/monitoring/{report.pk}/").content.decode()
    assert "较大" in page and "重大" in page and "春节前欠薪排查" in page
    assert "JC1" in client.get("/legal/monitoring/?risk=重大").content.decode()
    assert "JC1" not in client.get("/legal/monitoring/?risk=一般").content.decode()
    future = client.post("/legal/monitoring/add/", {**data, "number": "JC2", "sent_on": "2999-01-01"})
    assert "报送日期不能晚于今天" in " ".join(future.context["form"].errors["sent_on"])


def test_a_title_that_reads_as_a_formula_is_kept_as_text_and_escaped_on_export(tree, tmp_path, import_csv):
    rows = [REPORT_HEADER, ["JC1", "2018-01-15", "专报", '=HYPERLINK("http://x")', "1", "一般", "LZ-CZ"]]
    assert import_csv("monitoring_reports", rows, tree.city).ok
    assert MonitoringReport.objects.get().title == '=HYPERLINK("http://x")'
    exported = export_csv("monitoring_reports", tree.city, tmp_path / "export.csv")
    assert read_csv(exported)[1][3] == '\'=HYPERLINK("http://x")'
    back = do_import("monitoring_reports", exported, tree.city)
    assert (back.new, back.updated, back.unchanged) == (0, 0, 1)


def test_a_rows_date_problem_names_the_files_header_in_an_english_session(tree, import_csv):
    """The column of a row's problem is the header as the file has it (the format's Chinese),
    whatever the language of the page that shows it (ctx.check_dates)."""
    from django.utils import translation

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with translation.override("en"):
        result = import_csv(
            "monitoring_reports",
            [REPORT_HEADER, ["JC9", tomorrow, "定期", "将来", "1", "一般", "LZ-CZ"]],
            tree.city,
        )
    assert [p.split(": ")[0] for p in problems_text(result)] == ["第2行 报送日期"]
