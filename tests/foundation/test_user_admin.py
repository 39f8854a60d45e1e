"""Issue 15 item 2 (and issue 19): user administration in the app. An administrator manages the
users of their own subtree only, grants only roles they hold and never the full-ID permission
(a superuser does), cannot change their own roles or organization, cannot set another's password
(they issue a one-time reset link the user completes), and every change is in an append-only
log. Accounts created in bulk (the `users` import kind) obey the same rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.pages import NOT_HERE, page_as_seen
from tests.sheets import do_import, problems_text
from unionhub.orgs import services
from unionhub.orgs.models import User, UserChange
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF


@pytest.fixture
def cz_admin(tree, make_user):
    return make_user(tree.cz, STAFF, ADMIN, username="czadmin")


def test_an_admin_creates_an_account_of_the_subtree_with_roles_they_hold(tree, cz_admin, client_for):
    client = client_for(cz_admin)
    assert "新建用户" in client.get(reverse("orgs:users", args=["LZ-CZ"])).content.decode()
    page = client.get(reverse("orgs:user_create", args=["LZ-CZ"])).content.decode()
    assert "工作人员" in page and "领导" not in page  # only the roles the admin holds are offered
    response = client.post(
        reverse("orgs:user_create", args=["LZ-CZ"]),
        {
            "username": "cz_new",
            "last_name": "张",
            "first_name": "三",
            "organization": tree.cz_ent.pk,
            "roles": [STAFF],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="cz_new")
    assert user.organization == tree.cz_ent and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [STAFF]
    (log,) = UserChange.objects.filter(user=user)
    assert log.actor == cz_admin and log.action == "创建账号"


def test_an_admin_cannot_grant_a_role_they_do_not_hold(tree, cz_admin):
    with pytest.raises(ValidationError, match="只能授予您本人拥有的角色"):
        services.user_create(by=cz_admin, username="x", organization=tree.cz, roles=[OFFICIAL])
    target = UserFactory(organization=tree.cz, username="t")
    target.groups.set([])
    with pytest.raises(ValidationError):
        services.user_update(by=cz_admin, user=target, organization=tree.cz, roles=[OFFICIAL], is_active=True)


def test_an_admin_manages_only_the_subtree(tree, cz_admin, yf_user, client_for):
    with pytest.raises(PermissionDenied):
        services.user_create(by=cz_admin, username="x", organization=tree.yf, roles=[STAFF])
    with pytest.raises(PermissionDenied):
        services.user_update(by=cz_admin, user=yf_user, organization=tree.cz, roles=[STAFF], is_active=True)
    with pytest.raises(PermissionDenied):
        services.user_reset_link(by=cz_admin, user=yf_user)
    client = client_for(cz_admin)
    assert client.get(reverse("orgs:user", args=[yf_user.pk])).status_code == 404
    assert client.post(reverse("orgs:user_reset", args=[yf_user.pk])).status_code == 404
    mine = UserFactory(organization=tree.cz, username="mine")
    with pytest.raises(PermissionDenied):  # moving one of mine out of my subtree
        services.user_update(by=cz_admin, user=mine, organization=tree.yf, roles=[], is_active=True)


def test_an_admin_cannot_change_their_own_roles_or_organization(tree, cz_admin):
    with pytest.raises(ValidationError, match="不能修改自己的角色或所属组织"):
        services.user_update(by=cz_admin, user=cz_admin, organization=tree.cz, roles=[STAFF], is_active=True)
    with pytest.raises(ValidationError, match="不能修改自己的角色或所属组织"):
        services.user_update(
            by=cz_admin, user=cz_admin, organization=tree.cz_ent, roles=[STAFF, ADMIN], is_active=True
        )


def test_the_full_id_permission_is_granted_by_a_superuser_only(tree, cz_admin, cz_user):
    with pytest.raises(PermissionDenied):
        services.user_set_full_id(by=cz_admin, user=cz_user, allowed=True, reason="审批单2026-01")
    root = UserFactory(is_superuser=True, username="root")
    services.user_set_full_id(by=root, user=cz_user, allowed=True, reason="审批单2026-01")
    assert User.objects.get(pk=cz_user.pk).has_perm("people.view_full_id")
    assert UserChange.objects.filter(user=cz_user, actor=root).exists()


def has_full_id(user) -> bool:
    return User.objects.get(pk=user.pk).has_perm("people.view_full_id")


@pytest.fixture
def root(db):
    return UserFactory(is_superuser=True, username="root")


def test_a_superuser_grants_and_takes_back_the_full_id_permission_in_the_browser(
    tree, root, cz_user, client_for
):
    client = client_for(root)
    page = client.get(reverse("orgs:user", args=[cz_user.pk])).content.decode()
    url = reverse("orgs:user_full_id", args=[cz_user.pk])
    assert "只见打码号码" in page and f'href="{url}"' in page and "授予权限…" in page
    confirm = client.get(url).content.decode()
    assert "确认授予" in confirm and has_full_id(cz_user) is False  # opening the page changes nothing
    # The grounds are required; then it is granted and logged with them.
    refused = client.post(url, {"allowed": "1", "reason": " "})
    assert refused.status_code == 200 and not has_full_id(cz_user)
    response = client.post(url, {"allowed": "1", "reason": "审批单2026-017"})
    assert response.status_code == 302 and has_full_id(cz_user)
    page = client.get(reverse("orgs:user", args=[cz_user.pk])).content.decode()
    assert "可查看完整身份证号" in page and "收回权限…" in page and "依据:审批单2026-017" in page
    # A second grant (a page left open) is refused, nothing logged twice.
    again = client.post(url, {"allowed": "1", "reason": "重复"}).content.decode()
    assert "该用户已有查看完整身份证号的权限" in again
    assert "确认收回" in client.get(url).content.decode()
    assert client.post(url, {"allowed": "0", "reason": "调离岗位"}).status_code == 302
    assert not has_full_id(cz_user)
    log = list(
        UserChange.objects.filter(user=cz_user).order_by("pk").values_list("actor", "action", "detail")
    )
    assert log == [
        (root.pk, "授予完整身份证号权限", "依据:审批单2026-017"),
        (root.pk, "收回完整身份证号权限", "依据:调离岗位"),
    ]


def test_a_superusers_account_is_not_granted_what_it_holds(root):
    other = UserFactory(is_superuser=True, username="root2")
    with pytest.raises(ValidationError, match="超级用户本身拥有全部权限"):
        services.user_set_full_id(by=root, user=other, allowed=True, reason="x")


def test_an_administrator_even_the_citys_with_the_permission_cannot_grant_it(
    tree, make_user, cz_user, client_for
):
    # The demo's city admin: every role and the full-ID permission, but no superuser.
    city_admin = make_user(
        tree.city, STAFF, OFFICIAL, ADMIN, perms=["people.view_full_id"], username="cityadmin"
    )
    client = client_for(city_admin)
    assert "授予权限…" not in client.get(reverse("orgs:user", args=[cz_user.pk])).content.decode()
    url = reverse("orgs:user_full_id", args=[cz_user.pk])
    page = client.get(url).content.decode()
    assert NOT_HERE in page and "确认授予" not in page
    response = client.post(url, {"allowed": "1", "reason": "自行授予"})
    assert response.status_code == 200 and NOT_HERE in response.content.decode()
    assert not has_full_id(cz_user)
    assert not UserChange.objects.filter(user=cz_user).exists()


def test_a_user_outside_the_subtree_is_answered_as_one_who_does_not_exist(
    tree, cz_admin, yf_user, client_for
):
    client = client_for(cz_admin)
    missing = User.objects.order_by("-pk").first().pk + 100
    for method, data in (("get", {}), ("post", {"allowed": "1", "reason": "试探"})):
        answers = [
            getattr(client, method)(reverse("orgs:user_full_id", args=[pk]), data)
            for pk in (yf_user.pk, missing)
        ]
        assert [a.status_code for a in answers] == [404, 404]
        assert page_as_seen(answers[0], str(yf_user.pk)) == page_as_seen(answers[1], str(missing))
        # Without the per-response tokens: a random CSP nonce may hold the two letters "yf".
        assert yf_user.username not in page_as_seen(answers[0])
    assert not has_full_id(yf_user)


def test_a_one_time_reset_link_replaces_setting_a_password(tree, cz_admin, settings, client_for):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    colleague = UserFactory(organization=tree.cz, username="colleague")
    colleague.set_password("old-secret-123")
    colleague.save()
    page = client_for(cz_admin).post(reverse("orgs:user_reset", args=[colleague.pk])).content.decode()
    assert "一次性密码重置链接" in page
    link = page.split('<code class="link">')[1].split("</code>")[0].replace("http://testserver", "")
    colleague.refresh_from_db()
    assert not colleague.check_password("old-secret-123")  # the old password opens nothing now
    anon = Client()
    form_url = anon.get(link, follow=True).redirect_chain[-1][0]
    response = anon.post(form_url, {"new_password1": "Zhang-new-2026!", "new_password2": "Zhang-new-2026!"})
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password("Zhang-new-2026!")
    again = Client().get(link, follow=True)
    assert "new_password1" not in again.content.decode()  # used once, the link is dead
    assert UserChange.objects.filter(user=colleague, action="签发一次性重置链接").count() == 1


def test_the_user_administration_log_is_append_only(tree, cz_admin):
    user = services.user_create(by=cz_admin, username="logged", organization=tree.cz, roles=[STAFF])
    log = UserChange.objects.get(user=user)
    with pytest.raises(ProgrammingError), transaction.atomic():
        UserChange.objects.filter(pk=log.pk).update(detail="改写")
    with pytest.raises(ProgrammingError), transaction.atomic():
        UserChange.objects.filter(pk=log.pk).delete()


USERS = ["用户名", "姓名", "所属工会组织代码", "角色"]


def test_accounts_in_bulk_follow_the_same_rules(tree, cz_admin, import_csv):
    rows = [USERS, ["cz_a", "李四", "LZ-CZ-001", "工作人员"], ["cz_b", "王五", "LZ-CZ", ""]]
    result = import_csv("users", rows, tree.cz, user=cz_admin)  # his batch of LZ-CZ
    assert result.ok, problems_text(result)
    assert User.objects.get(username="cz_a").organization == tree.cz_ent
    assert not User.objects.get(username="cz_b").has_usable_password()
    bad = [
        USERS,
        ["cz_c", "赵六", "LZ-CZ", "领导"],
        ["cz_d", "钱七", "LZ-YF", "工作人员"],
        ["cz_a", "李四", "LZ-CZ", ""],
    ]
    result = import_csv("users", bad, tree.cz, user=cz_admin)
    found = problems_text(result)
    assert any("第2行 角色: 只能授予您本人拥有的角色" in p for p in found), found
    assert any(p.startswith("第3行 所属工会组织代码") for p in found), found
    assert any(p.startswith("第4行 用户名") for p in found), found
    assert not User.objects.filter(username__in=["cz_c", "cz_d"]).exists()
    _ = do_import  # (the plain helper has no importer: accounts need one)
