"""Skills pages: contests and their printable results, the honour roll, promotions, person roles."""

import datetime
from decimal import Decimal

import pghistory
import pytest
from django.urls import reverse

from members.models import Industry
from skills.models import CraftsmanAward, Entry, Promotion, Trade
from skills.services import contest_rank
from tests.factories import PersonFactory, make_id_number
from unionhub.orgs.roles import OFFICIAL


@pytest.fixture
def results(tree, city_contest, make_entry):
    """钳工 in the city contest: two CZ entrants tied on 90, one YF entrant on 95."""
    a = make_entry(city_contest, "钳工", tree.cz, score=Decimal("90"), person=PersonFactory(name="甲"))
    b = make_entry(city_contest, "钳工", tree.cz_ent, score=Decimal("90"), person=PersonFactory(name="乙"))
    c = make_entry(city_contest, "钳工", tree.yf, score=Decimal("95"), person=PersonFactory(name="丙"))
    contest_rank(city_contest)
    return a, b, c


def test_contests_list_shows_every_contest_with_the_entries_the_user_sees(
    tree, cz_user, client_for, results, city_contest, provincial_contest
):
    response = client_for(cz_user).get(reverse("skills:contests"))
    counts = {c: c.visible_entries for c in response.context["page"]}
    assert counts == {city_contest: 2, provincial_contest: 0}


def test_results_show_the_subtree_by_rank_with_masked_ids(tree, cz_user, client_for, results, city_contest):
    response = client_for(cz_user).get(reverse("skills:contest", args=[city_contest.pk]))
    entries = response.context["trades"]["钳工"]
    assert sorted((e.person.name, e.rank) for e in entries) == [("乙", 2), ("甲", 2)]
    html = response.content.decode()
    assert results[0].person.masked_id in html and results[0].person.id_number not in html


def test_results_print_without_the_site_navigation(tree, cz_user, client_for, results, city_contest):
    response = client_for(cz_user).get(reverse("skills:contest", args=[city_contest.pk]) + "?print=1")
    html = response.content.decode()
    assert "成绩表" in html and 'class="mainnav"' not in html


def test_a_district_without_entries_opens_the_contest_and_enters_its_first_contestant(
    tree, ent_user, client_for, city_contest, make_entry
):
    """Contests are city-wide; entries are scoped: another district's entrants stay hidden."""
    theirs = make_entry(city_contest, "钳工", tree.yf, score=Decimal("90"), person=PersonFactory(name="戊"))
    client = client_for(ent_user)
    response = client.get(reverse("skills:contest", args=[city_contest.pk]))
    assert response.status_code == 200 and response.context["trades"] == {}
    assert theirs.person.name not in response.content.decode()
    [contest] = client.get(reverse("skills:contests")).context["page"]
    assert (contest, contest.visible_entries) == (city_contest, 0)
    assert client.get(reverse("skills:entry_add", args=[city_contest.pk])).status_code == 200
    data = {"name": "己", "id_number": make_id_number(), "trade_name": "钳工", "score": "95"}
    response = client.post(
        reverse("skills:entry_add", args=[city_contest.pk]), {**data, "organization": tree.cz_ent.pk}
    )
    assert response.status_code == 302
    entry = Entry.objects.get(person__name="己")
    assert entry.organization == tree.cz_ent and entry.rank == 1
    trades = client.get(reverse("skills:contest", args=[city_contest.pk])).context["trades"]
    assert [e.person.name for e in trades["钳工"]] == ["己"]


def test_adding_an_entry_ranks_it(tree, cz_user, client_for, results, city_contest):
    response = client_for(cz_user).post(
        reverse("skills:entry_add", args=[city_contest.pk]),
        {
            "name": "丁",
            "id_number": make_id_number(),
            "trade_name": "钳工",
            "score": "99",
            "organization": tree.cz.pk,
        },
    )
    assert response.status_code == 302
    assert Entry.objects.get(person__name="丁").rank == 1
    assert Entry.objects.get(person__name="丙").rank == 2


def test_an_entry_with_a_bad_score_is_refused_field_by_field(
    tree, cz_user, client_for, results, city_contest
):
    response = client_for(cz_user).post(
        reverse("skills:entry_add", args=[city_contest.pk]),
        {"name": "丁", "id_number": "123", "trade_name": "钳工", "score": "120", "organization": tree.yf.pk},
    )
    errors = response.context["form"].errors
    assert set(errors) == {"id_number", "score", "organization"}
    assert not Entry.objects.filter(person__name="丁").exists()


def test_the_honour_roll_lists_the_years_awards(tree, cz_user, client_for, make_employer):
    employer = make_employer(tree.cz)
    for year, title, name in [(2018, "工匠", "甲"), (2018, "提名奖", "乙"), (2017, "工匠", "丙")]:
        CraftsmanAward.objects.create(
            year=year,
            title=title,
            person=PersonFactory(name=name),
            employer=employer,
            industry=Industry.objects.get(name="汽车制造"),
            organization=tree.cz,
        )
    response = client_for(cz_user).get(reverse("skills:awards") + "?year=2018")
    assert [a.person.name for a in response.context["awards"]] == ["甲", "乙"]
    assert response.context["years"] == [2018, 2017]
    assert "2018年“柳州工匠”光荣榜" in response.content.decode()


def test_an_award_added_twice_in_a_year_is_refused(tree, cz_user, client_for, make_employer):
    employer = make_employer(tree.cz)
    data = {
        "name": "甲",
        "id_number": make_id_number(),
        "year": "2018",
        "title": "工匠",
        "employer": employer.credit_code,
        "industry": Industry.objects.get(name="电力").pk,
        "organization": tree.cz.pk,
    }
    client = client_for(cz_user)
    assert client.post(reverse("skills:award_add"), data).status_code == 302
    response = client.post(reverse("skills:award_add"), {**data, "title": "提名奖"})
    assert "每人每年只能评一次" in response.content.decode()
    assert CraftsmanAward.objects.count() == 1


def test_promotions_are_summed_by_trade_and_level(tree, cz_user, client_for):
    trades = {n: Trade.objects.create(name=n) for n in ("钳工", "焊工")}
    for trade, level, org, subsidy in [
        ("钳工", "技师", tree.cz, "1000"),
        ("钳工", "技师", tree.cz_ent, "500"),
        ("焊工", "中级工", tree.cz, None),
        ("焊工", "中级工", tree.yf, "700"),
    ]:
        Promotion.objects.create(
            person=PersonFactory(),
            trade=trades[trade],
            level=level,
            certified_on=datetime.date(2018, 5, 1),
            subsidy=subsidy and Decimal(subsidy),
            organization=org,
        )
    response = client_for(cz_user).get(reverse("skills:promotions"))
    rows = {
        r["trade"]: (r["levels"]["技师"], r["levels"]["中级工"], r["subsidy"])
        for r in response.context["rows"]
    }
    assert rows == {"钳工": (2, 0, Decimal("1500")), "焊工": (0, 1, 0)}
    assert response.context["totals"]["total"] == 3
    filtered = client_for(cz_user).get(reverse("skills:promotions") + "?level=中级工")
    assert filtered.context["totals"]["total"] == 1


def test_promotion_search_by_id_number_is_a_post_answering_masked_and_a_name_stays_a_get(
    tree, cz_user, client_for
):
    trade = Trade.objects.create(name="钳工")
    mine, sibling = PersonFactory(name="赵晋升"), PersonFactory(name="钱晋升")
    for person, org in ((mine, tree.cz), (sibling, tree.yf)):
        Promotion.objects.create(
            person=person, trade=trade, level="技师", certified_on="2018-05-01", organization=org
        )
    client = client_for(cz_user)
    response = client.post(reverse("skills:promotion_lookup"), {"q": mine.id_number})
    html = response.content.decode()
    assert response.status_code == 200 and [p.person for p in response.context["page"]] == [mine]
    assert mine.masked_id in html and mine.id_number not in html
    response = client.post(reverse("skills:promotion_lookup"), {"q": sibling.id_number})
    assert list(response.context["page"]) == []
    response = client.post(reverse("skills:promotion_lookup"), {"q": "赵"})
    assert response.status_code == 302 and response["Location"].endswith("?q=%E8%B5%B5")
    assert [p.person for p in client.get(response["Location"]).context["page"]] == [mine]
    # An ID number typed into the URL by hand finds nothing: the GET searches names only.
    assert list(client.get(reverse("skills:promotions"), {"q": mine.id_number}).context["page"]) == []


def test_a_promotions_page_shows_its_subsidy_history_and_is_404_to_a_sibling(
    tree, cz_user, yf_user, client_for
):
    promotion = Promotion.objects.create(
        person=PersonFactory(), trade=Trade.objects.create(name="钳工"), level="技师",
        certified_on="2018-05-01", subsidy=Decimal("1000"), organization=tree.cz,
    )  # fmt: skip
    with pghistory.context(user=cz_user.pk):
        Promotion.objects.filter(pk=promotion.pk).update(subsidy=Decimal("1200"))  # e.g. a bulk fix
    url = reverse("skills:promotion", args=[promotion.pk])
    assert url in client_for(cz_user).get(reverse("skills:promotions")).content.decode()
    response = client_for(cz_user).get(url)
    [_created, changed] = response.context["history"]
    assert [(str(c["field"]), c["before"], c["after"]) for c in changed["changes"]] == [
        ("培训补贴", Decimal("1000.00"), Decimal("1200.00"))
    ]
    assert changed["user"] == cz_user
    html = response.content.decode()
    assert promotion.person.masked_id in html and promotion.person.id_number not in html
    assert client_for(yf_user).get(url).status_code == 404


def test_promotion_list_query_count_is_constant(tree, cz_user, client_for, django_assert_max_num_queries):
    trade = Trade.objects.create(name="钳工")
    client = client_for(cz_user)

    def add(n):
        for _ in range(n):
            Promotion.objects.create(
                person=PersonFactory(),
                trade=trade,
                level="技师",
                certified_on="2018-05-01",
                organization=tree.cz,
            )

    add(1)
    client.get(reverse("skills:promotions"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("skills:promotions"))
    add(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("skills:promotions"))


def test_the_person_page_shows_contests_awards_and_promotions(tree, cz_user, yf_user, client_for, results):
    person = results[0].person
    Promotion.objects.create(
        person=person, trade=results[0].trade, level="技师", certified_on="2018-05-01", organization=tree.cz
    )
    html = client_for(cz_user).get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "技能竞赛" in html and "第2名" in html and "技能晋升" in html
    assert client_for(yf_user).get(reverse("people:detail", args=[person.pk])).status_code == 404


def test_an_official_cannot_add_records(tree, make_user, client_for, city_contest):
    official = make_user(tree.cz, OFFICIAL)
    client = client_for(official)
    assert client.get(reverse("skills:promotions")).status_code == 200
    assert client.get(reverse("skills:promotion_add")).status_code == 403
    assert client.get(reverse("skills:award_add")).status_code == 403
