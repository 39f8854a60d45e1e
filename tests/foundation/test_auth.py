"""Login, logout and password change, in Chinese; English on request."""

from django.contrib.auth import SESSION_KEY


def test_login_page_is_in_chinese(client, db):
    r = client.get("/accounts/login/")
    body = r.content.decode()
    assert r.status_code == 200
    assert '<html lang="zh-Hans">' in body
    assert "登录" in body and "用户名" in body and "密码" in body


def test_home_sends_anonymous_users_to_login(client, db):
    r = client.get("/")
    assert r.status_code == 302
    assert r["Location"] == "/accounts/login/?next=/"


def test_login_with_username_and_password(client, tree, make_user):
    make_user(tree.cz, username="wang")
    r = client.post("/accounts/login/", {"username": "wang", "password": "correct-horse-battery"})
    assert r.status_code == 302 and r["Location"] == "/"
    home = client.get("/").content.decode()
    assert "城中区总工会" in home


def test_wrong_password_is_refused_in_chinese(client, tree, make_user):
    make_user(tree.cz, username="wang")
    r = client.post("/accounts/login/", {"username": "wang", "password": "nope"})
    assert r.status_code == 200
    assert "请输入一个正确的" in r.content.decode()
    assert SESSION_KEY not in client.session


def test_logout_is_a_post(client_for, cz_user):
    client = client_for(cz_user)
    assert client.get("/accounts/logout/").status_code == 405
    assert SESSION_KEY in client.session
    r = client.post("/accounts/logout/")
    assert r.status_code == 302 and r["Location"] == "/accounts/login/"
    assert SESSION_KEY not in client.session


def test_logout_button_is_a_form_with_csrf(client_for, cz_user):
    body = client_for(cz_user).get("/").content.decode()
    assert 'method="post" action="/accounts/logout/"' in body
    assert "csrfmiddlewaretoken" in body


def test_password_change_page_is_in_chinese(client_for, cz_user):
    r = client_for(cz_user).get("/accounts/password_change/")
    assert r.status_code == 200
    assert "修改密码" in r.content.decode()


def test_password_change_validates_strength(client_for, cz_user):
    r = client_for(cz_user).post(
        "/accounts/password_change/",
        {"old_password": "correct-horse-battery", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert r.status_code == 200
    cz_user.refresh_from_db()
    assert cz_user.check_password("correct-horse-battery")


def test_language_switch_to_english(client, db):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert r.status_code == 302
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in body
    assert "Log in" in body and "Username" in body
    assert "用户名" not in body


def test_language_switch_back_to_chinese(client, db):
    client.post("/i18n/setlang/", {"language": "en"})
    client.post("/i18n/setlang/", {"language": "zh-hans"})
    assert "用户名" in client.get("/accounts/login/").content.decode()


def test_footer_offers_both_languages(client, db):
    body = client.get("/accounts/login/").content.decode()
    assert 'name="language" value="en"' in body and 'name="language" value="zh-hans"' in body


def test_an_english_browser_still_gets_chinese_by_default(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in response.content.decode()
