from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/full-id/", views.full_id, name="full_id"),
]
