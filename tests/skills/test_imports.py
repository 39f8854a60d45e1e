"""The skills import kinds: contest_entries, craftsmen, promotions (import-formats.md)."""

from skills.models import Contest, CraftsmanAward, Entry, Promotion, Trade
from tests.factories import PersonFactory, make_credit_code
from tests.formats import header

from .conftest import assert_round_trip, do_import, export_csv, problems_text, read_csv, write_csv

ENTRY_HEADER = header("contest_entries", without=("团体名次",))
CITY = "2018年柳州市职工职业技能大赛"
PROV = "2018年广西职工职业技能大赛"


def entry_rows(ids, employer):
    code = employer.credit_code
    return [
        ENTRY_HEADER,
        ["2018", CITY, "市级", "钳工", "甲", ids[0], code, "90", "", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "乙", ids[1], "", "90", "", "LZ-CZ-001"],
        ["2018", CITY, "市级", "钳工", "丙", ids[2], "", "85.5", "", "LZ-YF"],
        ["2018", CITY, "市级", "钳工", "丁", ids[3], "", "", "", "LZ-YF"],
        ["2018", PROV, "自治区级", "电焊工", "甲", ids[0], code, "", "3", "LZ-CZ"],
    ]


def test_contest_entries_create_contests_trades_people_and_rank_the_city_contest(
    tree, import_csv, ids, employer
):
    result = import_csv("contest_entries", entry_rows(ids, employer), tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (5, 0, 0)
    city = Contest.objects.get(name=CITY, year=2018)
    assert city.level == "市级"
    ranks = dict(Entry.objects.filter(contest=city).values_list("person__name", "rank"))
    assert ranks == {"甲": 1, "乙": 1, "丙": 3, "丁": None}
    prov = Entry.objects.get(contest__name=PROV)
    assert (prov.rank, prov.rank_given, prov.employer) == (3, True, employer)
    assert set(Trade.objects.values_list("name", flat=True)) == {"钳工", "电焊工"}


def test_contest_entries_bad_cells_are_listed_by_row_and_nothing_is_written(tree, import_csv, ids, employer):
    rows = [
        ENTRY_HEADER,
        ["2018", CITY, "市级", "钳工", "甲", ids[0], "", "90", "", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "乙", ids[1], "", "101", "", "LZ-CZ"],
        ["2018", CITY, "省级", "钳工", "丙", ids[2], "", "80", "", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "丁", ids[3], make_credit_code(), "80", "", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "戊", ids[4], "", "80", "0", "LZ-NOPE"],
        ["2018", CITY, "全国", "电焊工", "己", ids[5], "", "80", "", "LZ-CZ"],
        ["2018", CITY, "市级", "钳工", "甲", ids[0], "", "70", "", "LZ-CZ"],
    ]
    result = import_csv("contest_entries", rows, tree.city)
    unknown = rows[4][6]
    assert problems_text(result) == [
        "第3行 成绩: 成绩应在0到100之间",
        "第4行 赛事级别: “省级”无效,应为:市级/自治区级/全国",
        f"第5行 工作单位统一社会信用代码: 统一社会信用代码为“{unknown}”的单位不存在",
        "第6行 名次: 应为不小于1的整数",
        f"第7行 赛事级别: 与已有赛事“{CITY}”的级别“市级”不一致",
        "第8行 赛事名称: 与第2行重复",
    ]
    assert (Entry.objects.count(), Contest.objects.count(), Trade.objects.count()) == (0, 0, 0)


def test_contest_entries_refuse_another_subtrees_organization_and_employer(
    tree, import_csv, ids, make_employer
):
    yf_employer = make_employer(tree.yf)
    rows = [
        ENTRY_HEADER,
        ["2018", CITY, "市级", "钳工", "甲", ids[0], "", "90", "", "LZ-YF"],
        ["2018", CITY, "市级", "钳工", "乙", ids[1], yf_employer.credit_code, "90", "", "LZ-CZ"],
    ]
    result = import_csv("contest_entries", rows, tree.cz)
    assert problems_text(result) == [
        "第2行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内",
        f"第3行 工作单位统一社会信用代码: 单位“{yf_employer.credit_code}”不在您的管辖范围内",
    ]


def test_contest_entries_reimport_changes_nothing_and_a_new_score_reranks(
    tree, tmp_path, import_csv, ids, employer
):
    rows = entry_rows(ids, employer)
    path = write_csv(tmp_path / "e.csv", rows)
    assert do_import("contest_entries", path, tree.city).ok
    again = do_import("contest_entries", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    rows[3][7] = "95"  # 丙 now leads
    changed = import_csv("contest_entries", rows, tree.city)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 4)
    ranks = dict(Entry.objects.filter(contest__name=CITY).values_list("person__name", "rank"))
    assert ranks == {"丙": 1, "甲": 2, "乙": 2, "丁": None}


def test_contest_entries_export_imports_back_unchanged(tree, tmp_path, import_csv, ids, employer):
    assert import_csv("contest_entries", entry_rows(ids, employer), tree.city).ok
    path = export_csv("contest_entries", tree.city, tmp_path / "export.csv")
    exported = read_csv(path)
    assert exported[0] == [*ENTRY_HEADER[:9], "团体名次", ENTRY_HEADER[9]] and len(exported) == 6
    # Computed ranks are not exported as if they had been given; reported ones are.
    assert {row[8] for row in exported[1:] if row[2] == "市级"} == {""}
    assert [row[8] for row in exported[1:] if row[2] == "自治区级"] == ["3"]
    result = do_import("contest_entries", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 5)


AWARD_HEADER = header("craftsmen")


def award_rows(ids, employer):
    return [
        AWARD_HEADER,
        ["2018", "工匠", "甲", ids[0], employer.credit_code, "汽车制造", "LZ-CZ"],
        ["2018", "提名奖", "乙", ids[1], employer.credit_code, "茶业", "LZ-CZ-001"],
        ["2019", "工匠", "乙", ids[1], employer.credit_code, "茶业", "LZ-CZ-001"],
    ]


def test_craftsmen_good_file_reimport_and_export(tree, tmp_path, ids, employer):
    path = write_csv(tmp_path / "a.csv", award_rows(ids, employer))
    result = do_import("craftsmen", path, tree.city)
    assert result.ok, problems_text(result)
    assert CraftsmanAward.objects.filter(year=2018).count() == 2
    assert_round_trip("craftsmen", path, tree.city, tmp_path, header=AWARD_HEADER, rows=3)


def test_craftsmen_bad_cells_and_a_second_award_in_a_year(tree, import_csv, ids, employer):
    PersonFactory(id_number=ids[3], name="张三")
    rows = [
        AWARD_HEADER,
        ["2018", "工匠", "甲", ids[0], employer.credit_code, "汽车制造", "LZ-CZ"],
        ["2018", "劳模", "乙", ids[1], employer.credit_code, "汽车制造", "LZ-CZ"],
        ["2018", "工匠", "丙", ids[2], employer.credit_code, "航天", "LZ-CZ"],
        ["2018", "工匠", "李四", ids[3], employer.credit_code, "汽车制造", "LZ-CZ"],
        ["2018", "工匠", "戊", ids[4], "", "汽车制造", "LZ-CZ"],
        ["2018", "提名奖", "甲", ids[0], employer.credit_code, "汽车制造", "LZ-CZ"],
    ]
    result = import_csv("craftsmen", rows, tree.city)
    assert sorted(problems_text(result)) == [
        "第3行 称号: “劳模”无效,应为:工匠/提名奖",
        "第4行 行业: 行业“航天”不在行业列表中",
        "第5行 姓名: 姓名与身份证号不一致",
        "第6行 工作单位统一社会信用代码: 必填",
        "第7行 年度: 与第2行重复",
    ]
    assert CraftsmanAward.objects.count() == 0


PROMO_HEADER = header("promotions")


def promo_rows(ids):
    return [
        PROMO_HEADER,
        ["甲", ids[0], "钳工", "技师", "2018年5月21日", "1,500.00", "LZ-CZ"],
        ["甲", ids[0], "钳工", "高级技师", "2018/12/17", "", "LZ-CZ"],
        ["乙", ids[1], "茶艺师", "中级工", "2018-06-01", "800", "LZ-YF"],
    ]


def test_promotions_good_file_reimport_and_export(tree, tmp_path, ids):
    path = write_csv(tmp_path / "p.csv", promo_rows(ids))
    result = do_import("promotions", path, tree.city)
    assert result.ok, problems_text(result)
    p = Promotion.objects.get(level="技师")
    assert (str(p.certified_on), p.subsidy, p.trade.name) == ("2018-05-21", 1500, "钳工")
    assert Promotion.objects.get(level="高级技师").subsidy is None
    assert_round_trip("promotions", path, tree.city, tmp_path, header=PROMO_HEADER, rows=3)


def test_promotions_bad_cells_are_listed_and_nothing_is_written(tree, import_csv, ids):
    rows = [
        *promo_rows(ids),
        ["丙", ids[2], "钳工", "特级技师", "2018-06-01", "", "LZ-CZ"],
        ["丁", ids[3], "钳工", "技师", "2018-02-30", "", "LZ-CZ"],
        ["戊", ids[4], "钳工", "技师", "2018-06-01", "-5", "LZ-CZ"],
    ]
    result = import_csv("promotions", rows, tree.city)
    assert problems_text(result) == [
        "第5行 晋升等级: “特级技师”无效,应为:中级工/高级工/技师/高级技师",
        "第6行 取证日期: 日期“2018-02-30”无效,应为 2018-04-15、2018/4/15 或 2018年4月15日",
        "第7行 培训补贴: 金额不能为负数",
    ]
    assert (Promotion.objects.count(), Trade.objects.count()) == (0, 0)


def test_an_entries_batch_can_be_undone_but_a_promotions_batch_cannot(tree, import_csv, ids, employer):
    from unionhub.imports.services import batch_rollback_refusal

    entries = import_csv("contest_entries", entry_rows(ids, employer), tree.city)
    assert batch_rollback_refusal(entries.batch) == ""
    promotions = import_csv("promotions", promo_rows(ids), tree.city)
    assert batch_rollback_refusal(promotions.batch) == "此类数据不能撤销导入"
