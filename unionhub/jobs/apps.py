from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "unionhub.jobs"
    label = "jobs"
    verbose_name = _("后台任务")

    def ready(self):
        from . import handlers, tasks  # noqa: F401  (tasks: a starting worker requeues jobs)
