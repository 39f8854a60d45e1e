"""The shared pieces of the list pages (issue 16, issue 19): one tab bar with the current page
marked, one status badge toned by the model's choices, one paginator."""

import re

import pytest
from django.urls import reverse

from members.models import Member
from perks.models import CardStatus, MemberCard
from unionhub.core.templatetags.ui import badge

CURRENT = re.compile(r'<a href="([^"]+)" aria-current="page">')


@pytest.mark.parametrize(
    "url, current",
    [
        ("relief:files", "relief:files"),
        ("relief:programs", "relief:programs"),  # /relief/programs/ lies under /relief/ too
        ("relief:payments", "relief:payments"),
        ("members:employers", "members:employers"),
        ("perks:merchants", "perks:merchants"),
        ("legal:lawyers", "legal:lawyers"),
        ("skills:promotions", "skills:promotions"),
    ],
)
def test_each_area_s_tab_bar_marks_the_page_one_is_on_and_only_it(city_user, client_for, url, current):
    body = client_for(city_user).get(reverse(url)).content.decode()
    assert CURRENT.findall(body) == [reverse(current)]


def test_a_record_s_page_is_marked_under_its_list(tree, city_user, client_for):
    from tests.factories import PersonFactory

    member = Member.objects.create(person=PersonFactory(), organization=tree.cz, join_date="2015-01-01")
    body = client_for(city_user).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert CURRENT.findall(body) == [reverse("members:list")]


def test_the_badge_takes_its_tone_from_the_model_not_from_the_chinese_words():
    card = MemberCard(status=CardStatus.LOST)
    assert badge(card, "status") == '<span class="badge warn">挂失</span>'
    assert badge(Member(status=Member.Status.ACTIVE), "status") == '<span class="badge ok">在会</span>'
