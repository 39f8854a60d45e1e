"""Membership over time (domain.md "Membership over time"): periods kept by the database,
transfers started, accepted, declined and withdrawn, leaving, and every members figure at as_of
computed from the periods, so a report for a past day never moves."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from members import services
from members.models import Member, MembershipPeriod, Transfer
from members.report import figures
from tests.sections import column

D = datetime.date
AS_OF = D(2018, 12, 31)


@pytest.fixture
def staff(tree, make_user):
    return {"cz": make_user(tree.cz), "yf": make_user(tree.yf), "city": make_user(tree.city)}


def periods(member):
    return [(p.organization.code, p.start, p.end) for p in member.periods.select_related("organization")]


def move(member, to_org, day, by_from, by_to, employer=None):
    t = services.transfer_start(
        member=member, to_organization=to_org, date=day, new_employer=employer, by=by_from
    )
    return services.transfer_accept(transfer=t, by=by_to)


# --- the periods -----------------------------------------------------------------------------


def test_a_new_member_has_one_open_period_from_the_join_date(tree, make_member, make_employer):
    e = make_employer(tree.cz)
    m = make_member(tree.cz, join_date=D(2016, 3, 1), employer=e)
    assert periods(m) == [("LZ-CZ", D(2016, 3, 1), None)]
    assert m.periods.get().employer == e


def test_the_database_refuses_a_second_open_period(tree, make_member):
    m = make_member(tree.cz)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipPeriod.objects.create(member=m, organization=tree.yf, start=D(2019, 1, 1), transfer=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        t = Transfer.objects.create(
            member=m, from_organization=tree.cz, to_organization=tree.yf, date=D(2019, 1, 1), state="已转入"
        )
        MembershipPeriod.objects.create(member=m, organization=tree.yf, start=D(2019, 1, 1), transfer=t)


def test_the_database_refuses_overlapping_periods_and_deleting_them(tree, make_member):
    m = make_member(tree.cz, join_date=D(2015, 1, 1))
    first = m.periods.get()
    first.end = D(2018, 1, 1)
    first.save()
    t = Transfer.objects.create(
        member=m, from_organization=tree.cz, to_organization=tree.yf, date=D(2017, 6, 1), state="已转入"
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # 2017-06-01 lies inside the first
        MembershipPeriod.objects.create(member=m, organization=tree.yf, start=D(2017, 6, 1), transfer=t)
    with pytest.raises(DatabaseError), transaction.atomic():
        MembershipPeriod.objects.filter(member=m).delete()


def test_the_organization_changes_only_through_a_transfer(tree, make_member):
    m = make_member(tree.cz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=m.pk).update(organization=tree.yf)
    m.refresh_from_db()
    assert m.organization == tree.cz


def test_an_accepted_transfer_closes_the_period_and_opens_the_next(tree, make_member, make_employer, staff):
    old, new = make_employer(tree.cz), make_employer(tree.yf)
    m = make_member(tree.cz, join_date=D(2015, 1, 1), employer=old)
    t = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=new, by=staff["cz"]
    )
    m.refresh_from_db()
    assert (m.organization, t.state) == (tree.cz, "待接收")  # nothing moves before acceptance
    assert periods(m) == [("LZ-CZ", D(2015, 1, 1), None)]
    services.transfer_accept(transfer=t, by=staff["yf"])
    m.refresh_from_db()
    assert (m.organization, m.employer, m.status, m.join_date) == (tree.yf, new, "在会", D(2015, 1, 1))
    assert periods(m) == [("LZ-CZ", D(2015, 1, 1), D(2019, 3, 1)), ("LZ-YF", D(2019, 3, 1), None)]
    t.refresh_from_db()
    assert (t.state, t.decided_by) == ("已转入", staff["yf"])


def test_declined_and_withdrawn_transfers_change_nothing(tree, make_member, staff):
    m = make_member(tree.cz)
    t = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    with pytest.raises(ValidationError) as exc:
        services.transfer_decline(transfer=t, by=staff["yf"], reason="  ")
    assert "拒绝转接须填写理由" in str(exc.value)
    services.transfer_decline(transfer=t, by=staff["yf"], reason="查无此人")
    t2 = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    with pytest.raises(PermissionDenied):  # the receiving side cannot withdraw
        services.transfer_withdraw(transfer=t2, by=staff["yf"])
    services.transfer_withdraw(transfer=t2, by=staff["cz"])
    m.refresh_from_db()
    assert m.organization == tree.cz
    assert periods(m) == [("LZ-CZ", D(2015, 1, 1), None)]
    assert list(Transfer.objects.order_by("pk").values_list("state", "reason")) == [
        ("已拒绝", "查无此人"),
        ("已撤回", ""),
    ]


# --- bad input -------------------------------------------------------------------------------


def refusal(fn, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        fn(**kwargs)
    return " ".join(exc.value.messages)


def test_bad_transfers_are_refused_with_a_reason_and_write_nothing(tree, make_member, staff):
    m = make_member(tree.cz, join_date=D(2015, 1, 1))
    start = services.transfer_start
    future = datetime.date.today() + datetime.timedelta(days=1)
    kw = {"member": m, "new_employer": None, "by": staff["cz"]}
    assert "转入组织不能与会员当前所属组织相同" in refusal(
        start, to_organization=tree.cz, date=D(2019, 1, 1), **kw
    )
    assert "转接日期不能晚于今天" in refusal(start, to_organization=tree.yf, date=future, **kw)
    assert "转接日期不能早于入会日期2015-01-01" in refusal(
        start, to_organization=tree.yf, date=D(2014, 1, 1), **kw
    )
    move(m, tree.yf, D(2018, 5, 1), staff["cz"], staff["yf"])
    m.refresh_from_db()
    kw = {"member": m, "new_employer": None, "by": staff["yf"]}
    assert "转接日期须晚于该会员上一次转接的日期2018-05-01" in refusal(
        start, to_organization=tree.cz, date=D(2018, 5, 1), **kw
    )
    services.member_leave(
        member=m, status="退会", leave_date=D(2019, 1, 1), reason="本人申请", by=staff["yf"]
    )
    m.refresh_from_db()
    assert "该会员已于2019-01-01退会,转接日期当天不在会" in refusal(
        start, to_organization=tree.cz, date=D(2019, 2, 1), **kw
    )
    assert Transfer.objects.count() == 1


def test_accepting_twice_or_after_withdrawal_is_refused(tree, make_member, staff):
    m = make_member(tree.cz)
    t = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    services.transfer_accept(transfer=t, by=staff["yf"])
    msg = refusal(services.transfer_accept, transfer=t, by=staff["city"])
    assert "处理为“已转入”,不能再处理" in msg
    m.refresh_from_db()
    t2 = services.transfer_start(
        member=m, to_organization=tree.cz, date=D(2019, 6, 1), new_employer=None, by=staff["yf"]
    )
    services.transfer_withdraw(transfer=t2, by=staff["yf"])
    assert "不能再处理" in refusal(services.transfer_accept, transfer=t2, by=staff["cz"])
    m.refresh_from_db()
    assert m.organization == tree.yf
    assert len(periods(m)) == 2


def test_only_the_receiving_side_accepts(tree, make_member, staff):
    m = make_member(tree.cz)
    t = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    with pytest.raises(PermissionDenied):
        services.transfer_accept(transfer=t, by=staff["cz"])
    with pytest.raises(PermissionDenied):  # and only the member's side starts one
        services.transfer_start(
            member=m, to_organization=tree.cz, date=D(2019, 3, 1), new_employer=None, by=staff["yf"]
        )


def test_one_pending_transfer_and_no_leaving_while_it_is_pending(tree, make_member, staff):
    m = make_member(tree.cz)
    services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    assert "已有一件待接收的转接" in refusal(
        services.transfer_start,
        member=m,
        to_organization=tree.city,
        date=D(2019, 3, 2),
        new_employer=None,
        by=staff["cz"],
    )
    assert "该会员有待接收的转接" in refusal(
        services.member_leave, member=m, status="转出", leave_date=D(2019, 4, 1), reason="", by=staff["cz"]
    )
    m.refresh_from_db()
    assert (m.status, m.leave_date) == ("在会", None)


def test_leaving_ends_the_period_and_is_refused_twice_or_before_the_period(tree, make_member, staff):
    m = make_member(tree.cz, join_date=D(2015, 1, 1))
    move(m, tree.yf, D(2018, 5, 1), staff["cz"], staff["yf"])
    m.refresh_from_db()
    assert "离会日期不能早于2018-05-01" in refusal(
        services.member_leave, member=m, status="退会", leave_date=D(2018, 1, 1), reason="", by=staff["yf"]
    )
    assert "离会日期不能晚于今天" in refusal(
        services.member_leave,
        member=m,
        status="退会",
        leave_date=datetime.date.today() + datetime.timedelta(days=1),
        reason="",
        by=staff["yf"],
    )
    services.member_leave(
        member=m, status="转出", leave_date=D(2019, 7, 1), reason="调往外市", by=staff["yf"]
    )
    m.refresh_from_db()
    assert (m.status, m.leave_date, m.organization) == ("转出", D(2019, 7, 1), tree.yf)
    assert periods(m) == [("LZ-CZ", D(2015, 1, 1), D(2018, 5, 1)), ("LZ-YF", D(2018, 5, 1), D(2019, 7, 1))]
    assert "不能再次办理离会" in refusal(
        services.member_leave, member=m, status="退会", leave_date=D(2019, 8, 1), reason="", by=staff["yf"]
    )


def test_every_state_change_is_in_the_history_with_who_and_why(tree, make_member, staff):
    m = make_member(tree.cz)
    t = services.transfer_start(
        member=m,
        to_organization=tree.yf,
        date=D(2019, 3, 1),
        new_employer=None,
        note="工作调动",
        by=staff["cz"],
    )
    services.transfer_accept(transfer=t, by=staff["yf"], reason="同意")
    m.refresh_from_db()
    services.member_leave(
        member=m, status="退会", leave_date=D(2019, 9, 1), reason="本人申请", by=staff["yf"]
    )
    events = [(e.pgh_label, e.state, e.pgh_context.metadata) for e in t.events.order_by("pgh_id")]
    assert [(label, state) for label, state, _ in events] == [("insert", "待接收"), ("update", "已转入")]
    assert events[0][2]["user"] == staff["cz"].pk and events[0][2]["reason"] == "工作调动"
    assert events[1][2]["user"] == staff["yf"].pk and events[1][2]["action"] == "接收转接"
    member_events = list(m.events.order_by("pgh_id"))
    assert [(e.organization_id, e.status, e.leave_date) for e in member_events] == [
        (tree.yf.pk, "在会", None),
        (tree.yf.pk, "退会", D(2019, 9, 1)),
    ]
    last = member_events[-1].pgh_context.metadata
    assert (last["user"], last["reason"], last["action"]) == (staff["yf"].pk, "本人申请", "退会")


def test_two_clerks_accepting_at_once_one_wins_the_other_is_told(tree, make_member, staff, transactional_db):
    """Both requests lock the transfer's row: the second waits, then finds it accepted."""
    import threading

    from django.db import connection

    m = make_member(tree.cz)
    t = services.transfer_start(
        member=m, to_organization=tree.yf, date=D(2019, 3, 1), new_employer=None, by=staff["cz"]
    )
    second_clerk = staff["city"]
    results, barrier = {}, threading.Barrier(2)

    def accept(name, user):
        try:
            barrier.wait()
            services.transfer_accept(transfer=Transfer.objects.get(pk=t.pk), by=user)
            results[name] = "ok"
        except ValidationError as exc:
            results[name] = " ".join(exc.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(n, u)) for n, u in (("a", staff["yf"]), ("b", second_clerk))
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results.values())[0] == "ok"
    loser = sorted(results.values())[1]
    assert "处理为“已转入”,不能再处理" in loser
    m.refresh_from_db()
    assert m.organization == tree.yf
    assert MembershipPeriod.objects.filter(member=m).count() == 2


# --- figures at as_of ------------------------------------------------------------------------


@pytest.fixture
def story(tree, make_member, make_employer, staff):
    """Counted by hand, the city's and the districts' 2018 figures (as of 2018-12-31):
    a  CZ     joined 2016-01-01, 货车司机 → YF on 2018-06-01              CZ: out 1; YF: in 1, total
    b  CZ-001 joined 2018-03-01, migrant → CZ on 2018-09-01 (inside CZ)  CZ: joined, migrant, total
    c  YF     joined 2017-02-01, 快递员, 退会 2018-07-01                   YF: left 1
    d  YF     joined 2018-04-01 → CZ-001 on 2018-10-01                    YF: joined; CZ: in 1, total
    e  CZ     joined 2015-01-01                                          CZ: total
    City: total a b d e = 4, joined b d = 2, left c = 1, in 0, out 0."""
    m = {
        "a": make_member(tree.cz, join_date=D(2016, 1, 1), key_group="货车司机"),
        "b": make_member(tree.cz_ent, join_date=D(2018, 3, 1), is_migrant=True),
        "c": make_member(tree.yf, join_date=D(2017, 2, 1), key_group="快递员"),
        "d": make_member(tree.yf, join_date=D(2018, 4, 1)),
        "e": make_member(tree.cz, join_date=D(2015, 1, 1)),
    }
    move(m["a"], tree.yf, D(2018, 6, 1), staff["cz"], staff["yf"])
    move(m["b"], tree.cz, D(2018, 9, 1), staff["cz"], staff["cz"])
    services.member_leave(member=m["c"], status="退会", leave_date=D(2018, 7, 1), reason="", by=staff["yf"])
    move(m["d"], tree.cz_ent, D(2018, 10, 1), staff["yf"], staff["cz"])
    return m


def headline(org, as_of=AS_OF, year=2018):
    f = figures(org=org, year=year, as_of=as_of)
    return {
        k: f[k] for k in ("total", "joined", "migrant_joined", "left", "transferred_in", "transferred_out")
    }


# The 2018 headline figures as of AS_OF side by side: (the city, CZ, YF, CZ-001). CZ-001: b joined
# there and moved up to CZ (out), d came in from YF.
HEADLINES = {
    "total": (4, 3, 1, 1),
    "joined": (2, 1, 1, 1),
    "migrant_joined": (1, 1, 0, 1),
    "left": (1, 0, 1, 0),
    "transferred_in": (0, 1, 1, 1),
    "transferred_out": (0, 1, 1, 1),
}


def test_figures_counted_by_hand_after_the_moves(tree, story):
    for i, org in enumerate(("city", "cz", "yf", "cz_ent")):
        assert headline(getattr(tree, org)) == column(HEADLINES, i), org
    assert figures(org=tree.yf, year=2018, as_of=AS_OF)["by_group"]["货车司机"] == {"total": 1, "joined": 0}
    assert figures(org=tree.cz, year=2018, as_of=AS_OF)["by_group"]["货车司机"] == {"total": 0, "joined": 0}


def test_figures_before_each_change_are_those_of_that_day(tree, story):
    # 2018-05-31: a still in CZ, c still in, d in YF, nobody moved yet.
    assert headline(tree.cz, as_of=D(2018, 5, 31)) == {
        "total": 3, "joined": 1, "migrant_joined": 1, "left": 0, "transferred_in": 0, "transferred_out": 0
    }  # fmt: skip
    assert headline(tree.yf, as_of=D(2018, 5, 31)) == {
        "total": 2, "joined": 1, "migrant_joined": 0, "left": 0, "transferred_in": 0, "transferred_out": 0
    }  # fmt: skip
    # On the transfer day itself the member is at the receiving organization.
    assert headline(tree.yf, as_of=D(2018, 6, 1))["total"] == 3
    # On the leaving day the member is no longer counted.
    assert headline(tree.yf, as_of=D(2018, 6, 30))["total"] == 3
    assert headline(tree.yf, as_of=D(2018, 7, 1))["total"] == 2
    # 2017: only a, c, e had joined; a in CZ.
    assert headline(tree.cz, as_of=D(2017, 12, 31), year=2017)["total"] == 2
    assert headline(tree.yf, as_of=D(2017, 12, 31), year=2017)["total"] == 1


def test_a_2018_report_is_byte_identical_after_later_leavings_and_transfers(tree, story, staff, make_member):
    def snapshot():
        return json.dumps(
            {code: figures(org=org, year=2018, as_of=AS_OF) for code, org in
             (("LZ", tree.city), ("LZ-CZ", tree.cz), ("LZ-YF", tree.yf), ("LZ-CZ-001", tree.cz_ent))},
            ensure_ascii=False, sort_keys=True,
        )  # fmt: skip

    before = snapshot()
    m = story
    for key in ("a", "b", "d", "e"):
        m[key].refresh_from_db()
    move(m["a"], tree.cz, D(2019, 2, 1), staff["yf"], staff["cz"])
    move(m["e"], tree.yf, D(2019, 3, 1), staff["cz"], staff["yf"])
    services.member_leave(member=m["b"], status="转出", leave_date=D(2019, 4, 1), reason="", by=staff["cz"])
    m["d"].refresh_from_db()
    services.member_leave(member=m["d"], status="退会", leave_date=D(2020, 1, 2), reason="", by=staff["cz"])
    make_member(tree.cz, join_date=D(2019, 5, 1))
    assert snapshot() == before
    # ... while 2019's figures see the changes.
    assert headline(tree.cz, as_of=D(2019, 12, 31), year=2019)["transferred_in"] == 1


def test_the_previous_years_column_uses_the_same_rules(tree, story, staff):
    """The report's previous-year column: the same figures for year-1 on the same day a year
    earlier (reports.figures.previous_as_of), from the periods as well."""
    from unionhub.reports.figures import previous_as_of, report_figures

    prev = report_figures(org=tree.cz, year=2017, as_of=previous_as_of(AS_OF))["members"]
    assert (prev["total"], prev["joined"], prev["left"]) == (2, 0, 0)


def test_drive_join_rate_counts_the_group_in_the_subtree_on_its_end(tree, make_member, make_drive, staff):
    make_drive(tree.cz, start=D(2018, 4, 1), end=D(2018, 6, 30), population=10)
    a = make_member(tree.cz, join_date=D(2018, 5, 1), key_group="货车司机")
    b = make_member(tree.yf, join_date=D(2018, 5, 1), key_group="货车司机")
    make_member(tree.cz, join_date=D(2017, 5, 1), key_group="货车司机")
    move(a, tree.yf, D(2018, 8, 1), staff["cz"], staff["yf"])  # after the drive's end: still CZ's
    move(b, tree.cz, D(2018, 6, 1), staff["yf"], staff["cz"])  # in CZ on 06-30, but joined in YF
    d = figures(org=tree.cz, year=2018, as_of=AS_OF)["drives"][0]
    assert (d["joined"], d["join_rate"]) == (1, 30.0)


def test_chain_workers_are_counted_at_the_employer_and_organization_joined(
    tree, make_member, make_employer, staff
):
    lead = make_employer(tree.cz, founded=D(2010, 1, 1))
    link = make_employer(tree.cz, founded=D(2018, 3, 1), lead=lead)
    other = make_employer(tree.yf)
    w = make_member(tree.cz, join_date=D(2018, 4, 1), employer=link)
    move(w, tree.yf, D(2018, 9, 1), staff["cz"], staff["yf"], employer=other)
    assert figures(org=tree.cz, year=2018, as_of=AS_OF)["chain"]["workers_joined"] == 1
    assert figures(org=tree.yf, year=2018, as_of=AS_OF)["chain"]["workers_joined"] == 0
