from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerksConfig(AppConfig):
    name = "perks"
    verbose_name = _("会员红利")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles

        from . import report, resources, selectors

        for kind in resources.KINDS:
            register_kind(kind)
        report.register()
        register_nav(NavItem(_("会员红利"), "perks:cards", 50))
        register_person_roles(selectors.person_card_roles)
