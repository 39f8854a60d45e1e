"""The relief pages: lists, the household page, forms, and scoping (another district's record
is a 404)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from relief.models import CareService, FileState, HardshipFile, Payment, ProgramKind, ReliefProgram
from relief.services import payment_make
from tests.factories import PersonFactory
from tests.relief.conftest import file_form_data, make_file, make_program
from unionhub.orgs.roles import OFFICIAL

D = datetime.date


@pytest.fixture
def paid(relief):
    return relief.pay("FF1", cash=Decimal("2000"))


@pytest.fixture
def cz_service(tree):
    return CareService.objects.create(
        number="GA1", kind="暖流服务", point="柳州火车站", start=D(2018, 1, 2), end=D(2018, 2, 1),
        person_times=300, organization=tree.cz,
    )  # fmt: skip


def test_every_page_renders_for_district_staff(relief, paid, cz_service, cz_user, client_for):
    client = client_for(cz_user)
    urls = [
        reverse("relief:files"),
        reverse("relief:file", args=[relief.cz_file.pk]),
        reverse("relief:file_create"),
        reverse("relief:file_edit", args=[relief.cz_file.pk]),
        reverse("relief:programs"),
        reverse("relief:program", args=[relief.spring.pk]),
        reverse("relief:payments"),
        reverse("relief:payment", args=[paid.pk]),
        reverse("relief:payment_create") + f"?file={relief.cz_file.pk}",
        reverse("relief:services"),
        reverse("relief:service_create"),
        reverse("relief:service_edit", args=[cz_service.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(reverse("relief:file", args=[relief.cz_file.pk])).content.decode()
    assert "FF1" in body and relief.cz_person.masked_id in body
    assert relief.cz_person.id_number not in body


def test_file_list_shows_only_the_users_subtree_and_filters(relief, cz_user, client_for):
    client = client_for(cz_user)
    body = client.get(reverse("relief:files")).content.decode()
    assert "李困难" in body and "王困难" not in body
    body = client.get(reverse("relief:files"), {"state": "待认定"}).content.decode()
    assert "李困难" not in body
    body = client.get(reverse("relief:files"), {"q": "李"}).content.decode()
    assert "李困难" in body


def test_file_search_by_id_number_is_a_post_answering_masked_and_a_name_stays_a_get(
    relief, cz_user, client_for
):
    client = client_for(cz_user)
    response = client.post(reverse("relief:file_lookup"), {"q": relief.cz_person.id_number.lower()})
    html = response.content.decode()
    assert response.status_code == 200 and list(response.context["page"]) == [relief.cz_file]
    assert relief.cz_person.masked_id in html and relief.cz_person.id_number not in html
    response = client.post(reverse("relief:file_lookup"), {"q": relief.yf_person.id_number})
    assert list(response.context["page"]) == []
    response = client.post(reverse("relief:file_lookup"), {"q": "李"})
    assert response.status_code == 302 and response["Location"].endswith("?q=%E6%9D%8E")
    assert list(client.get(response["Location"]).context["page"]) == [relief.cz_file]
    # An ID number typed into the URL by hand finds nothing: the GET searches names only.
    response = client.get(reverse("relief:files"), {"q": relief.cz_person.id_number})
    assert list(response.context["page"]) == []


def test_file_list_query_count_does_not_grow_with_rows(
    relief, tree, cz_user, client_for, django_assert_max_num_queries
):
    client = client_for(cz_user)
    client.get(reverse("relief:files"))
    for _ in range(15):
        make_file(PersonFactory(), tree.cz)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("relief:files")).status_code == 200


def test_payment_list_query_count_does_not_grow_with_rows(
    relief, tree, cz_user, client_for, django_assert_max_num_queries
):
    for i in range(10):
        person = PersonFactory()
        make_file(person, tree.cz)
        payment_make(
            program=relief.spring, number=f"P{i}", person=person, cash=Decimal("100"), paid_on=D(2018, 2, 1)
        )
    client = client_for(cz_user)
    client.get(reverse("relief:payments"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("relief:payments")).status_code == 200


def test_sibling_districts_records_are_404(relief, paid, cz_service, yf_user, client_for):
    client = client_for(yf_user)
    for url in [
        reverse("relief:file", args=[relief.cz_file.pk]),
        reverse("relief:file_edit", args=[relief.cz_file.pk]),
        reverse("relief:payment", args=[paid.pk]),
        reverse("relief:service_edit", args=[cz_service.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("relief:file_verify", args=[relief.cz_file.pk]),
        reverse("relief:file_exit", args=[relief.cz_file.pk]),
        reverse("relief:payment_correct", args=[paid.pk]),
    ]:
        assert (
            client.post(url, {"verified_on": "2018-03-01", "exited_on": "2018-03-01"}).status_code == 404
        ), url


def test_a_districts_own_program_is_404_for_the_sibling_and_a_city_program_is_usable_by_both(
    relief, tree, cz_user, yf_user, client_for
):
    cz_program = make_program(ProgramKind.OTHER, org=tree.cz)
    assert client_for(yf_user).get(reverse("relief:program", args=[cz_program.pk])).status_code == 404
    assert client_for(cz_user).get(reverse("relief:program", args=[cz_program.pk])).status_code == 200
    assert client_for(yf_user).get(reverse("relief:program", args=[relief.spring.pk])).status_code == 200
    # ...but only the city may change the city's program
    assert client_for(yf_user).get(reverse("relief:program_edit", args=[relief.spring.pk])).status_code == 403


def test_anonymous_is_sent_to_login(relief, client):
    response = client.get(reverse("relief:files"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_new_file_from_the_form_is_pending_and_names_its_person(tree, cz_user, client_for):
    from tests.factories import make_id_number

    number = make_id_number()
    response = client_for(cz_user).post(
        reverse("relief:file_create"),
        file_form_data(tree.cz, number, "赵新"),
    )
    file = HardshipFile.objects.get(person__id_number=number)
    assert response.status_code == 302
    assert file.state == FileState.PENDING and file.organization == tree.cz
    assert file.person.name == "赵新"


def test_file_form_refuses_another_districts_organization(tree, cz_user, client_for):
    from tests.factories import make_id_number

    response = client_for(cz_user).post(
        reverse("relief:file_create"),
        file_form_data(tree.yf, make_id_number(), "赵新", household_size="0", income_per_head="-1"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"organization", "household_size", "income_per_head"} <= set(errors)
    assert not HardshipFile.objects.filter(person__name="赵新").exists()


def test_payment_form_pays_a_verified_file(relief, tree, cz_user, client_for):
    response = client_for(cz_user).post(
        reverse("relief:payment_create"),
        {
            "program": relief.spring.pk,
            "number": "FF9",
            "person": relief.cz_person.id_number,
            "cash": "1500",
            "paid_on": "2018-02-01",
        },
    )
    payment = Payment.objects.get(number="FF9")
    assert response.status_code == 302
    assert payment.created_by == cz_user and payment.organization == tree.cz


def test_payment_form_opened_from_a_file_shows_the_masked_number_and_pays_that_person(
    relief, tree, cz_user, client_for
):
    client = client_for(cz_user)
    url = reverse("relief:payment_create") + f"?file={relief.cz_file.pk}"
    body = client.get(url).content.decode()
    assert relief.cz_person.id_number not in body
    assert relief.cz_person.masked_id in body
    assert f'name="file" value="{relief.cz_file.pk}"' in body
    data = {
        "program": relief.spring.pk,
        "number": "FF8",
        "person": "",
        "cash": "1200",
        "paid_on": "2018-02-01",
    }
    response = client.post(url, {**data, "file": relief.cz_file.pk})
    assert response.status_code == 302
    assert Payment.objects.get(number="FF8").person == relief.cz_person


def test_payment_form_refuses_a_file_of_another_district_in_its_hidden_field(relief, cz_user, client_for):
    client = client_for(cz_user)
    assert client.get(reverse("relief:payment_create") + f"?file={relief.yf_file.pk}").status_code == 404
    data = {"program": relief.spring.pk, "number": "FF7", "cash": "1200", "paid_on": "2018-02-01"}
    response = client.post(reverse("relief:payment_create"), {**data, "file": relief.yf_file.pk})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert relief.yf_person.masked_id not in response.content.decode()
    assert not Payment.objects.filter(number="FF7").exists()


@pytest.mark.parametrize(
    ("case", "field", "rule"),
    [
        ("unverified", "person", "须持有发放日期当天有效的已认定困难职工档案"),
        ("exited", "person", "须持有发放日期当天有效的已认定困难职工档案"),
        ("second", "person", "同一项目每人只能发放一次"),
        ("cap", "cash", "不得超过项目单笔上限"),
        ("budget", "cash", "项目发放总额不得超过预算"),
        ("sibling", "person", "无法在本组织办理,请联系上级工会"),
    ],
)
def test_payment_form_refuses_each_rule_beside_its_field_and_writes_nothing(
    relief, tree, cz_user, client_for, case, field, rule
):
    person, cash = relief.cz_person, "1000"
    if case == "unverified":
        person = PersonFactory()
        make_file(person, tree.cz, state=FileState.PENDING)
    elif case == "exited":
        person = PersonFactory()
        make_file(person, tree.cz, state=FileState.EXITED, exited_on=D(2018, 1, 20))
    elif case == "second":
        payment_make(
            program=relief.spring, number="X1", person=person, cash=Decimal("100"), paid_on=D(2018, 1, 15)
        )
    elif case == "cap":
        cash = "3000.01"
    elif case == "budget":
        ReliefProgram.objects.filter(pk=relief.spring.pk).update(budget=Decimal("999"))
    elif case == "sibling":
        person = relief.yf_person
    before = Payment.objects.count()
    response = client_for(cz_user).post(
        reverse("relief:payment_create"),
        {
            "program": relief.spring.pk,
            "number": "FF9",
            "person": person.id_number,
            "cash": cash,
            "paid_on": "2018-02-01",
        },
    )
    assert response.status_code == 200
    assert rule in " ".join(response.context["form"].errors[field])
    assert Payment.objects.count() == before


def test_official_may_look_but_not_pay_or_verify(relief, tree, make_user, client_for):
    official = make_user(tree.cz, OFFICIAL)
    client = client_for(official)
    assert client.get(reverse("relief:file", args=[relief.cz_file.pk])).status_code == 200
    assert client.get(reverse("relief:payment_create")).status_code == 403
    pending = make_file(PersonFactory(), tree.cz, state=FileState.PENDING)
    assert (
        client.post(
            reverse("relief:file_verify", args=[pending.pk]), {"verified_on": "2018-02-01"}
        ).status_code
        == 403
    )
    pending.refresh_from_db()
    assert pending.state == FileState.PENDING
