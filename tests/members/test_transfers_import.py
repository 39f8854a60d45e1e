"""The `transfers` import kind (import-formats.md): accepted as it stands, applied in date order
per member, through the rules of the browser's transfers; all or nothing."""

import datetime

from members.models import Member, Transfer
from tests.formats import header

from .conftest import new_id, problems

D = datetime.date
HEADER = header("transfers")


def test_a_good_file_is_applied_in_date_order_per_member(tree, import_csv, make_member, make_employer):
    e = make_employer(tree.yf)
    m = make_member(tree.cz, name="甲", join_date=D(2015, 1, 1))
    rows = [
        HEADER,
        # The second move first in the file: rows are applied by date for each member.
        ["甲", m.person.id_number, "LZ-YF", "LZ-CZ-001", "", "2019/2/1"],
        ["甲", m.person.id_number, "LZ-CZ", "LZ-YF", e.credit_code, "2018年3月5日"],
    ]
    result = import_csv("transfers", rows, tree.city)
    assert (result.ok, result.new) == (True, 2), problems(result)
    m.refresh_from_db()
    assert (m.organization, m.employer) == (tree.cz_ent, e)
    assert [(p.organization.code, p.start, p.end) for p in m.periods.select_related("organization")] == [
        ("LZ-CZ", D(2015, 1, 1), D(2018, 3, 5)),
        ("LZ-YF", D(2018, 3, 5), D(2019, 2, 1)),
        ("LZ-CZ-001", D(2019, 2, 1), None),
    ]
    assert set(Transfer.objects.values_list("state", flat=True)) == {"已转入"}
    # The same file again changes nothing; the export reads back the same rows.
    again = import_csv("transfers", rows, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2), problems(again)


def test_a_transfer_dated_before_a_recorded_leaving_moves_the_last_period(tree, import_csv, make_member):
    m = make_member(tree.cz, name="乙", join_date=D(2015, 1, 1), status="退会", leave_date=D(2019, 6, 1))
    result = import_csv(
        "transfers", [HEADER, ["乙", m.person.id_number, "LZ-CZ", "LZ-YF", "", "2018-04-01"]], tree.city
    )
    assert result.ok, problems(result)
    m.refresh_from_db()
    assert (m.organization, m.status, m.leave_date) == (tree.yf, "退会", D(2019, 6, 1))
    assert [(p.start, p.end) for p in m.periods.all()] == [
        (D(2015, 1, 1), D(2018, 4, 1)),
        (D(2018, 4, 1), D(2019, 6, 1)),
    ]


def test_bad_transfer_rows_name_row_and_column_and_nothing_is_written(tree, import_csv, make_member):
    a = make_member(tree.cz, name="丙", join_date=D(2015, 1, 1))
    left = make_member(tree.cz, name="丁", join_date=D(2015, 1, 1), status="转出", leave_date=D(2016, 1, 1))
    theirs = make_member(tree.yf, name="戊")
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    rows = [
        HEADER,
        ["丙", a.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2017-01-01"],  # 2: good
        ["丙", a.person.id_number, "LZ-CZ-001", "LZ-CZ", "", "2017-01-01"],  # 3: same key as row 2
        ["丁", left.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2017-01-01"],  # 4: not 在会 then
        ["己", new_id(), "LZ-CZ", "LZ-CZ-001", "", "2017-01-01"],  # 5: not a member
        ["戊", theirs.person.id_number, "LZ-YF", "LZ-CZ", "", "2017-01-01"],  # 6: LZ-YF out of scope
        ["丙", a.person.id_number, "LZ-CZ", "LZ-CZ", "", "2017-05-01"],  # 7: same organization
        ["丙", a.person.id_number, "LZ-CZ", "LZ-CZ-001", "", future],  # 8: future
        ["丙", a.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2014-01-01"],  # 9: before joining
        ["丙", a.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2018-01-01"],  # 10: not where the member is
    ]
    found = problems(import_csv("transfers", rows, tree.cz))
    assert found == [
        "第3行 身份证号: 与第2行重复",
        "第4行 转接日期: 该会员已于2016-01-01转出,转接日期当天不在会",
        "第5行 身份证号: 该人员不是会员",
        "第6行 转出组织代码: 组织“LZ-YF”不在您的管辖范围内",
        "第7行 转入组织代码: 转入组织代码不能与转出组织代码相同",
        "第8行 转接日期: 转接日期不能晚于今天",
        "第9行 转接日期: 转接日期不能早于入会日期2015-01-01",
        "第10行 转出组织代码: 该会员在转接日期所属的组织不是转出组织",
    ], found
    assert Transfer.objects.count() == 0
    a.refresh_from_db()
    assert a.organization == tree.cz and a.periods.count() == 1


def test_members_export_and_reimport_after_transfers_changes_nothing(
    tree, import_csv, make_member, export_rows
):
    m = make_member(tree.cz, name="庚", join_date=D(2015, 1, 1))
    assert import_csv(
        "transfers", [HEADER, ["庚", m.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2018-01-01"]], tree.cz
    ).ok
    rows = export_rows("members", tree.cz)
    result = import_csv("members", rows, tree.cz)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 1), problems(result)
    transfers = export_rows("transfers", tree.cz)
    assert transfers[1] == ["庚", m.person.id_number, "LZ-CZ", "LZ-CZ-001", "", "2018-01-01"]
    assert Member.objects.get(pk=m.pk).organization == tree.cz_ent
