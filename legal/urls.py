from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("", views.cases, name="cases"),
    path("intake/", views.intake, name="intake"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/status/", views.case_status, name="case_status"),
    path("near-limit/", views.near_limit, name="near_limit"),
    path("lawyers/", views.lawyers, name="lawyers"),
]
