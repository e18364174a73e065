"""Fixtures of the browser tests: a headless Chromium driven by Playwright.

The browser is the system's Chromium (Debian: `apt-get install chromium`), not one downloaded by
`playwright install`: Playwright's pip wheel brings its driver, and `executable_path` points it
at /usr/bin/chromium (or NEWSEVENTS_CHROMIUM). There is no skip: without a browser the tests fail.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = os.environ.get("NEWSEVENTS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        pytest.fail("no Chromium: install it (apt-get install chromium) or set NEWSEVENTS_CHROMIUM", pytrace=False)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator["object"]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
