"""What every form view does with a service: save through it, or put its refusal on the form.

    case = submitted(request, form, lambda f: services.case_intake(case=f.save(commit=False), ...),
                     done=lambda case: _("案件 %(n)s 已受理") % {"n": case.number})
    if case:
        return redirect("legal:case", case.pk)
    return render(request, "form_page.html", {"form": form, "title": ...})

    if saved(request, form, lambda case: services.case_update(case=case, by=request.user)):
        return redirect("legal:case", case.pk)

A refusal (ValidationError) goes beside the field it names when the form has that field, else
above the form; nothing is saved and the page is shown again with the user's input.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def refuse(form, exc: ValidationError) -> None:
    """A service's refusal on the form, beside its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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
