from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "unionhub.imports"
    label = "imports"
    verbose_name = _("导入导出")

    def ready(self):
        from unionhub.core.nav import AFTER_AREAS, NavItem, register_nav

        from . import handlers  # noqa: F401

        register_nav(
            NavItem(_("导入导出"), "imports:index", order=AFTER_AREAS + 20, permission="imports.run_import")
        )
