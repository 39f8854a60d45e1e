"""Two staff paying at once, on two real database connections: the program's row lock lets
only one of them through."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from relief.models import Payment, ReliefProgram
from relief.services import payment_make


def _race(calls):
    """Run each call in its own thread (its own connection), all released at once."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except ValidationError as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_payments_to_one_person_let_exactly_one_through(relief):
    def pay(number):
        return lambda: payment_make(
            program=relief.spring,
            number=number,
            person=relief.cz_person,
            cash=Decimal("2000"),
            paid_on=datetime.date(2018, 2, 1),
        )

    outcomes = _race([pay("A1"), pay("A2")])
    made = [o for o in outcomes if isinstance(o, Payment)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(made) == 1 and len(refused) == 1
    assert "同一项目每人只能发放一次" in " ".join(refused[0].message_dict["person"])
    assert Payment.objects.count() == 1
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("2000.00")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_payments_cannot_both_spend_the_last_of_the_budget(relief):
    ReliefProgram.objects.filter(pk=relief.spring.pk).update(budget=Decimal("3000"))

    def pay(number, person):
        return lambda: payment_make(
            program=relief.spring,
            number=number,
            person=person,
            cash=Decimal("2000"),
            paid_on=datetime.date(2018, 2, 1),
        )

    outcomes = _race([pay("B1", relief.cz_person), pay("B2", relief.yf_person)])
    assert sum(isinstance(o, Payment) for o in outcomes) == 1
    assert ReliefProgram.objects.get(pk=relief.spring.pk).spent == Decimal("2000.00")


@pytest.mark.django_db(transaction=True)
def test_an_exit_recorded_while_a_later_payment_is_made_cannot_both_succeed(relief):
    from relief.models import HardshipFile
    from relief.services import file_exit

    outcomes = _race(
        [
            lambda: payment_make(
                program=relief.spring,
                number="C1",
                person=relief.cz_person,
                cash=Decimal("100"),
                paid_on=datetime.date(2018, 3, 1),
            ),
            lambda: file_exit(file=relief.cz_file, exited_on=datetime.date(2018, 2, 1), by=None),
        ]
    )
    assert sum(not isinstance(o, ValidationError) for o in outcomes) == 1
    exited = HardshipFile.objects.get(pk=relief.cz_file.pk).exited_on
    paid = Payment.objects.filter(number="C1").exists()
    assert paid != (exited is not None)
