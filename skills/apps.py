from django.utils.translation import gettext_lazy as _

from unionhub.core.areas import WorkAreaConfig


class SkillsConfig(WorkAreaConfig):
    name = "skills"
    verbose_name = _("工匠与技能")
    nav = [(_("工匠技能"), "skills:contests")]
    person_roles = "selectors.person_skill_roles"
