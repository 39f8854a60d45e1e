from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/status/", views.status, name="status"),
    path("<uuid:pk>/retry/", views.retry, name="retry"),
    path("<uuid:pk>/files/<slug:name>/", views.download, name="download"),
]
