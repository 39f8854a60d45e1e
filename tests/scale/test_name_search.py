"""Searching members by name: a surname, the start or end of a name (a given name), or any three
characters of it, each served by an index of people_person.name at city scale."""

import pytest
from django.urls import reverse

from members.models import Member

from .builders import members


@pytest.fixture
def named(tree):
    names = ["张建国", "李建国", "张伟", "建国强", "王小建国", "欧阳建华", "韦伟"]
    found = {}
    for name, member in zip(names, members(tree.cz, len(names)), strict=True):
        member.person.name = name
        member.person.save(update_fields=["name"])
        found[name] = member
    return found


def names_found(client, q):
    response = client.get(reverse("members:list"), {"q": q})
    assert response.status_code == 200
    return sorted(m.person.name for m in response.context["page"])


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("张", ["张伟", "张建国"]),  # a surname: the start
        ("建国", ["张建国", "建国强", "李建国", "王小建国"]),  # two characters: the start or the end
        ("伟", []),  # one character is a surname only
        ("小建国", ["王小建国"]),  # three or more: anywhere
        ("阳建华", ["欧阳建华"]),
        ("欧阳", ["欧阳建华"]),
    ],
)
def test_a_name_search_finds_the_surname_the_given_name_or_a_substring(
    q, expected, named, cz_user, client_for
):
    assert names_found(client_for(cz_user), q) == sorted(expected)


def test_a_name_search_stays_in_the_users_subtree(named, tree, yf_user, client_for):
    assert Member.objects.filter(person__name="张建国").exists()
    assert names_found(client_for(yf_user), "建国") == []


def test_a_two_character_name_with_more_people_than_the_cap_is_still_found(
    named, cz_user, client_for, monkeypatch
):
    # Past NAME_IDS_CAP people, the search joins instead of listing their ids: the same answer.
    from members import selectors

    monkeypatch.setattr(selectors, "NAME_IDS_CAP", 1)
    assert names_found(client_for(cz_user), "建国") == sorted(["张建国", "建国强", "李建国", "王小建国"])
