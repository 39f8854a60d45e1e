from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/users/", views.users, name="users"),
]
