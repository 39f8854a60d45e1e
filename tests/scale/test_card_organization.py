"""A member card carries its member's organization (so a subtree's cards need no join through the
members), and the database keeps the copy right whoever writes: the ORM, bulk writes, a change
of the card's member, a member's transfer."""

import datetime

import pytest

from members.services import transfer_record
from perks.models import MemberCard

from .builders import members


@pytest.fixture
def member(tree):
    return members(tree.cz_ent, 1)[0]


def card(member, number="62170010000001", **kwargs):
    return MemberCard.objects.create(
        number=number, member=member, issued_on=datetime.date(2018, 5, 1), **kwargs
    )


def org_of(card) -> int:
    return MemberCard.objects.values_list("organization_id", flat=True).get(pk=card.pk)


def test_a_new_card_takes_its_members_organization(member, tree):
    assert org_of(card(member)) == tree.cz_ent.pk


def test_cards_written_in_bulk_take_their_members_organization(tree):
    ms = members(tree.yf, 3)
    MemberCard.objects.bulk_create(
        MemberCard(number=f"6217001000010{i}", member=m, issued_on=datetime.date(2018, 5, 1))
        for i, m in enumerate(ms)
    )
    assert set(MemberCard.objects.values_list("organization_id", flat=True)) == {tree.yf.pk}


def test_a_members_transfer_moves_their_cards(member, tree):
    old = card(member, status=MemberCard.Status.CANCELLED)
    new = card(member, number="62170010000002", replaces=old)
    # Only a transfer moves a member (the database refuses a bare change of organization).
    transfer_record(
        member=member, from_organization=tree.cz_ent, to_organization=tree.yf, date=datetime.date(2019, 1, 1),
        new_employer=None,
    )  # fmt: skip
    assert org_of(old) == org_of(new) == tree.yf.pk
    assert MemberCard.objects.within(tree.cz).count() == 0
    assert MemberCard.objects.within(tree.yf).count() == 2
    # The report still counts both cards where the member was on their 发卡日期 (2018-05-01).
    assert set(MemberCard.objects.values_list("issued_organization_id", flat=True)) == {tree.cz_ent.pk}


def test_a_card_given_to_another_member_takes_that_members_organization(member, tree):
    c = card(member)
    other = members(tree.yf, 1)[0]
    MemberCard.objects.filter(pk=c.pk).update(member=other)
    assert org_of(c) == tree.yf.pk


def test_the_copy_cannot_be_set_apart_from_the_member(member, tree):
    c = card(member)
    MemberCard.objects.filter(pk=c.pk).update(organization=tree.yf)
    assert org_of(c) == tree.cz_ent.pk


def test_a_district_sees_the_cards_of_its_enterprise_unions_and_not_a_siblings(member, tree):
    c = card(member)
    assert list(MemberCard.objects.within(tree.cz)) == [c]
    assert not MemberCard.objects.within(tree.yf).exists()
