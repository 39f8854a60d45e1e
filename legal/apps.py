from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class LegalConfig(WorkAreaConfig):
    name = "legal"
    verbose_name = _("法律维权")
    nav = [(_("法律维权"), "legal:cases")]
    person_roles = "selectors.person_case_roles"
