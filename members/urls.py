from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("lookup/", views.member_lookup, name="lookup"),
    path("new/", views.member_create, name="create"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/leave/", views.member_leave, name="leave"),
    path("<int:pk>/transfer/", views.transfer_start, name="transfer_start"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer"),
    path("transfers/<int:pk>/accept/", views.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/decline/", views.transfer_decline, name="transfer_decline"),
    path("transfers/<int:pk>/withdraw/", views.transfer_withdraw, name="transfer_withdraw"),
    path("employers/", views.employer_list, name="employers"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/<int:pk>/", views.employer_detail, name="employer"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("drives/", views.drives, name="drives"),
    path("drives/new/", views.drive_create, name="drive_create"),
    path("drives/<int:pk>/edit/", views.drive_edit, name="drive_edit"),
    path("chains/", views.chains, name="chains"),
    path("industries/", views.industries, name="industries"),
]
