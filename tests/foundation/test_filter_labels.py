"""Every list page's filter panel says the same thing for "no filter by this": 全部 (the
organization 全部(含下属), the sort 默认排序), from one place (settings.FILTERS_EMPTY_CHOICE_LABEL,
unionhub/core/filters.py, unionhub/orgs/filters.py), and no page shows a library's default
"---------". Every GET page of the URL conf is opened by a user of LZ-CZ holding every role."""

import re

from tests.security.test_hardening import everyone_in_cz, pages_seen_by  # noqa: F401 (fixture)

PANEL = re.compile(r'<form method="get" class="filters".*?</form>', re.S)
SELECT = re.compile(r'<select name="([^"]+)".*?</select>', re.S)
EMPTY = re.compile(r'<option value=""[^>]*>([^<]*)</option>')
# 最新申请在前: the report list's default order, which says what it is.
NO_FILTER = {"全部", "全部(含下属)", "默认排序", "最新申请在前"}


def empty_choices(text: str) -> list[tuple[str, str]]:
    """(select name, its empty option's label) of every drop-down in the page's filter panels."""
    return [
        (select.group(1), empty.group(1).strip())
        for panel in PANEL.findall(text)
        for select in SELECT.finditer(panel)
        if (empty := EMPTY.search(select.group(0)))
    ]


def test_the_check_reads_a_filter_panels_drop_downs():
    panel = (
        '<form method="get" class="filters"><select name="kind" id="k"><option value="" selected>'
        '---------</option><option value="a">甲</option></select></form>'
        '<select name="other"><option value="">—</option></select>'
    )
    assert empty_choices(panel) == [("kind", "---------")]


def test_every_filter_panel_starts_on_all(world, everyone_in_cz):  # noqa: F811
    odd, panels = [], 0
    for name, url, text in pages_seen_by(everyone_in_cz, world):
        found = empty_choices(text)
        panels += bool(found)
        odd += [
            f"{name} ({url}): {select} says “{label}”" for select, label in found if label not in NO_FILTER
        ]
        if "---------" in text:
            odd.append(f"{name} ({url}): shows “---------”")
    assert panels >= 15  # the walk reached the list pages
    assert not odd, "\n".join(odd)
