from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<slug:kind>.<str:fmt>", views.template, name="template"),
    path("upload/<slug:kind>/", views.upload, name="upload"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/<uuid:pk>/", views.batch_detail, name="batch"),
    path("batches/<uuid:pk>/confirm/", views.batch_confirm, name="confirm"),
    path("batches/<uuid:pk>/bad-rows/", views.batch_bad_rows, name="bad_rows"),
    path("batches/<uuid:pk>/rollback/", views.batch_rollback, name="rollback"),
    path("export/", views.export, name="export"),
    path("export/<uuid:pk>/", views.export_job, name="export_job"),
]
