"""The list pages' caches can never show another subtree's data.

- The organization drop-down (unionhub/orgs/choices.py) is rendered once per choice set and kept
  in the cache under the exact SQL of its queryset (so, the subtree) and the tree's version, which
  the database bumps on any change of the organizations, by the ORM or not.
- A list's count (unionhub/core/paging.py) is kept under the exact SQL of the count (so, the
  subtree and every filter) and the version of the tables it reads (unionhub/core/changes.py),
  which grows with every committed write to them: exact, never another subtree's, never stale.
  Nothing is kept inside a transaction, so these tests run with committed (transactional) data.
"""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from tests.factories import OrganizationFactory
from unionhub.core.paging import CappedPaginator
from unionhub.orgs.models import Organization

from . import builders as b

# url name, the name of its organization filter
LISTS = [
    ("members:list", "organization"),
    ("members:employers", "organization"),
    ("perks:cards", "organization"),
    ("relief:files", "org"),
    ("relief:payments", "org"),
]


def options(response, field: str) -> dict[str, str]:
    """{value: label} of the <select name=field> on the page."""
    html = response.content.decode()
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={field}>"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def labels(response, field):
    return set(options(response, field).values())


@pytest.mark.parametrize("url,field", LISTS)
@pytest.mark.parametrize("first", ["city", "cz", "yf"])
def test_each_subtree_sees_its_own_organizations_whoever_came_first(
    url, field, first, tree, city_user, cz_user, yf_user, client_for
):
    users = {"city": city_user, "cz": cz_user, "yf": yf_user}
    order = [first] + [u for u in users if u != first]
    seen = {u: labels(client_for(users[u]).get(reverse(url)), field) for u in order}
    assert {"柳州市总工会", "城中区总工会", "鱼峰区总工会", "城中第一企业工会"} <= seen["city"]
    assert {"城中区总工会", "城中第一企业工会"} <= seen["cz"]
    assert not seen["cz"] & {"柳州市总工会", "鱼峰区总工会"}
    assert "鱼峰区总工会" in seen["yf"]
    assert not seen["yf"] & {"柳州市总工会", "城中区总工会", "城中第一企业工会"}
    # Asked again (now from the cache): the same options, values and all.
    for u in order:
        again = client_for(users[u]).get(reverse(url))
        assert labels(again, field) == seen[u]
    values = options(client_for(cz_user).get(reverse(url)), field)
    assert {v for v in values if v} == {str(tree.cz.pk), str(tree.cz_ent.pk)}


def test_the_chosen_organization_is_selected_and_filters(tree, city_user, client_for):
    client = client_for(city_user)
    client.get(reverse("members:list"))  # the options are in the cache
    html = client.get(reverse("members:list"), {"organization": tree.yf.pk}).content.decode()
    assert f'<option value="{tree.yf.pk}" selected>' in html
    select = re.search(r'<select name="organization"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert select.count(" selected>") == 1
    html = client.get(reverse("members:list")).content.decode()
    assert '<option value="" selected>' in html and f'<option value="{tree.yf.pk}" selected>' not in html


def test_a_change_of_the_tree_is_seen_at_once_however_it_is_made(tree, cz_user, client_for):
    client = client_for(cz_user)
    assert "城中第一企业工会" in labels(client.get(reverse("members:list")), "organization")
    # A bulk update (no signals, no save()): the database bumps the version.
    Organization.objects.filter(pk=tree.cz_ent.pk).update(name="城中改名企业工会")
    seen = labels(client.get(reverse("members:list")), "organization")
    assert "城中改名企业工会" in seen and "城中第一企业工会" not in seen
    added = OrganizationFactory(code="LZ-CZ-002", name="城中新建企业工会", kind="企业工会", parent=tree.cz)
    assert "城中新建企业工会" in labels(client.get(reverse("members:list")), "organization")
    added.delete()
    assert "城中新建企业工会" not in labels(client.get(reverse("members:list")), "organization")


def test_a_change_rolled_back_leaves_nothing_behind(tree, cz_user, client_for):
    client = client_for(cz_user)
    client.get(reverse("members:list"))
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(pk=tree.cz_ent.pk).update(name="回滚的名称")
        assert "回滚的名称" in labels(client.get(reverse("members:list")), "organization")
        raise RuntimeError
    seen = labels(client.get(reverse("members:list")), "organization")
    assert "城中第一企业工会" in seen and "回滚的名称" not in seen
    # The next real change gets a version never seen before: not the rolled-back options.
    Organization.objects.filter(pk=tree.yf.pk).update(name="鱼峰区总工会(新)")
    seen = labels(client.get(reverse("members:list")), "organization")
    assert "城中第一企业工会" in seen and "回滚的名称" not in seen


class World:
    def __init__(self, tree):
        self.cz = tree.cz


def count_text(response) -> str:
    return re.search(r"(超过|共) \S+ 名会员", response.content.decode()).group(0)


@pytest.mark.django_db(transaction=True)
def test_counts_are_kept_per_subtree_and_filter_and_follow_every_write(
    tree, city_user, cz_user, yf_user, client_for, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    b.members(tree.cz, 5)
    b.members(tree.yf, 2)
    url = reverse("members:list")
    city, cz, yf = client_for(city_user), client_for(cz_user), client_for(yf_user)
    assert count_text(city.get(url)) == "超过 3 名会员"  # 7, now in the cache
    assert count_text(yf.get(url)) == "共 2 名会员"  # not the city's answer
    assert count_text(cz.get(url)) == "超过 3 名会员"
    assert count_text(city.get(url, {"organization": tree.yf.pk})) == "共 2 名会员"
    assert count_text(yf.get(url)) == "共 2 名会员"  # from the cache
    # A committed write to a table the count reads: a new key, the new count at once.
    b.members(tree.yf, 1)
    assert count_text(yf.get(url)) == "共 3 名会员"
    assert count_text(city.get(url, {"organization": tree.yf.pk})) == "共 3 名会员"
    # A write that rolls back leaves the version (and the count) as it was.
    with pytest.raises(RuntimeError), transaction.atomic():
        b.members(tree.yf, 4)
        raise RuntimeError
    assert count_text(yf.get(url)) == "共 3 名会员"


@pytest.mark.django_db(transaction=True)
def test_a_write_by_sql_behind_the_orm_changes_the_count_too(tree, yf_user, client_for):
    from django.db import connection

    b.members(tree.yf, 2)
    client, url = client_for(yf_user), reverse("members:list")
    assert count_text(client.get(url)) == "共 2 名会员"
    with connection.cursor() as cur:  # a raw status change, as a trigger or psql would make
        cur.execute(
            "UPDATE members_member SET status = '退会', leave_date = join_date WHERE id IN"
            " (SELECT id FROM members_member WHERE organization_id = %s LIMIT 1)",
            [tree.yf.pk],
        )
    assert count_text(client.get(url, {"status": "在会"})) == "共 1 名会员"
    assert count_text(client.get(url)) == "共 2 名会员"


@pytest.mark.django_db(transaction=True)
def test_the_second_request_neither_counts_nor_lists_the_organizations(
    tree, city_user, client_for, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    b.members(tree.cz, 5)
    client = client_for(city_user)
    url = reverse("members:list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert count_text(client.get(url)) == "超过 3 名会员"
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [
        q
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "orgs_organization"') and "LIKE" in q["sql"]
    ]
    # An exact count is kept too, and a write to a table the count does not read (a phone number)
    # does not make it counted again.
    yf_url = reverse("members:list") + f"?organization={tree.yf.pk}"
    b.members(tree.yf, 2)
    assert count_text(client.get(yf_url)) == "共 2 名会员"
    from unionhub.people.models import Person

    Person.objects.filter(pk=Person.objects.order_by("pk").first().pk).update(phone="13900000000")
    with CaptureQueriesContext(connection) as ctx:
        assert count_text(client.get(yf_url)) == "共 2 名会员"
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.django_db(transaction=True)
def test_the_promotion_summary_is_kept_per_subtree_and_follows_every_write(
    tree, city_user, cz_user, client_for
):
    # The summary by trade and level is one GROUP BY over the promotions: kept like a count.
    import datetime

    from skills.models import Promotion, Trade
    from tests.factories import PersonFactory

    trade = Trade.objects.create(name="钳工")

    def promote(org):
        Promotion.objects.create(
            person=PersonFactory(),
            trade=trade,
            level="技师",
            certified_on=datetime.date(2018, 3, 1),
            organization=org,
        )

    promote(tree.cz)
    promote(tree.yf)
    url = reverse("skills:promotions")

    def totals(user):
        return client_for(user).get(url).context["totals"]["total"]

    assert (totals(city_user), totals(cz_user)) == (2, 1)
    assert (totals(city_user), totals(cz_user)) == (2, 1)  # from the cache, each its own
    promote(tree.cz)
    assert (totals(city_user), totals(cz_user)) == (3, 2)
