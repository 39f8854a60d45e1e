from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class MembersConfig(WorkAreaConfig):
    name = "members"
    verbose_name = _("组织建设与入会")
    nav = [(_("组织建设"), "members:list")]
    person_roles = "selectors.person_member_roles"
    pending_work = "selectors.pending_work"

    def ready(self):
        super().ready()
        # The standard industry list is data every database needs: put it back after any
        # migrate or flush (a flushed test database included).
        post_migrate.connect(_ensure_industries, sender=self, dispatch_uid="members.industries")


def _ensure_industries(sender, using="default", **kwargs):
    from .models import STANDARD_INDUSTRIES, Industry

    existing = set(Industry.objects.using(using).values_list("name", flat=True))
    Industry.objects.using(using).bulk_create(
        [Industry(name=name) for name in STANDARD_INDUSTRIES if name not in existing]
    )
