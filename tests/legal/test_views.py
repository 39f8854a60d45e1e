"""Legal pages: intake, list (filters, no notes), detail with timeline, status, limits, lawyers."""

import datetime

import pghistory
import pytest
from django.urls import reverse
from django.utils import timezone

from legal.models import Case
from tests.factories import PersonFactory
from unionhub.orgs.roles import OFFICIAL

D = datetime.date


def test_intake_form_registers_a_case_and_opens_it(tree, cz_user, client_for):
    client = client_for(cz_user)
    assert client.get(reverse("legal:intake")).status_code == 200
    person = PersonFactory(name="魏平明")
    response = client.post(
        reverse("legal:intake"),
        {
            "number": "WQ-A1",
            "received_on": "2018-03-01",
            "channel": "来电",
            "persons": "3",
            "migrants": "2",
            "applicant_name": "魏平明",
            "applicant_id_number": person.id_number,
            "cause": "拖欠工资",
            "handling": "法律咨询",
            "note": "电话中说明情况",
            "organization": tree.cz.pk,
        },
    )
    case = Case.objects.get(number="WQ-A1")
    assert response.status_code == 302 and response.url == reverse("legal:case", args=[case.pk])
    assert (case.applicant, case.status, case.events.get().by) == (person, "受理", cz_user)


def test_intake_form_says_what_is_wrong_field_by_field(tree, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("legal:intake"),
        {
            "number": "WQ-A2",
            "received_on": "2018-03-01",
            "channel": "来电",
            "persons": "1",
            "migrants": "2",
            "applicant_name": "甲",
            "cause": "拖欠工资",
            "handling": "指派律师代理仲裁",
            "organization": tree.yf.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["migrants"] == ["农民工人数不能多于涉及人数"]
    assert errors["lawyer"] == ["指派律师代理的案件须填写代理律师"]
    assert "organization" in errors  # a sibling district is not in the select list
    assert not Case.objects.exists()


def test_an_official_cannot_register_a_case(tree, make_user, client_for):
    official = make_user(tree.cz, OFFICIAL)
    assert client_for(official).get(reverse("legal:intake")).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    assert client.get(reverse("legal:cases")).status_code == 302


def test_the_list_shows_the_subtree_and_never_the_note(tree, cz_user, client_for, make_case):
    make_case(tree.cz, number="WQ-CZ", note="秘密备注")
    make_case(tree.cz_ent, number="WQ-ENT")
    make_case(tree.yf, number="WQ-YF")
    response = client_for(cz_user).get(reverse("legal:cases"))
    html = response.content.decode()
    assert "WQ-CZ" in html and "WQ-ENT" in html and "WQ-YF" not in html
    assert "秘密备注" not in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=结案", {"C"}),
        ("channel=来访", {"B"}),
        ("cause=工伤", {"B"}),
        ("handling=指派律师代理仲裁", {"B"}),
        ("migrant=true", {"B"}),
        ("migrant=false", {"A", "C"}),
        ("month=2018-05", {"B"}),
        ("q=A", {"A"}),
        ("q=梁", {"A", "B", "C"}),
    ],
)
def test_the_list_filters(tree, cz_user, client_for, make_case, lawyer, query, expected):
    make_case(tree.cz, number="A", received_on=D(2018, 3, 1))
    make_case(
        tree.cz,
        number="B",
        received_on=D(2018, 5, 2),
        channel="来访",
        cause="工伤",
        handling="指派律师代理仲裁",
        lawyer=lawyer,
        migrants=1,
    )
    make_case(tree.cz, number="C", received_on=D(2018, 6, 1), status="结案", closed_on=D(2018, 6, 2))
    response = client_for(cz_user).get(reverse("legal:cases") + "?" + query)
    assert {c.number for c in response.context["page"]} == expected


def test_the_list_filters_by_lawyer(tree, cz_user, client_for, make_case, lawyer):
    make_case(tree.cz, number="A")
    make_case(tree.cz, number="B", handling="指派律师代理诉讼", lawyer=lawyer)
    response = client_for(cz_user).get(reverse("legal:cases") + f"?lawyer={lawyer.pk}")
    assert [c.number for c in response.context["page"]] == ["B"]


def test_the_list_query_count_does_not_grow_with_the_page(
    tree, cz_user, client_for, make_case, lawyer, django_assert_max_num_queries
):
    client = client_for(cz_user)
    make_case(tree.cz, handling="指派律师代理诉讼", lawyer=lawyer)
    client.get(reverse("legal:cases"))
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("legal:cases"))
    for _ in range(20):
        make_case(tree.cz_ent, handling="指派律师代理诉讼", lawyer=lawyer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("legal:cases"))


def test_the_detail_shows_the_note_and_the_timeline(tree, cz_user, client_for, make_case):
    case = make_case(tree.cz_ent, note="当事人住址:某某小区")
    client = client_for(cz_user)
    client.post(reverse("legal:case_status", args=[case.pk]), {"status": "处理中", "detail": "已联系单位"})
    html = client.get(reverse("legal:case", args=[case.pk])).content.decode()
    assert "当事人住址:某某小区" in html
    assert "已联系单位" in html


def test_closing_before_intake_is_refused_on_the_page(tree, cz_user, client_for, make_case):
    case = make_case(tree.cz, received_on=D(2018, 3, 1))
    response = client_for(cz_user).post(
        reverse("legal:case_status", args=[case.pk]), {"status": "结案", "closed_on": "2018-02-01"}
    )
    assert response.status_code == 400
    assert "结案日期不能早于受理日期" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "受理"


def test_edit_records_what_changed(tree, cz_user, client_for, make_case):
    case = make_case(tree.cz)
    client = client_for(cz_user)
    data = {
        "received_on": "2018-03-01",
        "channel": "来电",
        "persons": "4",
        "migrants": "0",
        "applicant_name": "梁宏强",
        "cause": "拖欠工资",
        "handling": "法律咨询",
        "organization": tree.cz.pk,
    }
    response = client.post(reverse("legal:case_edit", args=[case.pk]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.persons == 4
    assert case.events.get().detail == "涉及人数"


def test_the_detail_shows_every_change_before_and_after_with_who_even_a_bulk_one(
    tree, cz_user, client_for, make_case
):
    case = make_case(tree.cz, note="敏感内容")
    with pghistory.context(user=cz_user.pk):
        Case.objects.filter(pk=case.pk).update(persons=6, note="新的敏感内容")  # behind the form's back
    client = client_for(cz_user)
    response = client.get(reverse("legal:case", args=[case.pk]))
    [created, changed] = response.context["history"]
    assert [(str(c["field"]), c["before"], c["after"]) for c in changed["changes"]] == [("涉及人数", 1, 6)]
    assert changed["user"] == cz_user and created["changes"] == []
    html = response.content.decode()
    assert "1 → 6" in html and str(cz_user) in html
    assert "敏感内容 →" not in html  # the note's text is not repeated in the history


@pytest.mark.parametrize("name", ["legal:case", "legal:case_edit"])
def test_a_sibling_districts_case_is_a_404(tree, yf_user, ent_user, client_for, make_case, name):
    case = make_case(tree.cz)
    assert client_for(yf_user).get(reverse(name, args=[case.pk])).status_code == 404
    assert client_for(ent_user).get(reverse(name, args=[case.pk])).status_code == 404


def test_a_sibling_cannot_change_the_status(tree, yf_user, client_for, make_case):
    case = make_case(tree.cz)
    response = client_for(yf_user).post(reverse("legal:case_status", args=[case.pk]), {"status": "处理中"})
    assert response.status_code == 404


def test_cases_near_the_arbitration_limit_are_listed_by_days_left(tree, cz_user, client_for, make_case):
    today = timezone.localdate()
    make_case(tree.cz, number="NEAR", received_on=today - datetime.timedelta(days=355))
    make_case(
        tree.cz, number="PASSED", received_on=D(2018, 1, 1), dispute_on=today - datetime.timedelta(days=370)
    )
    make_case(tree.cz, number="FRESH", received_on=today)
    make_case(
        tree.cz,
        number="CLOSED",
        received_on=today - datetime.timedelta(days=355),
        status="结案",
        closed_on=today,
    )
    make_case(tree.yf, number="OTHER", received_on=today - datetime.timedelta(days=355))
    response = client_for(cz_user).get(reverse("legal:near_limit"))
    assert [(c.number, c.days_left) for c in response.context["cases"]] == [("PASSED", -5), ("NEAR", 10)]


def test_the_lawyers_page_counts_only_visible_cases(tree, cz_user, client_for, make_case, lawyer):
    make_case(tree.cz, handling="指派律师代理诉讼", lawyer=lawyer)
    make_case(
        tree.cz,
        handling="指派律师代理诉讼",
        lawyer=lawyer,
        status="结案",
        closed_on=D(2018, 4, 1),
        recovered=500,
    )
    make_case(tree.yf, handling="指派律师代理诉讼", lawyer=lawyer)
    client = client_for(cz_user)
    row = client.get(reverse("legal:lawyers")).context["lawyers"][0]
    assert (row.open_cases, row.closed_cases, row.recovered) == (1, 1, 500)
    response = client.post(
        reverse("legal:lawyers"), {"name": "许兰律师", "firm": "某所", "licence_number": "1"}
    )
    assert response.status_code == 302


def test_the_person_page_lists_the_cases_the_user_may_see(tree, cz_user, yf_user, client_for, make_case):
    person = PersonFactory(name="梁宏强")
    case = make_case(tree.cz, applicant=person)
    html = client_for(cz_user).get(reverse("people:detail", args=[person.pk])).content.decode()
    assert reverse("legal:case", args=[case.pk]) in html
    assert client_for(yf_user).get(reverse("people:detail", args=[person.pk])).status_code == 404
