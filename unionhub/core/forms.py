"""What every form view does with a service: save through it, or put its refusal on the form.

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


def saved(request, form, save, *, done=None) -> bool:
    """On a POST of a valid model form, `save(form.save(commit=False))` through a service; True
    when it saved (with the `done` message), False when there is nothing to save or it refused."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.save(commit=False))
    except ValidationError as exc:
        refuse(form, exc)
        return False
    messages.success(request, done or SAVED)
    return True
