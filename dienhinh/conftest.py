import os

import pytest

from dienhinh.browser import launch_chromium
from dienhinh.testing import build_cast


@pytest.fixture
def cast(db):
    """The named cast of `dienhinh.testing.build_cast` on a fresh small tree."""
    return build_cast()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole run (see dienhinh/browser.py)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab with an English-speaking browser, as many office machines have,
    so the tests also prove the interface is Vietnamese unless the user switches."""
    context = chromium.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Open pages as several people at once (each its own browser context, like separate
    machines); all are closed before the live server stops, so no request is left running."""
    contexts = []

    def open_page(*, width: int = 1280, height: int = 900):
        context = chromium.new_context(locale="en-US", viewport={"width": width, "height": height})
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.base_url = live_server.url
        return tab

    yield open_page
    for context in contexts:
        context.close()
