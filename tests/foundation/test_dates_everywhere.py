"""No happened-date after today, in every form and every import kind (import-formats.md, "Rules
for every kind"): the forms and the kinds are found, not listed, so a new date field or column is
covered the day it is added (or must be named as planned below)."""

import datetime
import functools
import importlib
import inspect

from django import forms

from relief.models import Payment, ReliefProgram
from skills.models import Contest
from tests.sampledata.generate import write_sample
from tests.sheets import do_import, problems_text, write_csv
from unionhub.core import dates
from unionhub.imports import cells
from unionhub.imports.kinds import get_kind
from unionhub.imports.readers import SheetReader

WORK_AREAS = ("members", "relief", "skills", "legal", "perks", "activities")
# Dates that may lie ahead: they are planned, not happened.
PLANNED_FORM_FIELDS = {
    "DriveForm.start",
    "DriveForm.end",
    "CareServiceForm.end",
    "ProgramForm.year",
    "ContractForm.expires_on",
}
PLANNED_COLUMNS = {
    ("drives", "开始日期"),
    ("drives", "结束日期"),
    ("care_services", "结束日期"),
    ("relief_programs", "年度"),
    ("relief_payments", "年度"),  # names the program; the payment's own date is 发放日期
    ("collective_contracts", "期满日期"),
}


def tomorrow():
    return dates.today() + datetime.timedelta(days=1)


def _form_classes():
    for app in WORK_AREAS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and not name.endswith("Filter")
            ):
                yield cls


def _happened_fields(cls):
    for name, field in cls.base_fields.items():
        if f"{cls.__name__}.{name}" in PLANNED_FORM_FIELDS:
            continue
        if isinstance(field, forms.DateField):
            yield name, tomorrow().isoformat()
        elif name == "year" and isinstance(field, forms.IntegerField | forms.TypedChoiceField):
            yield name, str(dates.today().year + 1)


def _make(cls, data, user):
    kwargs = {}
    for param in inspect.signature(cls.__init__).parameters.values():
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = {
                "user": user,
                "districts": [],
                "payment": Payment(cash=0, goods=0, program=ReliefProgram(year=2018, kind="春节送温暖")),
                "contest": Contest(year=2018),
            }.get(param.name)
    return cls(data=data, **kwargs)


def test_every_form_refuses_a_happened_date_after_today(city_user):
    checked, accepted = [], []
    for cls in _form_classes():
        for name, value in _happened_fields(cls):
            form = _make(cls, {name: value, "has_union": "on"}, city_user)
            form.is_valid()
            checked.append(f"{cls.__name__}.{name}")
            if not any("不能晚于" in str(e) for e in form.errors.get(name, [])):
                accepted.append(f"{cls.__name__}.{name}: {form.errors.get(name)}")
    assert accepted == []
    assert {
        "FileForm.filed_on",
        "VisitForm.visited_on",
        "PaymentForm.paid_on",
        "CaseForm.received_on",
    } <= set(checked)


def _parser(column):
    parse = column.parse
    return parse.func if isinstance(parse, functools.partial) else parse


def test_every_import_kind_refuses_a_happened_date_after_today(tree, tmp_path):
    """Each kind is tried before its own file is imported (the files it refers to are in), so
    the changed row is a new record and nothing but its date can be wrong with it."""
    checked, accepted = [], []
    for path, name in write_sample(tmp_path / "sample")["files"]:
        kind = get_kind(name)
        reader = SheetReader(path, path.name)
        header = reader.headers
        rows = [["" if c is None else c for c in raw] for _n, raw in reader.rows()]
        reader.close()
        for column in kind.columns:
            parser = _parser(column)
            if parser not in (cells.date, cells.year) or (name, column.header) in PLANNED_COLUMNS:
                continue
            if column.header not in header:  # an optional column the sample year does not write
                continue
            i = header.index(column.header)
            future = tomorrow().isoformat() if parser is cells.date else str(dates.today().year + 1)
            row = next(r for r in rows if r[i] != "")  # a row where the date is given
            changed = [c.strftime("%Y-%m-%d") if isinstance(c, datetime.date) else c for c in row]
            changed[i] = future
            if parser is cells.date:
                for c in kind.columns:  # a planned end stays after its start
                    if (name, c.header) in PLANNED_COLUMNS and _parser(c) is cells.date:
                        changed[header.index(c.header)] = (
                            tomorrow() + datetime.timedelta(days=400)
                        ).isoformat()
            out = write_csv(tmp_path / f"{name}-{i}.csv", [header, changed])
            result = do_import(name, out, tree.city, dry_run=True)
            checked.append(f"{name}.{column.header}")
            problems = problems_text(result)
            if not any(f"{column.header}: " in p and "不能晚于" in p for p in problems):
                accepted.append(f"{name}.{column.header}: {problems}")
        assert do_import(name, path, tree.city).ok, path
    assert accepted == []
    assert len(checked) >= 15
