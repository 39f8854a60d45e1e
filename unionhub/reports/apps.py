from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "unionhub.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self):
        from unionhub.core.nav import AFTER_AREAS, NavItem, register_nav

        from . import handlers  # noqa: F401

        register_nav(NavItem(_("数据看板"), "reports:dashboard", 5, permission="reports.request_report"))
        register_nav(NavItem(_("年度报告"), "reports:list", AFTER_AREAS, permission="reports.request_report"))
