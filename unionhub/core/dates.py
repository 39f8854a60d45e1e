"""Dates of things that happened (import-formats.md, "Rules for every kind"): joining, leaving,
filing, verifying, paying, receiving, issuing, closing, signing, awarding are never after today,
and a year of such a thing is never after this year. Only planned dates (a drive's end, a
contract's expiry) may be. Two dates of one record keep their order (a dispute before its intake,
a closing after it).

The rule is declared once, on the model, and every path checks it:

    class Case(HappenedDates, ImportTracked):
        HAPPENED = ("received_on", "dispute_on", "closed_on")   # date fields
        HAPPENED_YEARS = ()                                       # year fields (integers)
        DATE_ORDER = (("dispute_on", "received_on"), ("received_on", "closed_on"))  # earlier, later

- a ModelForm and any service calling `full_clean()` get the check from `HappenedDates.clean_fields`
  (so the message sits beside the field the form shows);
- the import engine checks every record a kind adds or updates (`ImportContext.add`/`update`), the
  message under the column whose header is the field's verbose_name (or the kind's `date_columns`);
- a service that sets a date without `full_clean()` calls `check_dates(instance)`.

`not_after_today` is the same rule for a service argument that has no model, and
`HappenedDateField` for a plain (non-model) form's date field.
"""

import datetime
import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def today() -> datetime.date:
    return timezone.localdate()


def future_message(label) -> str:
    return _("%(label)s不能晚于今天") % {"label": label}


def future_year_message(label) -> str:
    return _("%(label)s不能晚于今年") % {"label": label}


def order_message(earlier_label, later_label) -> str:
    return _("%(later)s不能早于%(earlier)s") % {"later": later_label, "earlier": earlier_label}


def date_problem(value, label, *, on: datetime.date | None = None) -> str | None:
    """The message when `value` (a date, or None) is after `on` (default today), else None."""
    if isinstance(value, datetime.date) and value > (on or today()):
        return future_message(label)
    return None


def year_problem(value, label, *, on: datetime.date | None = None) -> str | None:
    if isinstance(value, int) and value > (on or today()).year:
        return future_year_message(label)
    return None


def not_after_today(value, label=None) -> None:
    """Raise the rule's ValidationError for a bare value (a plain form field, a service argument)."""
    message = date_problem(value, label or _("日期"))
    if message:
        raise ValidationError(message, code="future_date")


class HappenedDateField(forms.DateField):
    """A plain form's date of something that happened: refused after today, named by its label."""

    def validate(self, value):
        super().validate(value)
        message = date_problem(value, self.label or _("日期"))
        if message:
            raise ValidationError(message, code="future_date")


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def date_problems(instance, *, on: datetime.date | None = None) -> dict[str, str]:
    """{field name: message} for every broken date rule the instance's model declares."""
    model = type(instance)
    on = on or today()
    problems: dict[str, str] = {}
    # The label (a translation) is looked up only for a broken rule: an import checks every record.
    for name in getattr(model, "HAPPENED", ()):
        value = getattr(instance, name)
        if isinstance(value, datetime.date) and value > on:
            problems[name] = future_message(_label(model, name))
    for name in getattr(model, "HAPPENED_YEARS", ()):
        value = getattr(instance, name)
        if isinstance(value, int) and value > on.year:
            problems[name] = future_year_message(_label(model, name))
    for earlier, later in getattr(model, "DATE_ORDER", ()):
        first, second = getattr(instance, earlier), getattr(instance, later)
        dated = isinstance(first, datetime.date) and isinstance(second, datetime.date)
        if dated and second < first and later not in problems:
            problems[later] = order_message(_label(model, earlier), _label(model, later))
    return problems


def check_dates(instance) -> None:
    problems = date_problems(instance)
    if problems:
        raise ValidationError(problems)


def happened_fields(model) -> tuple[str, ...]:
    """Every field the rule covers on `model` (dates and years), for tests and the import engine."""
    return (*getattr(model, "HAPPENED", ()), *getattr(model, "HAPPENED_YEARS", ()))


class HappenedDates:
    """Model mixin: `full_clean()` (ModelForms, services, the admin) refuses what `date_problems`
    finds. Checked in clean_fields so that a form which does not show a field never gets an error
    keyed on it: an order error goes to whichever of its two fields the form shows."""

    HAPPENED: tuple[str, ...] = ()
    HAPPENED_YEARS: tuple[str, ...] = ()
    DATE_ORDER: tuple[tuple[str, str], ...] = ()

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        order = {later: earlier for earlier, later in self.DATE_ORDER}
        for name, message in date_problems(self).items():
            if name in errors:
                continue
            if name in exclude:
                name = order.get(name)
                if name is None or name in exclude or name in errors:
                    continue
            errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)


# The tables latest_year's query reads, per set of models: the same for every organization (only
# the path parameter differs), so compiled once per process.
_LATEST_TABLES: dict[str, list[str]] = {}


def _latest_query(org, models):
    from django.db.models import F, IntegerField, Subquery, Value
    from django.db.models.functions import Coalesce, ExtractYear, Greatest

    latest = [Value(0)]
    for model in models:
        name = happened_fields(model)[0]
        rows = model.objects.within(org).filter(**{f"{name}__isnull": False}).order_by(f"-{name}")
        year = ExtractYear(name) if name not in getattr(model, "HAPPENED_YEARS", ()) else F(name)
        top = rows.annotate(_y=year).values("_y")[:1]
        latest.append(Coalesce(Subquery(top, output_field=IntegerField()), Value(0)))
    expression = Greatest(*latest, output_field=IntegerField()) if len(latest) > 1 else latest[0]
    return type(org).objects.filter(pk=org.pk).annotate(_latest=expression).values_list("_latest", flat=True)


def latest_year(org, *, models=None, on: datetime.date | None = None) -> int:
    """The latest year with a record in `org`'s subtree (each model's first happened date or
    year), this year when there is none: where a year picker opens, so that it shows figures
    rather than the zeros of a year not yet recorded. One query (a subquery per model), kept
    until one of the tables it reads changes (unionhub.core.changes): a new year's first record
    moves the picker at once."""
    from django.apps import apps
    from django.conf import settings
    from django.core.cache import cache

    from unionhub.core.changes import tables_in, version

    this_year = (on or today()).year
    if org is None:
        return this_year
    if models is None:
        areas = getattr(settings, "UNIONHUB_WORK_AREAS", ())
        models = [m for app in areas if apps.is_installed(app) for m in apps.get_app_config(app).get_models()]
    models = [m for m in models if happened_fields(m) and hasattr(m.objects, "within")]
    labels = hashlib.md5(
        ",".join(sorted(m._meta.label_lower for m in models)).encode(), usedforsecurity=False
    )
    labels = labels.hexdigest()
    if labels not in _LATEST_TABLES:
        _LATEST_TABLES[labels] = tables_in(str(_latest_query(org, models).query))
    tables_version = version(_LATEST_TABLES[labels])
    key = f"dates:latest:{org.pk}:{labels}:{tables_version}"
    found = cache.get(key) if tables_version is not None else None
    if found is None:
        found = _latest_query(org, models).first() or 0
        if tables_version is not None:
            cache.set(key, found, 3600)
    return min(found, this_year) or this_year
