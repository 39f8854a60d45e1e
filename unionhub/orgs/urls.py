from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/reset/", views.user_reset, name="user_reset"),
    path("users/<int:pk>/full-id/", views.user_full_id, name="user_full_id"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/users/", views.users, name="users"),
    path("<slug:code>/users/new/", views.user_create, name="user_create"),
]
