"""Pages of the activities area: parse → selector/service → render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from unionhub.core.paging import page_of

from . import selectors, services
from .forms import ActivityFilter, ActivityForm, HonourFilter, HonourForm


@login_required
@permission_required("activities.view_activity", raise_exception=True)
def activity_list(request):
    filters = ActivityFilter(request.GET, queryset=selectors.activities_for_user(request.user))
    return render(
        request, "activities/activities.html", {"filters": filters, "page": page_of(request, filters.qs)}
    )


def _activity_form(request, activity=None):
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(
                activity=form.save(commit=False), speakers=form.speakers, user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("活动 %(n)s 已保存") % {"n": saved.number})
            return redirect("activities:detail", saved.pk)
    title = _("修改活动") if activity else _("登记活动")
    return render(request, "activities/form.html", {"form": form, "title": title, "record": activity})


@login_required
@permission_required("activities.add_activity", raise_exception=True)
def activity_create(request):
    return _activity_form(request)


@login_required
@permission_required("activities.change_activity", raise_exception=True)
def activity_edit(request, pk):
    return _activity_form(request, selectors.activity_get_for_user(user=request.user, pk=pk))


@login_required
@permission_required("activities.view_activity", raise_exception=True)
def activity_detail(request, pk):
    activity = selectors.activity_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "activities/activity.html",
        {
            "activity": activity,
            "speakers": selectors.activity_speakers(activity),
            "history": selectors.activity_history(activity),
            "speaker_history": selectors.speaker_history(activity),
        },
    )


@login_required
@permission_required("activities.view_honour", raise_exception=True)
def honour_list(request):
    filters = HonourFilter(request.GET, queryset=selectors.honours_for_user(request.user))
    return render(
        request, "activities/honours.html", {"filters": filters, "page": page_of(request, filters.qs)}
    )


def _honour_form(request, honour=None):
    form = HonourForm(request.POST or None, instance=honour, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.honour_save(honour=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("荣誉“%(n)s”已保存") % {"n": saved.name})
            return redirect("activities:honour", saved.pk)
    title = _("修改荣誉") if honour else _("登记荣誉")
    return render(request, "activities/form.html", {"form": form, "title": title, "record": honour})


@login_required
@permission_required("activities.add_honour", raise_exception=True)
def honour_create(request):
    return _honour_form(request)


@login_required
@permission_required("activities.change_honour", raise_exception=True)
def honour_edit(request, pk):
    return _honour_form(request, selectors.honour_get_for_user(user=request.user, pk=pk))


@login_required
@permission_required("activities.view_honour", raise_exception=True)
def honour_detail(request, pk):
    honour = selectors.honour_get_for_user(user=request.user, pk=pk)
    return render(
        request, "activities/honour.html", {"honour": honour, "history": selectors.honour_history(honour)}
    )
