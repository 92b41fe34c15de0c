"""Benchmark scenario for the static export: its pages served by a plain static server.

The site is exported into a temporary folder and served by Python's ``http.server`` in a
thread on 127.0.0.1 (uncompressed, like the bare Streamlit server; a CDN would gzip it).
Each view opens one page in a fresh browser context and records:

- **load → interactive**: ``data-ready-ms`` written by the page's script (``site.js``) once
  every figure has drawn and every map has loaded, in ms since navigation start;
- **HTTP transfer**: Chrome's ``Network.loadingFinished.encodedDataLength`` summed until then
  (plotly.js is most of it on a first view; a browser cache keeps it across pages);
- **map click**: on the map page, from the click on the map (a capture listener) to the
  details box showing the region (a mutation observer), all in the browser: no server.

The map page opens with a static SVG preview and loads plotly.js only when the reader asks
for the interactive map (#17). To measure what the columns measured before, the scenario
presses "Explore the interactive map" as soon as the page reports ``data-ready`` (the
preview wired) and takes **load → interactive** from ``data-map-ready-ms`` (the interactive
map drawn and loaded, ms since navigation start, so it includes the press), the transfer
until then and the click on the interactive map. **load → preview** is the map page's own
``data-ready-ms``: what a reader waits for before the page (preview, list, details) works.

Not part of the test suite and nothing asserts on time. ``make bench`` runs it after the
Streamlit pages (``--pages export`` selects it alone) and writes its section of
docs/BENCHMARKS.md; on its own, without the Streamlit comparison:

    .venv/bin/python -m benchmarks.export_static --repeats 7
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.harness.browser import CHROMIUM_ARGS, VIEWPORTS, chromium_path, is_local_url
from tests.harness.static_site import served_folder

TIMEOUT_MS = 120_000
#: Inside Donetsk oblast (UA-14), away from the place markers.
DONETSK = (38.2, 47.7)


@dataclass(frozen=True)
class StaticScenario:
    """One exported page to load (and, for the map, click), next to a Streamlit page."""

    name: str
    file_name: str
    streamlit_page: str
    click_region: tuple[float, float] | None = None
    #: The page opens with a static preview: press its button for the interactive map.
    activate: bool = False


#: The exported views, each named after the Streamlit page it stands beside.
STATIC_SCENARIOS: tuple[StaticScenario, ...] = (
    StaticScenario("export map", "map.html", "map", click_region=DONETSK, activate=True),
    StaticScenario("export timeline", "timeline.html", "timeline"),
    StaticScenario("export positions", "positions.html", "positions"),
)


@dataclass
class StaticView:
    """Measurements of one first view of an exported page."""

    load_ms: float | None = None
    http_bytes: int = 0
    files: int = 0
    click_ms: float | None = None
    #: A page that opens with a static preview: ms until it was wired (its data-ready-ms).
    preview_ms: float | None = None
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def static_site() -> Iterator[str]:
    """Export the site into a temporary folder and serve it; yields the base URL."""
    from dashboard.export import export_site

    with tempfile.TemporaryDirectory(prefix="export-") as folder:
        export_site(Path(folder))
        with served_folder(Path(folder)) as base_url:
            yield base_url


CLICK_PROBE_JS = """
() => {
  window.__exportClick = {clicked: null, shown: null};
  const box = document.getElementById('details');
  document.addEventListener('click', () => {
    if (window.__exportClick.clicked === null) window.__exportClick.clicked = performance.now();
  }, {capture: true});
  new MutationObserver(() => {
    if (box.hasAttribute('data-selected') && window.__exportClick.shown === null) {
      window.__exportClick.shown = performance.now();
    }
  }).observe(box, {attributes: true, childList: true});
}
"""
MAP_POINT_JS = """
([lon, lat]) => {
  const sub = document.getElementById('map')._fullLayout.map._subplot;
  const container = sub.map.getContainer();
  container.scrollIntoView({block: 'center'});
  const box = container.getBoundingClientRect();
  const point = sub.map.project([lon, lat]);
  return {x: box.left + point.x, y: box.top + point.y};
}
"""


def measure_static_view(
    browser: Any, base_url: str, scenario: StaticScenario, device: str = "desktop"
) -> StaticView:
    """Open the scenario's page in a new context; time it and, on the map, one click."""
    view = StaticView()
    context = browser.new_context(viewport=VIEWPORTS[device], service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def guard(route: Any) -> None:
        outside.append(route.request.url)
        route.abort("blockedbyclient")

    try:
        context.route(lambda url: not is_local_url(url), guard)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        transferred: list[int] = []
        session.on(
            "Network.loadingFinished",
            lambda event: transferred.append(int(event.get("encodedDataLength", 0))),
        )
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base_url}/{scenario.file_name}", wait_until="commit")
        page.wait_for_function(
            "() => document.body && document.body.getAttribute('data-ready') !== null",
            timeout=TIMEOUT_MS,
        )
        if page.evaluate("() => document.body.getAttribute('data-ready')") != "true":
            raise RuntimeError("the page script reported an error")
        view.load_ms = float(page.evaluate("() => document.body.getAttribute('data-ready-ms')"))
        if scenario.activate:
            view.preview_ms = view.load_ms
            page.click("#map-activate")
            page.wait_for_function(
                "() => ['ready', 'error'].includes(document.body.getAttribute('data-map'))",
                timeout=TIMEOUT_MS,
            )
            if page.evaluate("() => document.body.getAttribute('data-map')") != "ready":
                raise RuntimeError("the interactive map did not draw")
            view.load_ms = float(
                page.evaluate("() => document.body.getAttribute('data-map-ready-ms')")
            )
        view.http_bytes, view.files = sum(transferred), len(transferred)
        if scenario.click_region is not None:
            page.evaluate(CLICK_PROBE_JS)
            page.evaluate(MAP_POINT_JS, list(scenario.click_region))
            point = page.evaluate(MAP_POINT_JS, list(scenario.click_region))
            page.mouse.move(point["x"] - 3, point["y"] - 3)
            page.mouse.move(point["x"], point["y"], steps=3)
            page.wait_for_timeout(150)
            page.mouse.click(point["x"], point["y"])
            page.wait_for_function("() => window.__exportClick.shown !== null")
            timing = page.evaluate("() => window.__exportClick")
            view.click_ms = timing["shown"] - timing["clicked"]
        view.errors += [f"page error: {error}" for error in errors[:3]]
        if outside:
            view.errors.append(f"requests outside 127.0.0.1: {outside[:3]}")
    except Exception as error:
        view.errors.append(f"{scenario.name}: {error}")
    finally:
        with contextlib.suppress(Exception):
            context.close()
    return view


def median(values: list[float]) -> float | None:
    """Median of the values (None when there are none)."""
    return statistics.median(values) if values else None


def summary_rows(
    results: dict[str, list[StaticView]], beside: dict[str, list[Any]] | None = None
) -> list[dict[str, Any]]:
    """One row per scenario: median load, bytes, files and click, and the Streamlit page's.

    Parameters
    ----------
    results
        Views per static scenario (:func:`run_static`).
    beside
        Views of the Streamlit pages by page name (objects with ``load_ms`` and
        ``http_bytes``, e.g. ``benchmarks.measure.View``), for the comparison columns.
    """
    rows = []
    for scenario in STATIC_SCENARIOS:
        views = results.get(scenario.name, [])
        loaded = [v for v in views if v.load_ms is not None]
        clicks = [v.click_ms for v in views if v.click_ms is not None]
        previews = [v.preview_ms for v in views if v.preview_ms is not None]
        other = [v for v in (beside or {}).get(scenario.streamlit_page, []) if v.load_ms]
        rows.append(
            {
                "scenario": scenario.name,
                "beside": scenario.streamlit_page,
                "views": len(loaded),
                "load_ms": median([v.load_ms for v in loaded]),
                "preview_ms": median(previews),
                "http_kb": median([v.http_bytes / 1000 for v in loaded]),
                "files": median([float(v.files) for v in loaded]),
                "click_ms": median(clicks),
                "streamlit_load_ms": median([v.load_ms for v in other]),
                "streamlit_http_kb": median([v.http_bytes / 1000 for v in other]),
                "errors": sum(len(v.errors) for v in views),
            }
        )
    return rows


def _number(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


COLUMNS = (
    ("scenario", "scenario", None),
    ("beside", "Streamlit page", None),
    ("views", "views", None),
    ("preview_ms", "load → preview ms", 0),
    ("load_ms", "load → interactive ms", 0),
    ("streamlit_load_ms", "Streamlit page load ms", 0),
    ("http_kb", "HTTP KB", 0),
    ("streamlit_http_kb", "Streamlit HTTP KB", 0),
    ("files", "files", 0),
    ("click_ms", "map click → details ms", 1),
    ("errors", "errors", None),
)


def _cells(row: dict[str, Any]) -> list[str]:
    return [
        str(row[key]) if digits is None else _number(row[key], digits) for key, _, digits in COLUMNS
    ]


def plain_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a fixed-width text table."""
    table = [[title for _, title, _ in COLUMNS], *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True))
        for line in table
    )


def markdown_section(rows: list[dict[str, Any]], repeats: int) -> str:
    """The static export's section of docs/BENCHMARKS.md."""
    head = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    body = "\n".join("| " + " | ".join(_cells(row)) + " |" for row in rows)
    return f"""## Static export

`python -m dashboard.export` pages served by Python's `http.server` on 127.0.0.1 (no
compression), each opened {repeats} times in a fresh browser context after one warm-up round,
after the Streamlit views above (not interleaved with them). **Load → interactive** is the
page's own `data-ready-ms` (ms since navigation start, written by `site.js` when every figure
has drawn and every map has loaded); the map page opens with a static SVG preview (its
`data-ready-ms` is **load → preview**: the page wired without plotly.js), so there the
benchmark presses "Explore the interactive map" at once and takes `data-map-ready-ms`
(the interactive map drawn and loaded), as before the preview; **HTTP KB** as above
(plotly.js, 3.1 MB uncompressed as the partial bundle of `make plotly-bundle`, 4.8 MB as the
full one, is most of a first view;
browsers cache it across the pages; Lighthouse below measures the pages compressed, as nginx
serves them); **map click → details** from the click on
the map to the details box showing the region, entirely in the browser. The Streamlit columns
repeat the medians of the matching page above. See `benchmarks/export_static.py`.

{head}
{rule}
{body}
"""


def wanted(pages: list[str] | None) -> bool:
    """True when a ``--pages`` selection includes the static export (or selects nothing)."""
    return not pages or "export" in pages


def run_static(browser: Any, repeats: int, warmup: int = 1) -> dict[str, list[StaticView]]:
    """Export, serve, and measure every static scenario ``repeats`` times after warm-up."""
    results: dict[str, list[StaticView]] = {s.name: [] for s in STATIC_SCENARIOS}
    with static_site() as base_url:
        for _ in range(warmup):
            for scenario in STATIC_SCENARIOS:
                measure_static_view(browser, base_url, scenario)
        for repeat in range(repeats):
            order = STATIC_SCENARIOS if repeat % 2 == 0 else tuple(reversed(STATIC_SCENARIOS))
            for scenario in order:
                results[scenario.name].append(measure_static_view(browser, base_url, scenario))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export_static")
    parser.add_argument("--repeats", type=int, default=7, help="measured views per page (7)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (1)")
    args = parser.parse_args(argv)
    executable = chromium_path()
    if executable is None:
        print("Chromium not found (run `make chromium`).", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            results = run_static(browser, args.repeats, args.warmup)
        finally:
            browser.close()
    rows = summary_rows(results)
    print(plain_table(rows))
    problems = [e for views in results.values() for v in views for e in v.errors]
    if problems:
        print("\nerrors:\n  " + "\n  ".join(problems[:20]))
    return 1 if any(row["views"] == 0 for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
