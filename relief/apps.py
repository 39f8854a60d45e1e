from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class ReliefConfig(WorkAreaConfig):
    name = "relief"
    verbose_name = _("困难职工帮扶")
    nav = [(_("困难帮扶"), "relief:files", "relief.view_hardshipfile")]
    person_roles = "selectors.person_relief_roles"
    pending_work = "selectors.pending_work"
    beat = {"settle-notices": {"task": "relief.tasks.settle_notices", "schedule": 3600.0}}
