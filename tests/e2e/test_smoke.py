"""Every page of the navigation loads in Chromium, cleanly and without leaving 127.0.0.1."""

from __future__ import annotations

import pytest

from dashboard.page_scripts import PAGES
from tests.harness.browser import (
    assert_dom_urls_local,
    assert_page_clean,
    open_page,
    screenshot,
    served_path,
)

PAGE_IDS = [spec.url_path for spec in PAGES]
#: The sidebar's link labels without their icons (a material icon's text is its name).
NAV_LABELS_JS = """
() => [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
  .filter(link => link.getAttribute('data-testid') === 'stSidebarNavLink')
  .map(link => {
    const copy = link.cloneNode(true);
    copy.querySelectorAll('[data-testid^="stIcon"]').forEach(icon => icon.remove());
    return copy.textContent.trim();
  })
"""


def assert_page_shows_content(page) -> str:
    """The page has a non-empty h1 and neither an exception nor an error box; returns the h1."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"the page shows an exception: {exceptions.first.inner_text()}"
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, f"the page shows an error box: {errors.first.inner_text()}"
    heading = page.locator('[data-testid="stMain"] h1')
    assert heading.count() >= 1, "the page has no h1 title"
    title = heading.first.inner_text().strip()
    assert title, "the page's h1 title is empty"
    assert heading.first.is_visible()
    return title


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_loads_cleanly(page, recorder, dashboard_url, spec):
    open_page(page, dashboard_url, served_path(spec))

    assert_page_shows_content(page)
    assert_page_clean(recorder)
    assert_dom_urls_local(page)
    assert any(url.startswith(dashboard_url) for url in recorder.requests)

    screenshot(page, f"smoke-{spec.url_path}", "desktop")
    screenshot(page, f"smoke-{spec.url_path}", "phone")
    assert_page_shows_content(page)
    assert_page_clean(recorder)


def test_root_shows_the_default_page(page, recorder, dashboard_url):
    (default,) = [spec for spec in PAGES if spec.default]
    open_page(page, dashboard_url, "")

    assert_page_shows_content(page)
    if len(PAGES) > 1:
        current = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
        assert current.count() == 1
        assert default.title in current.inner_text()
    assert_page_clean(recorder)


def test_navigation_lists_exactly_the_registered_pages(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "")

    shown = page.evaluate(NAV_LABELS_JS)
    # st.navigation hides its menu when there is a single page.
    expected = [spec.title for spec in PAGES] if len(PAGES) > 1 else []
    assert shown == expected, (
        f"the sidebar lists {shown}, the navigation registers {expected} "
        "(a list of file names means Streamlit fell back to the pages/ folder)"
    )
    assert_page_clean(recorder)
