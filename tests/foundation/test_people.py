"""Person pages: the ID number is masked, the full number needs a permission, a POST, and is logged."""

import pytest

from unionhub.people.models import FullIdView

ID = "45020219850615123X"  # a valid number: region 450202, born 1985-06-15
MASKED = "450202********123X"


@pytest.fixture
def person(tree, person_in):
    return person_in(tree.cz, id_number=ID, name="李四")


def test_detail_page_shows_the_masked_number_only(person, cz_user, client_for):
    r = client_for(cz_user).get(f"/people/{person.pk}/")
    assert r.status_code == 200
    body = r.content.decode()
    assert MASKED in body
    assert ID not in body
    assert "19850615" not in body


def test_detail_page_is_not_cached(person, cz_user, client_for):
    r = client_for(cz_user).get(f"/people/{person.pk}/")
    assert r["Cache-Control"] == "no-store"


def test_birth_date_and_sex_come_from_the_number(person):
    assert str(person.birth_date) == "1985-06-15"
    assert person.sex == "男"  # 17th digit 3 is odd


def test_reveal_button_is_shown_only_with_the_permission(person, tree, make_user, cz_user, client_for):
    allowed = make_user(tree.cz, perms=["people.view_full_id"])
    assert "查看完整号码" in client_for(allowed).get(f"/people/{person.pk}/").content.decode()
    assert "查看完整号码" not in client_for(cz_user).get(f"/people/{person.pk}/").content.decode()


def test_full_number_is_shown_and_logged(person, tree, make_user, client_for):
    allowed = make_user(tree.cz, perms=["people.view_full_id"])
    r = client_for(allowed).post(f"/people/{person.pk}/full-id/")
    assert r.status_code == 200
    assert ID in r.content.decode()
    log = FullIdView.objects.get()
    assert (log.user, log.person) == (allowed, person)
    assert log.viewed_at is not None


def test_full_number_needs_the_permission(person, cz_user, client_for):
    r = client_for(cz_user).post(f"/people/{person.pk}/full-id/")
    assert r.status_code == 403
    assert ID not in r.content.decode()
    assert not FullIdView.objects.exists()


def test_full_number_is_never_sent_for_a_get(person, tree, make_user, client_for):
    allowed = make_user(tree.cz, perms=["people.view_full_id"])
    r = client_for(allowed).get(f"/people/{person.pk}/full-id/")
    assert r.status_code == 405
    assert not FullIdView.objects.exists()


def test_full_number_of_a_person_outside_the_subtree_is_404(person, tree, make_user, client_for):
    sibling = make_user(tree.yf, perms=["people.view_full_id"])
    assert client_for(sibling).post(f"/people/{person.pk}/full-id/").status_code == 404
    assert not FullIdView.objects.exists()


def test_person_outside_the_subtree_is_404(person, yf_user, ent_user, city_user, client_for):
    assert client_for(yf_user).get(f"/people/{person.pk}/").status_code == 404
    assert client_for(ent_user).get(f"/people/{person.pk}/").status_code == 404
    assert client_for(city_user).get(f"/people/{person.pk}/").status_code == 200


def test_anonymous_is_sent_to_login(person, client):
    r = client.get(f"/people/{person.pk}/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/login/")
    assert client.post(f"/people/{person.pk}/full-id/").status_code == 302
