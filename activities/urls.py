from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("honours/", views.honour_list, name="honours"),
    path("honours/new/", views.honour_create, name="honour_create"),
    path("honours/<int:pk>/", views.honour_detail, name="honour"),
    path("honours/<int:pk>/edit/", views.honour_edit, name="honour_edit"),
]
