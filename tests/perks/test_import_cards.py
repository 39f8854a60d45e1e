"""The `cards` kind: 卡号, 身份证号 (an existing member), 发卡日期, 状态."""

import datetime

import pytest

from perks.models import MemberCard
from tests.factories import PersonFactory
from tests.formats import header

from .conftest import do_import, export_csv, problems, read_csv, write_csv

HEADER = header("cards")
S = MemberCard.Status


@pytest.fixture
def members(tree, make_member):
    return [make_member(tree.cz), make_member(tree.cz_ent), make_member(tree.yf)]


def ids(members):
    return [m.person.id_number for m in members]


def test_good_file_issues_the_cards(tree, members, import_csv):
    a, b, c = ids(members)
    rows = [
        HEADER,
        ["62170010000001", a, "2018-04-15", "正常"],
        ["62170010000002", b, "2018/4/16", ""],
        ["62170010000003", c, "2018年4月17日", "挂失"],
    ]
    result = import_csv("cards", rows, tree.city)
    assert result.ok, problems(result)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    card = MemberCard.objects.get(number="62170010000002")
    assert (card.member, card.issued_on, card.status) == (members[1], datetime.date(2018, 4, 16), S.ACTIVE)
    assert MemberCard.objects.get(number="62170010000003").status == S.LOST


def test_bad_rows_are_listed_with_reasons_and_nothing_is_written(tree, members, import_csv):
    a, b, c = ids(members)
    stranger = PersonFactory().id_number
    bad_check = a[:17] + ("1" if a[17] != "1" else "2")
    rows = [
        HEADER,
        ["62170010000001", a, "2018-04-15", "正常"],  # good, but not written
        ["6217-0010", b, "2018-04-15", "正常"],  # 3: not digits
        ["62170010000003", bad_check, "2018-04-15", "正常"],  # 4: bad check character
        ["62170010000004", stranger, "2018-04-15", "正常"],  # 5: a person but not a member
        ["62170010000005", c, "2018-02-30", "正常"],  # 6: no such date
        ["62170010000006", c, "2018-04-15", "冻结"],  # 7: not a status
        ["62170010000007", a, "2018-04-15", "正常"],  # 8: a second card in force for a
        ["", b, "2018-04-15", ""],  # 9: required
    ]
    result = import_csv("cards", rows, tree.city)
    assert problems(result) == [
        "第3行 卡号: “6217-0010”无效,应为数字",
        "第4行 身份证号: 身份证号校验码不正确",
        "第5行 身份证号: 无法在本组织办理,请联系上级工会",
        "第6行 发卡日期: 日期“2018-02-30”无效,应为 2018-04-15、2018/4/15 或 2018年4月15日",
        "第7行 状态: “冻结”无效,应为:正常/挂失/注销",
        "第8行 状态: 该会员已有在用的会员卡(卡号62170010000001),每名会员只能有一张正常或挂失的卡",
        "第9行 卡号: 必填",
    ]
    assert not MemberCard.objects.exists()


def test_a_card_for_a_member_who_already_holds_one_in_force_is_refused(tree, members, make_card, import_csv):
    make_card(members[0], number="62170010000001", status=S.LOST)
    rows = [HEADER, ["62170010000002", ids(members)[0], "2018-05-01", "正常"]]
    result = import_csv("cards", rows, tree.city)
    assert problems(result) == [
        "第2行 状态: 该会员已有在用的会员卡(卡号62170010000001),每名会员只能有一张正常或挂失的卡"
    ]


def test_a_file_may_cancel_the_lost_card_and_issue_its_replacement(tree, members, make_card, import_csv):
    make_card(members[0], number="62170010000001", status=S.LOST, issued_on=datetime.date(2017, 1, 1))
    a = ids(members)[0]
    rows = [HEADER, ["62170010000001", a, "2017-01-01", "注销"], ["62170010000002", a, "2018-05-01", "正常"]]
    result = import_csv("cards", rows, tree.city)
    assert result.ok, problems(result)
    assert (result.new, result.updated) == (1, 1)
    assert dict(members[0].cards.values_list("number", "status")) == {
        "62170010000001": S.CANCELLED,
        "62170010000002": S.ACTIVE,
    }


def test_a_card_number_of_another_member_is_refused(tree, members, make_card, import_csv):
    make_card(members[0], number="62170010000001")
    rows = [HEADER, ["62170010000001", ids(members)[1], "2018-05-01", "正常"]]
    result = import_csv("cards", rows, tree.city)
    assert problems(result) == ["第2行 卡号: 该卡号已发给另一名会员"]


def test_a_member_outside_the_importers_subtree_is_refused(tree, members, import_csv):
    rows = [HEADER, ["62170010000001", ids(members)[2], "2018-05-01", "正常"]]
    result = import_csv("cards", rows, tree.cz)
    # The same words as for a number that is nobody's member: nothing tells the member is there.
    assert problems(result) == ["第2行 身份证号: 无法在本组织办理,请联系上级工会"]


def test_reimporting_the_same_file_changes_nothing(tree, members, tmp_path):
    a, b, c = ids(members)
    rows = [HEADER, ["62170010000001", a, "2018-04-15", "正常"], ["62170010000002", b, "2018-04-16", "注销"]]
    path = write_csv(tmp_path / "cards.csv", rows)
    assert do_import("cards", path, tree.city).ok
    again = do_import("cards", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_changed_status_updates_the_card_in_place(tree, members, make_card, import_csv):
    make_card(members[0], number="62170010000001", issued_on=datetime.date(2018, 4, 15))
    rows = [HEADER, ["62170010000001", ids(members)[0], "2018-04-15", "挂失"]]
    result = import_csv("cards", rows, tree.city)
    assert (result.new, result.updated) == (0, 1)
    assert MemberCard.objects.get().status == S.LOST


def test_export_imports_back_unchanged(tree, members, make_card, tmp_path):
    make_card(members[0], number="62170010000001", status=S.CANCELLED)
    make_card(members[0], number="62170010000002")
    make_card(members[1], number="62170010000003", status=S.LOST)
    path = export_csv("cards", tree.city, tmp_path / "export.csv")
    assert read_csv(path)[0] == HEADER
    assert len(read_csv(path)) == 4
    result = do_import("cards", path, tree.city)
    assert result.ok, problems(result)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3)


def test_export_covers_only_the_subtree(tree, members, make_card, tmp_path):
    make_card(members[0], number="62170010000001")
    make_card(members[2], number="62170010000003")
    rows = read_csv(export_csv("cards", tree.cz, tmp_path / "export.csv"))
    assert [r[0] for r in rows[1:]] == ["62170010000001"]
