"""Views parse the request, call a selector or a service, and render (docs/architecture.md): no
view builds a query or writes a row, so scoping (selectors' visible_to) and the rules (services)
cannot be skipped by a page. Read from the source, so a new view is held to it the day it lands."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Query building and writing: a view that needs one asks a selector or a service.
ORM = {
    "objects", "filter", "exclude", "annotate", "aggregate", "order_by", "select_related",
    "prefetch_related", "select_for_update", "raw", "extra", "bulk_create", "bulk_update",
    "get_or_create", "update_or_create", "delete", "save",
}  # fmt: skip


def view_modules() -> list[Path]:
    found = sorted(ROOT.glob("*/views.py")) + sorted((ROOT / "unionhub").glob("*/views.py"))
    return [p for p in found if ".venv" not in p.parts]


def offences(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or node.attr not in ORM:
            continue
        found.append((node.lineno, node.attr))
    # A model form's instance, not saved: handed to the service that saves it.
    unsaved = {
        node.func.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "save"
        and any(k.arg == "commit" and getattr(k.value, "value", True) is False for k in node.keywords)
    }
    return [(line, attr) for line, attr in found if not (attr == "save" and line in unsaved)]


def test_the_rule_sees_a_query_and_a_write():
    source = "def v(request):\n    Member.objects.filter(x=1)\n    form.save()\n    form.save(commit=False)\n"
    assert sorted(offences(source)) == [(2, "filter"), (2, "objects"), (3, "save")]


def test_views_build_no_query_and_write_no_row():
    modules = view_modules()
    assert len(modules) >= 10  # the six areas' and the machinery's
    found = [
        f"{path.relative_to(ROOT)}:{line}: .{attr}"
        for path in modules
        for line, attr in offences(path.read_text(encoding="utf-8"))
    ]
    assert not found, "views ask a selector or a service instead:\n" + "\n".join(found)
