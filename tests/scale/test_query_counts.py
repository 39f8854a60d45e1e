"""No page queries per row: every list page (and every page that lists a record's rows) makes
the same number of queries for 5 rows as for 60 (a full page of 50 and a second page).

The pages are named below with the builder that adds their rows; a test checks that every URL
of the project whose name says it lists something (a plural, or a name in LIST_NAMES) is here (or
in its work area's tests/<label>/scale.py) or is declared without rows of its own, so a new list
page is not forgotten."""

import importlib
import importlib.util

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from unionhub.core.areas import work_areas
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF

from . import builders as b

# url name -> (builder, url kwargs from the world once the rows exist)
PAGES = {
    "members:list": (b.build_members, None),
    "members:employers": (b.build_employers, None),
    "members:drives": (b.build_drives, None),
    "members:chains": (b.build_chains, None),
    "members:industries": (b.build_industries, None),
    "relief:files": (b.build_files, None),
    "relief:programs": (b.build_programs, None),
    "relief:payments": (b.build_payments, None),
    "relief:program": (b.build_program_payments, lambda w: {"pk": w.program.pk}),
    "relief:file": (b.build_file_payments, lambda w: {"pk": w.file.pk}),
    "relief:services": (b.build_care, None),
    "skills:contests": (b.build_contests, None),
    "skills:contest": (b.build_entries, lambda w: {"pk": w.contest.pk}),
    "skills:awards": (b.build_awards, None),
    "skills:promotions": (b.build_promotions, None),
    "skills:model_workers": (b.build_model_workers, None),
    "legal:cases": (b.build_cases, None),
    "legal:near_limit": (b.build_near_limit, None),
    "legal:lawyers": (b.build_lawyers, None),
    "legal:contracts": (b.build_contracts, None),
    "legal:contracts_expiring": (b.build_contracts_expiring, None),
    "legal:monitoring": (b.build_monitoring, None),
    "legal:case": (b.build_case_events, lambda w: {"pk": w.case.pk}),
    "perks:cards": (b.build_cards, None),
    "perks:card": (b.build_card_history, lambda w: {"pk": w.card.pk}),
    "perks:merchants": (b.build_merchants, None),
    "perks:merchant": (b.build_stores, lambda w: {"pk": w.merchant.pk}),
    "perks:perk_days": (b.build_perk_days, None),
    "perks:perk_day": (b.build_perk_sales, lambda w: {"pk": w.day.pk}),
    "imports:batches": (b.build_batches, None),
    "reports:list": (b.build_reports, None),
    "orgs:detail": (b.build_children, lambda w: {"code": w.cz.code}),
    "orgs:users": (b.build_users, lambda w: {"code": w.cz.code}),
}

# A work area may bring its own pages: `PAGES` in tests/<label>/scale.py (tests/activities/scale.py).
for _area in work_areas():
    if importlib.util.find_spec(f"tests.{_area.label}") and importlib.util.find_spec(
        f"tests.{_area.label}.scale"
    ):
        PAGES.update(importlib.import_module(f"tests.{_area.label}.scale").PAGES)

# Pages whose name reads like a list but that list nothing that grows with the records.
# members:transfers shows at most 200 pending each way and a page of settled ones, each row with
# its member and organizations by select_related (tests/members/test_transfer_pages.py).
NOT_LISTS = {"orgs:tree", "reports:dashboard", "imports:index", "members:transfers"}
LIST_NAMES = {"list", "cards", "files", "cases", "contests", "drives", "chains"}


class World:
    def __init__(self, tree, user):
        self.city, self.cz, self.user = tree.city, tree.cz, user


@pytest.fixture
def world(tree, make_user):
    return World(tree, make_user(tree.city, STAFF, OFFICIAL, ADMIN, username="scale_city"))


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_queries_do_not_grow_with_the_rows(name, world, client_for):
    build, kwargs = PAGES[name]
    client = client_for(world.user)
    build(world, 5)
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    client.get(url)  # the first request of a session warms caches (content types, permissions)
    with_5 = queries(client, url)
    build(world, 55)
    with_60 = queries(client, url)
    assert with_60 == with_5, f"{name}: {with_5} queries for 5 rows, {with_60} for 60"


def _names(resolver=None, ns=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _names(p, f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{ns}{p.name}"


def test_every_list_page_is_counted():
    listed = set(PAGES) | NOT_LISTS
    missing = sorted(
        name
        for name in _names()
        if not name.startswith("admin:")
        and (name.split(":")[-1] in LIST_NAMES or name.split(":")[-1].endswith("s"))
        and not name.split(":")[-1].endswith(("_status", "status", "_rows"))
        and name not in listed
    )
    assert not missing, f"list pages without a query-count test (add them to PAGES or NOT_LISTS): {missing}"
