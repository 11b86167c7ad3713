"""Playwright driving Debian's Chromium against Django's live server.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium. Every request
the page makes is recorded: a request to any host other than the live server fails the test.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (scripts/bootstrap --test installs it as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    context.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)  # assertions wait as long as actions: CI machines are slow
    page = context.new_page()
    server_host = urlparse(live_server.url).netloc
    foreign: list[str] = []

    def record(request):
        parsed = urlparse(request.url)
        if parsed.scheme in {"http", "https", "ws", "wss"} and parsed.netloc != server_host:
            foreign.append(request.url)

    page.on("request", record)
    page.live_server_url = live_server.url
    yield page
    context.close()
    assert foreign == [], f"the page asked hosts other than the server: {foreign}"


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.live_server_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录", exact=True).click()


def screenshot(page, name: str) -> None:
    """Save a screenshot that the README shows (unless TEST_SCREENSHOTS=off: scripts/test runs the
    suite on two databases at once, and only one of them writes the pictures)."""
    if os.environ.get("TEST_SCREENSHOTS") == "off":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
