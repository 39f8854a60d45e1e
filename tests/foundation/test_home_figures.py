"""An official's home page shows the headline figures of their subtree, and year pickers open on
the latest year with records rather than on this year's zeros."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from members.models import Member
from tests.factories import PersonFactory
from unionhub.core.dates import latest_year
from unionhub.orgs.roles import OFFICIAL, STAFF


def member(org, joined):
    return Member.objects.create(person=PersonFactory(), organization=org, join_date=joined)


def test_latest_year_is_the_last_year_with_a_record_of_the_subtree(tree):
    cache.clear()
    assert latest_year(tree.cz) == datetime.date.today().year  # nothing recorded yet
    member(tree.cz, datetime.date(2018, 5, 1))
    member(tree.yf, datetime.date(2021, 5, 1))
    cache.clear()
    assert latest_year(tree.cz) == 2018
    assert latest_year(tree.city) == 2021


@pytest.mark.django_db(transaction=True)
def test_the_latest_year_is_kept_until_a_record_is_written(tree, django_assert_num_queries):
    """Kept under the version of the tables it reads (no timer): a hit is one small query, and a
    committed record moves the year at once, in its own subtree only."""
    this_year = datetime.date.today().year
    assert latest_year(tree.cz) == this_year
    with django_assert_num_queries(1):  # the tables' version; the year itself from the cache
        assert latest_year(tree.cz) == this_year
    member(tree.cz, datetime.date(2018, 5, 1))
    assert latest_year(tree.cz) == 2018
    assert latest_year(tree.city) == 2018
    member(tree.yf, datetime.date(2021, 5, 1))
    assert latest_year(tree.city) == 2021
    assert latest_year(tree.cz) == 2018


def test_an_official_sees_the_figures_of_their_subtree_on_the_home_page(tree, make_user, client_for):
    cache.clear()
    member(tree.cz, datetime.date(2018, 5, 1))
    member(tree.yf, datetime.date(2018, 6, 1))
    page = client_for(make_user(tree.cz, OFFICIAL, username="czlead")).get(reverse("home")).content.decode()
    assert "2018年城中区总工会主要数字" in page
    assert "1名" in page and "2名" not in page  # LZ-CZ's member only
    assert reverse("reports:dashboard") + "?year=2018" in page


def test_staff_without_reports_see_no_figures(tree, make_user, client_for):
    member(tree.cz, datetime.date(2018, 5, 1))
    page = client_for(make_user(tree.cz, STAFF, username="czstaff")).get(reverse("home")).content.decode()
    assert "主要数字" not in page


def test_the_dashboard_opens_on_the_latest_year_with_records(tree, make_user, client_for):
    cache.clear()
    member(tree.cz, datetime.date(2018, 5, 1))
    page = client_for(make_user(tree.cz, OFFICIAL, username="czlead")).get(reverse("reports:dashboard"))
    assert "2018年城中区总工会数据看板" in page.content.decode()
