from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("法律维权")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles

        from . import report, resources, selectors

        register_kind(resources.LegalCaseKind())
        report.register()
        register_nav(NavItem(_("法律维权"), "legal:cases", 40))
        register_person_roles(selectors.person_case_roles)
