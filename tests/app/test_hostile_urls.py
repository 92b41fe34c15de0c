"""Plain hostile URL values (a bad date, an unknown id, SQL) on every page, in AppTest.

The page runs without an exception and shows its title; a notice names the unknown
parameter and shows each ignored value. Values that could run script or change how the
browser draws the page are checked in Chromium (``tests/e2e/test_hostile_urls.py``).
"""

from __future__ import annotations

import pytest

from dashboard.page_scripts import PAGES
from dashboard.state import shorten
from tests.app.conftest import start_page
from tests.e2e.hostile_urls import (
    CASES_FOR_PAGES_WITHOUT_PARAMS,
    HOSTILE_VALUES,
    PAGE_PARAMS,
    PAGES_WITHOUT_PARAMS,
    SERVER_ONLY_CASES,
    UNKNOWN_PARAM,
    visible,
)
from tests.harness.prose import markdown_visible

CASES = [
    (spec, case, value)
    for spec in PAGES
    for case, value in HOSTILE_VALUES
    if case in SERVER_ONLY_CASES
    and (spec.url_path not in PAGES_WITHOUT_PARAMS or case in CASES_FOR_PAGES_WITHOUT_PARAMS)
]


def test_each_page_gets_some_plain_values() -> None:
    assert {spec.url_path for spec, _, _ in CASES} >= set(PAGE_PARAMS) - set(PAGES_WITHOUT_PARAMS)


@pytest.mark.parametrize(
    ("spec", "case", "value"),
    CASES,
    ids=[f"{spec.url_path}-{case}" for spec, case, _ in CASES],
)
def test_a_plain_hostile_value_becomes_a_notice(spec, case: str, value: str) -> None:
    params = (*PAGE_PARAMS[spec.url_path], UNKNOWN_PARAM)
    at = start_page(spec, {name: value for name in params}, check=False)
    assert not at.exception, [error.value for error in at.exception]
    assert at.title and at.title[0].value.strip(), "the page has no title"
    notices = visible(" ".join(markdown_visible(w.value) for w in at.warning))
    assert UNKNOWN_PARAM in notices, notices
    assert shorten(value)[:40].strip() in notices, notices
