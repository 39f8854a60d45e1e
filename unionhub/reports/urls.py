from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("annual/", views.report_list, name="list"),
    path("annual/<uuid:pk>/", views.report_detail, name="detail"),
    path("annual/<uuid:pk>/status/", views.report_status, name="status"),
    path("annual/<uuid:pk>/retry/", views.report_retry_view, name="retry"),
    path("annual/<uuid:pk>/publish/", views.report_publish_view, name="publish"),
    path("annual/<uuid:pk>/write/", views.report_write, name="write"),
    path("annual/<uuid:pk>/preview/", views.report_preview, name="preview"),
    path("annual/<uuid:pk>/remake/", views.report_remake_view, name="remake"),
    path("annual/<uuid:pk>/new-version/", views.report_new_version_view, name="new_version"),
    path("annual/<uuid:pk>/<slug:kind>/", views.report_download, name="download"),
]
