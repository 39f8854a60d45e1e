"""Writes on member cards (issue, report lost, reissue, cancel) and perk days.

Every path (forms, admin, import) goes through the model's rule that a member holds at most one
card in force (正常 or 挂失); these services lock the member's cards so that two concurrent
requests cannot both pass the check, and the partial unique index backs it in the database.
"""

import datetime

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.models import Member
from unionhub.core.history import history_user
from unionhub.orgs.scoping import org_visible_to, require_scope

from .models import IN_FORCE, CardStatus, MemberCard, Merchant, PerkDay, PerkSale, Store


def _check_scope(member: Member, by) -> None:
    if by is not None and not org_visible_to(by, member.organization):
        raise ValidationError(_("该会员不在您的管辖范围内"))


def _card_in_force(member: Member) -> MemberCard | None:
    return MemberCard.objects.select_for_update().filter(member=member, status__in=IN_FORCE).first()


def _new_card(*, member: Member, number: str, issued_on: datetime.date, replaces=None) -> MemberCard:
    card = MemberCard(member=member, number=number, issued_on=issued_on, replaces=replaces)
    card.full_clean(exclude=["member", "replaces"])
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError:
        # Lost a race against another request issuing the same number or a card to the same member.
        raise ValidationError(_("卡号已被使用,或该会员已有在用的会员卡"))
    return card


def _context(by):
    return pghistory.context(user=history_user(by))


def card_issue(*, member: Member, number: str, issued_on: datetime.date, by) -> MemberCard:
    """Issue a first card (or a new one after the last was cancelled)."""
    _check_scope(member, by)
    with transaction.atomic(), _context(by):
        Member.objects.select_for_update().filter(pk=member.pk).first()
        current = _card_in_force(member)
        if current is not None:
            raise ValidationError(
                _("该会员已有在用的会员卡(卡号%(number)s,%(status)s),请先挂失补办或注销")
                % {"number": current.number, "status": current.get_status_display()}
            )
        return _new_card(member=member, number=number, issued_on=issued_on)


def _locked(card: MemberCard, by) -> MemberCard:
    """The card's row, locked, of a member of `by`'s subtree."""
    locked = MemberCard.objects.select_for_update().select_related("member__organization").get(pk=card.pk)
    _check_scope(locked.member, by)
    return locked


def _set_status(card: MemberCard, status: str) -> None:
    card.status = status
    card.save(update_fields=["status"])


def card_report_lost(*, card: MemberCard, by) -> MemberCard:
    """挂失: the card stops working but stays the member's card until it is reissued or cancelled."""
    with transaction.atomic(), _context(by):
        card = _locked(card, by)
        if card.status != CardStatus.ACTIVE:
            raise ValidationError(
                _("只有状态为“正常”的卡可以挂失,该卡当前为“%s”") % card.get_status_display()
            )
        _set_status(card, CardStatus.LOST)
        return card


def card_reissue(*, card: MemberCard, number: str, issued_on: datetime.date, by) -> MemberCard:
    """补办: cancel the lost card and issue a new one that records which card it replaces."""
    with transaction.atomic(), _context(by):
        card = _locked(card, by)
        if card.status != CardStatus.LOST:
            raise ValidationError(_("只有已挂失的卡可以补办,请先挂失"))
        if issued_on < card.issued_on:
            raise ValidationError(_("补办日期不能早于原卡的发卡日期"))
        _set_status(card, CardStatus.CANCELLED)
        return _new_card(member=card.member, number=number, issued_on=issued_on, replaces=card)


def card_cancel(*, card: MemberCard, by) -> MemberCard:
    """注销: the card is out of force for good; the member may be issued a new one."""
    with transaction.atomic(), _context(by):
        card = _locked(card, by)
        if card.status == CardStatus.CANCELLED:
            raise ValidationError(_("该卡已注销"))
        _set_status(card, CardStatus.CANCELLED)
        return card


# -- perk days --------------------------------------------------------------------------------


def may_create_perk_day(user) -> bool:
    """A perk day is city-wide (every district sees its name and enters its sales), so only the
    city federation creates one: a user of the tree's root organization, or a superuser."""
    if user is None:
        return True  # the command line and the tests' fixtures
    if user.is_superuser:
        return True
    org = getattr(user, "organization", None)
    return org is not None and org.parent_id is None and user.has_perm("perks.add_perkday")


def perk_day_create(*, day: PerkDay, by) -> PerkDay:
    if not may_create_perk_day(by):
        raise PermissionDenied
    return _save(day, by)


def _save(obj, by):
    """Validate and save `obj`, its history naming `by`."""
    obj.full_clean()
    with _context(by):
        obj.save()
    return obj


# --- merchants, stores and perk-day sales ------------------------------------------------------
# Every write re-checks that what it touches lies in the writer's subtree (require_scope: for a
# record already saved, its stored organization too).


@transaction.atomic
def merchant_save(*, merchant: Merchant, by) -> Merchant:
    require_scope(by, merchant)
    return _save(merchant, by)


@transaction.atomic
def store_save(*, store: Store, by) -> Store:
    require_scope(by, store.merchant.organization)
    return _save(store, by)


@transaction.atomic
def perk_sale_save(*, sale: PerkSale, by) -> PerkSale:
    """A merchant's sales on a perk day (money: its history names who saved it)."""
    require_scope(by, sale)
    return _save(sale, by)
