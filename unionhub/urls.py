from django.contrib import admin
from django.urls import include, path

from unionhub.core import views as core_views
from unionhub.core.areas import work_areas

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
urlpatterns += [path(area.get_url_prefix(), include(area.get_urls())) for area in work_areas()]
urlpatterns += [path("admin/", admin.site.urls)]
