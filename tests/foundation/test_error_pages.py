"""Error pages are the app's own, in Chinese, and never say whether a record exists."""

from django.template.loader import render_to_string
from django.test import Client


def test_404_is_the_apps_page_in_chinese(tree, cz_user, client_for):
    r = client_for(cz_user).get("/orgs/LZ-YF/")
    body = r.content.decode()
    assert r.status_code == 404
    assert 'class="topbar"' in body and "页面不存在" in body
    assert "Not Found" not in body
    assert "鱼峰" not in body


def test_404_for_an_anonymous_user(db, client):
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "页面不存在" in r.content.decode()


def test_403_is_the_apps_page_in_chinese(tree, cz_user, client_for):
    r = client_for(cz_user).get("/orgs/LZ-CZ/users/")
    assert r.status_code == 403
    assert "没有权限" in r.content.decode()


def test_csrf_failure_page_is_in_chinese(db):
    r = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert r.status_code == 403
    assert "页面已过期" in r.content.decode()


def test_500_page_renders_without_a_request_or_a_database():
    body = render_to_string("500.html")
    assert "系统出错" in body and "已保存的数据不受影响" in body


def test_under_debug_the_404_is_still_the_apps_page(tree, cz_user, client_for, settings):
    settings.DEBUG = True  # what `make run` serves
    r = client_for(cz_user).get("/orgs/LZ-YF/")
    body = r.content.decode()
    assert r.status_code == 404
    assert "页面不存在" in body and "Django" not in body and "Page not found" not in body


def test_under_debug_a_500_is_still_the_apps_page(tree, cz_user, client_for, settings, monkeypatch):
    settings.DEBUG = True
    client = client_for(cz_user)
    client.raise_request_exception = False

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("unionhub.core.views.home_figures", lambda *a: broken(None))
    r = client.get("/")
    assert r.status_code == 500
    assert "系统出错" in r.content.decode() and "Traceback" not in r.content.decode()
