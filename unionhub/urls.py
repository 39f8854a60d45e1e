from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from unionhub.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("people/", include("unionhub.people.urls")),
    path("jobs/", include("unionhub.jobs.urls")),
    path("imports/", include("unionhub.imports.urls")),
    path("reports/", include("unionhub.reports.urls")),
    path("orgs/", include("unionhub.orgs.urls")),
]
urlpatterns += [path(f"{app}/", include(f"{app}.urls")) for app in settings.UNIONHUB_WORK_AREAS]
urlpatterns += [path("admin/", admin.site.urls)]
