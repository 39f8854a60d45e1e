from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.forms import acted, cleaned, form_page, posted_form
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of, render_list
from unionhub.core.search import search_box
from unionhub.orgs.scoping import org_visible_to, user_root

from . import selectors, services
from .forms import (
    AttachmentForm,
    CareFilter,
    CareServiceForm,
    CorrectionForm,
    ExitForm,
    FileFilter,
    FileForm,
    ObjectionForm,
    PaymentFilter,
    PaymentForm,
    ProgramForm,
    VerifiedOnCorrectionForm,
    VerifyForm,
    VisitForm,
)
from .models import CareService, FileState, ReliefProgram

# -- hardship files -----------------------------------------------------------------------------


@permission_page("relief.view_hardshipfile")
def files(request):
    services.notices_settle()  # a notice that ended shows 已认定 (docs/decisions.md)
    qs = selectors.files_for_user(request.user)
    filters = FileFilter(request.GET, queryset=qs, user=request.user)
    return render_list(request, "relief/files.html", filters, q=request.GET.get("q", ""))


@permission_page("relief.view_hardshipfile", post=True)
@search_box("relief:files")
def file_lookup(request, query):
    """The files of the person with this ID number."""
    qs = selectors.files_of_person(request.user, query.value)
    filters = FileFilter(None, queryset=qs, user=request.user)
    page = page_of(request, filters.qs, first=True)
    return render(request, "relief/files.html", {"filters": filters, "page": page, "q": query.shown})


@permission_page("relief.add_hardshipfile")
def file_create(request):
    return form_page(
        request,
        "relief/form.html",
        FileForm(request.POST or None, user=request.user, initial={"filed_on": timezone.localdate()}),
        lambda f: services.file_create(
            file=f.save(commit=False), by=request.user, **cleaned(f, "id_number", "name", "phone")
        ),
        done=_("已建档,待认定"),
        title=_("新建困难职工档案"),
        back=reverse("relief:files"),
    )


def _file_page(request, file, **posted):
    """The file's page with its forms; `posted` is the one posted from it, shown again with its
    errors (by its name: verify_form, visit_form, ...)."""
    today = timezone.localdate()
    forms = {
        "verify_form": VerifyForm(initial={"reviewed_on": today}),
        "exit_form": ExitForm(initial={"exited_on": today}),
        "visit_form": VisitForm(initial={"visited_on": today}),
        "objection_form": ObjectionForm(),
        "correction_form": VerifiedOnCorrectionForm(initial={"verified_on": file.verified_on}),
        "attachment_form": AttachmentForm(),
    }
    return render(
        request,
        "relief/file_detail.html",
        {
            "file": file,
            "payments": selectors.household_payments(file, request.user),
            "other_files": selectors.other_files(file, request.user),
            "history": selectors.history(file, selectors.FILE_FIELDS),
            "visits": selectors.file_visits(file),
            "review_refusal": services.review_refusal(file, request.user),
            "notice_days": services.notice_days(),
            "attachments": selectors.file_attachments(file),
            **forms,
            **posted,
        },
    )


@permission_page("relief.view_hardshipfile")
def file_detail(request, pk):
    """The household's page: the file, its visits, history and every payment the person received."""
    file = selectors.file_get_for_user(user=request.user, pk=pk)
    if services.notices_settle(file_ids=[file.pk]):  # its notice ended: it is 已认定 now
        file = selectors.file_get_for_user(user=request.user, pk=pk)
    return _file_page(request, file)


@permission_page("relief.change_hardshipfile")
def file_edit(request, pk):
    file = selectors.file_get_for_user(user=request.user, pk=pk)
    return form_page(
        request,
        "relief/form.html",
        FileForm(request.POST or None, instance=file, user=request.user),
        lambda f: services.file_update(file=f.save(commit=False), by=request.user),
        then=file,
        title=_("修改困难职工档案"),
    )


def _step(request, pk, form_class, service, done, form_key):
    """A step posted from a file's page: `service(file=, by=, **the form's data)`, then back to the
    file; a form's refusal is on that form (`form_key`) of the page shown again."""
    file = selectors.file_get_for_user(user=request.user, pk=pk)
    if form_class is None:  # a button: a refusal is a message on the file's page
        acted(request, lambda: service(file=file, by=request.user), done=done)
        return redirect(file)
    return posted_form(
        request,
        form_class(request.POST, request.FILES),
        lambda f: service(file=file, by=request.user, **f.cleaned_data),
        done=done,
        then=file,
        page=lambda form: _file_page(request, file, **{form_key: form}),
    )


def _uploading(service):
    """`service`, taking the form's scanned document (its field `attachment`) as `uploaded`."""
    return lambda attachment, **data: service(uploaded=attachment, **data)


@permission_page("relief.change_hardshipfile", post=True)
def file_verify(request, pk):
    return _step(request, pk, VerifyForm, services.file_verify, _verified, "verify_form")


def _verified(file):
    if file.state == FileState.NOTICE:
        return _("复核通过,公示至%(day)s") % {"day": file.notice_until.isoformat()}
    return _("已认定")


@permission_page("relief.change_hardshipfile", post=True)
def file_visit(request, pk):
    done = _("已登记入户核查,待另一名工作人员复核")
    return _step(request, pk, VisitForm, _uploading(services.visit_record), done, "visit_form")


@permission_page("relief.change_hardshipfile", post=True)
def file_object(request, pk):
    return _step(
        request, pk, ObjectionForm, services.file_object, _("已登记公示异议,档案退回待认定"), "objection_form"
    )


@permission_page("relief.change_hardshipfile", post=True)
def file_correct_verified_on(request, pk):
    return _step(
        request,
        pk,
        VerifiedOnCorrectionForm,
        services.file_correct_verified_on,
        _("已更正认定日期,更正原因已记入历史"),
        "correction_form",
    )


@permission_page("relief.change_hardshipfile", post=True)
def file_refuse(request, pk):
    return _step(request, pk, None, services.file_refuse, _("已设为不予认定"), "verify_form")


@permission_page("relief.change_hardshipfile", post=True)
def file_exit(request, pk):
    return _step(request, pk, ExitForm, services.file_exit, _("已设为脱困"), "exit_form")


@permission_page("relief.change_hardshipfile", post=True)
def attachment_upload(request, pk):
    return _step(
        request, pk, AttachmentForm, _uploading(services.attachment_add), _("已上传附件"), "attachment_form"
    )


@permission_page("relief.view_hardshipfile")
def attachment_download(request, pk):
    """An attachment, to users who may see its file (another subtree's is a 404); always a
    download, never shown inline, and never kept by a browser or proxy."""
    attachment = selectors.attachment_get_for_user(user=request.user, pk=pk)
    response = FileResponse(
        attachment.stored.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response


# -- programs -----------------------------------------------------------------------------------


@permission_page("relief.view_reliefprogram")
def programs(request):
    return render(request, "relief/programs.html", {"programs": selectors.programs_listed(request.user)})


@permission_page("relief.view_reliefprogram")
def program_detail(request, pk):
    """Spent against the budget, the remaining money, the recipients in the user's subtree."""
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    payments = selectors.program_payments(program, request.user)
    page = page_of(request, payments)
    return render(
        request,
        "relief/program_detail.html",
        {
            "program": program,
            "summary": selectors.program_summary(program, request.user),
            "page": page,
            "history": selectors.history(program, selectors.PROGRAM_FIELDS),
        },
    )


@permission_page("relief.add_reliefprogram")
def program_create(request):
    return _program_form(request, ReliefProgram())


@permission_page("relief.change_reliefprogram")
def program_edit(request, pk):
    program = selectors.program_get_for_user(user=request.user, pk=pk)
    if not org_visible_to(request.user, program.organization):
        raise PermissionDenied  # a higher organization's programme: drawn on here, changed there
    return _program_form(request, program)


def _program_form(request, program):
    return form_page(
        request,
        "relief/form.html",
        ProgramForm(request.POST or None, instance=program, user=request.user),
        lambda f: services.program_save(program=f.save(commit=False), by=request.user),
        title=_("修改帮扶项目") if program.pk else _("新建帮扶项目"),
        back=program.get_absolute_url() if program.pk else reverse("relief:programs"),
    )


# -- payments -----------------------------------------------------------------------------------


@permission_page("relief.view_payment")
def payments(request):
    qs = selectors.payments_for_user(request.user)
    return render_list(
        request, "relief/payments.html", PaymentFilter(request.GET, queryset=qs, user=request.user)
    )


@permission_page("relief.add_payment")
def payment_create(request):
    initial = {"paid_on": timezone.localdate(), "program": request.GET.get("program")}
    file_pk = request.GET.get("file")
    if file_pk and file_pk.isdigit():
        # The file's key, never its person's ID number: the form shows the masked number.
        initial["file"] = selectors.file_get_for_user(user=request.user, pk=int(file_pk)).pk
    form = PaymentForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        "relief/form.html",
        form,
        lambda f: services.payment_make(**f.cleaned_data, by=request.user, scope=user_root(request.user)),
        done=lambda payment: _("已登记发放 %(n)s") % {"n": payment.number},
        title=_("登记帮扶发放"),
        back=form.file.get_absolute_url() if form.file else reverse("relief:files"),
    )


def _payment_page(request, payment, form=None):
    return render(
        request,
        "relief/payment_detail.html",
        {
            "payment": payment,
            "history": selectors.history(payment, selectors.PAYMENT_FIELDS),
            "form": form or CorrectionForm(payment=payment),
        },
    )


@permission_page("relief.view_payment")
def payment_detail(request, pk):
    """The payment, its history (every change, who, when and why) and the correction form."""
    return _payment_page(request, selectors.payment_get_for_user(user=request.user, pk=pk))


@permission_page("relief.change_payment", post=True)
def payment_correct(request, pk):
    payment = selectors.payment_get_for_user(user=request.user, pk=pk)
    return posted_form(
        request,
        CorrectionForm(request.POST, payment=payment),
        lambda f: services.payment_correct(
            payment=payment, changes=f.changes(), reason=f.cleaned_data["reason"], by=request.user
        ),
        done=_("已更正,更正原因已记入历史"),
        then=payment,
        page=lambda form: _payment_page(request, payment, form),
    )


# -- care services ------------------------------------------------------------------------------


@permission_page("relief.view_careservice")
def services_list(request):
    qs = selectors.services_for_user(request.user)
    return render_list(
        request, "relief/services.html", CareFilter(request.GET, queryset=qs, user=request.user)
    )


@permission_page("relief.add_careservice")
def service_create(request):
    return _service_form(request, CareService())


@permission_page("relief.change_careservice")
def service_edit(request, pk):
    return _service_form(request, selectors.service_get_for_user(user=request.user, pk=pk))


def _service_form(request, service):
    return form_page(
        request,
        "relief/form.html",
        CareServiceForm(request.POST or None, instance=service, user=request.user),
        lambda f: services.care_service_save(service=f.save(commit=False), by=request.user),
        then=reverse("relief:services"),
        title=_("修改关爱服务") if service.pk else _("登记关爱服务"),
    )
