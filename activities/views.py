"""Pages of the activities area: parse → selector/service → render."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.forms import record_form_views
from unionhub.core.pages import permission_page
from unionhub.core.paging import render_list

from . import selectors, services
from .forms import ActivityFilter, ActivityForm, HonourFilter, HonourForm
from .models import Activity, Honour


@permission_page("activities.view_activity")
def activity_list(request):
    filters = ActivityFilter(request.GET, queryset=selectors.activities_for_user(request.user))
    return render_list(request, "activities/activities.html", filters)


activity_create, activity_edit = record_form_views(
    Activity,
    ActivityForm,
    selectors.activity_get_for_user,
    lambda form, user: services.activity_save(
        activity=form.save(commit=False), speakers=form.speakers, user=user
    ),
    done=lambda saved: _("活动 %(n)s 已保存") % {"n": saved.number},
    titles=(gettext_lazy("登记活动"), gettext_lazy("修改活动")),
    index="activities:list",
)


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
    return render_list(request, "activities/honours.html", filters)


honour_create, honour_edit = record_form_views(
    Honour,
    HonourForm,
    selectors.honour_get_for_user,
    lambda form, user: services.honour_save(honour=form.save(commit=False), user=user),
    done=lambda saved: _("荣誉“%(n)s”已保存") % {"n": saved.name},
    titles=(gettext_lazy("登记荣誉"), gettext_lazy("修改荣誉")),
    index="activities:honours",
)


@permission_page("activities.view_honour")
def honour_detail(request, pk):
    honour = selectors.honour_get_for_user(user=request.user, pk=pk)
    return render(
        request, "activities/honour.html", {"honour": honour, "history": selectors.honour_history(honour)}
    )
