from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "relief"
    verbose_name = _("困难职工帮扶")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles

        from . import report, selectors
        from .resources import KINDS

        for kind in KINDS:
            register_kind(kind)
        report.register()
        register_nav(NavItem(_("困难帮扶"), "relief:files", 30, permission="relief.view_hardshipfile"))
        register_person_roles(selectors.person_relief_roles)
