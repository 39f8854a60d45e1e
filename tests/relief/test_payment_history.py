"""Payments are never deleted; a correction is a recorded change with its reason, and every
change, however it was written, is in the payment's history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from relief.models import Payment, ReliefProgram
from relief.selectors import PAYMENT_FIELDS, PROGRAM_FIELDS, history
from relief.services import payment_correct, payment_make

D = datetime.date


@pytest.fixture
def payment(relief, cz_user):
    return relief.pay("FF1", cash=Decimal("2000"), by=cz_user)


def _plain(rows):
    return [{**c, "field": str(c["field"])} for r in rows for c in r["changes"]]


def test_correction_from_the_form_is_in_the_history_with_reason_and_who(payment, cz_user, client_for):
    client = client_for(cz_user)
    response = client.post(
        reverse("relief:payment_correct", args=[payment.pk]),
        {
            "cash": "1800.00",
            "goods": "0.00",
            "paid_on": "2018-02-01",
            "note": "",
            "reason": "录入错误,按签收单更正",
        },
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.cash == Decimal("1800.00")
    page = client.get(reverse("relief:payment", args=[payment.pk]))
    rows = page.context["history"]
    assert [r["action"] for r in rows] == ["发放", "更正"]
    assert rows[0]["user"] == cz_user
    assert rows[1]["reason"] == "录入错误,按签收单更正" and rows[1]["user"] == cz_user
    assert {"field": "金额", "before": Decimal("2000.00"), "after": Decimal("1800.00")} in _plain(rows)
    assert "录入错误,按签收单更正" in page.content.decode()
    assert ReliefProgram.objects.get(pk=payment.program_id).spent == Decimal("1800.00")


def test_correction_without_a_reason_is_refused(payment, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("relief:payment_correct", args=[payment.pk]),
        {"cash": "1800.00", "goods": "0", "paid_on": "2018-02-01", "reason": ""},
    )
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    payment.refresh_from_db()
    assert payment.cash == Decimal("2000.00")


def test_correction_is_held_to_the_same_rules(payment, relief, cz_user):
    with pytest.raises(ValidationError) as exc:
        payment_correct(payment=payment, changes={"cash": Decimal("3500")}, reason="追加", by=cz_user)
    assert "不得超过项目单笔上限" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        payment_correct(payment=payment, changes={"paid_on": D(2018, 1, 2)}, reason="改日期", by=cz_user)
    assert "须持有发放日期当天有效的已认定困难职工档案" in str(exc.value)
    payment.refresh_from_db()
    assert payment.cash == Decimal("2000.00") and payment.paid_on == D(2018, 2, 1)
    assert len(history(payment, PAYMENT_FIELDS)) == 1


def test_a_bulk_update_behind_the_services_back_is_still_in_the_history(payment):
    Payment.objects.filter(pk=payment.pk).update(note="批量修改")
    rows = history(payment, PAYMENT_FIELDS)
    assert {"field": "备注", "before": "", "after": "批量修改"} in _plain(rows)


def test_payments_cannot_be_deleted_even_in_bulk(payment):
    with pytest.raises(Exception, match="payment_never_deleted|Cannot delete"), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).delete()
    assert Payment.objects.filter(pk=payment.pk).exists()


def test_history_rows_cannot_be_rewritten(payment):
    event = payment.events.get()
    with pytest.raises(Exception, match="append_only|Cannot update"), transaction.atomic():
        type(event).objects.filter(pk=event.pk).update(cash=Decimal("1"))


def test_the_program_page_shows_budget_changes_not_every_payments_running_total(
    relief, tree, city_user, client_for
):
    for i, person in enumerate([relief.cz_person, relief.yf_person]):  # `spent` moves twice
        payment_make(
            program=relief.spring, number=f"PH{i}", person=person, cash=Decimal("100"), paid_on=D(2018, 2, 1)
        )
    ReliefProgram.objects.filter(pk=relief.spring.pk).update(budget=Decimal("12000"))
    spring = ReliefProgram.objects.get(pk=relief.spring.pk)
    entries = history(spring, PROGRAM_FIELDS)
    assert [[(c["before"], c["after"]) for c in h["changes"]] for h in entries] == [
        [],
        [(Decimal("10000.00"), Decimal("12000.00"))],
    ]
    body = client_for(city_user).get(reverse("relief:program", args=[spring.pk])).content.decode()
    assert "10000.00 → 12000.00" in body
