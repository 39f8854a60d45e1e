from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "unionhub.orgs"
    label = "orgs"
    verbose_name = _("工会组织")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind

        from .resources import OrgKind
        from .roles import sync_roles

        register_kind(OrgKind())
        register_nav(NavItem(_("组织机构"), "orgs:tree", order=90))

        post_migrate.connect(sync_roles, sender=self)
