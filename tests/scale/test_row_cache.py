"""The rendered rows of a list page (unionhub/core/templatetags/rowcache.py) are kept per query,
permissions, language and address, with the version of every table their rendering read: a user
never gets another subtree's rows, nor rows from before a committed change, nor another
request's CSRF token. Nothing is kept inside a transaction, so these tests commit their data."""

import re

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.core.paginator import Paginator
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Employer, Member
from unionhub.orgs.roles import STAFF

from . import builders as b

pytestmark = pytest.mark.django_db(transaction=True)

URL = reverse("members:list")


def names(response) -> set[str]:
    html = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return set(re.findall(r'<a href="/members/\d+/">([^<]+)</a>', body))


def page_queries(client, url=URL):
    """The response, and whether its rows were rendered anew (rather than served as kept)."""
    from unionhub.core.templatetags import rowcache

    rendered = []
    real = rowcache._render

    def counting(nodelist, context, db):
        rendered.append(1)
        return real(nodelist, context, db)

    rowcache._render = counting
    try:
        response = client.get(url)
    finally:
        rowcache._render = real
    return response, bool(rendered)


def test_each_subtree_gets_its_own_rows_whoever_came_first(tree, city_user, cz_user, yf_user, client_for):
    cz = {m.person.name for m in b.members(tree.cz, 3)}
    yf = {m.person.name for m in b.members(tree.yf, 2)}
    city, czc, yfc = client_for(city_user), client_for(cz_user), client_for(yf_user)
    for _ in range(3):  # learn the tables, keep the rows, then take them
        assert names(yfc.get(URL)) == yf
        assert names(czc.get(URL)) == cz
        assert names(city.get(URL)) == cz | yf


def test_kept_rows_are_served_without_the_rows_query_and_follow_every_write(tree, cz_user, client_for):
    members = b.members(tree.cz, 3)
    client = client_for(cz_user)
    client.get(URL)  # learns which tables the rows read
    client.get(URL)  # keeps the rows
    response, rendered = page_queries(client)
    assert not rendered and names(response) == {m.person.name for m in members}
    # A change of a person's name: people_person is read by the rows (select_related).
    person = members[0].person
    person.name = "改了名字"
    person.save()
    response, rendered = page_queries(client)
    assert rendered and "改了名字" in names(response)
    # A change of an employer's name, shown in the rows too.
    Employer.objects.filter(pk=members[1].employer_id).update(name="新单位名称")
    assert "新单位名称" in client.get(URL).content.decode()


ROWS = Template(
    "{% load rowcache %}{% cached_rows page %}{% for m in page %}<tr>{{ m.person.name }}"
    "{% if perms.members.change_member %} <a>edit</a>{% endif %}"
    "<form method=post>{% csrf_token %}</form></tr>{% endfor %}{% endcached_rows %}"
)


def render_rows(user, token="t"):
    request = RequestFactory().get("/x/")
    request.user = user
    page = Paginator(Member.objects.select_related("person").order_by("pk"), 10).page(1)
    context = {"page": page, "request": request, "csrf_token": token, "perms": PermWrapper(user)}
    with CaptureQueriesContext(connection) as ctx:
        html = ROWS.render(Context(context))
    rows_read = [q for q in ctx.captured_queries if 'FROM "members_member"' in q["sql"]]
    return html, bool(rows_read)


def test_a_change_of_a_record_on_another_page_keeps_this_page(tree, cz_user, client_for, monkeypatch):
    from unionhub.core import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 3)
    members = sorted(b.members(tree.cz, 5), key=lambda m: m.pk)
    client = client_for(cz_user)
    first = client.get(URL)  # newest first: the last three made
    shown = names(first)
    client.get(URL)
    on_page = [m for m in members if m.person.name in shown]
    elsewhere = [m for m in members if m.person.name not in shown]
    assert len(on_page) == 3 and elsewhere
    other = elsewhere[0].person
    other.name = "别页的人"
    other.save()
    response, rendered = page_queries(client)
    assert not rendered and names(response) == shown  # this page's rows did not change
    here = on_page[0].person
    here.name = "本页的人"
    here.save()
    response, rendered = page_queries(client)
    assert rendered and "本页的人" in names(response)
    # An organization's new name reaches the rows too (its row is joined by the scope's filter).
    from unionhub.orgs.models import Organization

    Organization.objects.filter(pk=tree.cz.pk).update(name="城中区总工会(新)")
    assert "城中区总工会(新)" in client.get(URL).content.decode()


def test_rows_are_kept_per_permission_set(tree, cz_user, make_user):
    b.members(tree.cz, 2)
    reader = make_user(tree.cz, STAFF, username="cz2")
    reader.groups.clear()
    assert cz_user.has_perm("members.change_member") and not reader.has_perm("members.change_member")
    for _ in range(3):
        assert "edit" in render_rows(cz_user)[0]
    html, read = render_rows(cz_user)
    assert not read  # served from the cache
    html, _read = render_rows(reader)  # same subtree and query, fewer permissions
    assert "edit" not in html


def test_a_kept_row_never_carries_another_requests_csrf_token(tree, cz_user):
    b.members(tree.cz, 1)
    outputs = [render_rows(cz_user, token=f"token{i}") for i in range(4)]
    assert not outputs[-1][1]  # the last ones came from the cache
    for i, (html, _read) in enumerate(outputs):
        assert f'value="token{i}"' in html
        assert "__unionhub_csrf_token__" not in html


def org_labels(response) -> set[str]:
    html = response.content.decode()
    select = re.search(r'<select name="organization"[^>]*>(.*?)</select>', html, re.S).group(1)
    return set(re.findall(r"<option[^>]*>([^<]*)</option>", select))


def test_the_filter_panel_is_kept_per_subtree_and_follows_a_renamed_organization(
    tree, city_user, cz_user, yf_user, client_for
):
    from unionhub.orgs.models import Organization

    clients = {"city": client_for(city_user), "cz": client_for(cz_user), "yf": client_for(yf_user)}
    for _ in range(3):
        seen = {who: org_labels(c.get(URL)) for who, c in clients.items()}
        assert "鱼峰区总工会" in seen["city"] and "城中区总工会" in seen["city"]
        assert "城中区总工会" in seen["cz"] and not seen["cz"] & {"鱼峰区总工会", "柳州市总工会"}
        assert "鱼峰区总工会" in seen["yf"] and not seen["yf"] & {"城中区总工会", "柳州市总工会"}
    Organization.objects.filter(pk=tree.cz_ent.pk).update(name="改名后的企业工会")
    assert "改名后的企业工会" in org_labels(clients["cz"].get(URL))
    assert "改名后的企业工会" in org_labels(clients["city"].get(URL))
    # What the user chose stays chosen: the GET is in the key.
    chosen = clients["cz"].get(URL, {"organization": tree.cz_ent.pk}).content.decode()
    assert re.search(rf'<option value="{tree.cz_ent.pk}"[^>]*selected', chosen)


def test_a_rows_own_look_up_is_versioned_even_in_a_table_the_page_reads(tree, cz_user):
    # The page joins each member's organization (row versions cover it); a row that looks up the
    # organization's parent reads the same table again, outside the page's query: that parent's
    # rename must reach the kept rows.
    from unionhub.core.paging import CountedPaginator
    from unionhub.orgs.models import Organization

    b.members(tree.cz_ent, 2)
    template = Template(
        "{% load rowcache %}{% cached_rows page %}{% for m in page %}<tr>{{ m.organization.parent.name }}</tr>"
        "{% endfor %}{% endcached_rows %}"
    )

    def render():
        request = RequestFactory().get("/x/")
        request.user = cz_user
        rows = Member.objects.filter(organization=tree.cz_ent).select_related("organization").order_by("pk")
        page = CountedPaginator(rows, 10).page(1)
        return template.render(Context({"page": page, "request": request, "perms": PermWrapper(cz_user)}))

    for _ in range(3):
        assert "城中区总工会" in render()
    Organization.objects.filter(pk=tree.cz.pk).update(name="城中区总工会改名")
    assert "城中区总工会改名" in render()
