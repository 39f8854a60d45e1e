from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("组织建设与入会")

    def ready(self):
        from unionhub.imports.kinds import register_kind

        from . import report, resources

        register_kind(resources.EmployerKind())
        register_kind(resources.MemberKind())
        register_kind(resources.DriveKind())
        report.register()
