"""Load test and compression benchmark: ``make load`` (not part of the test suite).

Part ``sessions``: starts the dashboard (``streamlit run dashboard/app.py`` on a free
127.0.0.1 port), waits for ``/_stcore/health``, then drives ``--sessions`` concurrent real
browser sessions (one Chromium, one context each) for ``--duration`` seconds. Each session
opens the map page, clicks regions and places with real mouse events, changes the map's
date and downloads that date's CSV, switches to the timeline, filters it (party, kind,
search) and downloads the listed events, switches to the positions page and picks an
issue, and round again (see :mod:`benchmarks.load_scenario`).
It records every interaction's latency until the rerun finished and the expected content
was visible, every error, and the server's memory.

Part ``compression``: cold page loads served by Streamlit directly vs through nginx running
``deploy/nginx.conf`` with gzip off and on (see :mod:`benchmarks.load_compression`).

Both write their section of ``docs/BENCHMARKS.md`` (the other part's section, and what
``make bench`` wrote, stay).
Traffic goes only to 127.0.0.1; the run stops by itself: after ``--duration`` seconds or
``--max-interactions`` interactions, whichever comes first, with a hard cap on the wall time.

    .venv/bin/python -m benchmarks.load                      # both parts, 20 sessions, 60 s
    .venv/bin/python -m benchmarks.load --part sessions --sessions 5 --duration 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from benchmarks.load_browser import SessionEvents, attach_frames, attach_recorder
from benchmarks.load_scenario import Session, Settings, Shared, calibrate
from benchmarks.load_stats import (
    Samples,
    error_counts,
    machine_lines,
    markdown_table,
    mib,
    package_versions,
    replace_section,
    seconds,
    summarise,
)
from tests.harness.browser import APP_SCRIPT, CHROMIUM_ARGS, StreamlitServer, chromium_path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_FILE = REPO_ROOT / "docs" / "BENCHMARKS.md"
#: The file's start when ``make bench`` has not written it yet (it keeps these sections).
HEADER = """# Benchmarks

Run `make bench` for the page measurements. The sections below are written by `make load`
(`.venv/bin/python -m benchmarks.load`, see its docstring); each part replaces only its own
section. Not part of the test suite. All traffic stays on 127.0.0.1.
"""
#: Extra wall time after --duration for the interactions in flight to finish or time out.
GRACE_SECONDS = 120


# --------------------------------------------------------------------------- monitoring


def process_tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants (those still alive)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_rss(processes: Sequence[psutil.Process]) -> int:
    """Resident memory of the processes, in bytes."""
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


@dataclass
class Monitor:
    """Samples the server's RSS and CPU and the browser's CPU twice a second, in a thread."""

    server_pid: int
    interval: float = 0.5
    rss: Samples = field(default_factory=Samples)
    server_cpu: Samples = field(default_factory=Samples)
    client_cpu: Samples = field(default_factory=Samples)
    marked_rss: float | None = None
    marked_at: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def mark(self) -> None:
        """Remember the RSS now (the start of the load, after the baseline)."""
        self.marked_rss = self.rss.last
        self.marked_at = len(self.server_cpu.points)

    def window(self, samples: Samples) -> Samples:
        """The samples taken since :meth:`mark` (the load itself)."""
        return Samples(samples.points[self.marked_at :])

    def _client_processes(self, server: set[int]) -> list[psutil.Process]:
        own = psutil.Process(os.getpid())
        return [p for p in own.children(recursive=True) if p.pid not in server]

    def _loop(self) -> None:
        start = time.perf_counter()
        cpu_cache: dict[int, psutil.Process] = {}

        def cpu(processes: Sequence[psutil.Process]) -> float:
            total = 0.0
            for process in processes:
                known = cpu_cache.setdefault(process.pid, process)
                with contextlib.suppress(psutil.Error):
                    total += known.cpu_percent(None)
            return total

        while not self._stop.is_set():
            server = process_tree(self.server_pid)
            server_pids = {p.pid for p in server}
            now = time.perf_counter() - start
            self.rss.add(now, tree_rss(server))
            self.server_cpu.add(now, cpu(server))
            self.client_cpu.add(now, cpu(self._client_processes(server_pids)))
            self._stop.wait(self.interval)

    def start(self) -> Monitor:
        """Start sampling."""
        self._thread = threading.Thread(target=self._loop, name="load-monitor", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop sampling (takes one last sample first)."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)


def other_load(exclude: set[int], seconds_: float = 2.0) -> tuple[list[str], str]:
    """Processes outside ``exclude`` using more than 5 % CPU, and the load average."""
    processes = [p for p in psutil.process_iter(["pid", "name", "cmdline"]) if p.pid not in exclude]
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.cpu_percent(None)
    time.sleep(seconds_)
    busy = []
    for process in processes:
        with contextlib.suppress(psutil.Error):
            share = process.cpu_percent(None)
            if share > 5:
                command = " ".join(process.info.get("cmdline") or [process.info["name"] or ""])
                busy.append(f"{share:.0f} % {command[:90]}")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return busy, load


# --------------------------------------------------------------------------- sessions part


@dataclass
class SessionsReport:
    """What the sessions part measured."""

    shared: Shared
    sessions: int
    duration: float
    wall: float
    monitor: Monitor
    busy_before: list[str]
    load_before: str
    load_after: str
    baseline: Shared | None = None


async def run_group(
    browser: Any, shared: Shared, sessions: int, ramp: float, duration: float
) -> None:
    """Run ``sessions`` readers (one context each) until ``duration`` after the ramp."""
    clock = shared.settings.clock
    # Arrivals are not limited by time; the window of ``duration`` seconds starts when the
    # last session has drawn its first page (see Shared.arrive), or at the latest here:
    arrival_cap = ramp + 2 * shared.settings.load_timeout_ms / 1000 + 30
    shared.settings.deadline = clock() + 10**9
    shared.sessions, shared.duration = sessions, duration
    group = []
    for number in range(sessions):
        context = await browser.new_context(
            viewport={"width": 1280, "height": 900}, service_workers="block"
        )
        page = await context.new_page()
        events = SessionEvents()
        await attach_recorder(context, page, events)
        frames = await attach_frames(context, page)
        group.append((context, Session(number, page, events, shared, frames)))

    async def start(session: Session) -> None:
        await asyncio.sleep(ramp * session.number / max(1, sessions))
        await session.run()

    async def watchdog() -> None:
        await asyncio.sleep(arrival_cap)
        if not shared.all_in.is_set():
            print(f"  not every session had its first page after {arrival_cap:.0f} s: starting")
            shared.start_window()

    guard = asyncio.create_task(watchdog())
    tasks = [asyncio.create_task(start(session)) for _, session in group]
    _, pending = await asyncio.wait(tasks, timeout=arrival_cap + duration + GRACE_SECONDS)
    guard.cancel()
    for task in pending:
        task.cancel()
    shared.cut = len(pending)
    if pending:
        print(f"  hard cap reached: {len(pending)} sessions stopped mid-interaction")
    for task in tasks:
        if task.done() and not task.cancelled() and task.exception():
            print(f"  a session failed: {task.exception()!r}")
    for context, _ in group:
        with contextlib.suppress(Exception):
            await context.close()


async def drive(
    base_url: str, args: argparse.Namespace, monitor: Monitor
) -> tuple[Shared | None, Shared]:
    """Calibrate, run the one-session baseline, then the load; all stop by themselves."""
    from playwright.async_api import async_playwright

    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("Chromium is not installed: run `make chromium`.")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=list(CHROMIUM_ARGS), headless=True
        )
        # Calibration: a point to click for each region and place (not measured).
        probe = await browser.new_context(viewport={"width": 1280, "height": 900})
        probe_page = await probe.new_page()
        probe_events = SessionEvents()
        await attach_recorder(probe, probe_page, probe_events)
        shared = Shared(Settings(base_url, 0.0, args.max_interactions))
        missed = await calibrate(probe_page, probe_events, shared)
        await probe.close()
        print(
            f"  {len(shared.regions)} regions and {len(shared.places)} places to click"
            + (f" (none found for {', '.join(missed)})" if missed else "")
        )
        baseline = None
        if args.baseline > 0:
            print(f"  baseline: 1 session for {args.baseline:g} s")
            baseline = Shared(
                Settings(base_url, 0.0, args.max_interactions),
                regions=shared.regions,
                places=shared.places,
            )
            await run_group(browser, baseline, 1, 0.0, args.baseline)
        monitor.mark()
        print(f"  load: {args.sessions} sessions, {args.ramp:g} s ramp, {args.duration:g} s")
        await run_group(browser, shared, args.sessions, args.ramp, args.duration)
        await browser.close()
    return baseline, shared


def run_sessions(args: argparse.Namespace) -> SessionsReport:
    """The sessions part: server, monitor, browser sessions, report."""
    script = Path(args.app).resolve() if args.app else APP_SCRIPT
    busy_before, load_before = other_load({os.getpid()})
    with StreamlitServer(script=script) as server:
        print(f"  server {server.base_url} (pid {server.pid}) healthy; {args.sessions} sessions")
        monitor = Monitor(server.pid).start()
        time.sleep(1.0)
        started = time.perf_counter()
        try:
            baseline, shared = asyncio.run(drive(server.base_url, args, monitor))
        finally:
            time.sleep(2.0)  # let the server settle after the browser closed its sessions
            monitor.stop()
        wall = time.perf_counter() - started
    load_after = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return SessionsReport(
        shared,
        args.sessions,
        args.duration,
        wall,
        monitor,
        busy_before,
        load_before,
        load_after,
        baseline,
    )


def _overall(shared: Shared | None) -> tuple[str, str]:
    """Median latency and server time over all interactions of a run ("–" without one)."""
    if shared is None or not shared.results:
        return "–", "–"
    rows = summarise([dataclasses.replace(item, kind="all") for item in shared.results])
    return seconds(rows[0].median), seconds(rows[0].server_median)


def sessions_markdown(report: SessionsReport, args: argparse.Namespace) -> str:
    """The Load section."""
    results = sorted(report.shared.results, key=lambda item: item.started)
    summary = summarise(results)
    alone = {row.kind: row for row in summarise(report.baseline.results)} if report.baseline else {}
    single = {
        kind: (seconds(row.median), seconds(row.server_median)) for kind, row in alone.items()
    }
    errors = error_counts(results)
    rows = [
        (
            row.kind,
            row.count,
            row.errors,
            seconds(row.median),
            seconds(row.p95),
            seconds(row.maximum),
            seconds(row.server_median),
            seconds(row.server_p95),
            *single.get(row.kind, ("–", "–")),
        )
        for row in summary
    ]
    all_times = [item.seconds for item in results if item.ok]
    total = summarise([dataclasses.replace(item, kind="all") for item in results])
    if total:
        rows.append(
            (
                "**all**",
                total[0].count,
                total[0].errors,
                seconds(total[0].median),
                seconds(total[0].p95),
                seconds(total[0].maximum),
                seconds(total[0].server_median),
                seconds(total[0].server_p95),
                *_overall(report.baseline),
            )
        )
    table = markdown_table(
        (
            "interaction",
            "count",
            "errors",
            "median",
            "95th percentile",
            "max",
            "server: median",
            "server: 95th percentile",
            "1 session: median",
            "1 session: server median",
        ),
        rows,
    )
    monitor = report.monitor
    server_cpu, client_cpu = monitor.window(monitor.server_cpu), monitor.window(monitor.client_cpu)
    first_start = results[0].started if results else 0.0
    last_end = max((item.started + item.seconds for item in results), default=first_start)
    span = max(last_end - first_start, 1e-9)
    lines = [
        f"- {report.sessions} concurrent browser sessions (one Chromium, one context each, "
        f"1280×900) arrive over {args.ramp:g} s, each opening the map page (*arrival*); "
        f"when the last has drawn it, all of them go round for {report.duration:g} s "
        f"(budget {args.max_interactions} interactions); wall time of the browser part, "
        f"calibration and baseline included, {report.wall:.0f} s.",
        f"- Interactions: **{len(results)}** ({len(all_times)} succeeded, "
        f"{len(results) / span:.1f} per second over {span:.0f} s, arrivals included); errors: "
        f"**{sum(errors.values())}**"
        + (
            " (" + ", ".join(f"{kind}: {count}" for kind, count in errors.most_common()) + ")"
            if errors
            else ""
        )
        + ".",
        f"- Server memory (RSS of the `streamlit run` process tree): idle after start "
        f"{mib(monitor.rss.first)}; at the start of the load (after the calibration and the "
        f"baseline) {mib(monitor.marked_rss)}; peak {mib(monitor.rss.peak)}; end "
        f"{mib(monitor.rss.last)} (two seconds after the browser closed).",
        f"- CPU during the load (100 % = one core): server mean {server_cpu.mean or 0:.0f} %, "
        f"peak {server_cpu.peak or 0:.0f} %; browsers and Playwright mean "
        f"{client_cpu.mean or 0:.0f} %, peak {client_cpu.peak or 0:.0f} % (of "
        f"{os.cpu_count()} cores).",
        f"- Known, harmless: {report.shared.known_probes} 404s of Streamlit's base-path probe "
        "when a page is opened by its deep link (`/map/_stcore/health`, "
        "`/map/_stcore/host-config`, then the client falls back to the root); not counted "
        "as errors.",
        "- Else running before the test: "
        + ("; ".join(report.busy_before) if report.busy_before else "nothing above 5 % CPU")
        + f". Load average before {report.load_before}, after {report.load_after}.",
    ]
    if report.baseline is not None:
        base = report.baseline.results
        lines.append(
            f"- *1 session*: the same round by one session alone for {args.baseline:g} s "
            f"just before the load, on the same (warm) server: {len(base)} interactions, "
            f"{sum(not item.ok for item in base)} errors."
        )
    if report.shared.cut:
        lines.append(
            f"- Hard cap: {report.shared.cut} sessions were stopped mid-interaction "
            f"{GRACE_SECONDS} s after the end; those interactions are not counted."
        )
    failed = [item for item in results if not item.ok]
    if failed:
        examples = "\n".join(
            f"  - session {item.session}, {item.kind}: {item.error} — {item.detail}"
            for item in failed[:15]
        )
        lines.append(f"- First errors:\n{examples}")
    method = (
        "Latency: from the input event (mouse click, key press, option click, Enter) until "
        "Streamlit's rerun had finished, the page had drawn (connected, not running, nothing "
        "stale, every plotly chart and map drawn) and the expected content was visible: the "
        "clicked region's or place's name heading the detail panel, the slider's new date in "
        "the caption, the filter in the URL, the other page's title. *Open map page* is a new"
        " document (a new Streamlit session, from navigation to drawn; its cache is warm "
        "after the arrival, as for a reader who comes back). Errors: a Streamlit exception or"
        " error box on the page, a console error, an uncaught page error, an HTTP status ≥ "
        "400, a failed request, a websocket closed outside a navigation, a lost connection, "
        "or a wait of more than 60 s (90 s for a page load). Each session is one reader going"
        " round, starting its first round at a different step so that every kind of "
        "interaction happens at full concurrency, and switching page through the sidebar when"
        " the next step is on another page: open the map (a new document every third round), "
        "click a region, change the date, download that date's control CSV, click another "
        "region, sometimes a place, switch to the timeline, toggle a party and a kind, search "
        "or clear the search, download the listed events' CSV, switch to the positions page, "
        "pick an issue. A download is finished when its file has arrived; it is an error when "
        "none arrives, the button shows an error, or the file does not match the page (the "
        "events listed, the slider's date). *Server*: from the first websocket message the "
        "browser sent after the input (the rerun request) to the last one it received before "
        "the page settled, by Chromium's network-process clock, apart from drawing: the "
        "script runs and sending, plus any further rerun request the page sends in between (a"
        " map click or a date change sends more than one), and under load the time a busy "
        "browser takes to read and answer."
    )
    caveat = (
        "The browsers run on the same machine as the server, so the latencies until drawn "
        f"include the browsers' own work ({report.sessions} pages drawing WebGL maps in "
        "software, without a GPU) competing with the server for the same cores: they are an "
        "upper bound for what a reader on their own computer would see at this server load. "
        "The server columns are closer to what the server itself costs."
    )
    return "\n\n".join(["## Load", table, "\n".join(lines), method, caveat])


# --------------------------------------------------------------------------- output


def write_results(part: str, body: str, versions: dict[str, str]) -> None:
    """Replace one part's section of the results file (machine facts included)."""
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    document = RESULTS_FILE.read_text(encoding="utf-8") if RESULTS_FILE.exists() else HEADER
    facts = "\n".join(
        [
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on:",
            "",
            *machine_lines(
                psutil.virtual_memory().total,
                {"Versions": ", ".join(f"{k} {v}" for k, v in versions.items())},
            ),
        ]
    )
    heading, _, rest = body.partition("\n\n")
    section = f"{heading}\n\n{facts}\n\n{rest}"
    RESULTS_FILE.write_text(replace_section(document, part, section), encoding="utf-8")
    print(f"  wrote the {part} section of {RESULTS_FILE.relative_to(REPO_ROOT)}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "sessions", "compression"), default="all")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument(
        "--duration", type=float, default=60.0, help="seconds of load after the ramp"
    )
    parser.add_argument(
        "--ramp", type=float, default=60.0, help="seconds over which the sessions arrive"
    )
    parser.add_argument(
        "--max-interactions", type=int, default=5000, help="hard cap on interactions"
    )
    parser.add_argument(
        "--baseline", type=float, default=45.0, help="seconds of one session before the load"
    )
    parser.add_argument("--repeats", type=int, default=5, help="loads per compression cell")
    parser.add_argument(
        "--pages", default=",map", help="compression: url paths, comma-separated ('' = overview)"
    )
    parser.add_argument("--app", help="app script to serve instead of dashboard/app.py (dev)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 50:
        parser.error("--sessions must be within 1 … 50")
    if not 1 <= args.duration <= 900:
        parser.error("--duration must be within 1 … 900 seconds")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the requested parts and write their sections."""
    args = parse_args(argv)
    versions = package_versions(["streamlit", "plotly", "pandas", "playwright", "psutil"])
    status = 0
    if args.part in ("all", "sessions"):
        print(f"Load: {args.sessions} sessions for {args.duration:g} s")
        report = run_sessions(args)
        body = sessions_markdown(report, args)
        print(body)
        if not args.no_write:
            write_results("load", body, {**versions, "chromium": chromium_version()})
        status = 1 if any(not item.ok for item in report.shared.results) else status
    if args.part in ("all", "compression"):
        from benchmarks.load_compression import compression_markdown, run_compression
        from benchmarks.load_nginx import nginx_binary

        if nginx_binary() is None:
            print("Compression: skipped, nginx is not installed (apt-get install nginx)")
            return status or 2
        print(f"Compression: {args.repeats} cold loads per cell")
        pages = [page.strip() for page in args.pages.split(",")]
        script = Path(args.app).resolve() if args.app else APP_SCRIPT
        compression = asyncio.run(run_compression(args.repeats, pages, script))
        body = "## Compression\n\n" + compression_markdown(compression)
        print(body)
        if not args.no_write:
            write_results(
                "compression",
                body,
                {**versions, "nginx": compression.nginx_version, "chromium": chromium_version()},
            )
    return status


def chromium_version() -> str:
    """``chromium --version`` (or "unknown")."""
    import subprocess

    path = chromium_path()
    if path is None:
        return "not installed"
    result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
