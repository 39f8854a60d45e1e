from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("组织建设与入会")

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles

        from . import report, resources, selectors

        register_kind(resources.EmployerKind())
        register_kind(resources.MemberKind())
        register_kind(resources.DriveKind())
        report.register()
        register_nav(NavItem(_("组织建设"), "members:list", 10))
        register_person_roles(selectors.person_member_roles)
        # The standard industry list is data every database needs: put it back after any
        # migrate or flush (a flushed test database included).
        post_migrate.connect(_ensure_industries, sender=self, dispatch_uid="members.industries")


def _ensure_industries(sender, using="default", **kwargs):
    from .models import STANDARD_INDUSTRIES, Industry

    existing = set(Industry.objects.using(using).values_list("name", flat=True))
    Industry.objects.using(using).bulk_create(
        [Industry(name=name) for name in STANDARD_INDUSTRIES if name not in existing]
    )
