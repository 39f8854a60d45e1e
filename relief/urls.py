from django.urls import path

from . import views

app_name = "relief"
urlpatterns = [
    path("", views.files, name="files"),
    path("files/lookup/", views.file_lookup, name="file_lookup"),
    path("files/new/", views.file_create, name="file_create"),
    path("files/<int:pk>/", views.file_detail, name="file"),
    path("files/<int:pk>/edit/", views.file_edit, name="file_edit"),
    path("files/<int:pk>/verify/", views.file_verify, name="file_verify"),
    path("files/<int:pk>/refuse/", views.file_refuse, name="file_refuse"),
    path("files/<int:pk>/visit/", views.file_visit, name="file_visit"),
    path("files/<int:pk>/object/", views.file_object, name="file_object"),
    path("files/<int:pk>/verified-on/", views.file_correct_verified_on, name="file_correct_verified_on"),
    path("files/<int:pk>/exit/", views.file_exit, name="file_exit"),
    path("files/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("programs/", views.programs, name="programs"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("payments/", views.payments, name="payments"),
    path("payments/new/", views.payment_create, name="payment_create"),
    path("payments/<int:pk>/", views.payment_detail, name="payment"),
    path("payments/<int:pk>/correct/", views.payment_correct, name="payment_correct"),
    path("care/", views.services_list, name="services"),
    path("care/new/", views.service_create, name="service_create"),
    path("care/<int:pk>/edit/", views.service_edit, name="service_edit"),
]
