"""Transfers and leaving in the browser: the sender starts, the receiver sees only the name and
the masked ID number until accepting, the member's page shows the periods and the transfers."""

import datetime

from django.urls import reverse

from members.models import Member, Transfer

D = datetime.date


def start(client, member, **data):
    payload = {"to_organization": "LZ-YF", "date": "2019-03-01", "employer_code": "", "note": "工作调动"}
    payload.update(data)
    return client.post(reverse("members:transfer_start", args=[member.pk]), payload)


def test_a_transfer_from_start_to_acceptance(tree, make_user, client_for, make_member):
    sender, receiver = client_for(make_user(tree.cz)), client_for(make_user(tree.yf))
    m = make_member(tree.cz, name="周转", phone="13912345678", join_date=D(2015, 1, 1))
    # The receiving organization chosen by its name as the suggestions write it.
    assert start(sender, m, to_organization="鱼峰区总工会(LZ-YF)").status_code == 302
    t = Transfer.objects.get()
    assert (t.state, t.to_organization, t.from_organization) == ("待接收", tree.yf, tree.cz)
    # The receiver's inbox: the name and the masked number only; the member's page is still a 404.
    inbox = receiver.get(reverse("members:transfers")).content.decode()
    assert "周转" in inbox and m.person.masked_id in inbox and m.person.id_number not in inbox
    assert receiver.get(reverse("members:detail", args=[m.pk])).status_code == 404
    page = receiver.get(reverse("members:transfer", args=[t.pk])).content.decode()
    assert "13912345678" not in page and m.person.id_number not in page
    assert reverse("members:detail", args=[m.pk]) not in page
    # The sender cannot accept its own transfer; the receiver accepts.
    sender.post(reverse("members:transfer_accept", args=[t.pk]))
    assert Transfer.objects.get().state == "待接收"
    r = receiver.post(reverse("members:transfer_accept", args=[t.pk]), {"reason": "同意"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.organization == tree.yf
    detail = receiver.get(reverse("members:detail", args=[m.pk])).content.decode()
    assert "城中区总工会(LZ-CZ)" in detail and "鱼峰区总工会(LZ-YF)" in detail and "已转入" in detail
    # ... and the sender no longer sees the member, but still the transfer it made.
    assert sender.get(reverse("members:detail", args=[m.pk])).status_code == 404
    assert sender.get(reverse("members:transfer", args=[t.pk])).status_code == 200


def test_accepting_twice_says_so_and_declining_needs_a_reason(tree, make_user, client_for, make_member):
    sender, receiver = client_for(make_user(tree.cz)), client_for(make_user(tree.yf))
    m = make_member(tree.cz)
    start(sender, m)
    t = Transfer.objects.get()
    r = receiver.post(reverse("members:transfer_decline", args=[t.pk]), {"reason": ""}, follow=True)
    assert "拒绝转接须填写理由" in r.content.decode()
    receiver.post(reverse("members:transfer_accept", args=[t.pk]))
    r = receiver.post(reverse("members:transfer_accept", args=[t.pk]), follow=True)
    assert "不能再处理" in r.content.decode()
    assert Member.objects.get(pk=m.pk).periods.count() == 2


def test_bad_start_messages_sit_beside_their_fields(tree, make_user, client_for, make_member):
    sender = client_for(make_user(tree.cz))
    m = make_member(tree.cz, join_date=D(2015, 1, 1))
    r = start(sender, m, to_organization="不存在的工会")
    assert "未找到组织" in " ".join(r.context["form"].errors["to_organization"])
    r = start(sender, m, to_organization="LZ-CZ")
    assert "转入组织不能与会员当前所属组织相同" in " ".join(r.context["form"].errors["to_organization"])
    r = start(sender, m, date="2014-01-01")
    assert "转接日期不能早于入会日期" in " ".join(r.context["form"].errors["date"])
    assert Transfer.objects.count() == 0


def test_withdraw_then_leave_and_no_leaving_while_pending(tree, make_user, client_for, make_member):
    sender = client_for(make_user(tree.cz))
    m = make_member(tree.cz, join_date=D(2015, 1, 1))
    start(sender, m)
    r = sender.post(
        reverse("members:leave", args=[m.pk]),
        {"status": "退会", "leave_date": "2019-05-01", "reason": "本人申请"},
    )
    assert "该会员有待接收的转接" in " ".join(r.context["form"].non_field_errors())
    sender.post(reverse("members:transfer_withdraw", args=[Transfer.objects.get().pk]))
    r = sender.post(
        reverse("members:leave", args=[m.pk]),
        {"status": "退会", "leave_date": "2019-05-01", "reason": "本人申请"},
    )
    assert r.status_code == 302
    m.refresh_from_db()
    assert (m.status, m.leave_date) == ("退会", D(2019, 5, 1))
    page = sender.get(reverse("members:detail", args=[m.pk])).content.decode()
    assert "本人申请" in page and "2019-05-01" in page and "已撤回" in page


def test_a_member_transferred_in_keeps_the_employer_of_the_old_district_when_corrected(
    tree, make_user, client_for, make_member, make_employer
):
    """A member who moves to another district's union keeps their employer (registered in the
    old district) until the new one sets another: the receiver corrects the member's phone with
    the employer as it is, and may not set another of a district it does not see, through the
    form or the service."""
    import pytest
    from django.core.exceptions import PermissionDenied

    from members import services

    old_employer, other = make_employer(tree.cz), make_employer(tree.cz)
    m = make_member(tree.cz, name="带单位", join_date=D(2015, 1, 1), employer=old_employer)
    sender, receiver_user = client_for(make_user(tree.cz)), make_user(tree.yf)
    receiver = client_for(receiver_user)
    assert start(sender, m).status_code == 302
    t = Transfer.objects.get()
    assert (
        receiver.post(reverse("members:transfer_accept", args=[t.pk]), {"reason": "同意"}).status_code == 302
    )
    form = {"name": "带单位", "phone": "13900001111", "employer_code": old_employer.credit_code}
    form |= {"key_group": "", "join_date": "2015-01-01"}
    edit = reverse("members:edit", args=[m.pk])
    assert receiver.post(edit, form).status_code == 302
    m.refresh_from_db()
    assert (m.person.phone, m.employer, m.organization) == ("13900001111", old_employer, tree.yf)
    refused = receiver.post(edit, form | {"employer_code": other.credit_code})
    assert refused.status_code == 200 and "不在您的管辖范围内" in refused.content.decode()
    with pytest.raises(PermissionDenied):
        services.member_update(member=m, name="带单位", phone="", employer=other, join_date=D(2015, 1, 1),
                               key_group="", is_migrant=False, by=receiver_user)  # fmt: skip
    m.refresh_from_db()
    assert m.employer == old_employer
