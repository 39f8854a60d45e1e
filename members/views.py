import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.dates import latest_year
from unionhub.core.forms import acted, cleaned, form_page, record_form_views, submitted
from unionhub.core.history import record_history
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of
from unionhub.core.search import search_box
from unionhub.orgs.scoping import user_root

from . import selectors, services
from .forms import (
    DecideForm,
    DriveForm,
    EmployerFilter,
    EmployerForm,
    IndustryForm,
    LeaveForm,
    MemberFilter,
    MemberForm,
    TransferForm,
)
from .models import Drive, Employer, Member, TransferState

# --- members ---------------------------------------------------------------------------------


@permission_page("members.view_member")
def member_list(request):
    qs = selectors.member_rows(user=request.user, query=request.GET.get("q", ""))
    filters = MemberFilter(request.GET, queryset=qs, user=request.user)
    page = page_of(request, filters.qs, capped=True)
    return render(
        request, "members/member_list.html", {"filters": filters, "page": page, "q": request.GET.get("q", "")}
    )


@permission_page("members.view_member", post=True)
@search_box("members:list")
def member_lookup(request, query):
    """The members with this ID number or mobile number."""
    found = selectors.member_rows(user=request.user, query=query.value)
    filters = MemberFilter(None, queryset=found, user=request.user)
    return render(
        request,
        "members/member_list.html",
        {"filters": filters, "page": page_of(request, found, first=True), "q": query.shown, "lookup": True},
    )


@permission_page("members.view_member")
def member_detail(request, pk):
    member = selectors.member_get_for_user(user=request.user, pk=pk)
    transfers = selectors.member_transfers(member)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "periods": selectors.member_periods(member),
            "transfers": transfers,
            "pending": next((t for t in transfers if t.state == TransferState.PENDING), None),
            "history": record_history(member, MEMBER_HISTORY),
        },
    )


MEMBER_HISTORY = ("organization_id", "employer_id", "join_date", "status", "leave_date")


@permission_page("members.change_member")
def member_leave(request, pk):
    member = selectors.member_get_for_user(user=request.user, pk=pk)
    form = LeaveForm(request.POST or None)
    return form_page(
        request,
        "members/form.html",
        form,
        lambda f: services.member_leave(member=member, by=request.user, **f.cleaned_data),
        done=lambda _left: _("已办理%(status)s") % {"status": form.cleaned_data["status"]},
        then=member,
        title=_("办理离会:%(name)s") % {"name": member.person.name},
    )


@permission_page("members.add_transfer")
def transfer_start(request, pk):
    member = selectors.member_get_for_user(user=request.user, pk=pk)
    return form_page(
        request,
        "members/transfer_form.html",
        TransferForm(request.POST or None),
        lambda f: services.transfer_start(
            member=member,
            to_organization=f.cleaned_data["to_organization"],
            date=f.cleaned_data["date"],
            new_employer=f.cleaned_data["employer_code"],
            note=f.cleaned_data["note"],
            by=request.user,
        ),
        done=lambda transfer: (
            _("已发起转接,等待%(org)s接收;接收前会员仍属本组织") % {"org": transfer.to_organization.name}
        ),
        then=member,
        title=_("发起转接"),
        member=member,
        orgs=selectors.transfer_destinations(),
    )


@permission_page("members.view_transfer")
def transfers(request):
    """转接: what waits for this side (the inbox), what this side started, and the settled ones."""
    inbox, outbox, settled = selectors.transfer_lists(user=request.user)
    return render(
        request,
        "members/transfers.html",
        {"inbox": inbox, "outbox": outbox, "page": page_of(request, settled)},
    )


@permission_page("members.view_transfer")
def transfer_detail(request, pk):
    transfer = selectors.transfer_get_for_user(user=request.user, pk=pk)
    sides = selectors.transfer_sides(transfer, request.user)
    return render(
        request,
        "members/transfer_detail.html",
        {
            "transfer": transfer,
            **sides,
            # The receiving side opens the member's page only once the member is theirs.
            "member_visible": selectors.member_visible(user=request.user, pk=transfer.member_id),
            "form": DecideForm(),
            "history": record_history(transfer, ("state", "reason", "decided_by_id")),
        },
    )


def _decide(request, pk, action, done_message):
    transfer = selectors.transfer_get_for_user(user=request.user, pk=pk)
    form = DecideForm(request.POST)
    reason = form.data.get("reason", "").strip()[:200]
    try:
        acted(request, lambda: action(transfer=transfer, by=request.user, reason=reason), done=done_message)
    except PermissionDenied:
        messages.error(request, _("您所在的组织不能办理此项(接收和拒绝由转入组织办理,撤回由转出组织办理)"))
    return redirect("members:transfer", transfer.pk)


@permission_page("members.change_transfer", post=True)
def transfer_accept(request, pk):
    return _decide(request, pk, services.transfer_accept, _("已接收转接,该会员已转入本组织"))


@permission_page("members.change_transfer", post=True)
def transfer_decline(request, pk):
    return _decide(request, pk, services.transfer_decline, _("已拒绝转接"))


@permission_page("members.change_transfer", post=True)
def transfer_withdraw(request, pk):
    return _decide(request, pk, services.transfer_withdraw, _("已撤回转接"))


@permission_page("members.add_member")
def member_create(request):
    try:
        return form_page(
            request,
            "members/form.html",
            MemberForm(request.POST or None, user=request.user),
            lambda f: services.member_enrol(
                by=request.user, **cleaned(f, "id_number", "name", "phone"), **f.values()
            ),
            done=lambda member: _("已登记会员%(name)s") % {"name": member.person.name},
            title=_("登记会员"),
            back=reverse("members:list"),
        )
    except services.ExistingMember as exc:
        messages.info(request, _("该身份证号已是会员,已为您打开该会员,没有重复登记"))
        return redirect(exc.member)


@permission_page("members.change_member")
def member_edit(request, pk):
    member = selectors.member_get_for_user(user=request.user, pk=pk)
    return form_page(
        request,
        "members/form.html",
        MemberForm(request.POST or None, user=request.user, member=member),
        lambda f: services.member_update(
            member=member, by=request.user, **cleaned(f, "name", "phone"), **f.values()
        ),
        then=member,
        title=_("修改会员信息"),
    )


# --- employers -------------------------------------------------------------------------------


@permission_page("members.view_employer")
def employer_list(request):
    qs = selectors.employer_rows(user=request.user, query=request.GET.get("q", ""))
    filters = EmployerFilter(request.GET, queryset=qs, user=request.user)
    page = page_of(request, filters.qs, capped=True)
    counts = selectors.member_counts_by_employer(e.pk for e in page)
    rows = [(e, counts.get(e.pk, 0)) for e in page]
    return render(
        request,
        "members/employer_list.html",
        {"filters": filters, "page": page, "rows": rows, "q": request.GET.get("q", "")},
    )


@permission_page("members.view_employer")
def employer_detail(request, pk):
    employer = selectors.employer_get_for_user(user=request.user, pk=pk)
    chain = selectors.chain_members(user=request.user, lead=employer)
    return render(
        request,
        "members/employer_detail.html",
        {
            "employer": employer,
            "lead_visible": selectors.lead_visible(user=request.user, employer=employer),
            "members": selectors.member_counts_by_employer([employer.pk]).get(employer.pk, 0),
            "chain": page_of(request, chain),
        },
    )


employer_create, employer_edit = record_form_views(
    Employer,
    EmployerForm,
    selectors.employer_get_for_user,
    lambda form, user: services.employer_save(employer=form.save(commit=False), by=user),
    done=lambda e: _("已保存单位%(name)s") % {"name": e.name},
    titles=(gettext_lazy("登记单位"), gettext_lazy("修改单位信息")),
    index="members:employers",
)


# --- drives ----------------------------------------------------------------------------------


@permission_page("members.view_drive")
def drives(request):
    today = timezone.localdate()
    page = page_of(request, selectors.drive_rows(user=request.user))
    progress = selectors.drives_progress(page, as_of=today)
    return render(request, "members/drives.html", {"page": page, "progress": progress, "today": today})


def _drive_form(request, drive: Drive | None):
    return form_page(
        request,
        "members/form.html",
        DriveForm(request.POST or None, instance=drive, user=request.user),
        lambda f: services.drive_save(drive=f.save(commit=False), by=request.user),
        done=_("已保存入会集中行动"),
        then=reverse("members:drives"),
        title=_("修改入会集中行动") if drive else _("新建入会集中行动"),
    )


@permission_page("members.add_drive")
def drive_create(request):
    return _drive_form(request, None)


@permission_page("members.change_drive")
def drive_edit(request, pk):
    return _drive_form(request, selectors.drive_get_for_user(user=request.user, pk=pk))


# --- chain campaigns -------------------------------------------------------------------------


@permission_page("members.view_employer")
def chains(request):
    today = timezone.localdate()
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        year = latest_year(user_root(request.user), models=[Employer, Member])
    year = min(max(year, 1949), today.year)
    as_of = min(datetime.date(year, 12, 31), today)
    page = page_of(request, selectors.chain_leads(user=request.user))
    leads = list(page)
    figures = selectors.chain_figures(
        user=request.user, lead_ids=[e.pk for e in leads], year=year, as_of=as_of
    )
    chain_of = selectors.chain_members_of(user=request.user, leads=leads, year=year, as_of=as_of)
    rows = [(lead, figures[lead.pk], chain_of.get(lead.pk, [])) for lead in leads]
    return render(
        request,
        "members/chains.html",
        {
            "page": page,
            "rows": rows,
            "year": year,
            "years": range(today.year, min(year, today.year - 5) - 1, -1),
        },
    )


# --- industries ------------------------------------------------------------------------------


# The industry list is shared by the whole city and must match the import files: only admins
# (管理员, who run imports) add to it, though staff hold members.add_industry with their role.
INDUSTRY_ADDERS = ("members.add_industry", "imports.run_import")


@permission_page("members.view_industry")
def industries(request):
    """The industry list of the employers and drives forms and imports; admins add to it."""
    form = IndustryForm(request.POST or None)
    can_add = request.user.has_perms(INDUSTRY_ADDERS)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if submitted(
            request,
            form,
            lambda f: services.industry_add(industry=f.save(commit=False), by=request.user),
            done=lambda industry: _("已添加行业%(name)s") % {"name": industry.name},
        ):
            return redirect("members:industries")
    rows = selectors.industries_with_employers()
    return render(request, "members/industries.html", {"form": form, "rows": rows, "can_add": can_add})
