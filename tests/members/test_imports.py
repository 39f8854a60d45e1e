"""The `employers`, `members` and `drives` kinds: good files, bad cells (row numbers and reasons,
nothing written), re-import unchanged, export imports back unchanged."""

import datetime
from decimal import Decimal

from members.models import Drive, Employer, Member
from tests.factories import PersonFactory, make_credit_code
from tests.formats import header
from unionhub.people.models import Person

from .conftest import new_id, problems

D = datetime.date
E_HEADER = header("employers")
M_HEADER = header("members")
DR_HEADER = header("drives")


# --- employers -------------------------------------------------------------------------------


def test_good_employers_file_with_a_lead_earlier_in_the_file(tree, import_csv):
    lead, member = make_credit_code(), make_credit_code()
    rows = [
        E_HEADER,
        ["柳工集团", lead, "LZ", "机械制造", "公有", "5000", "是", "1990年5月1日", ""],
        ["链上企业", member, "LZ-CZ", "道路货运", "非公", "1,200", "否", "", lead],
    ]
    result = import_csv("employers", rows, tree.city)
    assert result.ok, problems(result)
    assert result.new == 2
    chained = Employer.objects.get(credit_code=member)
    assert (chained.lead.credit_code, chained.organization, chained.headcount) == (lead, tree.cz, 1200)
    assert Employer.objects.get(credit_code=lead).union_founded_on == D(1990, 5, 1)


def test_a_lead_in_the_same_batch_is_written_before_the_row_that_names_it(tree, import_csv, monkeypatch):
    from members.resources import EmployerKind

    monkeypatch.setattr(EmployerKind, "batch_size", 2000)
    codes = [make_credit_code() for _ in range(3)]
    rows = [E_HEADER] + [
        [f"企业{i}", code, "LZ", "其他", "非公", "10", "否", "", codes[i - 1] if i else ""]
        for i, code in enumerate(codes)
    ]
    result = import_csv("employers", rows, tree.city)
    assert result.ok, problems(result)
    assert Employer.objects.get(credit_code=codes[2]).lead.credit_code == codes[1]


def test_bad_employer_rows_are_listed_and_nothing_is_written(tree, import_csv, make_employer):
    theirs = make_employer(tree.yf)
    own = make_credit_code()
    rows = [
        E_HEADER,
        ["好单位", make_credit_code(), "LZ-CZ", "道路货运", "非公", "10", "否", "", ""],  # 2: good
        ["坏代码", "91450200ABCDEFGHIJ", "LZ-CZ", "道路货运", "非公", "10", "否", "", ""],  # 3
        ["坏行业", make_credit_code(), "LZ-CZ", "航天", "非公", "10", "否", "", ""],  # 4
        ["缺日期", make_credit_code(), "LZ-CZ", "道路货运", "非公", "10", "是", "", ""],  # 5
        ["越界", make_credit_code(), "LZ-YF", "道路货运", "非公", "10", "否", "", ""],  # 6
        ["别人的单位", theirs.credit_code, "LZ-CZ", "道路货运", "非公", "10", "否", "", ""],  # 7
        [
            "别人的链主",
            make_credit_code(),
            "LZ-CZ",
            "道路货运",
            "非公",
            "10",
            "否",
            "",
            theirs.credit_code,
        ],  # 8
        ["自己", own, "LZ-CZ", "道路货运", "非公", "10", "否", "", own],  # 9
        ["坏人数", make_credit_code(), "LZ-CZ", "道路货运", "民营", "-3", "否", "", ""],  # 10
        ["未来", make_credit_code(), "LZ-CZ", "道路货运", "非公", "10", "是", "2999-01-01", ""],  # 11
    ]
    result = import_csv("employers", rows, tree.cz)
    found = problems(result)
    assert [p.split(":")[0] for p in found] == [
        "第3行 统一社会信用代码",
        "第4行 行业",
        "第5行 建会日期",
        "第6行 所属工会组织代码",
        "第7行 统一社会信用代码",
        "第8行 链主企业统一社会信用代码",
        "第9行 链主企业统一社会信用代码",
        "第10行 经济类型",
        "第10行 职工人数",
        "第11行 建会日期",
    ]
    assert found[2] == "第5行 建会日期: 已建会的单位须填写建会日期"
    assert found[4] == "第7行 统一社会信用代码: 该单位属于其他组织,不在您的管辖范围内"
    assert found[6] == "第9行 链主企业统一社会信用代码: 单位不能是自己的链主企业"
    assert Employer.objects.count() == 1


def test_employers_reimport_and_export_round_trip_unchanged(tree, import_csv, make_employer, export_rows):
    lead = make_employer(tree.city, founded=D(2001, 2, 3), ownership=Employer.Ownership.PUBLIC)
    make_employer(tree.cz, lead=lead, name="=SUM(A1)")
    make_employer(tree.cz_ent, industry="茶业")
    rows = export_rows("employers", tree.city)
    assert rows[0] == E_HEADER
    assert rows[2][0] == "'=SUM(A1)"
    result = import_csv("employers", rows, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3), problems(result)
    assert Employer.objects.get(lead=lead).name == "=SUM(A1)"


def test_changed_employer_is_updated_in_place(tree, import_csv, make_employer):
    employer = make_employer(tree.cz)
    rows = [
        E_HEADER,
        [employer.name, employer.credit_code, "LZ-CZ", "道路货运", "非公", "300", "是", "2018-05-01", ""],
    ]
    result = import_csv("employers", rows, tree.city)
    assert (result.new, result.updated) == (0, 1)
    employer.refresh_from_db()
    assert (employer.headcount, employer.has_union, employer.union_founded_on) == (300, True, D(2018, 5, 1))


# --- members ---------------------------------------------------------------------------------


def test_good_members_file(tree, import_csv, make_employer):
    employer = make_employer(tree.cz_ent)
    known = PersonFactory(name="李四", phone="")
    new = new_id(D(1990, 1, 2))
    rows = [
        M_HEADER,
        ["张三", new, "13800000001", employer.credit_code, "LZ-CZ-001", "货车司机", "是", "2018/4/15", ""],
        ["李四", known.id_number, "13800000002", "", "LZ-CZ", "", "N", "2018年5月1日", "转出", "2018/6/1"],
    ]
    result = import_csv("members", rows, tree.cz)
    assert result.ok, problems(result)
    assert result.new == 2
    zhang = Member.objects.select_related("person").get(person__id_number=new)
    assert (zhang.person.name, zhang.person.phone, zhang.employer, zhang.organization) == (
        "张三",
        "13800000001",
        employer,
        tree.cz_ent,
    )
    assert (zhang.key_group, zhang.is_migrant, zhang.status, zhang.join_date) == (
        "货车司机",
        True,
        "在会",
        D(2018, 4, 15),
    )
    li = Member.objects.get(person=known)
    assert (li.status, li.is_migrant, li.leave_date) == ("转出", False, D(2018, 6, 1))
    # The first period: from 入会日期 to 离会日期, at the organization joined.
    assert [(p.organization, p.start, p.end) for p in li.periods.all()] == [
        (tree.cz, D(2018, 5, 1), D(2018, 6, 1))
    ]
    assert [(p.organization, p.start, p.end) for p in zhang.periods.all()] == [
        (tree.cz_ent, D(2018, 4, 15), None)
    ]
    known.refresh_from_db()
    assert known.phone == "13800000002"
    assert Person.objects.count() == 2


def test_bad_member_rows_are_listed_and_nothing_is_written(tree, import_csv, make_member, make_employer):
    theirs = make_member(tree.yf, name="王五")
    their_employer = make_employer(tree.yf)
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    rows = [
        M_HEADER,
        ["好人", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", ""],  # 2: good
        ["坏号", "450202198506151234", "", "", "LZ-CZ", "", "否", "2018-01-01", ""],  # 3
        ["坏手机", new_id(), "12345", "", "LZ-CZ", "", "否", "2018-01-01", ""],  # 4
        ["不存在单位", new_id(), "", make_credit_code(), "LZ-CZ", "", "否", "2018-01-01", ""],  # 5
        ["越界单位", new_id(), "", their_employer.credit_code, "LZ-CZ", "", "否", "2018-01-01", ""],  # 6
        ["坏群体", new_id(), "", "", "LZ-CZ", "司机", "否", "2018-01-01", ""],  # 7
        ["未来", new_id(), "", "", "LZ-CZ", "", "否", future, ""],  # 8
        ["王五", theirs.person.id_number, "", "", "LZ-CZ", "", "否", "2018-01-01", ""],  # 9
        [
            "坏校验",
            theirs.person.id_number[:-1] + ("1" if theirs.person.id_number[-1] != "1" else "2"),
            "",
            "",
            "LZ-CZ",
            "",
            "否",
            "2018-01-01",
            "",
        ],  # 10
        ["缺农民工", new_id(), "", "", "LZ-CZ", "", "", "2018-01-01", "在会"],  # 11
        ["坏状态", new_id(), "", "", "LZ-YF", "", "否", "2018-01-01", "离职"],  # 12
        ["早于出生", new_id(D(1990, 1, 1)), "", "", "LZ-CZ", "", "否", "1989-12-31", ""],  # 13
    ]
    before = Person.objects.count()
    result = import_csv("members", rows, tree.cz)
    found = problems(result)
    assert sorted(p.split(":")[0] for p in found) == sorted(
        [
            "第3行 身份证号",
            "第4行 手机号",
            "第5行 工作单位统一社会信用代码",
            "第6行 工作单位统一社会信用代码",
            "第7行 重点群体",
            "第8行 入会日期",
            "第9行 身份证号",
            "第10行 身份证号",
            "第11行 是否农民工",
            "第12行 会员状态",
            "第13行 入会日期",
        ]
    ), found
    assert "第8行 入会日期: 入会日期不能晚于今天" in found
    assert "第9行 身份证号: 无法在本组织办理,请联系上级工会" in found
    assert "第13行 入会日期: 入会日期不能早于出生日期" in found
    assert Member.objects.count() == 1
    assert Person.objects.count() == before


def test_a_name_that_differs_from_the_recorded_person_is_a_bad_row(tree, import_csv):
    person = PersonFactory(name="赵六")
    rows = [M_HEADER, ["赵七", person.id_number, "", "", "LZ-CZ", "", "否", "2018-01-01", ""]]
    result = import_csv("members", rows, tree.cz)
    assert problems(result) == ["第2行 姓名: 姓名与身份证号不一致"]


def test_members_reimport_and_export_round_trip_unchanged(
    tree, import_csv, make_member, make_employer, export_rows
):
    employer = make_employer(tree.cz)
    make_member(tree.cz, employer=employer, key_group="快递员", is_migrant=True, phone="13900000000")
    make_member(tree.cz_ent, status=Member.Status.TRANSFERRED)
    make_member(tree.yf)
    rows = export_rows("members", tree.cz)
    assert rows[0] == M_HEADER
    assert len(rows) == 3
    result = import_csv("members", rows, tree.cz)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2), problems(result)
    result = import_csv("members", rows, tree.cz)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)


def test_changed_member_is_updated_in_place(tree, import_csv, make_member):
    member = make_member(tree.cz, name="孙八", join_date=D(2010, 1, 1))
    rows = [
        M_HEADER,
        [
            "孙八",
            member.person.id_number,
            "",
            "",
            "LZ-CZ",
            "保安员",
            "是",
            "2010-01-01",
            "退会",
            "2019-03-01",
        ],
    ]
    result = import_csv("members", rows, tree.cz)
    assert (result.new, result.updated) == (0, 1), problems(result)
    member.refresh_from_db()
    assert (member.organization, member.key_group, member.is_migrant, member.status, member.leave_date) == (
        tree.cz,
        "保安员",
        True,
        "退会",
        D(2019, 3, 1),
    )
    # The database ended the open period on 离会日期.
    assert [(p.start, p.end) for p in member.periods.all()] == [(D(2010, 1, 1), D(2019, 3, 1))]


def test_a_reimport_that_moves_a_member_is_a_bad_row(tree, import_csv, make_member):
    member = make_member(tree.cz, name="孙九", join_date=D(2010, 1, 1))
    rows = [M_HEADER, ["孙九", member.person.id_number, "", "", "LZ-CZ-001", "", "否", "2010-01-01", "", ""]]
    result = import_csv("members", rows, tree.cz)
    assert problems(result) == ["第2行 所属工会组织代码: 组织变更请用会员转接导入"]
    member.refresh_from_db()
    assert member.organization == tree.cz


def test_bad_leaving_rows(tree, import_csv, make_member):
    left = make_member(tree.cz, name="已离", join_date=D(2010, 1, 1), status="退会", leave_date=D(2015, 1, 1))
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    rows = [
        M_HEADER,
        ["缺日期", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", "退会", ""],  # 2
        ["在会有日期", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", "在会", "2018-05-01"],  # 3
        ["早于入会", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", "转出", "2017-05-01"],  # 4
        ["未来", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", "转出", future],  # 5
        ["已离", left.person.id_number, "", "", "LZ-CZ", "", "否", "2010-01-01", "在会", ""],  # 6
    ]
    found = problems(import_csv("members", rows, tree.cz))
    assert found == [
        "第2行 离会日期: 退会的会员须填写离会日期",
        "第3行 离会日期: 在会会员不填离会日期",
        "第4行 离会日期: 离会日期不能早于入会日期",
        "第5行 离会日期: 离会日期不能晚于今天",
        "第6行 会员状态: 该会员已于2015-01-01离会,不能通过导入恢复为在会",
    ]
    assert Member.objects.count() == 1


def test_members_across_several_batches(tree, import_csv, monkeypatch):
    from members.resources import MemberKind

    monkeypatch.setattr(MemberKind, "batch_size", 3)
    rows = [M_HEADER] + [[f"人{i}", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", ""] for i in range(8)]
    result = import_csv("members", rows, tree.cz)
    assert (result.new, result.ok) == (8, True), problems(result)
    assert Member.objects.count() == 8


# --- drives ----------------------------------------------------------------------------------


def test_good_drives_file_accepts_both_percent_forms(tree, import_csv):
    rows = [
        DR_HEADER,
        ["货车司机行动", "货车司机", "道路货运", "2018/4/1", "2018/6/30", "271", "40%", "40", "LZ"],
    ]
    result = import_csv("drives", rows, tree.city)
    assert result.ok, problems(result)
    drive = Drive.objects.get()
    assert (drive.target_join_rate, drive.target_founding_rate, drive.population) == (
        Decimal("40"),
        Decimal("40"),
        271,
    )


def test_bad_drive_rows_are_listed_and_nothing_is_written(tree, import_csv, make_drive):
    make_drive(tree.yf, name="鱼峰行动")
    rows = [
        DR_HEADER,
        ["好行动", "快递员", "快递物流", "2018-07-01", "2018-09-30", "74", "90%", "30", "LZ-CZ"],  # 2
        ["倒序", "快递员", "快递物流", "2018-09-01", "2018-07-30", "74", "90", "30", "LZ-CZ"],  # 3
        ["零人", "快递员", "快递物流", "2018-07-01", "2018-09-30", "0", "90", "30", "LZ-CZ"],  # 4
        ["超百", "快递员", "快递物流", "2018-07-01", "2018-09-30", "74", "120%", "30", "LZ-CZ"],  # 5
        ["鱼峰行动", "快递员", "快递物流", "2018-07-01", "2018-09-30", "74", "90", "30", "LZ-CZ"],  # 6
        ["坏行业", "快递员", "快递", "2018-07-01", "2018-09-30", "74", "90", "30", "LZ-CZ"],  # 7
    ]
    found = problems(import_csv("drives", rows, tree.cz))
    assert [p.split(":")[0] for p in found] == [
        "第3行 结束日期",
        "第4行 群体总数",
        "第5行 目标入会率",
        "第6行 行动名称",
        "第7行 行业",
    ]
    assert found[0] == "第3行 结束日期: 开始日期不能晚于结束日期"
    assert Drive.objects.count() == 1


def test_drives_reimport_and_export_round_trip_unchanged(tree, import_csv, make_drive, export_rows):
    make_drive(tree.city, target_join_rate=Decimal("40.5"))
    make_drive(tree.cz, group="快递员", industry="快递物流")
    rows = export_rows("drives", tree.city)
    assert rows[0] == DR_HEADER
    result = import_csv("drives", rows, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2), problems(result)


def test_a_new_person_twice_in_one_file_is_a_bad_row_across_batches(tree, import_csv, monkeypatch):
    from members.resources import MemberKind

    monkeypatch.setattr(MemberKind, "batch_size", 2)
    twice = new_id()
    rows = [
        M_HEADER,
        ["重复", twice, "", "", "LZ-CZ", "", "否", "2018-01-01", ""],
        ["其他", new_id(), "", "", "LZ-CZ", "", "否", "2018-01-01", ""],
        ["重复", twice, "", "", "LZ-CZ", "", "是", "2018-01-01", ""],
    ]
    result = import_csv("members", rows, tree.cz)
    assert problems(result) == ["第4行 身份证号: 与本文件前面的行重复(同一条记录出现了两次)"]
    assert Member.objects.count() == 0


def test_a_lead_named_before_its_own_row_is_a_bad_row(tree, import_csv):
    lead = make_credit_code()
    rows = [
        E_HEADER,
        ["链上企业", make_credit_code(), "LZ", "其他", "非公", "10", "否", "", lead],
        ["龙头", lead, "LZ", "其他", "非公", "10", "否", "", ""],
    ]
    found = problems(import_csv("employers", rows, tree.city))
    assert found == [
        f"第2行 链主企业统一社会信用代码: 链主企业“{lead}”不存在(须为系统中已有的单位或本文件前面的行)"
    ]
