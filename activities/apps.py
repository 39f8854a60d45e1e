from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class ActivitiesConfig(WorkAreaConfig):
    name = "activities"
    verbose_name = _("活动与荣誉")
    nav = [(_("活动荣誉"), "activities:list")]
    person_roles = "selectors.person_activity_roles"
