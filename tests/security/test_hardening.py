"""Hardening: CSP with nonces, cookies, no-store, login throttling, upload limits, escaping,
ID numbers masked on every page and in the report, production settings."""

import json
import re
import secrets
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from legal.models import Case
from members.models import Member
from perks.models import Merchant
from relief.models import HardshipFile
from tests.factories import PersonFactory
from tests.foundation.conftest import run_python
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.people.models import FullIdView

from .test_permissions import ACCESS, url_args, walk
from .world import area_matrices, make_role_user

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
SCRIPT = '<script>alert("x")</script>'


# Pages whose content a query string changes: shown in those shapes too (each work area's
# tests/security/areas/<label>.py says which of its pages).
QUERY_SHAPES = {k: v for area in area_matrices() for k, v in getattr(area, "QUERY_SHAPES", {}).items()}


def html_pages(world):
    """(name, url) of every GET page of the project with its arguments filled from `world`."""
    for _route, name, view, kwarg_names in walk():
        access = ACCESS[name]
        if access.perm is None or access.post or access.scope == "root":
            continue  # "root": a city-wide record's form, which LZ-CZ's users may not open
        url = reverse(name, kwargs=url_args(name, view, kwarg_names, access, world))
        yield name, url
        for query in QUERY_SHAPES.get(name, []):
            yield name, url + query


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def pages_seen_by(user, world):
    """(name, url, text) of every GET page of html_pages(world) that answers `user` with 200."""
    client = Client()
    client.force_login(user)
    for name, url in html_pages(world):
        response = client.get(url)
        if response.status_code == 200:
            yield name, url, body(response)


@pytest.fixture
def everyone_in_cz(world):
    """A user of LZ-CZ holding every role (but not the full-ID permission), who asked for the
    world's jobs (a job opens only to the one who asked for it)."""
    user = make_role_user(world.cz, [STAFF, OFFICIAL, ADMIN], [], "cz_everything")
    Job.objects.filter(pk__in=[world.job.pk, world.export_job.pk]).update(created_by=user)
    return user


# --- Content Security Policy, cookies, caching ---------------------------------------------------


def test_csp_allows_only_own_and_nonced_scripts(client):
    r = client.get(reverse("login"))
    csp = r["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    script_src = directives["script-src"]
    nonce = re.search(r"'nonce-([\w+/=-]+)'", script_src).group(1)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    # Every script tag of the page carries this response's nonce.
    tags = re.findall(r"<script\b[^>]*>", body(r))
    assert tags and all(f'nonce="{nonce}"' in t for t in tags)


def test_the_nonce_is_new_on_every_response(client):
    first = client.get(reverse("login"))["Content-Security-Policy"]
    second = client.get(reverse("login"))["Content-Security-Policy"]
    assert first != second


def test_session_and_csrf_cookies_are_httponly_and_the_session_lasts_a_working_day(world, client):
    client.post(reverse("login"), {"username": "cz_staff", "password": PASSWORD})
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert int(session["max-age"]) == settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert client.cookies[settings.CSRF_COOKIE_NAME]["httponly"]


def test_production_settings_are_secure(db):
    """With DEBUG off: HTTPS only, HSTS for a year, secure cookies (check --deploy itself is
    tests/foundation/test_deploy_check.py)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE', 'X_FRAME_OPTIONS', 'DEBUG', "
        "'SECURE_CONTENT_TYPE_NOSNIFF']}))"
    )
    r = run_python(
        code, DEBUG="False", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="unionhub.example.org"
    )
    assert r.returncode == 0, r.stderr
    prod = json.loads(r.stdout.strip().splitlines()[-1])
    assert prod["DEBUG"] is False
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000 and prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert prod["SESSION_COOKIE_SECURE"] and prod["CSRF_COOKIE_SECURE"]
    assert prod["SESSION_COOKIE_HTTPONLY"] and prod["CSRF_COOKIE_HTTPONLY"]
    assert prod["SESSION_COOKIE_AGE"] <= 8 * 3600
    assert prod["X_FRAME_OPTIONS"] == "DENY" and prod["SECURE_CONTENT_TYPE_NOSNIFF"]


def test_passwords_are_hashed_slowly_and_checked_for_strength():
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    # Not the test's fast hasher: the project's own list.
    import unionhub.settings as project

    assert project.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert PBKDF2PasswordHasher.iterations >= 600_000
    names = {v["NAME"].rsplit(".", 1)[-1]: v for v in project.AUTH_PASSWORD_VALIDATORS}
    assert {"UserAttributeSimilarityValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= set(
        names
    )
    assert names["MinimumLengthValidator"]["OPTIONS"]["min_length"] >= 10


# --- login throttling ----------------------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(username, password, ip):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_that_username_from_that_address(world, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login("cz_staff", "wrong-password", "10.0.0.1").status_code == 200
    assert _login("cz_staff", "wrong-password", "10.0.0.1").status_code == 429
    locked = _login("cz_staff", PASSWORD, "10.0.0.1")
    assert locked.status_code == 429
    assert "账号已暂时锁定" in body(locked)


def test_a_lockout_does_not_shut_out_colleagues_behind_the_same_address(world, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("cz_staff", "wrong-password", "10.0.0.1")
    assert _login("city_staff", PASSWORD, "10.0.0.1").status_code == 302


def test_a_lockout_does_not_shut_the_user_out_from_another_address(world, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("cz_staff", "wrong-password", "10.0.0.1")
    assert _login("cz_staff", PASSWORD, "10.0.0.2").status_code == 302


def test_four_failures_do_not_lock(world, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login("cz_staff", "wrong-password", "10.0.0.1")
    assert _login("cz_staff", PASSWORD, "10.0.0.1").status_code == 302


# --- uploads ---------------------------------------------------------------------------------------


def test_an_upload_over_the_size_limit_is_refused_and_nothing_is_kept(world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = Client()
    client.force_login(world.cz_admin)
    before = ImportBatch.objects.count()
    big = SimpleUploadedFile("members.csv", b"a" * 2048, content_type="text/csv")
    r = client.post(reverse("imports:upload", args=["members"]), {"file": big})
    assert r.status_code == 200
    assert "文件过大" in body(r)
    assert ImportBatch.objects.count() == before


@pytest.mark.parametrize("name", ["members.exe", "members.ods", "members.html", "members"])
def test_an_upload_of_another_type_is_refused(world, name):
    client = Client()
    client.force_login(world.cz_admin)
    before = ImportBatch.objects.count()
    r = client.post(reverse("imports:upload", args=["members"]), {"file": SimpleUploadedFile(name, b"x,y\n")})
    assert "只支持 .xlsx、.xls 和 .csv 文件" in body(r)
    assert ImportBatch.objects.count() == before


def test_a_form_body_over_the_memory_limit_is_refused(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client()
    client.force_login(world.users["cz_staff"])
    r = client.post(reverse("legal:intake"), {"note": "x" * 20_000})
    assert r.status_code == 400


# --- user text is escaped ----------------------------------------------------------------------------


def test_user_text_is_rendered_escaped_in_lists_and_detail_pages(world):
    world.person.name = SCRIPT
    world.person.save()
    Merchant.objects.filter(pk=world.merchant.pk).update(name=SCRIPT, perks=SCRIPT)
    Case.objects.filter(pk=world.case.pk).update(applicant_name=SCRIPT, note=SCRIPT)
    client = Client()
    client.force_login(make_role_user(world.cz, [STAFF], [], "reader"))
    pages = [
        reverse("members:list"),
        reverse("members:detail", args=[world.member.pk]),
        reverse("people:detail", args=[world.person.pk]),
        reverse("relief:files"),
        reverse("relief:file", args=[world.file.pk]),
        reverse("relief:payments"),
        reverse("relief:payment", args=[world.payment.pk]),
        reverse("legal:cases"),
        reverse("legal:case", args=[world.case.pk]),
        reverse("perks:cards"),
        reverse("perks:merchants"),
        reverse("perks:merchant", args=[world.merchant.pk]),
        reverse("skills:contest", args=[world.contest.pk]),
        reverse("skills:promotions"),
    ]
    for url in pages:
        text = body(client.get(url))
        assert SCRIPT not in text, url
        assert "&lt;script&gt;" in text, url


# --- ID numbers --------------------------------------------------------------------------------------


def test_every_page_masks_id_numbers_is_never_stored_and_runs_only_nonced_scripts(world, everyone_in_cz):
    """Every GET page of the project (lists, details, forms, downloads) for a user who may see
    everything of LZ-CZ but not full ID numbers: the masked number only, `Cache-Control:
    no-store`, and nothing the CSP would block (a script or style without this response's
    nonce, an inline event handler, a javascript: link)."""
    full = world.person.id_number
    client = Client()
    client.force_login(everyone_in_cz)
    problems = []
    for name, url in html_pages(world):
        assert full not in url
        r = client.get(url)
        text = body(r)
        if r.status_code != 200:
            problems.append(f"{name}: {r.status_code}")
            continue
        if full in text:
            problems.append(f"{name}: shows the full ID number")
        if "no-store" not in r.get("Cache-Control", ""):
            problems.append(f"{name}: Cache-Control {r.get('Cache-Control')!r}")
        if not r["Content-Type"].startswith("text/html"):
            continue
        nonce = re.search(r"'nonce-([\w+/=-]+)'", r["Content-Security-Policy"]).group(1)
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if f'nonce="{nonce}"' not in tag:
                problems.append(f"{name}: {tag}")
        for handler in re.findall(r"<[^>]+\son[a-z]+\s*=", text):
            problems.append(f"{name}: inline handler {handler[:60]}")
        if re.search(r"href\s*=\s*[\"']\s*javascript:", text, re.I):
            problems.append(f"{name}: javascript: link")
    assert not problems, "\n".join(problems)
    r = client.get(reverse("members:detail", args=[world.member.pk]))
    assert world.person.masked_id in body(r)


@pytest.mark.parametrize(
    "lookup", ["members:lookup", "perks:card_lookup", "relief:file_lookup", "skills:promotion_lookup"]
)
def test_a_search_by_id_number_is_a_post_and_answers_with_the_masked_number(world, lookup):
    client = Client()
    client.force_login(world.users["cz_staff"])
    r = client.post(reverse(lookup), {"q": world.person.id_number}, follow=True)
    text = body(r)
    assert world.person.id_number not in text
    assert world.person.masked_id in text
    assert all(world.person.id_number not in url for url, _status in r.redirect_chain)


# Search forms sent with GET that ask for an ID number: the number would land in the URL (the
# address bar, history, server logs, Referer).


def get_forms_asking_for_an_id_number(world, only=None) -> set[str]:
    client = Client()
    client.force_login(make_role_user(world.cz, [STAFF, OFFICIAL, ADMIN], [], "searcher"))
    found = set()
    for name, url in html_pages(world):
        if only and name != only:
            continue
        text = body(client.get(url))
        for form in re.findall(r"<form\b([^>]*)>(.*?)</form>", text, re.S):
            method = re.search(r'method="(\w+)"', form[0])
            if (method is None or method.group(1).lower() == "get") and "身份证" in form[1]:
                found.add(name)
    return found


def test_no_search_by_id_number_puts_it_in_a_url(world):
    """Searches by ID number are POSTs (members:lookup, perks:card_lookup, relief:file_lookup,
    skills:promotion_lookup); a name search may stay a GET."""
    found = get_forms_asking_for_an_id_number(world)
    assert not found, f"GET forms asking for an ID number: {found}"


def test_the_payment_form_opened_from_a_file_does_not_show_the_full_id_number(world):
    client = Client()
    client.force_login(world.users["cz_staff"])
    r = client.get(reverse("relief:payment_create") + f"?file={world.file.pk}")
    assert r.status_code == 200
    assert world.person.id_number not in body(r)


def test_the_full_id_number_needs_its_permission_and_every_view_is_logged(world):
    client = Client()
    client.force_login(world.users["cz_staff"])
    url = reverse("people:full_id", args=[world.person.pk])
    assert client.post(url).status_code == 403
    viewer = make_role_user(world.cz, [STAFF], ["people.view_full_id"], "viewer")
    client.force_login(viewer)
    assert client.get(url).status_code == 405
    r = client.post(url)
    assert world.person.id_number in body(r)
    log = FullIdView.objects.get()
    assert (log.user, log.person) == (viewer, world.person)


def test_the_year_end_report_never_holds_a_full_id_number(world, monkeypatch):
    from unionhub.reports import services

    pages = []

    def capture(html):
        pages.append(html)
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(services, "html_to_pdf", capture)
    person = world.person
    # Someone in every part of the report: a member, a hardship file and payment, a contestant,
    # a craftsman and a promotion, a case applicant, a card holder (all of world.person).
    assert (
        Member.objects.filter(person=person).exists() and HardshipFile.objects.filter(person=person).exists()
    )
    client = Client()
    client.force_login(make_role_user(world.city, [OFFICIAL], [], "reporter"))
    client.post(reverse("reports:list"), {"org": world.city.code, "year": 2018, "as_of": "2018-12-31"})
    report = world.report.__class__.objects.filter(organization=world.city).get()
    assert report.is_made, report.job.error
    assert pages and person.id_number not in pages[0]
    with report.json.open("rb") as f:
        assert person.id_number not in f.read().decode()
    for other in PersonFactory._meta.model.objects.all():
        assert other.id_number not in pages[0]


# --- CSRF, spreadsheets ----------------------------------------------------------------------------


def test_every_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cz_admin)
    let_through = []
    for _route, name, view, kwarg_names in walk():
        access = ACCESS[name]
        if access.perm is None:
            continue
        url = reverse(name, kwargs=url_args(name, view, kwarg_names, access, world))
        if client.post(url).status_code != 403:
            let_through.append(name)
    assert not let_through, f"POST without a CSRF token accepted by: {let_through}"


def _xlsx_with_entities(tmp_path, part, marker):
    """A real workbook whose `part` declares XML entities (a billion-laughs bomb) and uses one
    where `marker` is."""
    import openpyxl

    src = tmp_path / "src.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["身份证号", "姓名"])
    wb.active.append(["450202198506150011", "张三"])
    wb.save(src)
    dtd = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                if data.startswith(b"<?xml"):
                    head, data = data.split(b"?>", 1)
                    dtd = head + b"?>" + dtd
                assert marker in data
                data = dtd + data.replace(marker, marker + b"&lol2;", 1)
            zout.writestr(item, data)
    return out


@pytest.mark.parametrize(
    ("part", "marker"),
    [
        ("xl/worksheets/sheet1.xml", b"<t>"),  # read by the engine's own streaming parser
        ("xl/workbook.xml", b'name="'),  # read by openpyxl
    ],
)
def test_an_xlsx_declaring_xml_entities_is_refused(tmp_path, part, marker):
    from unionhub.imports.readers import FileRefused, SheetReader

    path = _xlsx_with_entities(tmp_path, part, marker)
    plain = SheetReader(tmp_path / "src.xlsx", "src.xlsx")  # the same workbook without them reads
    assert [cells for _n, cells in plain.rows()] == [["450202198506150011", "张三"]]
    plain.close()
    with pytest.raises(FileRefused):
        reader = SheetReader(path, path.name)
        try:
            list(reader.rows())
        finally:
            reader.close()


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(lead):
    from unionhub.imports.cells import escape

    assert escape(f"{lead}1+1") == f"'{lead}1+1"
    assert escape("张三") == "张三"


def _login_via_proxy(username, password, forwarded_for):
    client = Client(REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    return client.post(reverse("login"), {"username": username, "password": password})


def test_behind_the_proxy_throttling_is_keyed_on_the_clients_address(world, axes_on, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login_via_proxy("cz_staff", "wrong-password", "10.0.0.1")
    # Another office (another address, the same proxy) is not locked out...
    assert _login_via_proxy("cz_staff", PASSWORD, "10.0.0.2").status_code == 302
    # ...and what a client writes into X-Forwarded-For itself does not get it past the lock.
    assert _login_via_proxy("cz_staff", PASSWORD, "10.0.0.9, 10.0.0.1").status_code == 429
