from django.urls import path

from . import views

app_name = "skills"
urlpatterns = [
    path("", views.contests, name="contests"),
    path("contests/new/", views.contest_create, name="contest_create"),
    path("contests/<int:pk>/", views.contest, name="contest"),
    path("contests/<int:pk>/edit/", views.contest_edit, name="contest_edit"),
    path("contests/<int:pk>/entries/add/", views.entry_add, name="entry_add"),
    path("awards/", views.awards, name="awards"),
    path("awards/add/", views.award_add, name="award_add"),
    path("model-workers/", views.model_workers, name="model_workers"),
    path("model-workers/add/", views.model_worker_add, name="model_worker_add"),
    path("model-workers/<int:pk>/", views.model_worker, name="model_worker"),
    path("model-workers/<int:pk>/edit/", views.model_worker_edit, name="model_worker_edit"),
    path("promotions/", views.promotions, name="promotions"),
    path("promotions/<int:pk>/", views.promotion, name="promotion"),
    path("promotions/lookup/", views.promotion_lookup, name="promotion_lookup"),
    path("promotions/add/", views.promotion_add, name="promotion_add"),
]
