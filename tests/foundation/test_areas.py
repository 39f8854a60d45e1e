"""The work areas are listed once (settings.UNIONHUB_WORK_AREAS) and everything follows from it:
INSTALLED_APPS, URLs, navigation and report order, roles; the machinery names none of them."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from unionhub.core import nav
from unionhub.core.areas import WorkAreaConfig, area_modules, area_order, work_areas
from unionhub.orgs.roles import STAFF, role_permissions
from unionhub.reports import registry

ROOT = Path(settings.BASE_DIR)


def test_the_list_feeds_installed_apps_in_its_order():
    names = settings.UNIONHUB_WORK_AREAS
    assert [a.name for a in work_areas()] == names
    assert settings.INSTALLED_APPS[-len(names) :] == names
    assert all(isinstance(a, WorkAreaConfig) for a in work_areas())


def test_orders_are_derived_from_the_list():
    areas = work_areas()
    assert [a.order for a in areas] == [10 * (i + 1) for i in range(len(areas))]
    pdf = [s.key for s in registry.sections() if area_order(s.key) is not None]
    assert pdf == [a.label for a in areas if a.report]
    assert [s.order for s in registry.sections() if s.key in pdf] == [a.order for a in areas if a.report]
    menu = [i.url_name for i in sorted(nav._items, key=lambda i: i.order)]
    area_entries = [u for u in menu if u.split(":")[0] in {a.label for a in areas}]
    assert area_entries == [n[1] for a in areas for n in a.nav]


def test_every_area_has_urls_at_its_prefix_and_its_matrix_module():
    for area in work_areas():
        first = area.nav[0][1]
        assert reverse(first).startswith(f"/{area.get_url_prefix()}")
        __import__(area.get_matrix())


def test_staff_get_the_records_of_every_area(db):
    from django.contrib.auth.models import Permission

    staff = {p.content_type.app_label for p in role_permissions(Permission)[STAFF]}
    assert {a.label for a in work_areas()} <= staff


def test_a_work_area_missing_from_the_list_is_refused(monkeypatch):
    config = apps.get_app_config(work_areas()[0].label)
    monkeypatch.setattr(
        settings, "UNIONHUB_WORK_AREAS", [n for n in settings.UNIONHUB_WORK_AREAS if n != config.name]
    )
    with pytest.raises(ImproperlyConfigured, match="not in settings.UNIONHUB_WORK_AREAS"):
        config.ready()


def test_a_listed_app_that_is_no_work_area_is_refused(monkeypatch):
    monkeypatch.setattr(settings, "UNIONHUB_WORK_AREAS", [*settings.UNIONHUB_WORK_AREAS, "unionhub.jobs"])
    with pytest.raises(ImproperlyConfigured, match="unionhub.jobs"):
        work_areas()


def test_two_menu_items_or_sections_with_one_order_are_refused(monkeypatch):
    monkeypatch.setattr(nav, "_items", list(nav._items))
    with pytest.raises(ImproperlyConfigured, match="same order"):
        nav.register_nav(nav.NavItem("x", "x:y", work_areas()[0].order))
    monkeypatch.setattr(registry, "_sections", dict(registry._sections))
    taken = registry.sections()[0]
    with pytest.raises(ImproperlyConfigured, match="same order"):
        registry.register_section(
            registry.Section(key="other", title="x", figures=dict, template="x.html", order=taken.order)
        )


def test_seeders_are_found_by_convention():
    found = area_modules("seeder")
    assert all(module.__name__ == f"{area.name}.seeder" for area, module in found)
    names = {area.name for area, _m in found}
    for area in work_areas():
        has_file = (Path(area.path) / "seeder.py").exists()
        assert (area.name in names) == has_file


def test_import_kinds_and_report_sections_are_found_by_convention():
    from unionhub.imports.kinds import all_kinds

    registered = {id(kind) for kind in all_kinds()}
    sections = {s.key for s in registry.sections()}
    for area in work_areas():
        kinds = area.optional_attribute(area.import_kinds)
        assert (kinds is not None) == (Path(area.path) / "resources.py").exists()
        assert all(id(kind) in registered for kind in kinds or ())
        assert (area.label in sections) == (Path(area.path) / "report.py").exists()
    area = work_areas()[0]
    assert area.optional_attribute("no_such_module.KINDS") is None
    assert area.optional_attribute(None) is None


def test_the_machinery_imports_no_work_area():
    areas = {a.name for a in work_areas()}
    offenders = []
    for path in sorted((ROOT / "unionhub").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [n.name for n in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                mods = [node.module or ""]
            else:
                continue
            offenders += [f"{path.relative_to(ROOT)}: {m}" for m in mods if m.split(".")[0] in areas]
    assert not offenders, offenders
