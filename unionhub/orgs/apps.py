from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "unionhub.orgs"
    label = "orgs"
    verbose_name = _("工会组织")

    def ready(self):
        from unionhub.core.nav import AFTER_AREAS, NavItem, register_nav
        from unionhub.imports.kinds import register_kind

        from .resources import OrgKind, UserKind
        from .roles import sync_roles

        register_kind(OrgKind())
        register_kind(UserKind())
        register_nav(NavItem(_("组织机构"), "orgs:tree", order=AFTER_AREAS + 10))

        # After the last app has migrated, when every app's permissions exist.
        last_app = list(apps.get_app_configs())[-1]
        post_migrate.connect(sync_roles, sender=last_app, dispatch_uid="unionhub.sync_roles")
