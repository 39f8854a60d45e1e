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
    path("contracts/", views.contracts, name="contracts"),
    path("contracts/expiring/", views.contracts_expiring, name="contracts_expiring"),
    path("contracts/add/", views.contract_add, name="contract_add"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("monitoring/add/", views.monitoring_add, name="monitoring_add"),
    path("monitoring/<int:pk>/", views.monitoring_detail, name="monitoring_report"),
    path("monitoring/<int:pk>/edit/", views.monitoring_edit, name="monitoring_edit"),
]
