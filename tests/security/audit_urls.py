"""A test-only URL conf: one view that changes a tracked record inside a real request, so the
project's whole middleware stack (pghistory's HistoryMiddleware among it) is on the way."""

from django.apps import apps
from django.http import HttpResponse
from django.urls import path


def change(request, label, pk):
    model = apps.get_model(label)
    model.objects.filter(pk=pk).update(**{request.POST["field"]: request.POST["value"]})
    return HttpResponse("ok")


urlpatterns = [path("change/<str:label>/<str:pk>/", change)]
