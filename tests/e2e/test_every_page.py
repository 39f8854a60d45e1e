"""Every page of the project, as a city user holding every role sees it, at 1366×768 and 390×844:
a screenshot each in test-artifacts/e2e/pages/<size>/ (look at them), and the checks a layout must
pass at both sizes: no page wider than the window, no English sort or empty-choice label, no
name stacked one character per line.

The URLs come from the URL conf (tests/security/test_permissions.walk) with the records of the
permission matrix's world, so a new page is photographed the day it is added."""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import DESKTOP, PASSWORD, PHONE
from tests.security.test_permissions import ACCESS, url_args, walk
from tests.security.world import World, make_role_user
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF

pytestmark = pytest.mark.e2e

# Not a page: files, JSON, print views and pages that only redirect.
SKIPPED = {
    "logout", "set_language", "password_reset_confirm", "jobs:status", "jobs:download",
    "imports:template", "imports:bad_rows", "reports:download", "reports:status",
    "imports:export_job",  # a job's page: only the one who asked for it
}  # fmt: skip
ENGLISH_PHRASES = ("(descending)", "Select an option")
ENGLISH_WORDS = ("Unknown", "Yes", "No")

STACKED = """() => [...document.querySelectorAll('td, th, li, .card, h1, h2, h3, a, label')]
  .filter(e => e.offsetParent !== null && e.innerText.trim().length >= 2
               && e.getBoundingClientRect().width < 24 && e.getBoundingClientRect().height > 60)
  .map(e => e.innerText.trim().slice(0, 20))"""


def pages(world):
    for _route, name, view, kwarg_names in walk():
        access = ACCESS.get(name)
        if access is None or access.post or name in SKIPPED or name.startswith(("password_", "login")):
            continue
        yield name, reverse(name, kwargs=url_args(name, view, kwarg_names, access, world))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_at_both_sizes(browser, live_server, transactional_db, artifacts, size):
    world = World()
    make_role_user(world.city, [STAFF, OFFICIAL, ADMIN], ["people.view_full_id"], "pages_city")
    folder = artifacts / "pages" / size
    folder.mkdir(parents=True, exist_ok=True)
    viewport = DESKTOP if size == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "pages_city")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    problems, seen = [], 0
    for name, url in pages(world):
        try:
            response = page.goto(url)
        except PlaywrightError as exc:  # a download (an attachment, an export) is not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        seen += 1
        page.screenshot(path=folder / f"{name.replace(':', '-')}.png", full_page=True)
        if response.status >= 400:
            problems.append(f"{name}: HTTP {response.status}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"] + 1:
            problems.append(f"{name}: the page is {width}px wide in a {viewport['width']}px window")
        options = " ".join(page.locator("select option").all_inner_texts())
        problems += [f"{name}: English option “{w}”" for w in ENGLISH_PHRASES if w in options]
        problems += [f"{name}: English option “{w}”" for w in ENGLISH_WORDS if w in options.split()]
        problems += [f"{name}: stacked text “{t}”" for t in page.evaluate(STACKED)]
    context.close()
    assert seen >= 40
    assert problems == [], "\n".join(problems)
