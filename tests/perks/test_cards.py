import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from perks.models import MemberCard
from perks.services import card_cancel, card_issue, card_reissue, card_report_lost

S = MemberCard.Status
D = datetime.date(2018, 5, 1)


@pytest.fixture
def member(tree, make_member):
    return make_member(tree.cz)


def test_issue_gives_a_member_an_active_card(member, cz_user):
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    assert card.status == S.ACTIVE
    assert card.member == member


def test_second_card_for_a_member_with_a_card_in_force_is_refused(member, cz_user):
    card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    with pytest.raises(ValidationError, match="已有在用的会员卡"):
        card_issue(member=member, number="62170010000002", issued_on=D, by=cz_user)
    assert member.cards.count() == 1


def test_a_lost_card_is_still_in_force_so_a_plain_new_card_is_refused(member, cz_user):
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    card_report_lost(card=card, by=cz_user)
    with pytest.raises(ValidationError, match="挂失补办"):
        card_issue(member=member, number="62170010000002", issued_on=D, by=cz_user)


def test_database_refuses_two_cards_in_force_for_one_member(member, make_card):
    make_card(member, status=S.LOST)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_card(member, status=S.ACTIVE)


def test_database_allows_any_number_of_cancelled_cards(member, make_card):
    make_card(member, status=S.CANCELLED)
    make_card(member, status=S.CANCELLED)
    make_card(member, status=S.ACTIVE)
    assert member.cards.count() == 3


def test_card_numbers_are_unique(tree, make_member, cz_user):
    card_issue(member=make_member(tree.cz), number="62170010000001", issued_on=D, by=cz_user)
    with pytest.raises(ValidationError, match="卡号已被使用"):
        card_issue(member=make_member(tree.cz), number="62170010000001", issued_on=D, by=cz_user)


def test_card_numbers_are_digits_only(member, cz_user):
    with pytest.raises(ValidationError, match="数字"):
        card_issue(member=member, number="6217A", issued_on=D, by=cz_user)


def test_lost_and_reissued_card_keeps_the_old_card_as_history(member, cz_user):
    old = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    card_report_lost(card=old, by=cz_user)
    new = card_reissue(card=old, number="62170010000002", issued_on=datetime.date(2018, 6, 1), by=cz_user)
    old.refresh_from_db()
    assert old.status == S.CANCELLED
    assert new.status == S.ACTIVE
    assert new.replaces == old
    assert list(member.cards.order_by("issued_on").values_list("number", "status")) == [
        ("62170010000001", S.CANCELLED),
        ("62170010000002", S.ACTIVE),
    ]


def test_status_changes_are_recorded_in_history(member, cz_user):
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    card_report_lost(card=card, by=cz_user)
    card_cancel(card=card, by=cz_user)
    assert list(card.status_events.order_by("pgh_id").values_list("status", flat=True)) == [
        S.LOST,
        S.CANCELLED,
    ]


def test_reissue_needs_the_card_reported_lost_first(member, cz_user):
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    with pytest.raises(ValidationError, match="先挂失"):
        card_reissue(card=card, number="62170010000002", issued_on=D, by=cz_user)


def test_failed_reissue_leaves_the_lost_card_as_it_was(member, make_card, cz_user):
    make_card(member, status=S.CANCELLED, number="62170010000009")
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    card_report_lost(card=card, by=cz_user)
    with pytest.raises(ValidationError, match="卡号已被使用"):
        card_reissue(card=card, number="62170010000009", issued_on=D, by=cz_user)
    card.refresh_from_db()
    assert card.status == S.LOST


def test_only_an_active_card_can_be_reported_lost(member, make_card, cz_user):
    card = make_card(member, status=S.CANCELLED)
    with pytest.raises(ValidationError, match="正常"):
        card_report_lost(card=card, by=cz_user)


def test_cancelled_card_frees_the_member_for_a_new_card(member, cz_user):
    card = card_issue(member=member, number="62170010000001", issued_on=D, by=cz_user)
    card_cancel(card=card, by=cz_user)
    with pytest.raises(ValidationError, match="已注销"):
        card_cancel(card=card, by=cz_user)
    assert card_issue(member=member, number="62170010000002", issued_on=D, by=cz_user).status == S.ACTIVE


def test_a_user_cannot_act_on_a_sibling_districts_member(member, yf_user):
    with pytest.raises(ValidationError, match="管辖范围"):
        card_issue(member=member, number="62170010000001", issued_on=D, by=yf_user)
