"""The model-worker roster (劳模) and the contests' team rank (团体名次): imports with their bad
rows (named by row and column, nothing half written), re-import and export round trips."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from skills.models import Contest, Entry, ModelWorker
from skills.services import contest_set_team_rank, model_worker_save
from tests.factories import PersonFactory, make_credit_code, make_id_number
from tests.formats import header

from .conftest import assert_round_trip, do_import, export_csv, problems_text, read_csv, write_csv
from .test_imports import ENTRY_HEADER

MW_HEADER = header("model_workers")
TEAM_HEADER = [*ENTRY_HEADER[:9], "团体名次", ENTRY_HEADER[9]]
PROV = "2018年广西职工职业技能大赛"
NATIONAL = "2018年全国职工职业技能大赛"
CITY = "2018年柳州市职工职业技能大赛"


def mw_rows(ids, employer):
    return [
        MW_HEADER,
        ["甲", ids[0], "全国劳动模范", "2018", employer.credit_code, "LZ-CZ"],
        ["甲", ids[0], "市劳动模范", "2015年", "", "LZ-CZ"],
        ["乙", ids[1], "自治区五一劳动奖章", "2018", "", "LZ-CZ-001"],
        ["丙", ids[2], "自治区劳动模范", "2017", "", "LZ-YF"],
    ]


def test_model_workers_import_creates_people_and_titles(tree, import_csv, ids, employer):
    result = import_csv("model_workers", mw_rows(ids, employer), tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (4, 0, 0)
    titles = set(ModelWorker.objects.values_list("person__name", "title", "year", "organization__code"))
    assert titles == {
        ("甲", "全国劳动模范", 2018, "LZ-CZ"),
        ("甲", "市劳动模范", 2015, "LZ-CZ"),
        ("乙", "自治区五一劳动奖章", 2018, "LZ-CZ-001"),
        ("丙", "自治区劳动模范", 2017, "LZ-YF"),
    }
    assert ModelWorker.objects.get(title="全国劳动模范").employer == employer


def test_model_workers_reimport_and_export_change_nothing_and_a_new_year_updates(
    tree, tmp_path, import_csv, ids, employer
):
    rows = mw_rows(ids, employer)
    path = write_csv(tmp_path / "m.csv", rows)
    assert do_import("model_workers", path, tree.city).ok
    assert_round_trip("model_workers", path, tree.city, tmp_path, header=MW_HEADER, rows=4)
    rows[4][3] = "2016"
    changed = import_csv("model_workers", rows, tree.city)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 3)
    assert ModelWorker.objects.get(person__name="丙").year == 2016


def test_model_workers_bad_rows_are_named_and_nothing_is_written(tree, import_csv, ids, employer):
    PersonFactory(id_number=ids[3], name="张三")
    next_year = str(timezone.localdate().year + 1)
    rows = [
        MW_HEADER,
        ["甲", ids[0], "全国劳动模范", "2018", "", "LZ-CZ"],
        ["乙", ids[1], "劳动模范", "2018", "", "LZ-CZ"],
        ["丙", ids[2], "市劳动模范", next_year, "", "LZ-CZ"],
        ["李四", ids[3], "市劳动模范", "2018", "", "LZ-CZ"],
        ["戊", ids[4], "市劳动模范", "2018", make_credit_code(), "LZ-CZ"],
        ["己", ids[5], "市劳动模范", "", "", "LZ-CZ"],
        ["甲", ids[0], "全国劳动模范", "2017", "", "LZ-CZ"],
        ["庚", ids[6], "市劳动模范", "2018", "", "LZ-NOPE"],
    ]
    result = import_csv("model_workers", rows, tree.city)
    code = rows[5][4]
    assert problems_text(result) == [
        "第3行 称号: “劳动模范”无效,应为:全国劳动模范/全国五一劳动奖章/自治区劳动模范/自治区五一劳动奖章/市劳动模范",
        "第4行 年度: 年度不能晚于今年",
        "第5行 姓名: 姓名与身份证号不一致",
        f"第6行 工作单位统一社会信用代码: 统一社会信用代码为“{code}”的单位不存在",
        "第7行 年度: 必填",
        "第8行 身份证号: 与第2行重复",
        "第9行 所属工会组织代码: 组织代码“LZ-NOPE”不存在",
    ]
    assert ModelWorker.objects.count() == 0


def test_a_district_cannot_import_into_or_over_another_subtree(tree, import_csv, ids, employer):
    assert import_csv("model_workers", mw_rows(ids, employer), tree.city).ok
    rows = [
        MW_HEADER,
        ["丙", ids[2], "自治区劳动模范", "2016", "", "LZ-CZ"],  # the title lies in LZ-YF
        ["丁", ids[3], "市劳动模范", "2016", "", "LZ-YF"],
    ]
    result = import_csv("model_workers", rows, tree.cz)
    assert problems_text(result) == [
        "第2行 身份证号: 该人员的“自治区劳动模范”称号登记在您的管辖范围之外",
        "第3行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内",
    ]
    assert ModelWorker.objects.get(person__name="丙").year == 2017


def test_the_service_and_the_database_hold_the_rules(tree, employer):
    person = PersonFactory()
    worker = ModelWorker(
        person=person, title="市劳动模范", year=timezone.localdate().year + 1, organization=tree.cz
    )
    with pytest.raises(ValidationError) as exc:
        model_worker_save(worker=worker, by=None)
    assert exc.value.message_dict == {"year": ["年度不能晚于今年"]}
    ModelWorker.objects.create(person=person, title="市劳动模范", year=2018, organization=tree.cz)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModelWorker.objects.create(person=person, title="市劳动模范", year=2017, organization=tree.cz)


# -- team rank ---------------------------------------------------------------------------------


def team_rows(ids):
    return [
        TEAM_HEADER,
        ["2018", PROV, "自治区级", "钳工", "甲", ids[0], "", "", "1", "3", "LZ-CZ"],
        ["2018", PROV, "自治区级", "电焊工", "乙", ids[1], "", "", "12", "", "LZ-YF"],
        ["2018", PROV, "自治区级", "车工", "丙", ids[2], "", "", "", "3", "LZ-CZ"],
        ["2018", NATIONAL, "全国", "钳工", "甲", ids[0], "", "", "20", "15", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "丁", ids[3], "", "90", "", "", "LZ-CZ"],
    ]


def test_the_team_rank_is_stored_on_the_contest_and_exported_on_each_of_its_rows(
    tree, tmp_path, import_csv, ids
):
    result = import_csv("contest_entries", team_rows(ids), tree.city)
    assert result.ok, problems_text(result)
    ranks = dict(Contest.objects.values_list("name", "team_rank"))
    assert ranks == {PROV: 3, NATIONAL: 15, CITY: None}
    again = import_csv("contest_entries", team_rows(ids), tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    exported = read_csv(export_csv("contest_entries", tree.city, tmp_path / "export.csv"))
    by_contest = {(row[1], row[3]): row[9] for row in exported[1:]}
    assert by_contest == {
        (PROV, "钳工"): "3",
        (PROV, "电焊工"): "3",
        (PROV, "车工"): "3",
        (NATIONAL, "钳工"): "15",
        (CITY, "钳工"): "",
    }
    back = do_import(
        "contest_entries",
        export_csv("contest_entries", tree.city, tmp_path / "export.csv"),
        tree.city,
    )
    assert (back.new, back.updated, back.unchanged) == (0, 0, 5)


def test_a_new_team_rank_updates_the_contest_and_counts_the_row_as_updated(tree, import_csv, ids):
    rows = team_rows(ids)
    assert import_csv("contest_entries", rows, tree.city).ok
    rows[1][9] = rows[3][9] = "2"
    changed = import_csv("contest_entries", rows, tree.city)
    assert changed.ok, problems_text(changed)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 4)
    assert Contest.objects.get(name=PROV).team_rank == 2


def test_rows_of_one_contest_with_different_team_ranks_are_bad_and_nothing_is_written(tree, import_csv, ids):
    rows = team_rows(ids)
    rows[3][9] = "2"  # 丙 says 2, 甲 said 3
    rows[5][9] = "1"  # a city contest has no team rank
    rows.append(["2018", PROV, "自治区级", "钳工", "戊", ids[4], "", "", "", "0", "LZ-CZ"])
    result = import_csv("contest_entries", rows, tree.city)
    assert problems_text(result) == [
        "第4行 团体名次: 与第2行同一赛事的团体名次“3”不一致",
        "第6行 团体名次: 团体名次只用于自治区级、全国赛事",
        "第7行 团体名次: 应为不小于1的整数",
    ]
    assert Contest.objects.count() == 0 and Entry.objects.count() == 0


def test_the_team_rank_service_and_the_database_refuse_a_city_contest(tree, city_contest, provincial_contest):
    with pytest.raises(ValidationError) as exc:
        contest_set_team_rank(contest=city_contest, team_rank=1, by=None)
    assert exc.value.message_dict == {"team_rank": ["团体名次只用于自治区级、全国赛事"]}
    contest_set_team_rank(contest=provincial_contest, team_rank=1, by=None)
    assert Contest.objects.get(pk=provincial_contest.pk).team_rank == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Contest.objects.filter(pk=city_contest.pk).update(team_rank=1)


def test_a_person_page_lists_the_titles(tree, client_for, cz_user, employer):
    person = PersonFactory(name="韦劳模")
    ModelWorker.objects.create(
        person=person, title="全国劳动模范", year=2018, organization=tree.cz, employer=employer
    )
    ModelWorker.objects.create(person=person, title="市劳动模范", year=2015, organization=tree.yf)
    html = client_for(cz_user).get(f"/people/{person.pk}/").content.decode()
    assert "2018年 全国劳动模范" in html
    assert "市劳动模范" not in html  # LZ-YF's record is not the district's to show


def test_a_title_is_entered_with_its_person_changed_and_its_history_shown(
    tree, client_for, cz_user, employer
):
    client = client_for(cz_user)
    number = make_id_number()
    data = {
        "name": "韦建华",
        "id_number": number,
        "title": "自治区劳动模范",
        "year": "2018",
        "employer": employer.credit_code,
        "organization": str(tree.cz.pk),
    }
    response = client.post("/skills/model-workers/add/", data)
    worker = ModelWorker.objects.get(person__id_number=number)
    assert response.status_code == 302 and response["Location"] == f"/skills/model-workers/{worker.pk}/"
    assert (worker.person.name, worker.employer, worker.organization) == ("韦建华", employer, tree.cz)
    edit = {"title": "自治区劳动模范", "year": "2017", "employer": "", "organization": str(tree.cz_ent.pk)}
    assert client.post(f"/skills/model-workers/{worker.pk}/edit/", edit).status_code == 302
    page = client.get(f"/skills/model-workers/{worker.pk}/").content.decode()
    assert "2018 → 2017" in page  # the history: before → after
    assert "城中第一企业工会" in page
    listing = client.get("/skills/model-workers/?title=自治区劳动模范&year=2017").content.decode()
    assert "韦建华" in listing
    assert "韦建华" not in client.get("/skills/model-workers/?year=2018").content.decode()


def test_the_title_form_refuses_bad_input_and_another_subtree(tree, client_for, cz_user, yf_user, employer):
    client = client_for(cz_user)
    base = {"name": "甲", "id_number": make_id_number(), "title": "市劳动模范", "year": "2018",
            "employer": "", "organization": str(tree.cz.pk)}  # fmt: skip
    future = client.post("/skills/model-workers/add/", {**base, "year": str(timezone.localdate().year + 1)})
    assert "年度不能晚于今年" in " ".join(future.context["form"].errors["year"])
    outside = client.post("/skills/model-workers/add/", {**base, "organization": str(tree.yf.pk)})
    assert "organization" in outside.context["form"].errors
    assert not ModelWorker.objects.exists()
    worker = ModelWorker.objects.create(
        person=PersonFactory(), title="市劳动模范", year=2018, organization=tree.cz
    )
    other = client_for(yf_user)
    assert other.get(f"/skills/model-workers/{worker.pk}/").status_code == 404
    assert other.post(f"/skills/model-workers/{worker.pk}/edit/", base).status_code == 404
    assert ModelWorker.objects.get(pk=worker.pk).year == 2018
