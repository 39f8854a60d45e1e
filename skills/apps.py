from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = _("工匠与技能")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles

        from . import report, resources, selectors

        register_kind(resources.ContestEntryKind())
        register_kind(resources.CraftsmenKind())
        register_kind(resources.PromotionKind())
        report.register()
        register_nav(NavItem(_("工匠技能"), "skills:contests", 20))
        register_person_roles(selectors.person_skill_roles)
