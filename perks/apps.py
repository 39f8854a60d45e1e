from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class PerksConfig(WorkAreaConfig):
    name = "perks"
    verbose_name = _("会员红利")
    nav = [(_("会员红利"), "perks:cards")]
    person_roles = "selectors.person_card_roles"
