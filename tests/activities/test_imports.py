"""The `activities` and `honours` import kinds (import-formats.md): every rule with its message,
all or nothing, a re-import changes nothing, an export imports back unchanged."""

import datetime

import pytest
from django.utils import timezone

from activities.models import Activity, Honour
from tests.formats import header
from unionhub.imports.kinds import get_kind
from unionhub.imports.sheets import run_export
from unionhub.people.idnumbers import mask_id_number

from .conftest import do_import, export_csv, problems_text, read_csv, write_csv

HEADER = header("activities")  # fmt: skip
HONOURS = header("honours")
THEME = "中国梦·劳动美 劳模工匠成长"


def good_rows(speakers):
    a, b, c = (p.id_number for p in speakers)
    return [
        HEADER,
        ["HD1", "宣讲", "劳模宣讲进企业", THEME, "2018-05-01", "2018/5/2", "2", "300", "", "", f"{a}、{b}", "LZ-CZ"],
        ["HD2", "培训", "育婴员岗位培训", "", "2018年6月1日", "2018-06-10", "10", "45", "失业人员", "", "", "LZ-YF"],
        ["HD3", "会议", "全国工会信访工作经验交流会", "", "2018-09-12", "2018-09-13", "1", "200", "", "全国", "", "LZ"],
        ["HD4", "宣讲", "劳模宣讲进校园", THEME, "2018-06-01", "2018-06-01", "1", "80", "", "", f"{c};{a}", "LZ-CZ-001"],
    ]  # fmt: skip


def test_good_file_creates_activities_with_their_speakers(tree, import_csv, speakers):
    result = import_csv("activities", good_rows(speakers), tree.city)
    assert result.ok, problems_text(result)
    assert (result.new, result.updated, result.unchanged) == (4, 0, 0)
    first = Activity.objects.get(number="HD1")
    assert set(first.speakers.all()) == {speakers[0], speakers[1]}
    assert (first.start, first.end, first.sessions, first.theme, first.organization) == (
        datetime.date(2018, 5, 1), datetime.date(2018, 5, 2), 2, THEME, tree.cz,
    )  # fmt: skip
    training = Activity.objects.get(number="HD2")
    assert (training.trainee_group, training.meeting_level, training.speakers.count()) == ("失业人员", "", 0)
    assert Activity.objects.get(number="HD3").meeting_level == "全国"
    assert set(Activity.objects.get(number="HD4").speakers.all()) == {speakers[0], speakers[2]}


def test_a_reimport_changes_nothing_and_an_edit_updates_in_place(tree, tmp_path, import_csv, speakers):
    path = write_csv(tmp_path / "a.csv", good_rows(speakers))
    assert do_import("activities", path, tree.city).ok
    again = do_import("activities", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4)
    rows = good_rows(speakers)
    rows[1][7] = "320"  # participants
    rows[4][10] = speakers[2].id_number  # HD4: one speaker fewer
    changed = import_csv("activities", rows, tree.city)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 2, 2)
    assert Activity.objects.get(number="HD1").participants == 320
    assert list(Activity.objects.get(number="HD4").speakers.all()) == [speakers[2]]


def test_export_imports_back_unchanged(tree, tmp_path, import_csv, speakers):
    assert import_csv("activities", good_rows(speakers), tree.city).ok
    path = export_csv("activities", tree.city, tmp_path / "export.csv")
    exported = read_csv(path)
    assert exported[0] == HEADER and len(exported) == 5
    result = do_import("activities", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 4), problems_text(result)
    xlsx = tmp_path / "export.xlsx"
    run_export(kind=get_kind("activities"), org=tree.city, target=xlsx, fmt="xlsx", mask_ids=False)
    result = do_import("activities", xlsx, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 4), problems_text(result)


def test_a_masked_export_masks_every_speaker(tree, tmp_path, import_csv, speakers):
    assert import_csv("activities", good_rows(speakers), tree.city).ok
    path = export_csv("activities", tree.cz, tmp_path / "export.csv", mask_ids=True)
    text = path.read_text(encoding="utf-8-sig")
    for person in speakers:
        assert person.id_number not in text
    rows = read_csv(path)[1:]
    assert [r[0] for r in rows] == ["HD1", "HD4"]  # the district's subtree only
    assert "********" in rows[0][10] and "、" in rows[0][10]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("主讲人身份证号", "UNKNOWN", "第2行 主讲人身份证号: 主讲人{masked}:无法在本组织办理,请联系上级工会"),
        ("主讲人身份证号", "123", "第2行 主讲人身份证号: “123”"),
        ("培训对象", "", None),
        ("开始日期", "FUTURE", "第2行 开始日期: 开始日期不能晚于今天"),
        ("结束日期", "2018-04-30", "第2行 结束日期: 结束日期不能早于开始日期"),
        ("场次", "0", "第2行 场次: 应为不小于1的整数"),
        ("活动类型", "讲座", "第2行 活动类型:"),
        ("所属工会组织代码", "LZ-XX", "第2行 所属工会组织代码: 组织代码“LZ-XX”不存在"),
    ],
)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_written(
    tree, import_csv, speakers, column, value, message
):
    from tests.factories import make_id_number

    rows = good_rows(speakers)
    bad = rows[1]
    if column == "培训对象":  # a training without its trainees: row 3 (HD2)
        bad = rows[2]
        message = "第3行 培训对象: 培训活动须填写培训对象"
    unknown = make_id_number()
    if value == "UNKNOWN":
        value = unknown
    if value == "FUTURE":
        value = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        bad[5] = value  # keep start ≤ end
    bad[HEADER.index(column)] = value
    result = import_csv("activities", rows, tree.city)
    assert not result.ok
    text = problems_text(result)
    assert any(t.startswith(message.format(masked=mask_id_number(unknown))) for t in text), text
    assert Activity.objects.count() == 0


def test_trainees_or_a_meeting_level_on_another_kind_are_refused(tree, import_csv, speakers):
    rows = good_rows(speakers)
    rows[1][8] = "农民工"
    rows[4][9] = "市级"
    result = import_csv("activities", rows, tree.city)
    assert problems_text(result) == [
        "第2行 培训对象: 只有培训活动填写培训对象",
        "第5行 会议级别: 只有会议填写会议级别",
    ]
    assert Activity.objects.count() == 0


def test_an_activity_of_another_subtree_is_refused(tree, import_csv, speakers):
    assert import_csv("activities", good_rows(speakers), tree.city).ok
    result = import_csv("activities", good_rows(speakers)[:3], tree.cz)
    assert "第3行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内" in problems_text(result)


def test_a_number_twice_in_one_file_is_refused(tree, import_csv, speakers):
    rows = good_rows(speakers)
    rows[2][0] = "HD1"
    result = import_csv("activities", rows, tree.city)
    assert any(t.startswith("第3行 活动编号: 与第2行重复") for t in problems_text(result))
    assert Activity.objects.count() == 0


# -- honours ------------------------------------------------------------------------------------


def honour_rows():
    return [
        HONOURS,
        [
            "工资集体协商工作考评一档第一名",
            "考评排名",
            "自治区总工会",
            "自治区级",
            "2018-03-01",
            "1",
            "5",
            "LZ",
        ],
        ["锦旗", "锦旗", "某公司职工", "其他", "2018/6/1", "", "", "LZ-CZ"],
        ["工会会员红利工程经验发言", "经验交流", "自治区总工会", "自治区级", "2018年4月10日", "", "", "LZ"],
    ]


def test_honours_import_reimport_and_export(tree, tmp_path, import_csv):
    path = write_csv(tmp_path / "h.csv", honour_rows())
    result = do_import("honours", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0), problems_text(result)
    ranked = Honour.objects.get(kind="考评排名")
    assert (ranked.rank, ranked.years, ranked.organization) == (1, 5, tree.city)
    again = do_import("honours", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    rows = honour_rows()
    rows[1][6] = "6"
    changed = import_csv("honours", rows, tree.city)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 2)
    out = export_csv("honours", tree.city, tmp_path / "export.csv")
    assert read_csv(out)[0] == HONOURS
    back = do_import("honours", out, tree.city)
    assert (back.new, back.updated, back.unchanged) == (0, 0, 3), problems_text(back)


@pytest.mark.parametrize(
    ("index", "value", "message"),
    [
        (5, "", "第2行 名次: 考评排名须填写名次"),
        (4, "FUTURE", "第2行 获得日期: 获得日期不能晚于今天"),
        (5, "0", "第2行 名次: 应为不小于1的整数"),
        (3, "省级", "第2行 级别:"),
    ],
)
def test_a_bad_honour_is_refused_and_nothing_is_written(tree, import_csv, index, value, message):
    rows = honour_rows()
    if value == "FUTURE":
        value = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    rows[1][index] = value
    result = import_csv("honours", rows, tree.city)
    assert any(t.startswith(message) for t in problems_text(result)), problems_text(result)
    assert Honour.objects.count() == 0


def test_a_rank_on_another_kind_of_honour_is_refused(tree, import_csv):
    rows = honour_rows()
    rows[2][5] = "2"
    rows[3][6] = "3"
    result = import_csv("honours", rows, tree.city)
    assert problems_text(result) == [
        "第3行 名次: 只有考评排名填写名次",
        "第4行 连续年数: 只有考评排名填写连续年数",
    ]
