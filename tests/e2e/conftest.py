"""One Chromium per browser test, closed with it: Playwright's sync API keeps an event loop
running in the worker's thread while it is open, and a Prefect flow called in that thread
afterwards (by another test on the same worker) then returns a coroutine instead of its
result. Each test opens its own context (cookies, storage, downloads, language). The Prefect server these tests share is ``prefect_server`` in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


@contextmanager
def _launched() -> Iterator[Any]:
    from tests.e2e.test_portal_browser import ARGS, CHROMIUM, _browser_or_skip

    sync_playwright = _browser_or_skip()  # type: ignore[no-untyped-call]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def chromium() -> Iterator[Any]:
    with _launched() as browser:
        yield browser


@pytest.fixture(scope="module")
def module_chromium() -> Iterator[Any]:
    """For a module whose tests share one served site (the whole life): closed with the
    module, so that no later test on the worker runs beside its event loop."""
    with _launched() as browser:
        yield browser
