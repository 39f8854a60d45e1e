"""What every form view does with a service: save through it, or put its refusal on the form.

    return form_page(request, "legal/form.html", form,
                     lambda f: services.case_intake(case=f.save(commit=False), ...),
                     done=lambda case: _("案件 %(n)s 已受理") % {"n": case.number},
                     title=_("受理登记"), back=reverse("legal:cases"))

    if saved(request, form, lambda case: services.case_update(case=case, by=request.user)):
        return redirect("legal:case", case.pk)

A refusal (ValidationError) goes beside the field it names when the form has that field, else
above the form; nothing is saved and the page is shown again with the user's input.
"""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .pages import permission_page


def refuse(form, exc: ValidationError) -> None:
    """A service's refusal on the form, beside its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def cleaned(form, *names) -> dict:
    """The cleaned values of the fields `names`, for a service that takes them by those names."""
    return {name: form.cleaned_data[name] for name in names}


SAVED = _("已保存")


def submitted(request, form, save, *, done=None):
    """On a POST of a valid form, `save(form)` through a service, and tell the user `done` (a
    message, or a function of what `save` returned; "已保存" by default). Returns what `save`
    returned (True when that is None); None when there is nothing to save or the service
    refused (its refusal is then on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form)
    except ValidationError as exc:
        refuse(form, exc)
        return None
    messages.success(request, (done(result) if callable(done) else done) or SAVED)
    return True if result is None else result


def saved(request, form, save, *, done=None):
    """`submitted` for a model form whose record the service takes as it is:
    `save(form.save(commit=False))`; what the service returned when it saved, else None."""
    return submitted(request, form, lambda f: save(f.save(commit=False)), done=done)


def acted(request, action, *, done=None):
    """A button's POST (no form): `action()` through a service, and tell the user `done` (a
    message, or a function of what the action returned), or the service's refusal as an error.
    Returns what the action returned (True when that is None); None when it was refused."""
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    if done:
        messages.success(request, done(result) if callable(done) else done)
    return True if result is None else result


def posted_form(request, form, save, *, page, then=None, done=None):
    """A small form posted from a record's page (a status, a review, a correction): `submitted`,
    then on to `then` (an address, or a function of what the service returned; by default that,
    a record, to its own page); else `page(form)`, the record's page again with the form's
    errors, answered 400."""
    result = submitted(request, form, save, done=done)
    if result:
        return redirect(then(result) if callable(then) else then or result)
    response = page(form)
    response.status_code = 400
    return response


def form_page(request, template, form, save, *, title, back=None, done=None, then=None, **context):
    """The whole add/change page of a record: `submitted`, then on to `then` (an address, or a
    function of what the service returned, or of the form's record when it returned nothing; by
    default that record's own page); else the page
    `template` (an area's form.html, on templates/form_page.html) with the form, its `title`
    and the 取消 address `back`: by default where saving goes when that is known before (`then`
    an address or a record, or the record the form changes)."""
    record = submitted(request, form, save, done=done)
    if record:
        record = getattr(form, "instance", None) if record is True else record
        return redirect(then(record) if callable(then) else then or record)
    if back is None and not callable(then):
        instance = getattr(form, "instance", None)
        target = then or (instance if instance is not None and instance.pk else None)
        back = resolve_url(target) if target else None
    return render(request, template, {"form": form, "title": title, "back": back, **context})


def record_form_page(request, template, form_class, record, save, *, titles, index, done=None):
    """The add (`record` None) and the change page of a record whose model form takes the user:
    `titles` is (add, change), the change page's heading names the record, and 取消 goes back
    to the record's page or to the list `index` (a URL name)."""
    form = form_class(request.POST or None, instance=record, user=request.user)
    if record is None:
        title, back = titles[0], reverse(index)
    else:
        title, back = f"{titles[1]} {record}", record.get_absolute_url()
    return form_page(request, template, form, save, title=title, back=back, done=done)


def record_form_views(model, form_class, get, save, *, titles, index, done=None):
    """The add and the change view of a `model` record (`record_form_page` on the area's
    form.html), behind the model's add and change permission: the change view's record is
    `get(user=..., pk=...)` (a selector: another subtree's record is a 404) and `save(form,
    user)` saves through the service. `titles`, `index` and `done` as for `record_form_page`
    (lazy texts: they are given at import).

        contract_add, contract_edit = record_form_views(CollectiveContract, ContractForm, ...)
    """
    opts = model._meta
    template = f"{opts.app_label}/form.html"

    def page(request, record):
        return record_form_page(
            request,
            template,
            form_class,
            record,
            lambda form: save(form, request.user),
            titles=titles,
            index=index,
            done=done,
        )

    @permission_page(f"{opts.app_label}.{get_permission_codename('add', opts)}")
    def add(request):
        return page(request, None)

    @permission_page(f"{opts.app_label}.{get_permission_codename('change', opts)}")
    def edit(request, pk):
        return page(request, get(user=request.user, pk=pk))

    return add, edit
