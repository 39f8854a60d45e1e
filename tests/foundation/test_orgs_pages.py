"""The organization pages: the user's subtree with its counts, and the user list of admins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganizationFactory
from unionhub.orgs.roles import ADMIN


def test_tree_page_starts_at_the_users_own_organization(tree, cz_user, client_for):
    r = client_for(cz_user).get("/orgs/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "城中区总工会" in body
    assert "城中第一企业工会" in body
    assert "鱼峰区总工会" not in body
    assert "柳州市总工会</a>" not in body  # the parent is not even in the breadcrumb


def test_city_user_sees_the_districts(tree, city_user, client_for):
    body = client_for(city_user).get("/orgs/").content.decode()
    assert "城中区总工会" in body and "鱼峰区总工会" in body


@pytest.mark.parametrize("code", ["LZ-YF", "LZ"])
def test_district_user_gets_404_outside_the_subtree(tree, cz_user, client_for, code):
    assert client_for(cz_user).get(f"/orgs/{code}/").status_code == 404


def test_unknown_code_is_404(tree, city_user, client_for):
    assert client_for(city_user).get("/orgs/NOPE/").status_code == 404


def test_city_user_opens_a_district(tree, city_user, client_for):
    r = client_for(city_user).get("/orgs/LZ-YF/")
    assert r.status_code == 200
    assert "鱼峰区总工会" in r.content.decode()


def test_counts_cover_the_whole_subtree(tree, make_user, city_user, client_for):
    OrganizationFactory(code="LZ-CZ-001-A", parent=tree.cz_ent)
    make_user(tree.cz_ent)
    make_user(tree.cz)
    r = client_for(city_user).get("/orgs/")
    children = dict((child.code, counts) for child, counts in r.context["children"])
    assert children["LZ-CZ"] == {"orgs": 2, "users": 2}
    assert children["LZ-YF"] == {"orgs": 0, "users": 0}
    assert r.context["totals"] == {"orgs": 4, "users": 3}  # city_user works in LZ itself


def test_tree_page_needs_a_login(tree, client):
    assert client.get("/orgs/").status_code == 302


def test_tree_page_queries_do_not_grow_with_the_children(tree, city_user, client_for):
    client = client_for(city_user)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/orgs/LZ-CZ/").status_code == 200
        return len(ctx)

    OrganizationFactory(parent=tree.cz)
    few = queries()
    for _ in range(10):
        OrganizationFactory(parent=tree.cz)
    assert queries() == few


# The user list


def test_user_list_needs_the_admin_role(tree, cz_user, client_for):
    assert client_for(cz_user).get("/orgs/LZ-CZ/users/").status_code == 403


def test_user_list_shows_the_subtree_users(tree, make_user, cz_user, yf_user, ent_user, client_for):
    admin = make_user(tree.cz, ADMIN, username="cz-admin")
    body = client_for(admin).get("/orgs/LZ-CZ/users/").content.decode()
    assert "cz-admin" in body and ">cz<" in body and ">ent<" in body
    assert ">yf<" not in body


def test_user_list_of_a_sibling_is_404(tree, make_user, client_for):
    admin = make_user(tree.cz, ADMIN)
    assert client_for(admin).get("/orgs/LZ-YF/users/").status_code == 404


def test_user_list_search(tree, make_user, cz_user, ent_user, client_for):
    admin = make_user(tree.cz, ADMIN, username="cz-admin")
    body = client_for(admin).get("/orgs/LZ-CZ/users/?q=ent").content.decode()
    assert ">ent<" in body and ">cz<" not in body


def test_user_list_queries_do_not_grow_with_the_users(tree, make_user, client_for):
    admin = make_user(tree.cz, ADMIN)
    client = client_for(admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/orgs/LZ-CZ/users/").status_code == 200
        return len(ctx)

    few = queries()
    for _ in range(5):
        make_user(tree.cz_ent)
    assert queries() == few


def test_nav_has_the_organization_page(tree, cz_user, client_for):
    assert 'href="/orgs/"' in client_for(cz_user).get("/").content.decode()
