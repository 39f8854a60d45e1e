from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "relief"
    verbose_name = _("困难职工帮扶")

    def ready(self):
        from unionhub.imports.kinds import register_kind

        from . import report
        from .resources import KINDS

        for kind in KINDS:
            register_kind(kind)
        report.register()
