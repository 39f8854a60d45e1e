"""The case rules: status flow and its dates, migrants within persons, a lawyer for lawyer handling."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from legal.models import Case
from legal.services import case_change_status, case_intake
from tests.factories import PersonFactory, make_id_number

D = datetime.date


def new_case(org, **values):
    defaults = dict(
        number="WQ-1",
        received_on=D(2018, 3, 1),
        channel="来访",
        persons=3,
        migrants=1,
        applicant_name="魏平明",
        cause="拖欠工资",
        handling="调解",
        organization=org,
    )
    defaults.update(values)
    return Case(**defaults)


def test_intake_registers_the_case_with_a_timeline_event(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    assert case.status == "受理"
    assert [(e.action, e.by) for e in case.events.all()] == [("受理", cz_user)]


def test_intake_finds_the_applicant_by_id_number_or_creates_them(tree, cz_user):
    known = PersonFactory(name="魏平明")
    case = case_intake(case=new_case(tree.cz), applicant_id_number=known.id_number, by=cz_user)
    assert case.applicant == known
    number = make_id_number()
    other = case_intake(case=new_case(tree.cz, number="WQ-2"), applicant_id_number=number, by=cz_user)
    assert other.applicant.id_number == number and other.applicant.name == "魏平明"


def test_intake_refuses_an_id_number_recorded_under_another_name(tree, cz_user):
    mine = case_intake(
        case=new_case(tree.cz, number="WQ-1"), applicant_id_number=make_id_number(), by=cz_user
    )
    with pytest.raises(ValidationError) as exc:
        case = new_case(tree.cz, number="WQ-2")
        case.applicant_name = "张三"
        case_intake(case=case, applicant_id_number=mine.applicant.id_number, by=cz_user)
    assert exc.value.message_dict == {"applicant_name": ["姓名与身份证号不一致"]}


def test_intake_of_a_person_the_user_may_not_see_under_another_name_says_only_not_here(tree, cz_user):
    unseen = PersonFactory(name="张三")  # nobody's role in 城中区: the name must not be confirmed
    with pytest.raises(ValidationError) as exc:
        case_intake(case=new_case(tree.cz), applicant_id_number=unseen.id_number, by=cz_user)
    assert exc.value.message_dict == {"applicant_id_number": ["无法在本组织办理,请联系上级工会"]}


def test_status_moves_forward_and_each_step_is_on_the_timeline(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    case = case_change_status(case=case, status="处理中", by=cz_user)
    case = case_change_status(case=case, status="结案", closed_on=D(2018, 4, 1), recovered=5000, by=cz_user)
    assert (case.status, case.closed_on, case.recovered) == ("结案", D(2018, 4, 1), 5000)
    assert [e.action for e in case.events.all()] == ["受理", "处理中", "结案"]


def test_a_closed_case_cannot_go_back(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    case = case_change_status(case=case, status="结案", closed_on=D(2018, 3, 2), by=cz_user)
    with pytest.raises(ValidationError, match="不能从“结案”改为“处理中”"):
        case_change_status(case=case, status="处理中", by=cz_user)


def test_closing_before_intake_is_refused(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    with pytest.raises(ValidationError) as exc:
        case_change_status(case=case, status="结案", closed_on=D(2018, 2, 28), by=cz_user)
    assert exc.value.message_dict["closed_on"] == ["结案日期不能早于受理日期"]
    case.refresh_from_db()
    assert case.status == "受理"


def test_closing_without_a_date_is_refused(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    with pytest.raises(ValidationError) as exc:
        case_change_status(case=case, status="结案", by=cz_user)
    assert exc.value.message_dict["closed_on"] == ["结案的案件须填写结案日期"]


def test_closing_on_the_day_of_intake_is_allowed(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    case = case_change_status(case=case, status="结案", closed_on=D(2018, 3, 1), by=cz_user)
    assert case.status == "结案"


def test_more_migrants_than_persons_is_refused(tree, cz_user):
    with pytest.raises(ValidationError) as exc:
        case_intake(case=new_case(tree.cz, persons=2, migrants=3), by=cz_user)
    assert exc.value.message_dict["migrants"] == ["农民工人数不能多于涉及人数"]


def test_lawyer_handling_without_a_lawyer_is_refused(tree, cz_user, lawyer):
    with pytest.raises(ValidationError) as exc:
        case_intake(case=new_case(tree.cz, handling="指派律师代理仲裁"), by=cz_user)
    assert exc.value.message_dict["lawyer"] == ["指派律师代理的案件须填写代理律师"]
    case = case_intake(case=new_case(tree.cz, handling="指派律师代理仲裁", lawyer=lawyer), by=cz_user)
    assert [e.action for e in case.events.all()] == ["受理", "指派律师"]


@pytest.mark.parametrize(
    "values",
    [
        {"persons": 2, "migrants": 3},
        {"handling": "指派律师代理诉讼"},
        {"status": "结案", "closed_on": D(2018, 2, 1)},
        {"status": "结案"},
        {"status": "处理中", "closed_on": D(2018, 4, 1)},
    ],
)
def test_the_database_refuses_each_rule_broken_by_a_plain_save(tree, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        new_case(tree.cz, **values).save()


def test_every_change_of_a_case_is_kept_in_its_history(tree, cz_user):
    case = case_intake(case=new_case(tree.cz), by=cz_user)
    Case.objects.filter(pk=case.pk).update(recovered=100)  # a bulk write, no signals
    assert [s.recovered for s in case.snapshots.order_by("pgh_id")] == [None, 100]
