"""Outside auditors in real Chromium: axe-core (WCAG 2.1 A and AA) and the browser console.

Every page of the dashboard, the deep links a reader follows (the map with a region or a
place selected, a filtered timeline) and every page of the static export (served over HTTP
from 127.0.0.1, with a region and a place selected by the link's hash too; the map page both
with its static preview and with the interactive map drawn) is opened once in its own
browser context; that one visit feeds two tests:

* ``test_axe_finds_no_violation``: axe-core (bundled with ``axe-playwright-python``) runs the
  rules tagged ``wcag2a``, ``wcag2aa``, ``wcag21a`` and ``wcag21aa``, plus the heading-order
  rule (a best practice, not a WCAG criterion, that Lighthouse's accessibility score counts).
  Before the audit the viewport is stretched to the page's height and every expander and
  ``<details>`` box is opened, so axe sees the whole page as drawn (axe skips what lies
  outside a scroll container's view). Any violation fails, listing rule, element and help.
* ``test_console_is_clean``: no console error and no uncaught page error during the visit,
  none tolerated, and no request of Streamlit's guess at where its server lives. Opened at a
  page's own path (``/map``), Streamlit's frontend would first ask ``/map/_stcore/health`` and
  ``/map/_stcore/host-config`` whether the server lives under ``/map``, and Chromium would log
  the server's 404s; every page of the app names the server's root in its HTML instead
  (:mod:`dashboard.ui.backend_base_url`), so the frontend asks only ``/_stcore/…``.

No rule and no element is excluded from the audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dashboard.export import site
from dashboard.page_scripts import PAGES
from tests.harness.browser import (
    VIEWPORTS,
    PageRecorder,
    assert_no_console_errors,
    assert_no_external_requests,
    install_run_counter,
    open_page,
    served_path,
    wait_until_settled,
)
from tests.harness.static_site import served_folder

#: axe-core's tags for the WCAG 2.0 and 2.1 success criteria at levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Rules run besides the WCAG ones (best practices that Lighthouse's accessibility score uses).
EXTRA_RULES = ("heading-order",)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
    "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
    "resultTypes": ["violations"],
}
#: The tallest viewport the audit uses (a page longer than this is audited down to here).
MAX_HEIGHT = 12_000
READY_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Link:
    """One URL to audit: a dashboard page with its query, or an export file with its hash."""

    name: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    #: On the export's map page: press "Explore the interactive map" first (it opens with a
    #: static preview; both states are audited).
    activate: bool = False


#: Every page of the navigation, and the deep links readers arrive by.
DASHBOARD_LINKS = (
    *(Link(spec.url_path, served_path(spec)) for spec in PAGES),
    Link("map-region", "map", (("region", "UA-14"),)),
    Link("map-place", "map", (("place", "kupyansk"),)),
    Link("deal-five-regions", "deal", (("proposal", "russia_five_regions"),)),
    Link(
        "timeline-filtered",
        "timeline",
        (("from", "2025-12-01"), ("to", "2025-12-31"), ("party", "russia")),
    ),
)
#: Every page of the static export, and a region and a place selected by the link.
EXPORT_LINKS = (
    Link("export-index", "index.html"),
    Link("export-map", "map.html"),
    Link("export-map-interactive", "map.html", activate=True),
    Link("export-deal", "deal.html"),
    Link("export-timeline", "timeline.html"),
    Link("export-positions", "positions.html"),
    Link("export-map-region", "map.html#region:UA-14"),
    Link("export-map-place", "map.html#place:kupyansk"),
)
LINKS = DASHBOARD_LINKS + EXPORT_LINKS
LINK_IDS = [link.name for link in LINKS]

#: Opens every expander and <details> box, so its content is audited too.
OPEN_DETAILS_JS = """
() => document.querySelectorAll('details:not([open])').forEach((box) => { box.open = true; })
"""
#: The height of everything the page draws (Streamlit scrolls inside its main container).
CONTENT_HEIGHT_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  return Math.ceil(Math.max(main.scrollHeight, document.body.scrollHeight,
                            document.documentElement.scrollHeight));
}
"""


@dataclass
class Visit:
    """What one visit found: axe's violations, console errors and page errors."""

    violations: list[dict[str, Any]] = field(default_factory=list)
    recorder: PageRecorder = field(default_factory=PageRecorder)


def describe(violations: list[dict[str, Any]]) -> str:
    """Every violation: rule, impact, help text and link, then each element and what fails."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}\n        {summary}")
    return "\n".join(lines)


def fit_viewport_to_content(page: Any) -> None:
    """Stretch the viewport to the page's height, so every element is inside it."""
    height = int(page.evaluate(CONTENT_HEIGHT_JS))
    width = VIEWPORTS["desktop"]["width"]
    page.set_viewport_size({"width": width, "height": max(900, min(height, MAX_HEIGHT))})


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def visit_dashboard(browser: Any, base_url: str, link: Link) -> Visit:
    """Open a dashboard link in a fresh context, settle it, open its boxes and audit it."""
    visit = Visit()
    context = browser.new_context(viewport=dict(VIEWPORTS["desktop"]), service_workers="block")
    context.set_default_timeout(READY_TIMEOUT_MS)
    install_run_counter(context)
    visit.recorder.attach(context)
    try:
        page = context.new_page()
        open_page(page, base_url, link.path, dict(link.query))
        page.evaluate(OPEN_DETAILS_JS)
        fit_viewport_to_content(page)
        wait_until_settled(page)
        visit.violations = run_axe(page)
    finally:
        context.close()
    return visit


def visit_export(browser: Any, base_url: str, link: Link) -> Visit:
    """Open an export page over HTTP in a fresh context, wait for its figures, audit it."""
    visit = Visit()
    context = browser.new_context(viewport=dict(VIEWPORTS["desktop"]), service_workers="block")
    context.set_default_timeout(READY_TIMEOUT_MS)
    visit.recorder.attach(context)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/{link.path}")
        page.wait_for_function("() => document.body.getAttribute('data-ready') !== null")
        state = page.evaluate("() => document.body.getAttribute('data-ready')")
        assert state == "true", f"{link.path}: the page script failed ({state})"
        if link.activate:
            page.get_by_role("button", name="Explore the interactive map").click()
            page.wait_for_function(
                "() => ['ready', 'error'].includes(document.body.getAttribute('data-map'))"
            )
            assert page.evaluate("() => document.body.getAttribute('data-map')") == "ready"
        page.evaluate(OPEN_DETAILS_JS)
        fit_viewport_to_content(page)
        # Every figure drawn, or its static preview shown (the map page before activation).
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-figure]')]
                 .filter((div) => !div.closest('[hidden]'))
                 .every((div) => div.querySelector(
                   'svg.main-svg, canvas, svg.map-preview, svg.history-preview'))"""
        )
        visit.violations = run_axe(page)
    finally:
        context.close()
    return visit


@pytest.fixture(scope="module")
def export_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The static site, exported once and served by ``http.server`` on 127.0.0.1."""
    folder = site.export_site(tmp_path_factory.mktemp("axe-export")).folder
    with served_folder(Path(folder)) as url:
        yield url


@pytest.fixture(scope="module")
def visit(browser, request: pytest.FixtureRequest) -> Callable[[Link], Visit]:
    """``visit(link)``: the link's one visit (made on first use, shared by both tests)."""
    visits: dict[Link, Visit] = {}

    def get(link: Link) -> Visit:
        if link not in visits:
            if link in EXPORT_LINKS:
                base = request.getfixturevalue("export_url")
                visits[link] = visit_export(browser, base, link)
            else:
                base = request.getfixturevalue("dashboard_url")
                visits[link] = visit_dashboard(browser, base, link)
        return visits[link]

    return get


@pytest.mark.parametrize("link", LINKS, ids=LINK_IDS)
def test_axe_finds_no_violation(visit, link: Link) -> None:
    violations = visit(link).violations
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) of WCAG 2.1 A/AA "
        f"(or {', '.join(EXTRA_RULES)}) on {link.path}:\n{describe(violations)}"
    )


@pytest.mark.parametrize("link", LINKS, ids=LINK_IDS)
def test_console_is_clean(visit, link: Link, request: pytest.FixtureRequest) -> None:
    recorder = visit(link).recorder
    assert_no_console_errors(recorder)
    assert_no_external_requests(recorder)
    if link in DASHBOARD_LINKS:
        root = request.getfixturevalue("dashboard_url") + "/_stcore/"
        guesses = [url for url in recorder.requests if "/_stcore/" in url]
        guesses = [url for url in guesses if not url.startswith(root)]
        assert not guesses, f"the frontend guessed where its server lives: {guesses}"
