"""members: an employer, a member and a drive of LZ-CZ."""

import datetime
from decimal import Decimal

from members.models import Drive, Employer, Industry, Member, Transfer
from tests.factories import make_credit_code
from tests.security.matrix import A, Audited, record_pages
from tests.security.world import LEAK

D = datetime.date

ACCESS = {
    **record_pages(
        "members.member", "member",
        list="members:list", add="members:create", view="members:detail", change="members:edit",
    ),
    "members:lookup": A("members.view_member", post=True),
    "members:leave": A("members.change_member", "cz", pk="member"),
    "members:transfer_start": A("members.add_transfer", "cz", pk="member"),
    # The world's transfer goes from LZ-CZ to the city: both sides see it, the sibling and the
    # enterprise union below LZ-CZ do not (404). Only the receiving side accepts or declines and
    # only the sending side withdraws; the other side is told so (a redirect with a message).
    **record_pages(
        "members.transfer", "transfer",
        list="members:transfers", view="members:transfer",
        actions=["members:transfer_accept", "members:transfer_decline", "members:transfer_withdraw"],
    ),
    **record_pages(
        "members.employer", "employer",
        list="members:employers", add="members:employer_create", view="members:employer",
        change="members:employer_edit",
    ),
    **record_pages(
        "members.drive", "drive", list="members:drives", add="members:drive_create", change="members:drive_edit"
    ),
    "members:chains": A("members.view_employer"),
    # Admins only add industries (members.add_industry, which staff hold too, with imports.run_import).
    "members:industries": A("members.view_industry", post_perm="imports.run_import"),
}  # fmt: skip

AUDITED = {
    # A member's changes (organization, employer, dates, status) and a period's: not their creation
    # (a million imported members would double the writes); a transfer: every step.
    "members.Member": Audited("member", "join_date", D(2014, 1, 1), snapshots_insert=False),
    "members.MembershipPeriod": Audited("period", "start", D(2014, 6, 1), snapshots_insert=False),
    "members.Transfer": Audited("transfer", "reason", "测试意见"),
}

QUERY_SHAPES = {"members:chains": ["?year=2018"]}


def records(world):
    cz = world.cz
    world.industry, _ = Industry.objects.get_or_create(name="道路货运")
    world.employer = Employer.objects.create(
        name=f"{LEAK}单位",
        credit_code=make_credit_code(),
        organization=cz,
        industry=world.industry,
        ownership=Employer.Ownership.PRIVATE,
        headcount=50,
    )
    world.member = Member.objects.create(
        person=world.person, organization=cz, employer=world.employer, join_date=D(2015, 1, 1)
    )
    world.period = world.member.periods.get()
    # A transfer pending from LZ-CZ to the city: the city receives it, LZ-CZ sent it.
    world.transfer = Transfer.objects.create(
        member=world.member, from_organization=cz, to_organization=world.city, date=D(2019, 1, 1)
    )
    world.drive = Drive.objects.create(
        name=f"{LEAK}行动",
        key_group="货车司机",
        industry=world.industry,
        start=D(2018, 4, 1),
        end=D(2018, 6, 30),
        population=10,
        target_join_rate=Decimal("40"),
        target_founding_rate=Decimal("40"),
        organization=cz,
    )
