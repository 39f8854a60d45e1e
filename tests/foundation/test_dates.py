"""The shared happened-date rule (unionhub/core/dates.py): no date of something that happened
after today, no year after this year, and the order between two dates of one record."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from legal.models import Case
from unionhub.core import dates

D = datetime.date

# Dates that may lie ahead because they are planned, not happened (import-formats.md).
PLANNED = {
    ("members", "Drive", "start"),
    ("members", "Drive", "end"),
    ("relief", "CareService", "end"),
    ("relief", "HardshipFile", "notice_until"),  # the last day of a public notice (公示) ahead
    ("relief", "ReliefProgram", "year"),
    ("legal", "CollectiveContract", "expires_on"),
    ("legal", "CollectiveContract", "term_end"),
    # Kept by the database from dates that are checked where they are entered (joining, transfers).
    ("members", "MembershipPeriod", "start"),
    ("members", "MembershipPeriod", "end"),
}
WORK_AREAS = ("members", "relief", "skills", "legal", "perks", "activities")


def test_a_date_after_today_is_refused_with_its_label():
    tomorrow = dates.today() + datetime.timedelta(days=1)
    assert dates.date_problem(tomorrow, "受理日期") == "受理日期不能晚于今天"
    assert dates.date_problem(dates.today(), "受理日期") is None
    assert dates.date_problem(None, "受理日期") is None
    with pytest.raises(ValidationError) as exc:
        dates.not_after_today(tomorrow, "发卡日期")
    assert exc.value.messages == ["发卡日期不能晚于今天"]


def test_a_year_after_this_year_is_refused():
    this_year = dates.today().year
    assert dates.year_problem(this_year + 1, "年度") == "年度不能晚于今年"
    assert dates.year_problem(this_year, "年度") is None


def test_the_order_of_two_dates_is_checked_and_named_by_the_later_field():
    case = Case(received_on=D(2018, 3, 1), dispute_on=D(2018, 3, 2), closed_on=D(2018, 2, 1))
    assert dates.date_problems(case) == {
        "received_on": "受理日期不能早于争议发生日期",
        "closed_on": "结案日期不能早于受理日期",
    }


def test_full_clean_puts_an_order_error_on_the_field_the_form_shows():
    case = Case(received_on=D(2018, 3, 1), dispute_on=D(2018, 3, 2))
    with pytest.raises(ValidationError) as exc:
        case.clean_fields(exclude={"received_on"} | {f.name for f in Case._meta.fields} - {"dispute_on"})
    assert exc.value.message_dict == {"dispute_on": ["受理日期不能早于争议发生日期"]}


def _date_fields(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            yield field.name
        elif field.name == "year":
            yield field.name


def test_every_date_of_a_work_area_is_either_happened_or_planned():
    """A new date field must say which it is: add it to the model's HAPPENED (HAPPENED_YEARS), or,
    if it may lie ahead, to PLANNED above."""
    unclassified = []
    for app in WORK_AREAS:
        if not apps.is_installed(app):
            continue
        for model in apps.get_app_config(app).get_models():
            if any(f.name == "pgh_id" for f in model._meta.fields):
                continue  # django-pghistory's copy of a tracked model
            declared = set(dates.happened_fields(model))
            for name in _date_fields(model):
                if name not in declared and (app, model.__name__, name) not in PLANNED:
                    unclassified.append(f"{app}.{model.__name__}.{name}")
    assert unclassified == []


def test_the_import_engine_refuses_a_future_date_under_its_column(tree, import_csv):
    from tests.sheets import problems_text

    tomorrow = (dates.today() + datetime.timedelta(days=1)).isoformat()
    header = ["案件编号", "受理日期", "来源", "是否群体", "涉及人数", "农民工人数", "当事人姓名", "案由", "处理方式", "状态", "结案日期", "所属工会组织代码"]  # fmt: skip
    rows = [
        header,
        ["WQ1", tomorrow, "来电", "否", "1", "0", "甲", "拖欠工资", "法律咨询", "受理", "", "LZ-CZ"],
        ["WQ2", "2018-03-01", "来电", "否", "1", "0", "乙", "拖欠工资", "法律咨询", "结案", tomorrow, "LZ-CZ"],
    ]  # fmt: skip
    result = import_csv("legal_cases", rows, tree.city)
    assert problems_text(result) == [
        "第2行 受理日期: 受理日期不能晚于今天",
        "第3行 结案日期: 结案日期不能晚于今天",
    ]
    assert not Case.objects.exists()
