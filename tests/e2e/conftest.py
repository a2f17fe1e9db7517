"""One Chromium per worker for the whole session (a launch costs seconds on a busy machine):
each browser test opens a context of its own (cookies, storage, downloads, language) and
closes it. The Prefect server these tests share is ``prefect_server`` in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from tests.e2e.test_portal_browser import ARGS, CHROMIUM, _browser_or_skip

    sync_playwright = _browser_or_skip()  # type: ignore[no-untyped-call]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
