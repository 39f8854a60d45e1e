"""Work areas: the apps that keep the federation's records (membership, relief, skills, ...).

`settings.UNIONHUB_WORK_AREAS` is the one place that lists them; INSTALLED_APPS is built from
it. Its order is the order of the navigation and of the year-end report's PDF sections: an
area's `order` is derived from its position (10, 20, 30, ...), never written by hand.

An area is a Django app whose AppConfig subclasses `WorkAreaConfig` and declares what it plugs
into the machinery; the base class's `ready()` registers it all:

    class ReliefConfig(WorkAreaConfig):
        name = "relief"
        verbose_name = _("困难职工帮扶")
        nav = [(_("困难帮扶"), "relief:files", "relief.view_hardshipfile")]  # label, URL name, permission
        person_roles = "selectors.person_relief_roles"
        pending_work = "selectors.pending_work"   # the home page's 待办 (unionhub.core.pending)
        beat = {"settle-notices": {"task": "relief.tasks.settle_notices", "schedule": 3600.0}}

Conventions (each overridable): URLs at `/<label>/` from `<app>.urls`; the import kinds in
`<app>/resources.py` (`KINDS`) and the report section in `<app>/report.py` (`SECTION`), each
when the module exists; the bench/demo seeder in `<app>/seeder.py` (optional); the permission
matrix's fixtures in
`tests/security/areas/<label>.py`. Extra permissions of a role go in `roles`
(`{"管理员": ["members.add_industry"]}`); by default staff add/change/view an area's records,
officials view them (unionhub/orgs/roles.py).

Everything the machinery needs to know about the areas it asks here (`work_areas()`,
`area_modules()`, `area_order()`); no file of `unionhub/` names a work area.
"""

from importlib import import_module, util

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ORDER_STEP = 10  # an area's order is (position + 1) * ORDER_STEP; its nav items take order + 0..9


class WorkAreaConfig(AppConfig):
    # Django picks the one AppConfig of an apps.py that is not marked default = False: this base,
    # imported into each area's apps.py, is not a candidate; its subclasses are.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = True

    url_prefix: str | None = None  # default "<label>/"
    urls: str | None = None  # default "<name>.urls"
    nav: list[tuple] = []  # (label, URL name[, permission]) in the order shown
    # "module.ATTRIBUTE" inside the app: an iterable of ImportKind (used when the module exists)
    import_kinds: str | None = "resources.KINDS"
    # "module.ATTRIBUTE" inside the app: its report Section, its key, title and template the
    # area's (used when the module exists)
    report: str | None = "report.SECTION"
    person_roles: str | None = None  # "module.function" inside the app (unionhub.people.registry)
    seeder: str = "seeder"  # module inside the app for seed_bench/seed_demo, when it exists
    matrix: str = "tests.security.areas.{label}"  # the permission matrix's fixtures
    roles: dict[str, list[str]] = {}  # role name -> extra "app_label.codename" permissions
    pending_work: str | None = None  # "module.function" inside the app: (user) -> [PendingGroup]
    beat: dict[str, dict] = {}  # Celery beat entries, added to CELERY_BEAT_SCHEDULE as "<label>-<key>"

    # -- derived, never declared --
    @property
    def order(self) -> int:
        return (settings.UNIONHUB_WORK_AREAS.index(self.name) + 1) * ORDER_STEP

    def get_url_prefix(self) -> str:
        return self.url_prefix if self.url_prefix is not None else f"{self.label}/"

    def get_urls(self) -> str:
        return self.urls or f"{self.name}.urls"

    def get_matrix(self) -> str:
        return self.matrix.format(label=self.label, name=self.name)

    def attribute(self, dotted: str):
        """`module.attr` inside this app (e.g. "resources.KINDS")."""
        module, _, attr = dotted.rpartition(".")
        return getattr(import_module(f"{self.name}.{module}"), attr)

    def optional_attribute(self, dotted: str | None):
        """`module.attr` inside this app, or None when it declares none or has no such module
        (a conventional default such as "resources.KINDS" in an area without import kinds)."""
        if not dotted:
            return None
        module, _, attr = dotted.rpartition(".")
        found = self.submodule(module)
        return getattr(found, attr) if found is not None else None

    def submodule(self, name: str):
        """The app's module `name`, or None when the app has none."""
        full = f"{self.name}.{name}"
        return import_module(full) if util.find_spec(full) else None

    def ready(self):
        from unionhub.core.nav import NavItem, register_nav
        from unionhub.core.pending import register_pending
        from unionhub.imports.kinds import register_kind
        from unionhub.people.registry import register_person_roles
        from unionhub.reports.registry import register_section

        if self.name not in settings.UNIONHUB_WORK_AREAS:
            raise ImproperlyConfigured(
                f"{self.name} is a work area (WorkAreaConfig) but not in settings.UNIONHUB_WORK_AREAS"
            )
        if len(self.nav) >= ORDER_STEP:
            raise ImproperlyConfigured(f"{self.name}: at most {ORDER_STEP - 1} navigation items")
        for i, (label, url_name, *perm) in enumerate(self.nav):
            register_nav(NavItem(label, url_name, self.order + i, permission=perm[0] if perm else ""))
        for kind in self.optional_attribute(self.import_kinds) or ():
            register_kind(kind)
        section = self.optional_attribute(self.report)
        if section is not None:
            register_section(section.of_area(label=self.label, name=self.verbose_name))
        if self.person_roles:
            register_person_roles(self.attribute(self.person_roles))
        if self.pending_work:
            register_pending(self.order, self.attribute(self.pending_work))
        for key, entry in self.beat.items():
            settings.CELERY_BEAT_SCHEDULE.setdefault(f"{self.label}-{key}", entry)


def work_areas() -> list[WorkAreaConfig]:
    """The work areas' AppConfigs, in settings.UNIONHUB_WORK_AREAS's order."""
    configs = {c.name: c for c in apps.get_app_configs()}
    areas = []
    for name in settings.UNIONHUB_WORK_AREAS:
        config = configs.get(name)
        if not isinstance(config, WorkAreaConfig):
            raise ImproperlyConfigured(
                f"settings.UNIONHUB_WORK_AREAS names {name!r}, which is not an installed app "
                "whose AppConfig is a unionhub.core.areas.WorkAreaConfig"
            )
        areas.append(config)
    return areas


def work_area_labels() -> list[str]:
    return [a.label for a in work_areas()]


def area_order(label: str) -> int | None:
    """The order of the work area `label` (its position in the list), None for another app."""
    for area in work_areas():
        if area.label == label:
            return area.order
    return None


def area_modules(attr: str) -> list:
    """(area, module) for each area that has the module its `attr` declaration names
    ("seeder" → each area's seeder.py), in the areas' order."""
    out = []
    for area in work_areas():
        name = getattr(area, attr)
        module = area.submodule(name) if name else None
        if module is not None:
            out.append((area, module))
    return out
