"""Pytest fixtures shared by the browser tests and the benchmarks' own tests.

Loaded as a plugin (``-p tests.harness.fixtures`` in pyproject's pytest options), so both
``tests/e2e`` and ``benchmarks/tests`` get the same session-wide Chromium: Playwright's sync
API allows one instance per process.

``chromium_executable`` session: path of Debian's Chromium (skips without it, fails under CI).
``browser``             session: Chromium via Playwright's sync API, launched once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.harness.browser import CHROMIUM_ARGS, DEFAULT_CHROMIUM, chromium_path


def in_ci() -> bool:
    """Whether ``CI`` is set to a true value (then nothing may be skipped)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_chromium() -> str:
    """Chromium's path; skip the test without it, or fail under ``CI=true``."""
    path = chromium_path()
    if path:
        return path
    wanted = os.environ.get("DASHBOARD_CHROMIUM", DEFAULT_CHROMIUM)
    reason = (
        f"Chromium not found at {wanted} (set DASHBOARD_CHROMIUM or run "
        "`make chromium`); browser tests need it"
    )
    if in_ci():
        pytest.fail(f"{reason}. Under CI=true browser tests are never skipped.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium binary (skips outside CI when missing, fails in CI)."""
    return require_chromium()


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[object]:
    """Chromium, launched once per session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=list(CHROMIUM_ARGS), headless=True
        )
        yield browser
        browser.close()
