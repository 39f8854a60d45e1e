"""The demo city's transfers (members/seeder.py): accepted moves between districts, each with the
two periods the transfer service would have made, counted by the report as the transfer rows say;
and a few transfers waiting in 城中区's inbox, on the demo district user's home page."""

import collections
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from members.models import Member, MembershipPeriod, Transfer, TransferState
from members.report import figures
from members.seeder import DEMO_TRANSFERS
from unionhub.core.seeding import RECORD_YEARS
from unionhub.orgs.models import Organization, User
from unionhub.reports.figures import report_figures
from unionhub.reports.models import Report
from unionhub.reports.pdf import render_sections

N = 1500


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", members=N, stdout=io.StringIO())


def district_of() -> dict:
    """Each organization's district, from the parents (not from the paths the report filters on)."""
    orgs = {o.pk: o for o in Organization.objects.all()}

    def district(org):
        while org.parent_id is not None and orgs[org.parent_id].parent_id is not None:
            org = orgs[org.parent_id]
        return org.pk if org.parent_id is not None else None

    return {pk: district(o) for pk, o in orgs.items()}


def test_accepted_transfers_move_members_between_districts_with_their_periods(demo):
    accepted = list(Transfer.objects.filter(state=TransferState.ACCEPTED))
    assert len(accepted) >= 0.8 * min(DEMO_TRANSFERS, N // 20)  # a few a year in each district
    district = district_of()
    for t in accepted:
        assert district[t.from_organization_id] != district[t.to_organization_id]
        assert t.date > t.member.join_date
        before, after = MembershipPeriod.objects.filter(member=t.member_id).order_by("start")
        assert (before.organization_id, before.start, before.end, before.transfer_id) == (
            t.from_organization_id, t.member.join_date, t.date, None,
        )  # fmt: skip
        assert (after.organization_id, after.start, after.end, after.transfer_id) == (
            t.to_organization_id, t.date, t.member.leave_date, t.pk,
        )  # fmt: skip
        assert t.member.organization_id == t.to_organization_id
    # Everyone else has the one period from joining to leaving.
    moved = {t.member_id for t in accepted}
    periods = collections.Counter(MembershipPeriod.objects.values_list("member_id", flat=True))
    assert all(periods[m] == (2 if m in moved else 1) for m in Member.objects.values_list("pk", flat=True))


def test_the_reports_transfer_figures_are_the_transfer_rows(demo):
    district = district_of()
    expected_in, expected_out = collections.Counter(), collections.Counter()
    for t in Transfer.objects.filter(state=TransferState.ACCEPTED):
        expected_in[district[t.to_organization_id], t.date.year] += 1
        expected_out[district[t.from_organization_id], t.date.year] += 1
    assert sum(expected_in.values()) > 0
    city = Organization.objects.get(code="LZ")
    for year in RECORD_YEARS:
        as_of = min(datetime.date(year, 12, 31), datetime.date.today())
        for d in Organization.objects.filter(parent=city, kind=Organization.Kind.DISTRICT):
            f = figures(org=d, year=year, as_of=as_of)
            assert (f["transferred_in"], f["transferred_out"]) == (
                expected_in[d.pk, year],
                expected_out[d.pk, year],
            ), (d.code, year)
        # Moves inside the city are neither in nor out of it.
        f = figures(org=city, year=year, as_of=as_of)
        assert (f["transferred_in"], f["transferred_out"]) == (0, 0)
    years_with_moves = {year for _, year in expected_in}
    assert len(years_with_moves) >= 5


def test_chengzhong_sees_transfers_waiting_on_the_home_page(demo, client):
    pending = list(
        Transfer.objects.filter(state=TransferState.PENDING)
        .select_related("member__person")
        .order_by("date", "pk")
    )
    cz = Organization.objects.get(code="LZ-CZ")
    assert pending and all(t.to_organization.path.startswith(cz.path) for t in pending)
    assert all(t.from_organization.path[: len(cz.path)] != cz.path for t in pending)
    # Waiting moves nobody.
    assert all(t.member.organization_id == t.from_organization_id for t in pending)
    client.force_login(User.objects.get(username="chengzhong"))
    home = client.get(reverse("home")).content.decode()
    assert "转接待办" in home
    for t in pending[:5]:  # the home page lists the first five, oldest first
        assert t.member.person.name in home and t.member.person.masked_id in home
        assert t.member.person.id_number not in home
    inbox = client.get(reverse("members:transfers")).content.decode()
    assert all(t.member.person.masked_id in inbox for t in pending)


def test_a_districts_report_writes_its_transfers_as_the_rows_count_them(demo):
    district = district_of()
    moves = collections.Counter()
    for t in Transfer.objects.filter(state=TransferState.ACCEPTED):
        moves[district[t.to_organization_id], t.date.year, "in"] += 1
        moves[district[t.from_organization_id], t.date.year, "out"] += 1
    (org_pk, year, _side), _n = moves.most_common(1)[0]
    org = Organization.objects.get(pk=org_pk)
    as_of = datetime.date(year, 12, 31)
    report = Report(organization=org, year=year, as_of=as_of)
    figures = report_figures(org=org, year=year, as_of=as_of)
    (members,) = [
        s for s in render_sections(report=report, figures=figures, previous=None) if s["key"] == "members"
    ]
    text = re.sub(r"\s+", "", strip_tags(members["html"]))
    n_in, n_out = moves[org_pk, year, "in"], moves[org_pk, year, "out"]
    if n_in:
        assert f"本年从其他组织转入会员{n_in}名" in text
    if n_out:
        assert f"转出到其他组织的会员{n_out}名" in text
    assert "全市" not in text
