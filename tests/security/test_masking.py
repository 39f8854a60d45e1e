"""Issue 15 item 1: a masked ID number (450202********123X: region and last four shown, the birth
date hidden) cannot be rebuilt from what a page shows beside it. Every GET page of the URL conf
(tests/security/test_hardening.html_pages) is opened by a user of LZ-CZ holding every role but
not the full-ID permission; wherever the page shows a person's masked number, every date it
shows, in every way a date is written, is put in the hidden place: none may give the number."""

import re

from django.test import Client
from django.urls import reverse

from tests.security.test_hardening import body, everyone_in_cz, pages_seen_by  # noqa: F401 (fixture)
from tests.security.world import make_role_user
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.people.idnumbers import mask_id_number
from unionhub.people.models import Person

DATES = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
]


def dates_shown(text: str) -> set[str]:
    """Every date the text shows, as the eight digits an ID number holds."""
    found = set()
    for pattern in DATES:
        for y, m, d in pattern.findall(text):
            if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
                found.add(f"{y}{int(m):02d}{int(d):02d}")
    return found


def rebuilt(text: str, people) -> list[str]:
    """The full numbers of `people` that the text gives away: their masked number is on the
    page and a date on it fills the hidden digits (or the full number is there outright)."""
    out = []
    for person in people:
        number = person.id_number
        if number in text:
            out.append(number)
            continue
        if mask_id_number(number) not in text:
            continue
        candidates = {number[:6] + day + number[14:] for day in dates_shown(text)}
        if number in candidates:
            out.append(number)
    return out


def test_no_page_gives_the_hidden_digits_of_a_masked_number(world, everyone_in_cz):  # noqa: F811
    people = list(Person.objects.all())
    assert people
    leaks, masked_pages = [], 0
    for name, url, text in pages_seen_by(everyone_in_cz, world):
        masked_pages += any(mask_id_number(p.id_number) in text for p in people)
        for number in rebuilt(text, people):
            leaks.append(f"{name} ({url}): {mask_id_number(number)} rebuilt")
    assert masked_pages >= 5  # the walk did reach the person-facing pages
    assert not leaks, "\n".join(leaks)


def test_the_check_finds_a_birth_date_shown_to_a_user_with_the_full_id_permission(world):
    """The same check catches the person page of a user who may see the full number (it shows
    the birth date there), so the test above would catch the page if it showed it again."""
    user = make_role_user(world.cz, [STAFF, OFFICIAL, ADMIN], ["people.view_full_id"], "full_viewer")
    client = Client()
    client.force_login(user)
    text = body(client.get(reverse("people:detail", args=[world.person.pk])))
    assert rebuilt(text, [world.person]) == [world.person.id_number]
    assert "出生日期" in text


def test_pages_show_neither_birth_date_nor_sex_without_the_permission(world, everyone_in_cz):  # noqa: F811
    client = Client()
    client.force_login(everyone_in_cz)
    for url in [
        reverse("people:detail", args=[world.person.pk]),
        reverse("members:detail", args=[world.member.pk]),
    ]:
        text = body(client.get(url))
        assert world.person.masked_id in text
        assert "出生日期" not in text and "性别" not in text, url
