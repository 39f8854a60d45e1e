"""Pages of the activities area: parse → selector/service → render."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from unionhub.core.forms import record_form_page
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of

from . import selectors, services
from .forms import ActivityFilter, ActivityForm, HonourFilter, HonourForm


@permission_page("activities.view_activity")
def activity_list(request):
    filters = ActivityFilter(request.GET, queryset=selectors.activities_for_user(request.user))
    return render(
        request, "activities/activities.html", {"filters": filters, "page": page_of(request, filters.qs)}
    )


def _activity_form(request, activity=None):
    return record_form_page(
        request,
        "activities/form.html",
        ActivityForm,
        activity,
        lambda form: services.activity_save(
            activity=form.save(commit=False), speakers=form.speakers, user=request.user
        ),
        done=lambda saved: _("活动 %(n)s 已保存") % {"n": saved.number},
        titles=(_("登记活动"), _("修改活动")),
        index="activities:list",
    )


@permission_page("activities.add_activity")
def activity_create(request):
    return _activity_form(request)


@permission_page("activities.change_activity")
def activity_edit(request, pk):
    return _activity_form(request, selectors.activity_get_for_user(user=request.user, pk=pk))


@permission_page("activities.view_activity")
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


@permission_page("activities.view_honour")
def honour_list(request):
    filters = HonourFilter(request.GET, queryset=selectors.honours_for_user(request.user))
    return render(
        request, "activities/honours.html", {"filters": filters, "page": page_of(request, filters.qs)}
    )


def _honour_form(request, honour=None):
    return record_form_page(
        request,
        "activities/form.html",
        HonourForm,
        honour,
        lambda form: services.honour_save(honour=form.save(commit=False), user=request.user),
        done=lambda saved: _("荣誉“%(n)s”已保存") % {"n": saved.name},
        titles=(_("登记荣誉"), _("修改荣誉")),
        index="activities:honours",
    )


@permission_page("activities.add_honour")
def honour_create(request):
    return _honour_form(request)


@permission_page("activities.change_honour")
def honour_edit(request, pk):
    return _honour_form(request, selectors.honour_get_for_user(user=request.user, pk=pk))


@permission_page("activities.view_honour")
def honour_detail(request, pk):
    honour = selectors.honour_get_for_user(user=request.user, pk=pk)
    return render(
        request, "activities/honour.html", {"honour": honour, "history": selectors.honour_history(honour)}
    )
