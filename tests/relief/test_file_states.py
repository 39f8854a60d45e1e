"""A file's life: 待认定 → 已认定 → 已脱困, or 待认定 → 不予认定; who may move it and when."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from relief.models import FileState, HardshipFile, HomeVisit
from relief.services import file_exit, file_refuse, file_verify
from tests.factories import PersonFactory
from tests.relief.conftest import make_file
from unionhub.orgs.roles import OFFICIAL

D = datetime.date


@pytest.fixture(autouse=True)
def _no_notice(settings):
    """These tests walk the states without the public notice (tests/relief/test_review.py has it)."""
    settings.RELIEF_NOTICE_DAYS = 0


@pytest.fixture
def pending(tree):
    """A pending file with its home visit recorded (the review needs one)."""
    file = make_file(PersonFactory(name="待认定人"), tree.cz, state=FileState.PENDING, filed_on=D(2018, 3, 1))
    HomeVisit.objects.create(file=file, visited_on=D(2018, 3, 2), visitors="张三", finding="属实")
    return file


def test_staff_verifies_a_pending_file_and_who_and_when_are_kept(pending, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("relief:file_verify", args=[pending.pk]), {"reviewed_on": "2018-03-05"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == FileState.VERIFIED and pending.verified_on == D(2018, 3, 5)
    assert pending.state_changed_by == cz_user and pending.state_changed_at is not None


def test_staff_refuses_a_pending_file(pending, cz_user, client_for):
    assert client_for(cz_user).post(reverse("relief:file_refuse", args=[pending.pk])).status_code == 302
    pending.refresh_from_db()
    assert pending.state == FileState.REFUSED and pending.verified_on is None


def test_staff_records_the_exit_of_a_verified_file(relief, cz_user, client_for):
    url = reverse("relief:file_exit", args=[relief.cz_file.pk])
    assert client_for(cz_user).post(url, {"exited_on": "2018-06-30"}).status_code == 302
    relief.cz_file.refresh_from_db()
    assert relief.cz_file.state == FileState.EXITED and relief.cz_file.exited_on == D(2018, 6, 30)


def test_verification_before_filing_is_refused_beside_the_date(pending, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("relief:file_verify", args=[pending.pk]), {"reviewed_on": "2018-02-01"}
    )
    assert response.status_code == 400
    assert "复核日期不能早于建档日期" in str(response.context["verify_form"].errors)
    pending.refresh_from_db()
    assert pending.state == FileState.PENDING


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (FileState.VERIFIED, "verify"),
        (FileState.REFUSED, "verify"),
        (FileState.EXITED, "exit"),
        (FileState.PENDING, "exit"),
        (FileState.VERIFIED, "refuse"),
    ],
)
def test_steps_from_the_wrong_state_are_refused(tree, cz_user, state, step):
    exited = D(2018, 5, 1) if state == FileState.EXITED else None
    file = make_file(PersonFactory(), tree.cz, state=state, exited_on=exited)
    call = {
        "verify": lambda: file_verify(file=file, reviewed_on=D(2018, 4, 1), by=cz_user),
        "exit": lambda: file_exit(file=file, exited_on=D(2018, 6, 1), by=cz_user),
        "refuse": lambda: file_refuse(file=file, by=cz_user),
    }[step]
    with pytest.raises(ValidationError, match="不能"):
        call()
    file.refresh_from_db()
    assert file.state == state


def test_exit_on_or_before_a_payment_already_made_is_refused(relief, cz_user):
    relief.pay("F1")
    with pytest.raises(ValidationError) as exc:
        file_exit(file=relief.cz_file, exited_on=D(2018, 2, 1), by=cz_user)
    assert "F1" in str(exc.value)
    assert file_exit(file=relief.cz_file, exited_on=D(2018, 2, 2), by=cz_user).state == FileState.EXITED


def test_official_and_users_without_the_permission_may_not_move_a_file(pending, tree, make_user):
    official = make_user(tree.cz, OFFICIAL)
    with pytest.raises(PermissionDenied):
        file_verify(file=pending, reviewed_on=D(2018, 3, 5), by=official)


def test_enterprise_union_staff_cannot_reach_its_districts_file(pending, ent_user, client_for):
    response = client_for(ent_user).post(
        reverse("relief:file_verify", args=[pending.pk]), {"reviewed_on": "2018-03-05"}
    )
    assert response.status_code == 404


def test_city_staff_may_move_any_districts_file(pending, city_user, client_for):
    client_for(city_user).post(
        reverse("relief:file_verify", args=[pending.pk]), {"reviewed_on": "2018-03-05"}
    )
    pending.refresh_from_db()
    assert pending.state == FileState.VERIFIED


def test_the_file_history_shows_each_step_and_who_took_it(pending, cz_user, client_for):
    client = client_for(cz_user)
    client.post(reverse("relief:file_verify", args=[pending.pk]), {"reviewed_on": "2018-03-05"})
    client.post(reverse("relief:file_exit", args=[pending.pk]), {"exited_on": "2018-09-01"})
    history = client.get(reverse("relief:file", args=[pending.pk])).context["history"]
    assert [h["action"] for h in history] == ["创建", "复核认定", "脱困"]
    assert history[1]["user"] == cz_user
    assert {"field": "认定状态", "before": "待认定", "after": "已认定"} in [
        {**c, "field": str(c["field"])} for c in history[1]["changes"]
    ]


def test_the_database_refuses_inconsistent_states_and_deleting_a_file(relief, tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        HardshipFile.objects.filter(pk=relief.cz_file.pk).update(verified_on=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_file(relief.cz_person, tree.cz, filed_on=D(2018, 7, 1))  # a second file in 2018
    with pytest.raises(Exception, match="hardshipfile_never_deleted|Cannot delete"), transaction.atomic():
        HardshipFile.objects.filter(pk=relief.cz_file.pk).delete()


def test_a_file_with_payments_keeps_its_organization(relief, tree, cz_user, client_for):
    relief.pay("F1")
    f = relief.cz_file
    data = {
        "category": f.category, "cause": f.cause, "household_size": f.household_size,
        "income_per_head": f.income_per_head, "organization": tree.cz_ent.pk, "filed_on": f.filed_on.isoformat(),
    }  # fmt: skip
    response = client_for(cz_user).post(reverse("relief:file_edit", args=[f.pk]), data)
    assert "不能改变所属组织" in str(response.context["form"].errors["organization"])
    f.refresh_from_db()
    assert f.organization == tree.cz
