"""Hostile URL values on every page: the page renders, a notice names the ignored value
(escaped), no dialog or script from the input runs, no traceback is shown.

Plain values that a browser draws like any words (a bad date, an unknown id) are checked in
AppTest instead (``tests/app/test_hostile_urls.py``); every other one here, in Chromium.
"""

from __future__ import annotations

import pytest

from dashboard.page_scripts import PAGES
from dashboard.state import shorten
from tests.e2e.hostile_urls import (
    BROWSER_CASES,
    CASES_FOR_PAGES_WITHOUT_PARAMS,
    HOSTILE_VALUES,
    PAGE_PARAMS,
    PAGES_WITHOUT_PARAMS,
    REPEATED_KEYS,
    UNKNOWN_PARAM,
    visible,
)
from tests.harness.browser import open_page


def check_page(page, dialogs: list[str], case: str) -> list[str]:
    """Return what is wrong with the page as loaded (an empty list when all is well)."""
    problems = []
    if page.locator('[data-testid="stException"]').count():
        problems.append(f"{case}: a traceback/exception is shown")
    heading = page.locator('[data-testid="stMain"] h1')
    if not heading.count() or not heading.first.inner_text().strip():
        problems.append(f"{case}: the page has no title (blank page?)")
    if dialogs:
        problems.append(f"{case}: a dialog opened: {dialogs}")
    if page.evaluate("() => window.__pwned !== undefined"):
        problems.append(f"{case}: script from the URL ran")
    return problems


def warnings_text(page) -> str:
    texts = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    return visible(" ".join(texts))


@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_hostile_values(page, recorder, dashboard_url, spec) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems: list[str] = []
    params = (*PAGE_PARAMS[spec.url_path], UNKNOWN_PARAM)
    cases = [
        (case, value)
        for case, value in HOSTILE_VALUES
        if case in BROWSER_CASES
        and (spec.url_path not in PAGES_WITHOUT_PARAMS or case in CASES_FOR_PAGES_WITHOUT_PARAMS)
    ]
    for case, value in cases:
        open_page(page, dashboard_url, spec.url_path, {name: value for name in params})
        problems += check_page(page, dialogs, case)
        notices = warnings_text(page)
        shown = visible(shorten(value))[:40].strip()
        if UNKNOWN_PARAM not in notices:
            problems.append(f"{case}: no notice names the unknown parameter")
        if shown and shown not in notices:
            problems.append(f"{case}: no notice shows the ignored value {shown!r}: {notices!r}")
    assert problems == []
    assert recorder.page_errors == []
    assert recorder.external_requests() == []


@pytest.mark.parametrize("url_path", sorted(REPEATED_KEYS))
def test_repeated_keys(page, dashboard_url, url_path) -> None:
    open_page(page, dashboard_url, url_path, REPEATED_KEYS[url_path])
    assert check_page(page, [], "repeated") == []
    assert "given more than once" in warnings_text(page)
