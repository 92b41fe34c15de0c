"""AppTest fixtures: run a dashboard page through the real script (``dashboard/main.py``).

``run_page`` starts the app the way Streamlit serves it — ``st.navigation`` registers every
page of ``PAGES`` — then switches to the requested page and runs it::

    def test_map_starts(run_page):
        at = run_page("map")                        # url_path, file name or PageSpec
        at = run_page("timeline", query={"from": "2025-12-01"})

It fails the test when the run raised (``check=False`` to inspect exceptions yourself).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.page_scripts import PAGES, PAGES_DIR, PageSpec

APP_SCRIPT = Path(__file__).resolve().parents[2] / "dashboard" / "main.py"
#: Generous: a cold run loads and validates every table on a loaded 2-core CI machine.
RUN_TIMEOUT_S = 120


def page_spec(page: str | PageSpec) -> PageSpec:
    """The ``PAGES`` entry for a url_path (``"map"``), a file name (``"map.py"``) or a path."""
    if isinstance(page, PageSpec):
        return page
    name = Path(page).name
    for spec in PAGES:
        if page in (spec.url_path, spec.file_name) or name == spec.file_name:
            return spec
    known = ", ".join(spec.url_path for spec in PAGES)
    raise LookupError(f"no page {page!r} in dashboard.page_scripts.PAGES (known: {known})")


def assert_ran_cleanly(at: AppTest) -> None:
    """No uncaught exception in the run (shows each exception's message and stack)."""
    if at.exception:
        details = "\n\n".join(
            f"{error.value}\n" + "\n".join(error.stack or []) for error in at.exception
        )
        raise AssertionError(f"the page raised:\n{details}")


def start_page(
    page: str | PageSpec,
    query: Mapping[str, str | list[str]] | None = None,
    timeout: float = RUN_TIMEOUT_S,
    check: bool = True,
) -> AppTest:
    """Run ``dashboard/main.py`` and switch to ``page``; return the AppTest after that run."""
    spec = page_spec(page)
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if not spec.default:
        relative = Path(spec.path).relative_to(APP_SCRIPT.parent)
        at.switch_page(str(relative)).run()
    if check:
        assert_ran_cleanly(at)
    return at


@pytest.fixture
def run_page() -> Callable[..., AppTest]:
    """``run_page(page, query=None, timeout=120, check=True) -> AppTest`` (see module doc)."""
    return start_page


@pytest.fixture(params=PAGES, ids=[spec.url_path for spec in PAGES])
def each_page(request: pytest.FixtureRequest) -> PageSpec:
    """Parametrises a test over every page of the navigation."""
    return request.param


__all__ = ["PAGES_DIR", "assert_ran_cleanly", "page_spec", "start_page"]
