"""The member and employer lists: search, every filter, sorting, counts, scoping, and a
constant number of queries whatever the page size."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import KeyGroup, Member
from unionhub.core.paging import CappedPaginator

D = datetime.date


def names(response):
    return sorted(m.person.name for m in response.context["page"])


@pytest.fixture
def listed(tree, make_member, make_employer):
    freight = make_employer(tree.cz, name="货运甲", founded=D(2010, 1, 1))
    tea = make_employer(tree.cz_ent, name="茶厂乙", industry="茶业")
    make_member(
        tree.cz,
        name="张一",
        phone="13900000001",
        employer=freight,
        key_group=KeyGroup.TRUCK_DRIVER,
        is_migrant=True,
        join_date=D(2018, 5, 1),
    )
    make_member(tree.cz_ent, name="张二", employer=tea, join_date=D(2017, 5, 1), status=Member.Status.LEFT)
    make_member(tree.cz, name="李三", key_group=KeyGroup.COURIER, join_date=D(2018, 1, 2))
    make_member(tree.yf, name="张四", join_date=D(2018, 5, 1))
    return {"freight": freight, "tea": tea}


def test_list_shows_only_the_users_subtree_with_its_count(tree, cz_user, client_for, listed):
    response = client_for(cz_user).get(reverse("members:list"))
    assert names(response) == ["张一", "张二", "李三"]
    assert "共 3 名会员" in response.content.decode()


def test_city_user_sees_every_district(tree, city_user, client_for, listed):
    assert len(client_for(city_user).get(reverse("members:list")).context["page"]) == 4


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "张"}, ["张一", "张二"]),
        ({"organization": "cz_ent"}, ["张二"]),
        ({"key_group": "货车司机"}, ["张一"]),
        ({"status": "退会"}, ["张二"]),
        ({"is_migrant": "true"}, ["张一"]),
        ({"is_migrant": "false"}, ["张二", "李三"]),
        ({"join_year": "2018"}, ["张一", "李三"]),
        ({"industry": "茶业"}, ["张二"]),
        ({"has_union": "true"}, ["张一"]),
        ({"has_union": "false"}, ["张二"]),
        ({"employer": "货运"}, ["张一"]),
        ({"join_year": "2018", "key_group": "快递员", "organization": "cz"}, ["李三"]),
    ],
)
def test_each_filter_narrows_the_list(tree, cz_user, client_for, listed, params, expected):
    from members.models import Industry

    params = dict(params)
    if "organization" in params:
        params["organization"] = getattr(tree, params["organization"]).pk
    if "industry" in params:
        params["industry"] = Industry.objects.get(name=params["industry"]).pk
    response = client_for(cz_user).get(reverse("members:list"), params)
    assert names(response) == expected


def test_filter_by_employer_credit_code(tree, cz_user, client_for, listed):
    response = client_for(cz_user).get(reverse("members:list"), {"employer": listed["tea"].credit_code})
    assert names(response) == ["张二"]
    response = client_for(cz_user).get(reverse("members:list"), {"q": listed["tea"].credit_code})
    assert names(response) == ["张二"]


def test_a_sibling_organization_cannot_be_chosen_as_filter(tree, cz_user, client_for, listed):
    response = client_for(cz_user).get(reverse("members:list"), {"organization": tree.yf.pk})
    assert "organization" in response.context["filters"].form.errors
    assert names(response) == ["张一", "张二", "李三"]  # the choice is ignored: still the own subtree


def test_sorting_by_name_and_join_date(tree, cz_user, client_for, listed):
    client = client_for(cz_user)
    by_date = [
        m.person.name for m in client.get(reverse("members:list"), {"sort": "join_date"}).context["page"]
    ]
    assert by_date == ["张二", "李三", "张一"]
    default = [m.person.name for m in client.get(reverse("members:list")).context["page"]]
    assert default == ["张一", "李三", "张二"]


def test_lookup_by_id_number_is_a_post_and_shows_the_masked_number(tree, cz_user, client_for, listed):
    member = Member.objects.get(person__name="李三")
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": member.person.id_number.lower()})
    assert names(response) == ["李三"]
    content = response.content.decode()
    assert member.person.masked_id in content
    assert member.person.id_number not in content


def test_lookup_by_phone(tree, cz_user, client_for, listed):
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": "13900000001"})
    assert names(response) == ["张一"]


def test_lookup_of_a_sibling_districts_member_finds_nothing(tree, cz_user, client_for, listed):
    theirs = Member.objects.get(person__name="张四")
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": theirs.person.id_number})
    assert names(response) == []


@pytest.mark.parametrize("cut", [slice(0, 17), slice(1, 18)])
def test_a_mistyped_id_number_is_answered_in_the_post_and_never_goes_into_a_url(
    tree, cz_user, client_for, listed, cut
):
    number = Member.objects.get(person__name="李三").person.id_number
    typo = number[cut]  # 17 characters: one left out
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": typo})
    assert response.status_code == 200  # no redirect: nothing of it travels in a Location
    assert names(response) == []
    assert typo not in response.content.decode()


def test_lookup_of_a_credit_code_goes_to_the_list_as_a_get(tree, cz_user, client_for, listed):
    code = Member.objects.get(person__name="张一").employer.credit_code
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": code})
    assert response.status_code == 302 and code in response["Location"]
    assert names(client_for(cz_user).get(response["Location"])) == ["张一"]


def test_lookup_of_a_name_goes_to_the_paginated_list(tree, cz_user, client_for, listed):
    response = client_for(cz_user).post(reverse("members:lookup"), {"q": "张"})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:list") + "?q=%E5%BC%A0"


def test_count_is_capped_on_huge_lists(tree, cz_user, client_for, listed, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    response = client_for(cz_user).get(reverse("members:list"))
    assert "超过 2 名会员" in response.content.decode()


def _queries(client, url):
    cache.clear()  # each measurement with the page caches cold (unionhub/orgs/choices.py)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_member_list_queries_do_not_grow_with_the_page(tree, cz_user, client_for, make_member, make_employer):
    client = client_for(cz_user)
    employer = make_employer(tree.cz)
    make_member(tree.cz, employer=employer)
    one = _queries(client, reverse("members:list"))
    for _ in range(30):
        make_member(tree.cz_ent, employer=make_employer(tree.cz_ent))
    assert _queries(client, reverse("members:list")) == one
    assert _queries(client, reverse("members:list") + "?has_union=true&sort=-name") <= one + 1


def test_employer_list_queries_do_not_grow_with_the_page(
    tree, cz_user, client_for, make_member, make_employer
):
    client = client_for(cz_user)
    lead = make_employer(tree.cz)
    make_member(tree.cz, employer=make_employer(tree.cz, lead=lead))
    one = _queries(client, reverse("members:employers"))
    for _ in range(30):
        make_member(tree.cz_ent, employer=make_employer(tree.cz_ent, lead=lead))
    assert _queries(client, reverse("members:employers")) == one


# --- employers -------------------------------------------------------------------------------


def employer_names(response):
    return sorted(e.name for e, _ in response.context["rows"])


@pytest.fixture
def employers(tree, make_employer, make_member):
    lead = make_employer(tree.cz, name="龙头", founded=D(2000, 1, 1), ownership="公有", headcount=5000)
    a = make_employer(tree.cz, name="甲运输", lead=lead, founded=D(2018, 3, 1))
    make_employer(tree.cz_ent, name="乙茶厂", industry="茶业")
    make_employer(tree.yf, name="丙鱼峰")
    make_member(tree.cz, employer=a)
    make_member(tree.cz, employer=a, status=Member.Status.LEFT)
    return lead


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["乙茶厂", "甲运输", "龙头"]),
        ({"q": "运输"}, ["甲运输"]),
        ({"ownership": "公有"}, ["龙头"]),
        ({"has_union": "false"}, ["乙茶厂"]),
        ({"founded_year": "2018"}, ["甲运输"]),
        ({"chain": "lead"}, ["龙头"]),
        ({"chain": "member"}, ["甲运输"]),
    ],
)
def test_employer_filters(tree, cz_user, client_for, employers, params, expected):
    assert employer_names(client_for(cz_user).get(reverse("members:employers"), params)) == expected


def test_employer_filter_by_organization_industry_and_lead(tree, cz_user, client_for, employers):
    from members.models import Industry

    client = client_for(cz_user)
    assert employer_names(client.get(reverse("members:employers"), {"organization": tree.cz_ent.pk})) == [
        "乙茶厂"
    ]
    tea = Industry.objects.get(name="茶业").pk
    assert employer_names(client.get(reverse("members:employers"), {"industry": tea})) == ["乙茶厂"]
    assert employer_names(client.get(reverse("members:employers"), {"lead": employers.pk})) == ["甲运输"]


def test_employer_list_counts_active_members(tree, cz_user, client_for, employers):
    rows = dict((e.name, n) for e, n in client_for(cz_user).get(reverse("members:employers")).context["rows"])
    assert rows == {"龙头": 0, "甲运输": 1, "乙茶厂": 0}
