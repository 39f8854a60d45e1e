"""The figures: one dict of the contract's keys, flattened for the xlsx and compared once published."""

import datetime

import pytest

from unionhub.reports.figures import (
    default_as_of,
    figure_rows,
    figures_diff,
    has_records,
    previous_as_of,
    report_figures,
)
from unionhub.reports.registry import sections

AS_OF = datetime.date(2018, 10, 31)

SAMPLE = {
    "year": 2018,
    "org": "LZ",
    "as_of": "2018-10-31",
    "members": {
        "total": 775,
        "by_group": {"货车司机": {"total": 103, "joined": 72}},
        "drives": [{"name": "货车司机入会行动", "group": "货车司机", "join_rate": 35.79, "met": False}],
    },
    "relief": {"programs": {"春节送温暖": {"recipients": 99, "cash": 192000.0}}},
    "skills": {"craftsmen": {"工匠": 10, "industries": ["汽车制造", "茶业"]}},
    "legal": {"recovered": 1174900.0, "by_cause": {"工伤": 14}},
}


def test_default_as_of_is_the_end_of_the_year_or_today_in_the_current_year():
    today = datetime.date(2026, 5, 20)
    assert default_as_of(2018, today) == datetime.date(2018, 12, 31)
    assert default_as_of(2026, today) == today


def test_previous_as_of_is_the_same_day_a_year_earlier():
    assert previous_as_of(AS_OF) == datetime.date(2017, 10, 31)
    assert previous_as_of(datetime.date(2024, 2, 29)) == datetime.date(2023, 2, 28)


def test_json_has_the_top_level_keys_and_every_registered_section(tree):
    """The real registry: whatever sections the work areas have registered, each one appears,
    in the contract's order, and with no records every figure is zero (or an empty list)."""
    figures = report_figures(org=tree.city, year=2018, as_of=AS_OF)
    keys = [s.key for s in sections()]
    assert list(figures) == ["year", "org", "as_of", *keys]
    assert figures["year"] == 2018
    assert figures["org"] == "LZ"
    assert figures["as_of"] == "2018-10-31"
    for key in keys:
        assert isinstance(figures[key], dict)
        assert not has_records(figures[key]), key


def test_json_of_the_demo_section_is_its_figures_for_the_subtree(tree, demo_section):
    city = report_figures(org=tree.city, year=2018, as_of=AS_OF)
    district = report_figures(org=tree.cz, year=2018, as_of=AS_OF)
    assert city["demo"]["households"] == 475
    assert city["demo"]["orgs"] == 4
    assert district["demo"]["orgs"] == 2
    assert district["org"] == "LZ-CZ"


def test_report_figures_calls_back_after_each_section(tree, demo_section):
    seen = []
    report_figures(
        org=tree.city, year=2018, as_of=AS_OF, on_section=lambda s, i, n: seen.append((s.key, i, n))
    )
    assert seen == [("demo", 1, 1)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": 0, "b": {"c": 0.0, "d": None}, "e": []}, False),
        ({"a": 0, "b": {"c": 0.5}}, True),
        ({"drives": [{"joined": 0}]}, True),
        ({"met": False, "name": "x"}, False),
        (None, False),
    ],
)
def test_has_records(value, expected):
    assert has_records(value) is expected


def test_figure_rows_name_each_figure_in_chinese_with_its_unit():
    rows = {(r.section, r.label): r for r in figure_rows(SAMPLE)}
    assert rows[("members", "在会会员(名)")].text == "775名"
    assert rows[("members", "重点群体 · 货车司机 · 本年新入会(名)")].value == 72
    assert rows[("members", "入会集中行动 · 货车司机入会行动 · 入会率(%)")].text == "35.79%"
    assert rows[("members", "入会集中行动 · 货车司机入会行动 · 是否达标")].text == "否"
    assert rows[("relief", "帮扶项目 · 春节送温暖 · 发放资金(元)")].text == "19.2万元"
    assert rows[("skills", "柳州工匠 · 涵盖行业")].value == "汽车制造、茶业"
    assert rows[("legal", "案由 · 工伤(件)")].text == "14件"
    assert rows[("legal", "追回金额(元)")].text == "117.49万元"


def test_figure_rows_leave_out_the_meta_keys():
    assert {r.section for r in figure_rows(SAMPLE)} == {"members", "relief", "skills", "legal"}


def test_figures_diff_lists_what_changed_old_to_new():
    new = {
        **SAMPLE,
        "members": {
            **SAMPLE["members"],
            "total": 776,
            "by_group": {"货车司机": {"total": 104, "joined": 72}},
        },
        "legal": {"recovered": 1174900.0, "by_cause": {"工伤": 14, "拖欠工资": 2}},
    }
    changes = figures_diff(SAMPLE, new)
    assert [(c["label"], c["old"], c["new"]) for c in changes] == [
        ("在会会员(名)", "775名", "776名"),
        ("重点群体 · 货车司机 · 在会会员(名)", "103名", "104名"),
        ("案由 · 拖欠工资(件)", "—", "2件"),
    ]


def test_figures_diff_is_empty_when_nothing_changed_and_lists_removed_figures():
    assert figures_diff(SAMPLE, SAMPLE) == []
    fewer = {**SAMPLE, "legal": {"recovered": 1174900.0, "by_cause": {}}}
    assert [(c["label"], c["old"], c["new"]) for c in figures_diff(SAMPLE, fewer)] == [
        ("案由 · 工伤(件)", "14件", "—")
    ]
