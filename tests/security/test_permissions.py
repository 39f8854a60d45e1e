"""The permission matrix: every URL of the project, for every role, in its own subtree and in
a sibling's, gets the expected answer.

The test walks the URL conf, so a new view is covered the day it is added: a URL missing from
ACCESS (or a URL argument this file cannot fill) fails the test with a message saying what to
add. The records all live in district LZ-CZ (tests/security/world.py):

- anonymous: sent to the login page (or 403/404/405), never a page with data;
- LZ-CZ staff: 200 on their district's records; 403 where their role lacks the permission;
- LZ-YF (the sibling) and LZ-CZ-001 (an enterprise union below LZ-CZ), both holding every
  role and the full-ID permission: 404 on LZ-CZ's records, never 200, never a 403 that would
  reveal that the record exists; and no LZ-CZ record on any page they do get;
- city staff: 200 on everything below the city their role allows;
- an official (领导) of LZ-CZ: reads (200), is refused every write (403);
- an admin (管理员) of LZ-CZ: records, imports, exports and users of the subtree.

POST-only views answer a GET with 405 and are POSTed (empty) to check who gets through.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import LOGIN, PUBLIC, A
from .world import LEAK, ROLES, area_matrices

# Scopes: "cz"      a record of LZ-CZ: its subtree's users and the city's;
#         "all"     a city-wide record (a contest, a perk day): every user holding the permission;
#         "up"      a record users below its organization may read too (a relief program is paid
#                   out by the organizations under it): 404 for the sibling only;
#         "up_edit" the change of such a record: LZ-CZ and above; below, 403 (they read it);
#         "creator" a job: only the one who asked for it (the LZ-CZ admin); 404 for all others;
#         "root"    a city-wide record's creation: users of the city federation only; others 403.
MACHINERY = {
    "home": A(LOGIN),
    "login": PUBLIC,
    "logout": PUBLIC,
    "password_change": A(LOGIN),
    "password_change_done": A(LOGIN),
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
    # people, jobs
    "people:detail": A(LOGIN, "cz"),
    "people:full_id": A("people.view_full_id", "cz", post=True),
    "jobs:status": A(LOGIN, "creator"),
    "jobs:retry": A(LOGIN, "creator", post=True),
    "jobs:download": A(LOGIN, "creator"),
    # imports and exports
    "imports:index": A("imports.run_import"),
    "imports:template": A("imports.run_import"),
    "imports:upload": A("imports.run_import"),
    "imports:batches": A("imports.view_importbatch"),
    "imports:batch": A("imports.view_importbatch", "cz"),
    "imports:confirm": A("imports.run_import", "cz", post=True),
    "imports:bad_rows": A("imports.view_importbatch", "cz"),
    "imports:rollback": A("imports.rollback_import", "cz", post=True),
    "imports:export": A("imports.run_export"),
    "imports:export_job": A("imports.run_export", "creator", pk="export_job"),
    # reports
    "reports:dashboard": A("reports.request_report"),
    "reports:list": A("reports.request_report"),
    "reports:detail": A("reports.request_report", "cz"),
    "reports:status": A("reports.request_report", "cz"),
    "reports:retry": A("reports.request_report", "cz", post=True),
    "reports:publish": A("reports.publish_report", "cz", post=True),
    "reports:write": A("reports.publish_report", "cz"),
    "reports:preview": A("reports.publish_report", "cz"),
    "reports:remake": A("reports.request_report", "cz", post=True),
    "reports:new_version": A("reports.publish_report", "cz", post=True),
    "reports:download": A("reports.request_report", "cz"),
    # the organization tree
    "orgs:tree": A(LOGIN),
    "orgs:detail": A(LOGIN, "cz"),
    "orgs:users": A("orgs.view_user", "cz"),
    "orgs:user_create": A("orgs.add_user", "cz"),
    "orgs:user": A("orgs.change_user", "cz", pk="managed_user"),
    "orgs:user_reset": A("orgs.change_user", "cz", post=True, pk="managed_user"),
    "orgs:user_full_id": A("orgs.change_user", "cz", pk="managed_user"),
}

# URL arguments by (view module, kwarg), where a URL's own ACCESS entry does not name them:
# a world attribute (a record: its pk is used) or a literal value.
BY_MODULE = {
    ("unionhub.people.views", "pk"): "person",
    ("unionhub.jobs.views", "pk"): "job",
    ("unionhub.jobs.views", "name"): "=result",
    ("unionhub.imports.views", "pk"): "batch",
    ("unionhub.imports.views", "kind"): "=orgs",
    ("unionhub.imports.views", "fmt"): "=xlsx",
    ("unionhub.reports.views", "pk"): "report",
    ("unionhub.reports.views", "kind"): "=pdf",
    ("unionhub.orgs.views", "code"): "=LZ-CZ",
    ("django.contrib.auth.views", "uidb64"): "=MQ",
    ("django.contrib.auth.views", "token"): "=set-password",
}

# The work areas bring their own entries (tests/security/areas/<label>.py).
ACCESS = dict(MACHINERY)
for _area in area_matrices():
    ACCESS.update(_area.ACCESS)
    BY_MODULE.update(getattr(_area, "BY_MODULE", {}))

# Extra query strings that name an organization: another subtree's is a 404 there too.
ORG_QUERIES = {"reports:dashboard": "?org=LZ-CZ", "reports:list": "?org=LZ-CZ"}

ALLOWED_ON_SUCCESS = {"GET": {200}, "POST": {200, 302, 400, 405}}  # 405: a GET-only page


def walk(resolver=None, prefix="", namespace="", kwargs=()):
    """(route, name, view, kwarg names) of every URL pattern, through includes; admin/ is
    Django's own and left to it."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        names = (*kwargs, *getattr(p.pattern, "converters", {}))
        if isinstance(p, URLResolver):
            if route.startswith("admin/"):
                continue
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from walk(p, route, ns, names)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield route, name, p.callback, names


def url_args(name, view, kwarg_names, access, world) -> dict:
    """The URL's arguments: from its ACCESS entry, else by (view module, kwarg); fail loudly
    for one this file does not know, so a new view gets a record to point at."""
    kwargs = {}
    module = view.__module__
    for kwarg in kwarg_names:
        source = access.kwargs.get(kwarg) or BY_MODULE.get((module, kwarg))
        if source is None:
            pytest.fail(
                f"URL {name} ({module}) takes <{kwarg}>: say which record fills it in ACCESS "
                f"(e.g. A(..., {kwarg}='record')) or in BY_MODULE"
            )
        kwargs[kwarg] = source[1:] if source.startswith("=") else getattr(world, source).pk
    return kwargs


def in_scope(scope, role, world) -> str:
    """'ok', or the status a user of `role` must get for a record of this scope."""
    if scope in ("", "all"):
        return "ok"
    if scope == "creator":
        return "ok" if role == "cz_admin" else 404
    if scope == "root":
        return "ok" if world.path_of(role) == world.city.path else 403
    mine = world.path_of(role)
    cz = world.cz.path
    if cz.startswith(mine):
        return "ok"
    if scope == "up" and mine.startswith(cz):
        return "ok"
    if scope == "up_edit" and mine.startswith(cz):
        return 403
    return 404


def expected(access, role, user, world, method="GET") -> str | int:
    if access.perm not in ("", LOGIN) and not user.has_perm(access.perm):
        return 403
    if method == "POST" and access.post_perm and not user.has_perm(access.post_perm):
        return 403
    return in_scope(access.scope, role, world)


def check(response, method, expect, expect_post_only=False):
    """A problem with `response`, or None."""
    status = response.status_code
    if expect == "anonymous":
        if status == 302 and response["Location"].startswith(reverse("login")):
            return None
        return None if status in (403, 404, 405) else f"expected the login page, got {status}"
    if expect == "ok":
        ok = ALLOWED_ON_SUCCESS[method]
        if status == 405 and expect_post_only:
            return "a POST-only view refused a POST"
        return None if status in ok else f"expected {sorted(ok)}, got {status}"
    if status != expect:
        return f"expected {expect}, got {status}"
    return None


def leaks(response, role) -> bool:
    """A user outside LZ-CZ's subtree sees one of its records (or the sibling its name)."""
    if role not in ("yf_sibling", "ent_child") or response.status_code not in (200, 400):
        return False
    body = response.body if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    return LEAK in text or (role == "yf_sibling" and "城中区总工会" in text)


def test_every_url_has_an_access_rule(db):
    missing = [f"{route} ({name})" for route, name, _v, _k in walk() if name not in ACCESS]
    assert not missing, "Add these URLs to ACCESS in tests/security/test_permissions.py:\n" + "\n".join(
        missing
    )
    stale = set(ACCESS) - {name for _r, name, _v, _k in walk()}
    assert not stale, f"ACCESS names URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("role", list(ROLES))
def test_permission_matrix(role, world):
    user = world.users.get(role)
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    problems = []

    def request(method, name, url, expect, post_only=False):
        response = getattr(client, method.lower())(url)
        if response.streaming:  # read to the end: the test client then closes the file
            response.body = b"".join(response.streaming_content)
        problem = check(response, method, expect, post_only)
        if problem:
            problems.append(f"{role:12} {method:4} {url} ({name}): {problem}")
        elif leaks(response, role):
            problems.append(f"{role:12} {method:4} {url} ({name}): shows a record of LZ-CZ")

    for _route, name, view, kwarg_names in walk():
        access = ACCESS.get(name)
        if access is None or access.perm is None:
            continue  # reported by test_every_url_has_an_access_rule; public pages hold no data
        url = reverse(name, kwargs=url_args(name, view, kwarg_names, access, world))
        expect = "anonymous" if user is None else expected(access, role, user, world)
        if access.post:
            # A GET never runs a POST-only view, whoever asks.
            request("GET", name, url, "anonymous" if user is None else 405)
        else:
            request("GET", name, url, expect)
            if name in ORG_QUERIES:
                org_expect = expect if expect != "ok" else in_scope("cz", role, world)
                request("GET", name, url + ORG_QUERIES[name], org_expect)
        # An empty POST: refused where a GET is (a view that checks only on GET is caught), and
        # let through to a POST-only view's action for those allowed it.
        post_expect = "anonymous" if user is None else expected(access, role, user, world, "POST")
        if access.post or post_expect != "ok":
            request("POST", name, url, post_expect, access.post)

    assert not problems, f"{len(problems)} answers differ from the matrix:\n" + "\n".join(problems)
