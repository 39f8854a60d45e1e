"""Issue 15 item 10: TRUNCATE, which fires no row trigger, cannot empty money, files, cases,
programs or any history table (unionhub/core/truncate.py), not even inside a transaction or
through CASCADE; manage.py flush works only where ALLOW_FLUSH is on."""

import pghistory.models
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from legal.models import Case
from perks.models import PerkSale
from relief.models import FileAttachment, HardshipFile, Payment, ReliefProgram
from skills.models import Promotion
from unionhub.core.truncate import TRIGGER, protected_models
from unionhub.people.models import FullIdView

MUST = [Payment, ReliefProgram, HardshipFile, FileAttachment, Case, Promotion, PerkSale, FullIdView]


def guarded_tables() -> set[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER],
        )
        return {row[0] for row in cur.fetchall()}


def test_every_history_table_and_every_never_deleted_table_is_guarded(db):
    events = [m for m in apps.get_models() if issubclass(m, pghistory.models.Event)]
    assert len(events) >= 6
    wanted = {m._meta.db_table for m in [*MUST, *events]}
    assert wanted <= {m._meta.db_table for m in protected_models()}
    assert wanted - guarded_tables() == set()


@pytest.mark.parametrize("model", [*MUST, apps.get_model("relief", "PaymentEvent")], ids=lambda m: m.__name__)
def test_truncate_is_refused_inside_a_transaction(world, model):
    before = model.objects.count()
    with pytest.raises(DatabaseError, match="TRUNCATE of .* is refused"), transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending check stops it first
            cur.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)} CASCADE")
    assert model.objects.count() == before


def test_a_cascade_from_people_reaching_payments_is_refused(world):
    assert Payment.objects.exists()
    with pytest.raises(DatabaseError, match="is refused"), transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("TRUNCATE people_person CASCADE")
    assert Payment.objects.exists()


def test_flush_is_refused_where_allow_flush_is_off(world, settings):
    settings.ALLOW_FLUSH = False
    with pytest.raises(CommandError, match="ALLOW_FLUSH"):
        call_command("flush", "--no-input", verbosity=0)
    assert Payment.objects.exists()
