"""The audit trail: money (relief payments and programs, promotion subsidies, perk-day sales),
hardship files and legal cases keep every change (who, when, before, after) in history rows
written by database triggers (django-pghistory), so a queryset .update(), a bulk_update, an
import or a task is recorded as surely as a form's save.

The tracked models are found from pghistory's event models: a newly tracked model without an
entry in AUDITED fails the test, so it is covered the day it is tracked.
"""

import csv
from decimal import Decimal

import pghistory
import pytest
from django.apps import apps
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from pghistory.models import Event

from tests.formats import header
from unionhub.imports.engine import run_import
from unionhub.imports.kinds import get_kind

from .matrix import Audited
from .world import area_matrices

# Each work area's tracked models (AUDITED), the tracked models that have no field to change
# (NOT_AUDITED: name -> why) and the pages that show a record's history (HISTORY_PAGES), from
# its tests/security/areas/<label>.py.
AUDITED: dict[str, Audited] = {}
NOT_AUDITED: dict[str, str] = {}
HISTORY_PAGES: dict[str, str] = {}
for _area in area_matrices():
    AUDITED.update(getattr(_area, "AUDITED", {}))
    NOT_AUDITED.update(getattr(_area, "NOT_AUDITED", {}))
    HISTORY_PAGES.update(getattr(_area, "HISTORY_PAGES", {}))
# The machinery's own tracked model: what officials write in a draft report (a published one
# never changes: a trigger).
AUDITED["reports.Report"] = Audited("report", "authored", "前言已更新")
# What quality.md says must be tracked: money, hardship files, legal cases.
MUST_BE_TRACKED = {
    "relief.HardshipFile",
    "relief.ReliefProgram",
    "relief.Payment",
    "skills.Promotion",
    "legal.Case",
    "perks.PerkSale",
}
# Their history is never rewritten; money, files and cases are never deleted (a relief program
# is a budget, not money paid: its payments keep it, the foreign key refuses its deletion).
APPEND_ONLY = MUST_BE_TRACKED
NEVER_DELETED = MUST_BE_TRACKED - {"relief.ReliefProgram"}

# Holes found (reported to the work areas' engineers): strict xfails, so the day one is fixed
# its test passes, xfail fails, and the entry must be removed from here.
HOLES: dict[tuple[str, str], str] = {}  # none open


def params(check, labels):
    return [
        pytest.param(label, marks=pytest.mark.xfail(strict=True, reason=HOLES[(check, label)]))
        if (check, label) in HOLES
        else label
        for label in sorted(labels)
    ]


def event_models():
    return [m for m in apps.get_models() if issubclass(m, Event) and m.pgh_tracked_model is not None]


def tracked_labels() -> set[str]:
    return {m.pgh_tracked_model._meta.label for m in event_models()}


def events_of(obj):
    models = [m for m in event_models() if m.pgh_tracked_model is type(obj)]
    return sorted(
        (e for m in models for e in m.objects.filter(pgh_obj_id=obj.pk).select_related("pgh_context")),
        key=lambda e: (e.pgh_created_at, e.pgh_id),
    )


def history(obj, field) -> list:
    return [getattr(e, field) for e in events_of(obj)]


def who(event):
    return event.pgh_context.metadata.get("user") if event.pgh_context else None


def assert_before_after(events, spec, before):
    """The last event holds the value after; the one before it (the creation, or the previous
    change) the value before."""
    assert getattr(events[-1], spec.field) == spec.value
    if spec.snapshots_insert:
        assert getattr(events[-2], spec.field) == before


def target(world, label):
    spec = AUDITED[label]
    return getattr(world, spec.record), spec


def test_money_files_and_cases_are_tracked_and_every_tracked_model_is_tested(db):
    tracked = tracked_labels()
    assert MUST_BE_TRACKED <= tracked, f"not tracked: {MUST_BE_TRACKED - tracked}"
    untested = tracked - set(AUDITED) - set(NOT_AUDITED)
    assert not untested, (
        f"add these tracked models to AUDITED (or NOT_AUDITED) in their area's tests/security/areas/<label>.py: {sorted(untested)}"
    )


@pytest.mark.parametrize("label", sorted(AUDITED))
def test_a_save_is_kept_with_before_after_who_and_when(label, world):
    obj, spec = target(world, label)
    before = getattr(obj, spec.field)
    user = world.users["cz_staff"]
    with pghistory.context(user=user.pk, reason="测试更正"):
        setattr(obj, spec.field, spec.value)
        obj.save()
    values = history(obj, spec.field)
    expected = [before, spec.value] if spec.snapshots_insert else [spec.value]
    assert values[-len(expected) :] == expected
    last = events_of(obj)[-1]
    assert who(last) == user.pk
    assert last.pgh_context.metadata["reason"] == "测试更正"
    assert last.pgh_created_at is not None


@pytest.mark.parametrize("label", sorted(AUDITED))
def test_a_queryset_update_is_kept(label, world):
    obj, spec = target(world, label)
    before, n = getattr(obj, spec.field), len(events_of(obj))
    user = world.users["city_staff"]
    with pghistory.context(user=user.pk):
        type(obj).objects.filter(pk=obj.pk).update(**{spec.field: spec.value})
    events = events_of(obj)
    assert len(events) == n + 1
    assert_before_after(events, spec, before)
    assert who(events[-1]) == user.pk


@pytest.mark.parametrize("label", sorted(AUDITED))
def test_a_bulk_update_is_kept(label, world):
    obj, spec = target(world, label)
    before, n = getattr(obj, spec.field), len(events_of(obj))
    setattr(obj, spec.field, spec.value)
    with pghistory.context(user=world.cz_admin.pk):
        type(obj).objects.bulk_update([obj], [spec.field])
    events = events_of(obj)
    assert len(events) == n + 1
    assert_before_after(events, spec, before)
    assert who(events[-1]) == world.cz_admin.pk


@pytest.mark.urls("tests.security.audit_urls")
@pytest.mark.parametrize("label", sorted(AUDITED))
def test_a_change_in_a_web_request_is_kept_with_the_signed_in_user(label, world):
    """No pghistory.context in the view: the HistoryMiddleware of settings.MIDDLEWARE records
    the request's user (and URL) for whatever the request writes."""
    obj, spec = target(world, label)
    user = world.users["cz_staff"]
    client = Client()
    client.force_login(user)
    url = f"/change/{label}/{obj.pk}/"
    assert client.post(url, {"field": spec.field, "value": str(spec.value)}).status_code == 200
    last = events_of(obj)[-1]
    assert str(getattr(last, spec.field)) == str(spec.value)
    assert who(last) == user.pk
    assert last.pgh_context.metadata["url"] == url


def test_a_change_made_by_an_import_names_the_importer(world, tmp_path):
    """An import runs outside any request (on the worker): the history must still say who."""
    path = tmp_path / "cases.csv"
    row = [
        world.case.number, "2018-03-01", "来电", "否", "1", "0", world.person.name, world.person.id_number,
        world.case.employer_name, "拖欠工资", "法律咨询", "", "结案", "2018-05-22", "3,000.00", "LZ-CZ",
    ]  # fmt: skip
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header("legal_cases"), row])
    result = run_import(
        kind=get_kind("legal_cases"), path=path, filename=path.name, root=world.cz, user=world.cz_admin
    )
    assert result.ok, [str(p) for p in result.problems]
    last = events_of(world.case)[-1]
    assert last.recovered == Decimal("3000.00")
    assert who(last) == world.cz_admin.pk


@pytest.mark.parametrize("label", params("append_only", APPEND_ONLY))
def test_history_rows_cannot_be_rewritten_or_deleted(label, world):
    obj, spec = target(world, label)
    type(obj).objects.filter(pk=obj.pk).update(**{spec.field: spec.value})
    event = events_of(obj)[-1]
    with pytest.raises(DatabaseError), transaction.atomic():
        type(event).objects.filter(pk=event.pk).update(pgh_label="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        type(event).objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize("label", params("never_deleted", NEVER_DELETED))
def test_money_files_and_cases_cannot_be_deleted_even_in_bulk(label, world):
    obj, _spec = target(world, label)
    with pytest.raises(DatabaseError), transaction.atomic():
        type(obj).objects.filter(pk=obj.pk).delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("label", params("page", MUST_BE_TRACKED | set(HISTORY_PAGES)))
def test_the_records_page_shows_its_history_with_before_after_and_who(label, world):
    obj, spec = target(world, label)
    before = getattr(obj, spec.field)
    user = world.users["cz_staff"]
    user.last_name = "审计员"
    user.save()
    with pghistory.context(user=user.pk):
        type(obj).objects.filter(pk=obj.pk).update(**{spec.field: spec.value})
    name = HISTORY_PAGES.get(label)
    assert name, f"{label} has no page that shows its history"
    client = Client()
    client.force_login(world.users["city_staff"])
    text = client.get(reverse(name, args=[obj.pk])).content.decode()
    for value in (before, spec.value):
        if value is not None:
            assert f"{value:,}" in text or str(value) in text, f"{label}: {value} not on {name}"
    assert "审计员" in text, f"{label}: who changed it is not on {name}"
