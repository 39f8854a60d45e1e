"""Member pages: the entry form and its duplicate-person rule, correction, detail, scoping."""

import datetime

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import PersonFactory
from tests.pages import NOT_HERE, page_as_seen
from unionhub.orgs.roles import OFFICIAL
from unionhub.people.models import Person

from .conftest import assert_hidden_from_the_sibling_and_below, new_id

D = datetime.date


def _post(tree, **overrides):
    data = {
        "id_number": new_id(D(1990, 3, 4)),
        "name": "张三",
        "phone": "13800001111",
        "organization": tree.cz.pk,
        "employer_code": "",
        "key_group": "货车司机",
        "is_migrant": "on",
        "join_date": "2018-04-15",
        "status": "在会",
    }
    data.update(overrides)
    return data


def test_staff_enters_a_member(tree, cz_user, client_for):
    data = _post(tree)
    response = client_for(cz_user).post(reverse("members:create"), data)
    member = Member.objects.select_related("person").get()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[member.pk])
    assert (member.person.id_number, member.person.name, member.person.phone) == (
        data["id_number"],
        "张三",
        "13800001111",
    )
    assert (member.organization, member.key_group, member.is_migrant, member.join_date) == (
        tree.cz,
        "货车司机",
        True,
        D(2018, 4, 15),
    )


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("id_number", "450202198506151234", "身份证号校验码不正确"),
        ("id_number", "12345", "身份证号应为18位"),
        ("phone", "12345", "手机号应为11位数字"),
        ("join_date", "2999-01-01", "入会日期不能晚于今天"),
        ("join_date", "1980-01-01", "入会日期不能早于出生日期"),
        ("employer_code", "91450200ABCDEFGHIJ", "统一社会信用代码"),
        ("key_group", "司机", "选择一个有效的选项"),
        ("name", "", "这个字段是必填项"),
    ],
)
def test_member_form_says_what_is_wrong_beside_the_field(tree, cz_user, client_for, field, value, message):
    response = client_for(cz_user).post(reverse("members:create"), _post(tree, **{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Member.objects.count() == 0


def test_member_form_refuses_an_employer_of_another_district(tree, cz_user, client_for, make_employer):
    theirs = make_employer(tree.yf)
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, employer_code=theirs.credit_code)
    )
    assert "不存在或不在您的管辖范围内" in " ".join(response.context["form"].errors["employer_code"])


def test_member_form_offers_only_organizations_of_the_users_subtree(tree, cz_user, client_for):
    client = client_for(cz_user)
    form = client.get(reverse("members:create")).context["form"]
    assert set(form.fields["organization"].queryset) == {tree.cz, tree.cz_ent}
    response = client.post(reverse("members:create"), _post(tree, organization=tree.yf.pk))
    assert "organization" in response.context["form"].errors
    assert Member.objects.count() == 0


def test_entering_an_existing_members_id_opens_that_member(tree, cz_user, client_for, make_member):
    member = make_member(tree.cz_ent, name="李四")
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, id_number=member.person.id_number, name="李四")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[member.pk])
    assert Member.objects.count() == 1
    assert Person.objects.count() == 1


def test_entering_a_member_of_another_district_is_refused_without_opening_it(
    tree, cz_user, client_for, make_member
):
    member = make_member(tree.yf, name="王五")
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, id_number=member.person.id_number, name="王五")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == ["无法在本组织办理,请联系上级工会"]
    assert Member.objects.count() == 1


def test_a_known_person_without_membership_is_reused(tree, cz_user, client_for):
    person = PersonFactory(name="赵六", phone="")
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, id_number=person.id_number, name="赵六")
    )
    assert response.status_code == 302
    assert Person.objects.count() == 1
    member = Member.objects.get()
    assert member.person == person
    person.refresh_from_db()
    assert person.phone == "13800001111"


def test_a_known_person_under_another_name_is_refused(tree, cz_user, client_for, make_member):
    member = make_member(tree.cz, name="赵六")  # a person 城中区 may see: name the mistake
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, id_number=member.person.id_number, name="赵七")
    )
    assert response.context["form"].errors["name"] == ["姓名与身份证号不一致"]
    person = PersonFactory(name="赵六")  # known, but to nobody in 城中区
    response = client_for(cz_user).post(
        reverse("members:create"), _post(tree, id_number=person.id_number, name="赵七")
    )
    assert response.context["form"].errors["id_number"] == ["无法在本组织办理,请联系上级工会"]
    assert Member.objects.count() == 1


def test_staff_corrects_a_member_but_not_the_id_number_nor_the_organization(
    tree, cz_user, client_for, make_member
):
    member = make_member(tree.cz, name="孙八")
    original = member.person.id_number
    data = _post(tree, id_number=new_id(), name="孙八八", organization=tree.cz_ent.pk, status="转出")
    response = client_for(cz_user).post(reverse("members:edit", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    member.person.refresh_from_db()
    # The organization changes only through a transfer, the status only by leaving.
    assert (member.person.id_number, member.person.name, member.organization, member.status) == (
        original,
        "孙八八",
        tree.cz,
        "在会",
    )


def test_correction_validates_as_entry_does(tree, cz_user, client_for, make_member):
    member = make_member(tree.cz)
    response = client_for(cz_user).post(
        reverse("members:edit", args=[member.pk]), _post(tree, join_date="2999-01-01")
    )
    assert "入会日期不能晚于今天" in " ".join(response.context["form"].errors["join_date"])


def test_detail_shows_the_masked_id_only(tree, cz_user, client_for, make_member):
    member = make_member(tree.cz_ent)
    content = client_for(cz_user).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert member.person.masked_id in content
    assert member.person.id_number not in content


def test_person_page_lists_the_membership_within_scope(tree, cz_user, yf_user, client_for, make_member):
    member = make_member(tree.cz_ent)
    url = reverse("people:detail", args=[member.person.pk])
    response = client_for(cz_user).get(url)
    assert reverse("members:detail", args=[member.pk]) in response.content.decode()
    assert client_for(yf_user).get(url).status_code == 404


# --- scoping and permissions -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["members:detail", "members:edit"])
def test_a_sibling_districts_member_is_404(tree, yf_user, ent_user, client_for, make_member, name):
    member = make_member(tree.cz)
    url = reverse(name, args=[member.pk])
    assert_hidden_from_the_sibling_and_below(client_for, url, yf_user, ent_user)


def test_anonymous_is_sent_to_log_in(tree, make_member, client):
    member = make_member(tree.cz)
    for url in [
        reverse("members:list"),
        reverse("members:detail", args=[member.pk]),
        reverse("members:create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_an_official_may_look_but_not_enter(tree, make_user, client_for, make_member):
    official = make_user(tree.cz, OFFICIAL)
    member = make_member(tree.cz)
    client = client_for(official)
    assert client.get(reverse("members:detail", args=[member.pk])).status_code == 200
    assert client.get(reverse("members:create")).status_code == 403
    assert client.post(reverse("members:edit", args=[member.pk]), {}).status_code == 403


def test_the_member_form_answers_the_same_for_a_member_elsewhere_and_a_stranger_under_another_name(
    tree, cz_user, client_for, make_member
):
    """Issue 15, item 5: "已是其他组织的会员" is not said; neither is whether the person exists."""
    client = client_for(cz_user)
    theirs = make_member(tree.yf, name="王五")
    stranger = PersonFactory(name="钱某")
    a = client.post(reverse("members:create"), _post(tree, id_number=theirs.person.id_number, name="王五"))
    b = client.post(reverse("members:create"), _post(tree, id_number=stranger.id_number, name="王五"))
    assert a.context["form"].errors["id_number"] == [NOT_HERE]
    assert page_as_seen(a, theirs.person.id_number) == page_as_seen(b, stranger.id_number)
    assert Member.objects.count() == 1
