"""Issue 15 item 3: every service that changes a record re-checks the scope of everything it
touches, whatever the view did. Each service of every work area (found from its module: a public
function taking `by`) is called with a record of LZ-CZ by the user of the sibling district LZ-YF,
who holds every role and the full-ID permission: each must refuse, and the record must be as it
was. A new service fails test_every_service_is_called_here until it is given a call below."""

import datetime
import inspect
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from legal.models import Case
from members.models import Member
from relief.models import CareService, HardshipFile, Payment, ReliefProgram
from unionhub.core.areas import work_areas

D = datetime.date
REFUSED = (PermissionDenied, ValidationError, Http404)

# Services that take `by` but change nothing of another subtree's (look-ups, helpers).
NOT_WRITES = {
    "legal.services.applicant_resolve",
    "skills.services.save_with_person",
    "relief.services.review_refusal",  # why a user may not review a file: a question, no write
    # City-wide lists with no organization of their own, guarded by their permission instead.
    "legal.services.lawyer_add",
    "members.services.industry_add",
}


def edited(record, **values):
    """A fresh copy of `record` from the database with `values` set (not saved): what a form
    would hand its service."""
    record = type(record).objects.get(pk=record.pk)
    for k, v in values.items():
        setattr(record, k, v)
    return record


def _relief(w, by):
    from relief import services as s

    return {
        "file_create": lambda: s.file_create(
            file=HardshipFile(
                organization=w.cz, category="在职", cause="因病", household_size=2,
                income_per_head=Decimal("500"), filed_on=D(2018, 3, 1),
            ),
            id_number=w.person.id_number, name=w.person.name, by=by,
        ),
        "file_update": lambda: s.file_update(file=edited(w.file, organization=w.yf, household_size=9), by=by),
        "file_verify": lambda: s.file_verify(file=w.file, reviewed_on=D(2018, 3, 1), by=by),
        "visit_record": lambda: s.visit_record(
            file=w.file, visited_on=D(2018, 3, 1), visitors="外区", finding="伪造", by=by
        ),
        "file_object": lambda: s.file_object(file=w.file, reason="外区异议", by=by),
        "file_correct_verified_on": lambda: s.file_correct_verified_on(
            file=w.file, verified_on=D(2018, 1, 12), reason="外区更正", by=by
        ),
        "file_refuse": lambda: s.file_refuse(file=w.file, by=by),
        "file_exit": lambda: s.file_exit(file=w.file, exited_on=D(2018, 12, 1), by=by),
        "payment_make": lambda: s.payment_make(
            program=w.program, number="X-1", paid_on=D(2018, 3, 1), cash=Decimal("1"), person=w.person, by=by
        ),
        "payment_correct": lambda: s.payment_correct(
            payment=w.payment, changes={"cash": Decimal("1")}, reason="改", by=by
        ),
        "program_save": lambda: s.program_save(program=edited(w.program, budget=Decimal("1")), by=by),
        "care_service_save": lambda: s.care_service_save(service=edited(w.care, person_times=1), by=by),
        "attachment_add": lambda: s.attachment_add(
            file=w.file, uploaded=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"), by=by
        ),
    }  # fmt: skip


def _members(w, by):
    from members import services as s

    return {
        "member_enrol": lambda: s.member_enrol(
            id_number=w.person.id_number,
            name=w.person.name,
            phone="",
            organization=w.cz,
            employer=w.employer,
            join_date=D(2018, 5, 1),
            key_group="",
            is_migrant=False,
            by=by,
        ),
        "member_update": lambda: s.member_update(
            member=w.member, name="改名", phone="", by=by, join_date=w.member.join_date
        ),
        "member_leave": lambda: s.member_leave(
            member=w.member, status="退会", leave_date=D(2018, 6, 1), reason="x", by=by
        ),
        "transfer_start": lambda: s.transfer_start(
            member=w.member, to_organization=w.yf, date=D(2018, 6, 1), new_employer=None, by=by
        ),
        "transfer_accept": lambda: s.transfer_accept(transfer=w.transfer, by=by),
        "transfer_decline": lambda: s.transfer_decline(transfer=w.transfer, by=by, reason="x"),
        "transfer_withdraw": lambda: s.transfer_withdraw(transfer=w.transfer, by=by),
        "employer_save": lambda: s.employer_save(employer=edited(w.employer, headcount=1), by=by),
        "drive_save": lambda: s.drive_save(drive=edited(w.drive, population=1), by=by),
    }


def _skills(w, by):
    from skills import services as s

    return {
        "entry_save": lambda: s.entry_save(entry=edited(w.entry, score=Decimal("1")), by=by),
        "award_save": lambda: s.award_save(award=edited(w.award, organization=w.yf), by=by),
        "promotion_save": lambda: s.promotion_save(promotion=edited(w.promotion, organization=w.yf), by=by),
        "model_worker_save": lambda: s.model_worker_save(
            worker=edited(w.model_worker, organization=w.yf), by=by
        ),
        # A city-wide record: only the city federation sets the city team's rank.
        "contest_set_team_rank": lambda: s.contest_set_team_rank(contest=w.contest, team_rank=1, by=by),
        "contest_save": lambda: s.contest_save(contest=edited(w.contest, name="鱼峰改名"), by=by),
    }


def _legal(w, by):
    from legal import services as s

    new_case = Case.objects.get(pk=w.case.pk)
    new_case.pk, new_case.number = None, "WQ-NEW"
    return {
        "case_intake": lambda: s.case_intake(case=new_case, by=by),
        "case_update": lambda: s.case_update(case=edited(w.case, persons=9), by=by),
        "case_change_status": lambda: s.case_change_status(case=w.case, status="处理中", by=by),
        "contract_save": lambda: s.contract_save(contract=edited(w.contract, organization=w.yf), by=by),
        "monitoring_save": lambda: s.monitoring_save(report=edited(w.monitoring, organization=w.yf), by=by),
    }


def _perks(w, by):
    from perks import services as s
    from perks.models import PerkDay

    return {
        "card_issue": lambda: s.card_issue(member=w.member, number="C-NEW", issued_on=D(2018, 5, 1), by=by),
        "card_report_lost": lambda: s.card_report_lost(card=w.card, by=by),
        "card_reissue": lambda: s.card_reissue(card=w.card, number="C-NEW", issued_on=D(2018, 5, 1), by=by),
        "card_cancel": lambda: s.card_cancel(card=w.card, by=by),
        "perk_day_create": lambda: s.perk_day_create(day=PerkDay(name="鱼峰自封", date=D(2018, 5, 1)), by=by),
        "merchant_save": lambda: s.merchant_save(merchant=_edited(w.merchant, perks="外区改写"), by=by),
        "store_save": lambda: s.store_save(store=_edited(w.store, name="外区门店"), by=by),
        "perk_sale_save": lambda: s.perk_sale_save(sale=_edited(w.sale, discount=Decimal("1")), by=by),
    }


def _edited(record, **values):
    record = type(record).objects.get(pk=record.pk)
    for k, v in values.items():
        setattr(record, k, v)
    return record


CALLS = {"relief": _relief, "members": _members, "skills": _skills, "legal": _legal, "perks": _perks}


def writing_services():
    """(area, function name) of every public service function taking `by`."""
    out = []
    for config in work_areas():
        try:
            module = import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            if "by" in inspect.signature(fn).parameters and f"{module.__name__}.{name}" not in NOT_WRITES:
                out.append((config.label, name))
    return sorted(out)


def test_every_service_is_called_here(world):
    by = world.users["yf_sibling"]
    missing = [
        f"{area}.services.{name}"
        for area, name in writing_services()
        if name not in CALLS.get(area, lambda w, b: {})(world, by)
    ]
    assert not missing, f"give these services a call in tests/security/test_write_scope.py: {missing}"


def snapshot(world):
    rows = {}
    for model in (HardshipFile, Payment, ReliefProgram, CareService, Member, Case):
        rows[model.__name__] = sorted(map(str, model.objects.values_list()))
    for name in (
        "employer",
        "drive",
        "entry",
        "award",
        "promotion",
        "model_worker",
        "monitoring",
        "card",
        "transfer",
        "contest",
    ):
        record = getattr(world, name)
        rows[name] = str(type(record).objects.filter(pk=record.pk).values_list().first())
    return rows


@pytest.mark.parametrize(("area", "name"), writing_services())
def test_a_service_refuses_a_record_of_another_subtree(world, area, name):
    by = world.users["yf_sibling"]
    before = snapshot(world)
    call = CALLS[area](world, by)[name]
    with pytest.raises(REFUSED):
        call()
    assert snapshot(world) == before


def test_a_payment_correction_never_re_picks_a_file_of_another_district(world):
    """The reported hole: the payment's person also has a 鱼峰区 file; correcting the amount of
    城中区's payment re-picked the file by the person, with no scope, and moved the money."""
    from relief.services import payment_correct

    yf_file = HardshipFile.objects.create(
        person=world.person, organization=world.yf, category="在职", cause="因病", household_size=2,
        income_per_head=Decimal("500"), filed_on=D(2017, 1, 2), state="已认定", verified_on=D(2017, 1, 3),
    )  # fmt: skip
    payment = Payment.objects.get(pk=world.payment.pk)
    corrected = payment_correct(
        payment=payment, changes={"cash": payment.cash + 1}, reason="更正金额", by=world.users["cz_staff"]
    )
    assert corrected.organization == world.cz and corrected.file_id != yf_file.pk
