"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

- `browser`: one Chromium for the whole e2e package (started on first use, closed after the
  package's last test so no other test runs beside Playwright's event loop).
- `page`: a fresh context per test at 1366×768 (zh-CN), base URL = the live server; downloads
  accepted. On failure a screenshot of the last state is saved.
- `shot("step")`: a screenshot test-artifacts/e2e/<test>-<NN>-<step>.png (NN keeps the order).
- `login(page, username, password)`: through the real login form.

Playwright's sync API keeps an event loop running in the test thread, so Django would refuse
ORM calls there (SynchronousOnlyOperation): DJANGO_ALLOW_ASYNC_UNSAFE is set while the browser
is up. The live server is transactional: data made in a test is committed and the server's
thread sees it; the database is flushed after each test.
"""

import os
import re
import threading
from pathlib import Path

import pytest

from members.models import Industry

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory's password
TIMEOUT_MS = 20_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): no browser journeys")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are made and signed in once per journey: a fast hasher keeps that to milliseconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def artifacts(request) -> Path:
    folder = request.config.rootpath / "test-artifacts" / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _test_name(request) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.name)


@pytest.fixture
def industry(transactional_db):
    """The live server's flush empties tables filled by data migrations: make what we use."""
    return Industry.objects.get_or_create(name="机械制造")[0]


@pytest.fixture
def page(browser, live_server, request, artifacts):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []

    def console(message):
        # Chromium asks for /favicon.ico on its own; the app has none.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    yield page
    name = _test_name(request)
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        page.screenshot(path=artifacts / f"{name}-failed.png", full_page=True)
    log = artifacts / f"{name}-console.txt"
    if problems:
        log.write_text("\n".join(problems) + "\n", encoding="utf-8")
    elif log.exists():
        log.unlink()
    context.close()


@pytest.fixture
def shot(page, request, artifacts):
    """shot("member-list") saves the page as test-artifacts/e2e/<test>-<NN>-member-list.png."""
    name = _test_name(request)
    for old in artifacts.glob(f"{name}-*.png"):
        old.unlink()
    count = 0

    def take(step: str, *, full_page: bool = True) -> Path:
        nonlocal count
        count += 1
        path = artifacts / f"{name}-{count:02d}-{step}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    take.folder, take.prefix = artifacts, name
    return take


def login(page, username: str, password: str = PASSWORD):
    """Sign in through the login form and land on the home page, signed in."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    assert "/accounts/login/" not in page.url, page.inner_text("main")
    assert username in page.inner_text(".userbox")


class ThreadWorker:
    """Stands in for a Celery worker: each job sent to the broker runs in a thread of this
    process once the test says `go()`, so a page can be seen while its job is still queued and
    then follow it to the end (a real worker process is tested in tests/foundation)."""

    def __init__(self):
        self._go = threading.Event()
        self.threads: list[threading.Thread] = []

    def delay(self, job_id: str):
        thread = threading.Thread(target=self._run, args=(job_id,), daemon=True)
        thread.start()
        self.threads.append(thread)

    def _run(self, job_id: str):
        from django.db import connection

        from unionhub.jobs.services import job_run

        try:
            self._go.wait(timeout=60)
            job_run(job_id)
        finally:
            connection.close()

    def go(self):
        self._go.set()


@pytest.fixture
def worker(transactional_db, settings, monkeypatch):
    """Jobs queue instead of running inside the request; `worker.go()` lets them run."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    stand_in = ThreadWorker()
    monkeypatch.setattr("unionhub.jobs.tasks.run_job", stand_in)
    yield stand_in
    stand_in.go()
    for thread in stand_in.threads:
        thread.join(timeout=60)
