"""``make bench``: the dashboard's pages against a bare reference app, same machine, same run.

Starts two servers on 127.0.0.1 with the production config (``.streamlit/config.toml``): the
dashboard (``dashboard/app.py``) and ``benchmarks/reference_app.py`` (one plotly map of the same
GeoJSON, a click and a selectbox). After warm-up views it measures, ``--repeats`` times and
interleaved (the order flips every repetition), each page's first view in a new browser
context: time to interactive, each interaction's round trip, bytes transferred and the plotly
figures' JSON sizes; then the server's memory with ``--sessions`` sessions open; then the
static export (:mod:`benchmarks.export_static`) and Lighthouse on the export and the map page
through deploy/nginx.conf (:mod:`benchmarks.lighthouse`; ``--no-lighthouse`` skips it). It
prints a table with ratios to the reference and budgets and writes ``docs/BENCHMARKS.md``.

Not part of the test suite; nothing asserts on time. Definitions: see docs/BENCHMARKS.md and
:mod:`benchmarks.probe`.

    .venv/bin/python -m benchmarks.run                       # all registered pages, REPEATS views
    .venv/bin/python -m benchmarks.run --pages overview --repeats 3 --no-write
"""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import export_static, lighthouse, report
from benchmarks.load_stats import replace_section
from benchmarks.measure import Memory, View, measure_memory, measure_view
from benchmarks.scenarios import REFERENCE, Scenario, registered_scenarios
from tests.harness.browser import CHROMIUM_ARGS, REPO_ROOT, StreamlitServer, chromium_path

OUTPUT = REPO_ROOT / "docs" / "BENCHMARKS.md"
#: Measured views per page: 15 narrow the run-to-run spread of 7 (see the Results section of
#: :func:`markdown`) by about a third, for about eight minutes more.
REPEATS = 15
#: Name of the dashboard server's memory row (all its pages share one process).
DASHBOARD = "dashboard"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--repeats", type=int, default=REPEATS, help=f"measured views per page ({REPEATS})"
    )
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured views first (2)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions for memory (10)")
    parser.add_argument("--pages", nargs="*", help="only these page scenarios (by name)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="Markdown report path")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse (benchmarks/lighthouse.py)"
    )
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        log("Chromium not found (run `make chromium` or set DASHBOARD_CHROMIUM).")
        return 2
    pages = registered_scenarios(set(args.pages) if args.pages else None)
    static = export_static.wanted(args.pages)  # the static export's scenario (see below)
    audit = not args.no_lighthouse and (not args.pages or "lighthouse" in args.pages)
    if audit and (missing := lighthouse.available()):
        log(f"Lighthouse skipped: {missing}")
        audit = False
    if not pages and not static and not audit:
        log("No page scenario matches the registered pages.")
        return 2
    scenarios: list[Scenario] = [REFERENCE, *pages]
    results: dict[str, list[View]] = {scenario.name: [] for scenario in scenarios}
    memory: dict[str, Memory] = {}
    started = time.monotonic()
    load_at_start = report.load_average()

    with contextlib.ExitStack() as stack:
        log("starting the dashboard and the reference app…")
        servers = {
            REFERENCE.script: stack.enter_context(StreamlitServer(script=REFERENCE.script)),
        }
        for scenario in pages:
            if scenario.script not in servers:
                servers[scenario.script] = stack.enter_context(
                    StreamlitServer(script=scenario.script)
                )
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
        )
        stack.callback(browser.close)

        for scenario in scenarios:
            for number in range(args.warmup):
                view = measure_view(browser, servers[scenario.script].base_url, scenario)
                log(f"warm-up {scenario.name} #{number + 1}: {describe(view)}")

        # One RSS measurement per server: the reference, and the dashboard with its sessions
        # spread over all measured pages in turn.
        for script, server in servers.items():
            served = [scenario for scenario in scenarios if scenario.script == script]
            name = REFERENCE.name if script == REFERENCE.script else DASHBOARD
            log(f"memory: {args.sessions} sessions on {name} ({len(served)} page(s))…")
            memory[name] = measure_memory(browser, server, served, args.sessions)

        for repeat in range(args.repeats):
            order = scenarios if repeat % 2 == 0 else list(reversed(scenarios))
            for scenario in order:
                view = measure_view(browser, servers[scenario.script].base_url, scenario)
                results[scenario.name].append(view)
                log(f"#{repeat + 1} {scenario.name}: {describe(view)}")

        # --- Static export (its owner's section): the exported pages over http.server ---
        static_results: dict[str, list[export_static.StaticView]] = {}
        if static:
            log("static export: exporting, serving on 127.0.0.1, measuring…")
            static_results = export_static.run_static(browser, args.repeats)
        chromium_version = browser.version

        # --- Lighthouse: the export through deploy/nginx.conf, the dashboard's map page ---
        audits: list[lighthouse.Audit] = []
        if audit:
            log("Lighthouse: the static export and the dashboard's map page through nginx…")
            dashboard = next(
                (server for script, server in servers.items() if script != REFERENCE.script),
                None,
            )
            audits = lighthouse.run(dashboard_port=dashboard.port if dashboard else None, log=log)

    interactions = {
        scenario.name: [(i.name, i.kind) for i in scenario.interactions] for scenario in scenarios
    }
    rows = report.build_rows(results, memory, interactions, REFERENCE.name)
    errors = [
        f"{name}: {error}"
        for name, views in results.items()
        for view in views
        for error in view.errors
    ] + [f"{name} (memory): {error}" for name, m in memory.items() for error in m.errors]
    static_rows = export_static.summary_rows(static_results, results) if static else []
    errors += [f"{name}: {e}" for name, vs in static_results.items() for v in vs for e in v.errors]
    errors += [f"lighthouse {a.page} ({a.profile}): {a.error}" for a in audits if a.error]
    info = report.machine(chromium_version, REPO_ROOT, load_at_start)
    print(report.plain_table(rows))
    print()
    if static_rows:
        print(export_static.plain_table(static_rows))
        print()
    for key, value in info.items():
        print(f"{key}: {value}")
    if errors:
        print("\nerrors:\n  " + "\n  ".join(errors[:30]))
    log(f"done in {time.monotonic() - started:.0f} s")
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        static_md = export_static.markdown_section(static_rows, args.repeats) if static else ""
        previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        lighthouse_md, kept = lighthouse_sections(audits, previous, chromium_version)
        document = markdown(rows, info, args, errors, static_md + lighthouse_md, kept)
        args.output.write_text(document, encoding="utf-8")
        log(f"wrote {args.output}")
    failed = any(not view.load_ms for views in results.values() for view in views)
    failed |= any(not v.load_ms for views in static_results.values() for v in views)
    return 1 if failed else 0


def describe(view: View) -> str:
    if view.load_ms is None:
        return "failed: " + "; ".join(view.errors)
    trips = ", ".join(f"{name} {ms:.0f} ms" for name, ms in view.round_trips_ms.items())
    text = f"load {view.load_ms:.0f} ms, {view.http_bytes / 1e3:.0f} KB http"
    text += f", {view.ws_bytes / 1e3:.0f} KB ws" + (f", {trips}" if trips else "")
    return text + (f" (errors: {'; '.join(view.errors)})" if view.errors else "")


def lighthouse_sections(
    audits: list[lighthouse.Audit], previous: str, chromium_version: str
) -> tuple[str, str]:
    """The new Lighthouse block (with the previous run's numbers) and the sections to keep.

    Without audits (Lighthouse skipped) the block is empty and the previous document's
    Lighthouse section is kept with the other marked sections.
    """
    if not audits:
        return "", marked_sections(previous)
    section = lighthouse.markdown_section(
        audits, lighthouse.run_info(chromium_version), lighthouse.previous_run(previous)
    )
    block = replace_section("", lighthouse.SECTION, section)
    return block, marked_sections(previous, exclude={lighthouse.SECTION})


def markdown(
    rows: list[report.Row],
    info: dict[str, str],
    args: argparse.Namespace,
    errors: list[str],
    static_section: str = "",
    kept_sections: str = "",
) -> str:
    machine = "\n".join(f"| {key} | {value} |" for key, value in info.items())
    problems = "\n".join(f"- {error}" for error in errors[:30]) or "None."
    return f"""# Benchmarks

Generated by `make bench` (`.venv/bin/python -m benchmarks.run`); do not edit by hand — rerun
it. Not part of the test suite: no test asserts on time. The numbers compare the dashboard's
pages with `benchmarks/reference_app.py`, a bare Streamlit page with one `go.Choroplethmap` of
the same GeoJSON (`data/geo/ukraine_admin1.geojson`, `map_style="white-bg"`, clickable) and a
selectbox, served the same way (production `.streamlit/config.toml`, 127.0.0.1) in the same run
on the same machine. Ratios are median over reference median.

The static export and Lighthouse (on the export and the dashboard's map page, through
`deploy/nginx.conf`) follow the results. The load test and the compression benchmark (`make
load`: 20 concurrent browser sessions; direct vs nginx with gzip) write their own sections at
the end, which this run keeps.

## Results

{args.repeats} measured first views per page in a fresh browser context each (after
{args.warmup} warm-up views, so the server is warm and its caches are filled), interleaved
with the reference, the order reversed every other repetition. Viewport 1280×900. With 7
views per page, two runs of the same code gave medians about 4 % apart on this 2-core
machine; more views narrow that spread, but a ratio within a few hundredths of its budget
can still pass or fail by chance. The verdict compares the median ratio with the budget; the
interval beside it shows how sure that is. It comes from resampling this run's views (the
page's and the reference's, with replacement, {report.INTERVAL_RESAMPLES:,} times, fixed
seed) and holds the middle {report.INTERVAL_LABEL} of the ratios they give: where it straddles
the budget, other views of the same code could have given the other verdict.

{markdown_table(rows)}

The reference's own rows come last; they are what the ratios divide by. Absolute times
depend on the machine and on whatever else runs on it (see the load average below; a
2-core machine shared with other work gives noisy absolute numbers): compare ratios, which
come from views interleaved in the same run.

{static_section}
{kept_sections}
## Definitions

- **Page load → interactive**: from navigation start (`performance.timeOrigin` of the new
  document) to the first moment at which all of these hold and keep holding for 150 ms:
  the websocket is connected (`data-test-connection-state="CONNECTED"`), at least one script
  run has finished (the server's `script_finished` message was received), the app's script
  state is `notRunning`, no element is stale or still a lazy-load skeleton, every plotly chart
  has drawn (`_fullLayout` set) and every map subplot reports `map.loaded()`. The time
  reported is when that state began (the frame it first held, or the last DOM change after
  it), not the end of the 150 ms.
- **Round trip**: from the input event that causes the rerun (the `click` on the map canvas,
  or the `click` on the selectbox option, as seen by a capture listener in the page) to the
  same "interactive" state after one more script run has finished; the expected new content
  (e.g. "Selected: UA-14") is then checked.
- **HTTP transfer**: sum of Chrome's `Network.loadingFinished.encodedDataLength` (bytes on
  the wire incl. headers; Streamlit serves its bundle uncompressed) until interactive;
  `data:` URLs (a map's inline GeoJSON, read in the page) are not counted.
  **WebSocket transfer**: payload bytes of the frames received until interactive (the
  figures travel here, inside Streamlit's protobuf messages).
- **Figure JSON**: `len()` of each plotly chart's JSON spec exactly as Streamlit sends it
  (`ForwardMsg.delta.new_element.plotly_chart.spec`, read from the websocket); the map
  budget applies to charts with `choroplethmap`/`scattermap`/`densitymap` traces. The
  reference column of a map figure shows the reference app's map.
- **Server RSS**: `psutil` resident set size of the `streamlit run` process and its
  children, once warm (after the warm-up views, whose sessions may linger), then with
  {args.sessions} more browser sessions open at once: on the reference page, and for the
  dashboard (one process serves every page) spread over the measured pages in turn.

Budgets: page load ≤ {report.LOAD_BUDGET}× reference; click / filter round trip ≤
{report.ROUND_TRIP_BUDGET}× reference; map figure ≤ {report.MAP_FIGURE_BUDGET_KB:.0f} KB.

## Machine

| | |
|---|---|
{machine}

## Problems during the run

{problems}

## Adding a page

Append a `Scenario` to `PAGE_SCENARIOS` in `benchmarks/scenarios.py` with its interactions
(`click_map(lon, lat)` or `choose_in_selectbox(index, option)`, and a `kind` naming the
reference round trip to compare with); it is measured once its `url_path` is in
`dashboard.page_scripts.PAGES`.
"""


#: A section another script wrote between ``<!-- name:start -->`` and ``<!-- name:end -->``.
MARKED_SECTION = re.compile(r"<!-- ([\w-]+):start -->.*?<!-- \1:end -->", re.DOTALL)


def marked_sections(document: str, exclude: set[str] | frozenset[str] = frozenset()) -> str:
    """The sections other scripts wrote into ``document`` between markers, in order.

    ``make load`` keeps its results in ``docs/BENCHMARKS.md`` this way; a new ``make bench``
    run rewrites everything else and keeps them, except the sections named in ``exclude``
    (those this run wrote anew, e.g. Lighthouse's).
    """
    blocks = [
        match.group(0)
        for match in MARKED_SECTION.finditer(document)
        if match.group(1) not in exclude
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def markdown_table(rows: list[report.Row]) -> str:
    return report.markdown_table(rows)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds the ExitStack: servers and browser are stopped


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
