"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Without Chromium the tests skip with a message, unless REQUIRE_BROWSER=1 (CI), where a
missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if Path(path).exists() else shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium); browser tests need it."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page, label: str, value) -> None:
    """Type a date, or a date and time, into the GOV.UK date input whose legend is ``label``
    (``value``: a date, a datetime in wall-clock time, or its ISO text; "YYYY-MM" for a month
    and year input)."""
    import datetime as dt

    group = page.get_by_role("group", name=label)
    if isinstance(value, str) and len(value) == 7:  # "YYYY-MM": a month and year alone
        group.get_by_label("Month").fill(str(int(value[5:])))
        group.get_by_label("Year").fill(value[:4])
        return
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))
    if isinstance(value, dt.datetime):
        group.get_by_label("Time (24-hour)").fill(value.strftime("%H:%M"))


def assert_accessible(page) -> None:
    """axe finds nothing on the page as it is now (each finding shown with the element)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
    ]
    assert violations == []
