"""Issue 15 items 4 and 10: relief programs belong to an organization (unique per organization,
kind and year); a payment draws on its own organization's program or one above it; the city's
program is the city's. The program's spent total is the database's (computed from the payments
by triggers), and the database refuses a payment above the cap, a total above the budget, a
payment outside its program's subtree, and deleting a program."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, ProgrammingError, transaction

from relief.models import Payment, ProgramKind, ReliefProgram
from relief.services import payment_make, program_save
from tests.factories import PersonFactory
from tests.formats import header
from tests.relief.conftest import make_file, make_program
from tests.sheets import problems_text

D = datetime.date
FEB_1 = D(2018, 2, 1)


def pay(program, person, number="FF1", cash="2000", **kw):
    return payment_make(
        program=program, number=number, person=person, cash=Decimal(cash), paid_on=FEB_1, **kw
    )


# -- one program per organization, kind and year ------------------------------------------------


def test_a_district_and_the_city_each_have_their_own_program_of_a_kind_and_year(tree, relief, cz_user):
    district = program_save(
        program=ReliefProgram(kind=ProgramKind.SPRING, year=2018, organization=tree.cz), by=cz_user
    )
    assert district.pk != relief.spring.pk  # the city's 2018 春节送温暖 exists: no refusal
    assert ReliefProgram.objects.filter(kind=ProgramKind.SPRING, year=2018).count() == 2
    with pytest.raises(ValidationError) as exc:
        program_save(
            program=ReliefProgram(kind=ProgramKind.SPRING, year=2018, organization=tree.cz), by=cz_user
        )
    assert "本组织该年度已有同类型的帮扶项目" in str(exc.value)


def test_a_district_cannot_create_or_change_the_citys_program(tree, relief, cz_user):
    with pytest.raises(PermissionDenied):
        program_save(
            program=ReliefProgram(kind=ProgramKind.SCHOOL, year=2018, organization=tree.city), by=cz_user
        )
    program = ReliefProgram.objects.get(pk=relief.spring.pk)
    program.budget = Decimal("1")
    with pytest.raises(PermissionDenied):
        program_save(program=program, by=cz_user)
    yf_program = make_program(ProgramKind.SCHOOL, org=tree.yf)
    yf_program.organization = tree.cz  # moved into the district's reach by a forged form
    with pytest.raises(PermissionDenied):
        program_save(program=yf_program, by=cz_user)


# -- a payment draws on its organization's program or one above it ------------------------------


def test_a_payment_draws_on_its_own_or_an_upper_program_never_a_siblings(tree, relief, city_user):
    yf_program = make_program(ProgramKind.MEDICAL, org=tree.yf)
    with pytest.raises(ValidationError) as exc:
        pay(yf_program, relief.cz_person, by=city_user, scope=tree.city)
    assert "发放须使用本组织或上级组织的帮扶项目" in str(exc.value)
    cz_program = make_program(ProgramKind.MEDICAL, org=tree.cz)
    assert pay(cz_program, relief.cz_person, by=city_user, scope=tree.city).organization == tree.cz
    assert pay(relief.spring, relief.yf_person, number="FF2", by=city_user, scope=tree.city)


def test_a_city_file_cannot_be_paid_from_a_districts_program(tree, relief, city_user):
    city_file = make_file(PersonFactory(name="市级困难"), tree.city)
    cz_program = make_program(ProgramKind.MEDICAL, org=tree.cz)
    with pytest.raises(ValidationError) as exc:
        pay(cz_program, city_file.person, by=city_user, scope=tree.city)
    assert "发放须使用本组织或上级组织的帮扶项目" in str(exc.value)


def test_one_payment_per_person_per_kind_and_year_across_organizations(tree, relief, city_user):
    pay(relief.spring, relief.cz_person, by=city_user, scope=tree.city)
    cz_spring = make_program(ProgramKind.SPRING, org=tree.cz)
    with pytest.raises(ValidationError) as exc:
        pay(cz_spring, relief.cz_person, number="FF2", by=city_user, scope=tree.city)
    assert "该人员已领取2018年春节送温暖(发放编号FF1)" in str(exc.value)  # the city saw it paid


def test_the_database_refuses_a_payment_outside_its_programs_subtree(tree, relief, city_user):
    payment = pay(relief.spring, relief.cz_person, by=city_user, scope=tree.city)
    yf_program = make_program(ProgramKind.SPRING, org=tree.yf)
    with pytest.raises(IntegrityError, match="payment_within_program_organization"), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(program=yf_program)


# -- the spent total, cap and budget are the database's ------------------------------------------


def test_the_spent_total_follows_the_payments_whatever_writes_them(tree, relief, city_user):
    spring = relief.spring
    a = pay(spring, relief.cz_person, cash="1000", by=city_user, scope=tree.city)
    pay(spring, relief.yf_person, number="FF2", cash="500", by=city_user, scope=tree.city)
    spring.refresh_from_db()
    assert spring.spent == Decimal("1500")
    Payment.objects.filter(pk=a.pk).update(cash=Decimal("2500"))  # a shell update()
    spring.refresh_from_db()
    assert spring.spent == Decimal("3000")
    ReliefProgram.objects.filter(pk=spring.pk).update(spent=Decimal("0"))  # a forged total
    spring.refresh_from_db()
    assert spring.spent == Decimal("3000")


def test_the_database_refuses_a_payment_above_the_cap(tree, relief, city_user):
    payment = pay(relief.spring, relief.cz_person, cash="1000", by=city_user, scope=tree.city)
    with pytest.raises(IntegrityError, match="payment_within_program_cap"), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(cash=Decimal("3000.01"))
    with pytest.raises(IntegrityError, match="reliefprogram_cap_above_payments"), transaction.atomic():
        ReliefProgram.objects.filter(pk=relief.spring.pk).update(cap=Decimal("999"))


def test_the_database_refuses_a_total_above_the_budget(tree, relief, city_user):
    program = make_program(ProgramKind.MEDICAL, org=tree.city, budget=Decimal("5000"))
    payments = [
        pay(program, person, number=f"FF{n}", cash="2000", by=city_user, scope=tree.city)
        for n, person in enumerate([relief.cz_person, relief.yf_person], 1)
    ]
    with pytest.raises(IntegrityError, match="reliefprogram_within_budget"), transaction.atomic():
        Payment.objects.filter(pk__in=[p.pk for p in payments]).update(goods=Decimal("600"))  # 5200
    program.refresh_from_db()
    assert program.spent == Decimal("4000")


def test_a_program_cannot_be_deleted_even_in_bulk(relief):
    with pytest.raises(ProgrammingError, match="Cannot delete"), transaction.atomic():
        relief.summer.delete()
    with pytest.raises(ProgrammingError), transaction.atomic():
        ReliefProgram.objects.all().delete()
    assert ReliefProgram.objects.count() == 2


# -- the import kinds (import-formats.md) --------------------------------------------------------

PROGRAM_HEADER = header("relief_programs")
PAYMENT_HEADER = header("relief_payments")  # fmt: skip


def test_programs_of_the_same_kind_and_year_for_two_organizations_import_as_two(tree, relief, import_csv):
    rows = [
        PROGRAM_HEADER,
        ["春节送温暖", "2018", "5000", "", "LZ-CZ"],
        ["春节送温暖", "2018", "", "", "LZ-YF"],
    ]
    result = import_csv("relief_programs", rows, tree.city)
    assert result.ok, problems_text(result)
    owners = ReliefProgram.objects.filter(kind="春节送温暖", year=2018).values_list(
        "organization__code", flat=True
    )
    assert sorted(owners) == ["LZ", "LZ-CZ", "LZ-YF"]
    # A district importing its own 2018 春节送温暖 never touches (nor hears of) the others.
    rows = [PROGRAM_HEADER, ["春节送温暖", "2018", "6000", "", "LZ-CZ"]]
    result = import_csv("relief_programs", rows, tree.cz)
    assert result.ok and result.updated == 1
    assert ReliefProgram.objects.get(pk=relief.spring.pk).budget == Decimal("10000")


def test_a_payment_row_names_its_program_by_organization_or_takes_the_nearest(tree, relief, import_csv):
    cz_spring = make_program(ProgramKind.SPRING, org=tree.cz)
    rows = [
        PAYMENT_HEADER,
        ["FF1", "春节送温暖", "2018", "", relief.cz_person.id_number, "", "", "1000", "", "2018-02-01", ""],
        ["FF2", "春节送温暖", "2018", "LZ", relief.yf_person.id_number, "", "", "1000", "", "2018-02-01", ""],
    ]  # fmt: skip
    result = import_csv("relief_payments", rows, tree.city)
    assert result.ok, problems_text(result)
    assert Payment.objects.get(number="FF1").program == cz_spring  # the nearest above the file
    assert Payment.objects.get(number="FF2").program == relief.spring


@pytest.mark.parametrize(
    ("yf_has_one", "root"),
    [(False, "city"), (True, "cz")],
    ids=["LZ-YF has none", "a sibling's program"],
)
def test_a_payment_row_naming_a_program_it_cannot_draw_on_is_refused(
    tree, relief, import_csv, yf_has_one, root
):
    """The same words whether LZ-YF has no 2018 医疗救助 (the city imports) or has one that is a
    sibling's (城中区 imports)."""
    if yf_has_one:
        make_program(ProgramKind.MEDICAL, org=tree.yf)
    rows = [
        PAYMENT_HEADER,
        ["FF1", "医疗救助", "2018", "LZ-YF", relief.cz_person.id_number, "", "", "10", "", "2018-02-01", ""],
    ]  # fmt: skip
    result = import_csv("relief_payments", rows, getattr(tree, root))
    assert problems_text(result) == ["第2行 项目所属组织代码: 组织“LZ-YF”没有可用的2018年医疗救助项目"]
    assert not Payment.objects.exists()
