"""Employer and drive forms, the drives page, the chain campaigns page, and their scoping."""

import datetime

import pytest
from django.urls import reverse

from members.models import Drive, Employer, Industry
from tests.factories import make_credit_code

from .conftest import assert_hidden_from_the_sibling_and_below

D = datetime.date


def _employer_post(tree, **overrides):
    data = {
        "name": "柳州新运输有限公司",
        "credit_code": make_credit_code(),
        "organization": tree.cz.pk,
        "industry": Industry.objects.get(name="道路货运").pk,
        "ownership": "非公",
        "headcount": "120",
        "has_union": "on",
        "union_founded_on": "2018-03-01",
        "lead_code": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_enters_an_employer_on_a_chain(tree, cz_user, client_for, make_employer):
    lead = make_employer(tree.cz_ent)
    data = _employer_post(tree, lead_code=lead.credit_code)
    response = client_for(cz_user).post(reverse("members:employer_create"), data)
    employer = Employer.objects.get(credit_code=data["credit_code"])
    assert response.status_code == 302
    assert response["Location"] == reverse("members:employer", args=[employer.pk])
    assert (employer.lead, employer.union_founded_on, employer.headcount) == (lead, D(2018, 3, 1), 120)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"credit_code": "91450200ABCDEFGHIJ"}, "credit_code", "应为18位数字或大写字母"),
        ({"union_founded_on": ""}, "union_founded_on", "已建会的单位须填写建会日期"),
        ({"has_union": None}, "union_founded_on", "未建会的单位不应填写建会日期"),
        ({"union_founded_on": "2999-01-01"}, "union_founded_on", "建会日期不能晚于今天"),
        ({"headcount": "-1"}, "headcount", "0"),
        ({"ownership": "民营"}, "ownership", "选择一个有效的选项"),
        ({"lead_code": make_credit_code()}, "lead_code", "不存在或不在您的管辖范围内"),
    ],
)
def test_employer_form_says_what_is_wrong_beside_the_field(
    tree, cz_user, client_for, overrides, field, message
):
    response = client_for(cz_user).post(reverse("members:employer_create"), _employer_post(tree, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert Employer.objects.count() == 0


def test_employer_cannot_lead_itself_or_take_a_sibling_as_lead(tree, cz_user, client_for, make_employer):
    own = make_employer(tree.cz)
    theirs = make_employer(tree.yf)
    client = client_for(cz_user)
    url = reverse("members:employer_edit", args=[own.pk])
    data = _employer_post(tree, credit_code=own.credit_code, lead_code=own.credit_code)
    assert "自己的链主企业" in " ".join(client.post(url, data).context["form"].errors["lead_code"])
    data = _employer_post(tree, credit_code=own.credit_code, lead_code=theirs.credit_code)
    assert "不在您的管辖范围内" in " ".join(client.post(url, data).context["form"].errors["lead_code"])


def test_a_credit_code_already_registered_is_refused(tree, cz_user, client_for, make_employer):
    existing = make_employer(tree.cz)
    response = client_for(cz_user).post(
        reverse("members:employer_create"), _employer_post(tree, credit_code=existing.credit_code)
    )
    assert "credit_code" in response.context["form"].errors
    assert Employer.objects.count() == 1


def test_employer_edit_keeps_the_credit_code(tree, cz_user, client_for, make_employer):
    employer = make_employer(tree.cz, name="旧名")
    original = employer.credit_code
    data = _employer_post(
        tree, credit_code=make_credit_code(), name="新名", has_union=None, union_founded_on=""
    )
    assert (
        client_for(cz_user).post(reverse("members:employer_edit", args=[employer.pk]), data).status_code
        == 302
    )
    employer.refresh_from_db()
    assert (employer.credit_code, employer.name, employer.has_union) == (original, "新名", False)


def test_employer_detail_lists_its_chain(tree, cz_user, client_for, make_employer):
    lead = make_employer(tree.cz, name="龙头企业")
    make_employer(tree.cz_ent, name="链上企业", lead=lead)
    make_employer(tree.yf, name="鱼峰链上", lead=lead)
    response = client_for(cz_user).get(reverse("members:employer", args=[lead.pk]))
    assert [e.name for e in response.context["chain"]] == ["链上企业"]


@pytest.mark.parametrize("name", ["members:employer", "members:employer_edit"])
def test_a_sibling_districts_employer_is_404(tree, yf_user, ent_user, client_for, make_employer, name):
    employer = make_employer(tree.cz)
    url = reverse(name, args=[employer.pk])
    assert_hidden_from_the_sibling_and_below(client_for, url, yf_user, ent_user)


# --- drives ----------------------------------------------------------------------------------


def _drive_post(tree, **overrides):
    data = {
        "name": "城中区货车司机入会行动",
        "key_group": "货车司机",
        "industry": Industry.objects.get(name="道路货运").pk,
        "start": "2018-04-01",
        "end": "2018-06-30",
        "population": "100",
        "target_join_rate": "40",
        "target_founding_rate": "35.5",
        "organization": tree.cz.pk,
    }
    data.update(overrides)
    return data


def test_staff_creates_a_drive(tree, cz_user, client_for):
    response = client_for(cz_user).post(reverse("members:drive_create"), _drive_post(tree))
    assert response.status_code == 302
    drive = Drive.objects.get()
    assert (drive.organization, float(drive.target_founding_rate), drive.population) == (tree.cz, 35.5, 100)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end": "2018-03-01"}, "end", "开始日期不能晚于结束日期"),
        ({"population": "0"}, "population", "1"),
        ({"target_join_rate": "120"}, "target_join_rate", "100"),
        ({"key_group": "司机"}, "key_group", "选择一个有效的选项"),
    ],
)
def test_drive_form_says_what_is_wrong_beside_the_field(tree, cz_user, client_for, overrides, field, message):
    response = client_for(cz_user).post(reverse("members:drive_create"), _drive_post(tree, **overrides))
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert Drive.objects.count() == 0


def test_drive_form_refuses_a_sibling_organization(tree, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("members:drive_create"), _drive_post(tree, organization=tree.yf.pk)
    )
    assert "organization" in response.context["form"].errors


def test_drives_page_shows_live_progress_of_visible_drives(
    tree, cz_user, client_for, make_drive, make_member, make_employer
):
    make_drive(tree.cz, name="城中行动", population=4, target_join_rate=50, target_founding_rate=50)
    make_drive(tree.yf, name="鱼峰行动")
    make_member(tree.cz, key_group="货车司机", join_date=D(2018, 5, 1))
    make_member(tree.cz_ent, key_group="货车司机", join_date=D(2017, 5, 1))
    make_employer(tree.cz, founded=D(2018, 5, 1))
    response = client_for(cz_user).get(reverse("members:drives"))
    (p,) = response.context["progress"]
    assert (p.drive.name, p.joined, p.join_rate, p.founding_rate, p.met) == ("城中行动", 1, 50.0, 100.0, True)
    content = response.content.decode()
    assert "<svg" in content and "50.00%" in content


def test_a_sibling_districts_drive_cannot_be_edited(tree, yf_user, client_for, make_drive):
    drive = make_drive(tree.cz)
    assert client_for(yf_user).get(reverse("members:drive_edit", args=[drive.pk])).status_code == 404


# --- chain campaigns -------------------------------------------------------------------------


def test_chain_page_shows_leads_their_chains_and_this_years_founding(
    tree, cz_user, client_for, make_employer, make_member
):
    lead = make_employer(tree.cz, name="龙头")
    founded = make_employer(tree.cz, name="新建会", lead=lead, founded=D(2018, 3, 1))
    make_employer(tree.cz, name="老建会", lead=lead, founded=D(2010, 3, 1))
    make_employer(tree.yf, name="鱼峰链上", lead=lead, founded=D(2018, 3, 1))
    make_member(tree.cz, employer=founded, join_date=D(2018, 4, 1))
    make_member(tree.cz, employer=founded, join_date=D(2017, 4, 1))
    make_employer(tree.yf, name="别人的龙头")
    response = client_for(cz_user).get(reverse("members:chains"), {"year": "2018"})
    ((shown_lead, figures, chain),) = response.context["rows"]
    assert shown_lead == lead
    assert figures == {"chain": 2, "with_union": 2, "founded": 1, "workers": 1}
    assert [(e.name, e.founded_in_year, e.workers_joined) for e in chain] == [
        ("新建会", True, 1),
        ("老建会", False, 0),
    ]
    assert "鱼峰链上" not in response.content.decode()


def test_chain_page_never_lists_a_lead_of_another_district(tree, cz_user, client_for, make_employer):
    """Issue 15 item 11: a lead enterprise of 鱼峰区 with a 城中区 employer on its chain is not on
    城中区's page (its name, industry and organization are 鱼峰区's records)."""
    foreign = make_employer(tree.yf, name="鱼峰龙头")
    make_employer(tree.cz, name="城中链上", lead=foreign, founded=D(2018, 3, 1))
    response = client_for(cz_user).get(reverse("members:chains"), {"year": "2018"})
    assert response.context["rows"] == []
    assert "鱼峰龙头" not in response.content.decode()
    assert "鱼峰区总工会" not in response.content.decode()


def test_chain_page_with_nothing_on_a_chain(tree, cz_user, client_for):
    response = client_for(cz_user).get(reverse("members:chains"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["rows"] == []


# --- industries ------------------------------------------------------------------------------


def test_an_admin_adds_an_industry_and_a_duplicate_is_refused(tree, make_user, client_for):
    from unionhub.orgs.roles import ADMIN

    client = client_for(make_user(tree.cz, ADMIN))
    assert "添加行业" in client.get(reverse("members:industries")).content.decode()
    assert client.post(reverse("members:industries"), {"name": "物业"}).status_code == 302
    assert Industry.objects.filter(name="物业").exists()
    response = client.post(reverse("members:industries"), {"name": "物业"})
    assert "name" in response.context["form"].errors


@pytest.mark.parametrize("role", ["工作人员", "领导"])
def test_staff_and_officials_see_industries_but_cannot_add(tree, make_user, client_for, role):
    """Staff hold members.add_industry with their role; the list is the admins' all the same."""
    client = client_for(make_user(tree.cz, role))
    response = client.get(reverse("members:industries"))
    assert response.status_code == 200 and "添加行业" not in response.content.decode()
    assert client.post(reverse("members:industries"), {"name": "物业"}).status_code == 403
    assert not Industry.objects.filter(name="物业").exists()
