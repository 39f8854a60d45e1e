"""The relief forms are no oracle into other districts (issue 15, item 5): typing another
district's person's ID number says only that the number cannot be used here, in the same words
and on the same page as a number nobody has, whatever that person's file, state and dates."""

import datetime

import pytest
from django.urls import reverse

from relief.models import FileState, HardshipFile, Payment
from tests.factories import PersonFactory, make_id_number
from tests.pages import NOT_HERE
from tests.pages import page_as_seen as page
from tests.relief.conftest import file_form_data, make_file

D = datetime.date


def post_payment(client, relief, number):
    data = {
        "program": relief.spring.pk,
        "number": "FF9",
        "person": number,
        "cash": "100",
        "paid_on": "2018-02-01",
    }
    return client.post(reverse("relief:payment_create"), data)


def test_the_payment_form_answers_the_same_for_anyone_of_another_district_and_for_nobody(
    relief, tree, cz_user, client_for
):
    client = client_for(cz_user)
    exited = PersonFactory(name="已脱困")
    make_file(exited, tree.yf, state=FileState.EXITED, exited_on=D(2017, 1, 23), filed_on=D(2016, 3, 1))
    pending = PersonFactory(name="待认定")
    make_file(pending, tree.yf, state=FileState.PENDING)
    fileless = PersonFactory(name="无档案")
    nobody = make_id_number(seq=901)
    numbers = [relief.yf_person.id_number, exited.id_number, pending.id_number, fileless.id_number, nobody]
    responses = [post_payment(client, relief, n) for n in numbers]
    for response in responses:
        assert response.status_code == 200
        assert response.context["form"].errors["person"] == [NOT_HERE]
    pages = {page(r, n) for r, n in zip(responses, numbers, strict=True)}
    assert len(pages) == 1  # not one character tells them apart
    assert "2017-01-23" not in pages.pop()
    assert not Payment.objects.exists()


def test_a_person_of_ones_own_district_is_still_told_what_is_missing(relief, tree, cz_user, client_for):
    person = PersonFactory()
    make_file(person, tree.cz, state=FileState.EXITED, exited_on=D(2018, 1, 20))
    response = post_payment(client_for(cz_user), relief, person.id_number)
    assert "脱困" in " ".join(response.context["form"].errors["person"])


@pytest.mark.parametrize("name", ["王困难", "王某某"])  # the name on record, and another one
def test_the_file_form_says_only_not_here_for_a_person_with_a_file_elsewhere_this_year(
    relief, tree, cz_user, client_for, name
):
    number = relief.yf_person.id_number
    response = client_for(cz_user).post(reverse("relief:file_create"), file_form_data(tree.cz, number, name))
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == [NOT_HERE]
    assert (
        "王困难" not in page(response, name) and relief.yf_person.masked_id not in response.content.decode()
    )
    assert HardshipFile.objects.filter(person=relief.yf_person).count() == 1


def test_the_file_form_answers_a_name_mismatch_elsewhere_like_a_file_elsewhere(
    relief, tree, cz_user, client_for
):
    client = client_for(cz_user)
    stranger = PersonFactory(name="钱某")  # known to the city, with no role in 城中区
    a = client.post(reverse("relief:file_create"), file_form_data(tree.cz, stranger.id_number, "孙某"))
    b = client.post(
        reverse("relief:file_create"), file_form_data(tree.cz, relief.yf_person.id_number, "孙某")
    )
    assert page(a, stranger.id_number) == page(b, relief.yf_person.id_number)
    assert a.context["form"].errors["id_number"] == [NOT_HERE]
