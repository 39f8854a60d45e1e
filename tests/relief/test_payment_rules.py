"""Every payment rule of domain.md, enforced by relief.services, each refusal naming its rule."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from relief.models import FileState, Payment, ReliefProgram
from relief.services import payment_make
from tests.factories import PersonFactory
from tests.relief.conftest import make_file

D = datetime.date
FEB_1 = D(2018, 2, 1)


def pay(program, number="FF1", person=None, cash="2000", paid_on=FEB_1, **kw):
    return payment_make(
        program=program, number=number, person=person, cash=Decimal(cash), paid_on=paid_on, **kw
    )


def refusal(exc_info, field="person"):
    return " ".join(exc_info.value.message_dict[field])


def test_payment_to_verified_file_is_made_and_counts_against_the_budget(relief, tree):
    payment = pay(relief.spring, person=relief.cz_person, goods=Decimal("200"))
    assert payment.file == relief.cz_file
    assert payment.organization == tree.cz
    relief.spring.refresh_from_db()
    assert relief.spring.spent == Decimal("2200.00")


def test_person_without_file_is_refused(relief):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=PersonFactory())
    assert "须持有发放日期当天有效的已认定困难职工档案" in refusal(exc)
    assert "没有该人员的困难职工档案" in refusal(exc)
    assert not Payment.objects.exists()


def test_unverified_file_is_refused(relief, tree):
    person = PersonFactory()
    make_file(person, tree.cz, state=FileState.PENDING)
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=person)
    assert "尚未认定" in refusal(exc)


def test_payment_before_verification_date_is_refused(relief, tree):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=relief.cz_person, paid_on=D(2018, 1, 9))
    assert "早于档案认定日期2018-01-10" in refusal(exc)


def test_payment_after_exit_is_refused_and_on_the_day_before_is_made(relief, tree):
    person = PersonFactory()
    make_file(person, tree.cz, state=FileState.EXITED, exited_on=D(2018, 3, 1))
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=person, paid_on=D(2018, 3, 1))
    assert "已于2018-03-01脱困" in refusal(exc)
    assert pay(relief.spring, person=person, paid_on=D(2018, 2, 28)).pk


def test_second_payment_to_same_person_in_a_program_is_refused(relief):
    pay(relief.spring, number="FF1", person=relief.cz_person)
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, number="FF2", person=relief.cz_person, cash="100")
    assert "同一项目每人只能发放一次" in refusal(exc)
    assert "FF1" in refusal(exc)
    assert Payment.objects.count() == 1


def test_payment_above_the_cap_is_refused(relief):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=relief.cz_person, cash="2900", goods=Decimal("200"))
    assert "不得超过项目单笔上限" in refusal(exc, "cash")
    assert "3100元" in refusal(exc, "cash")


def test_payment_beyond_the_budget_is_refused(relief, tree):
    relief.spring.budget = Decimal("4000")
    relief.spring.save()
    pay(relief.spring, number="FF1", person=relief.cz_person, cash="3000")
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, number="FF2", person=relief.yf_person, cash="1000.01")
    assert "项目发放总额不得超过预算" in refusal(exc, "cash")
    assert pay(relief.spring, number="FF3", person=relief.yf_person, cash="1000").pk
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("4000.00")


def test_payment_outside_the_programs_year_is_refused(relief):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=relief.cz_person, paid_on=D(2019, 1, 2))
    assert "发放日期须在项目年度内" in refusal(exc, "paid_on")


def test_unit_program_pays_units_with_people_reached(relief, tree):
    payment = pay(relief.summer, unit=relief.cz_unit, people_reached=40, cash="0", goods=Decimal("5000"))
    assert payment.organization == tree.cz
    with pytest.raises(ValidationError) as exc:
        pay(relief.summer, number="FF2", unit=relief.cz_unit, cash="10")
    assert "受益人数" in refusal(exc, "people_reached")
    with pytest.raises(ValidationError) as exc:
        pay(relief.summer, number="FF3", person=relief.cz_person)
    assert "只能发放给单位" in refusal(exc)


def test_person_program_refuses_a_unit(relief):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, unit=relief.cz_unit, people_reached=3)
    assert "只能发放给个人" in refusal(exc, "unit")


def test_file_of_another_district_is_refused_for_a_district_payer_as_if_there_were_none(relief, tree):
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, person=relief.yf_person, scope=tree.cz)
    with pytest.raises(ValidationError) as none:
        pay(relief.spring, person=PersonFactory(), scope=tree.cz)
    assert refusal(exc) == refusal(none)
    assert "本组织及下级组织没有该人员的困难职工档案" in refusal(exc)
    assert pay(relief.spring, person=relief.cz_person, scope=tree.cz).pk


def test_duplicate_payment_number_is_refused(relief):
    pay(relief.spring, number="FF1", person=relief.cz_person)
    with pytest.raises(ValidationError) as exc:
        pay(relief.spring, number="FF1", person=relief.yf_person)
    assert "已存在" in refusal(exc, "number")
