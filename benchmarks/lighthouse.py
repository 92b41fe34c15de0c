"""Lighthouse on the static export and the dashboard's map page, both served through nginx.

The static export is written into a temporary folder and served by deploy/nginx.conf
(:mod:`benchmarks.load_nginx`: a private nginx on a loopback port, ``gzip_static`` and the
cache headers as deployed) under ``/export/``; the same nginx proxies a dashboard server, so
its map page is audited as deployed too. Lighthouse 12.2.3 (pinned in
``tools/lighthouse``, installed by ``make lighthouse``) runs the system Chromium
(``CHROME_PATH``) once per page and profile: ``mobile`` (Lighthouse's default: a mid-range
phone, 4× CPU slowdown, simulated slow 4G) and ``desktop`` (its desktop preset), each with
3 s quiet windows before the trace ends instead of 1 s (``tools/lighthouse/*.mjs``: a
Streamlit page goes on fetching over its websocket after the load event).

It records the category scores (performance, accessibility, best practices), the largest
contentful paint, the total blocking time and the bytes transferred (Lighthouse's
``total-byte-weight``: compressed, as sent), and the audits of the accessibility and
best-practices categories that did not pass. ``make bench`` runs it after the other
scenarios; on its own (it then rewrites only its section of docs/BENCHMARKS.md):

    .venv/bin/python -m benchmarks.lighthouse
    .venv/bin/python -m benchmarks.lighthouse --pages "export map" --profiles desktop --no-write

Not part of the test suite; nothing asserts on scores. The section keeps the previous run's
numbers beside the new ones (read back from the JSON comment it writes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.load_nginx import NginxProxy, nginx_binary
from benchmarks.load_stats import replace_section
from tests.harness.browser import (
    CHROMIUM_ARGS,
    REPO_ROOT,
    StreamlitServer,
    chromium_path,
    free_port,
)

LIGHTHOUSE_DIR = REPO_ROOT / "tools" / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS_FILE = REPO_ROOT / "docs" / "BENCHMARKS.md"
SECTION = "lighthouse"
#: The JSON of a run, kept inside the section so the next run can show it beside its own.
DATA_COMMENT = re.compile(r"<!-- lighthouse-data (?P<json>\{.*?\}) -->", re.DOTALL)
CATEGORIES = ("performance", "accessibility", "best-practices")
PROFILES = ("desktop", "mobile")
TIMEOUT_S = 240
#: Chromium flags for Lighthouse's own launch (the harness's, headless).
CHROME_FLAGS = ("--headless=new", *CHROMIUM_ARGS)


@dataclass(frozen=True)
class Target:
    """One page to audit: its name in the report and its path on the nginx server."""

    name: str
    path: str
    #: The issue's targets for this page: category or metric → (minimum or maximum, profile).
    goals: Mapping[str, float] = field(default_factory=dict)


#: What the issue asks of each page (#17). Keys: ``<category>`` (minimum score on every
#: profile), ``performance@<profile>`` (minimum on that profile), ``bytes`` (maximum).
EXPORT_GOALS = {"accessibility": 1.0, "best-practices": 1.0}
TARGETS: tuple[Target, ...] = (
    Target(
        "export map",
        "/export/map.html",
        {
            **EXPORT_GOALS,
            "performance@desktop": 0.95,
            "performance@mobile": 0.8,
            "bytes": 1_500_000,
        },
    ),
    Target("export overview", "/export/index.html", EXPORT_GOALS),
    Target("export timeline", "/export/timeline.html", EXPORT_GOALS),
    Target("export positions", "/export/positions.html", EXPORT_GOALS),
    Target("dashboard map", "/map", {"accessibility": 0.98, "best-practices": 1.0}),
)


@dataclass(frozen=True)
class Audit:
    """One Lighthouse run's numbers (None where Lighthouse gave none)."""

    page: str
    profile: str
    scores: dict[str, float | None]
    lcp_ms: float | None = None
    tbt_ms: float | None = None
    bytes: float | None = None
    failing: tuple[str, ...] = ()
    error: str = ""


def parse_report(report: Mapping[str, Any], page: str, profile: str) -> Audit:
    """An :class:`Audit` from a Lighthouse JSON report (``--output=json``).

    ``failing`` lists the audits of the accessibility and best-practices categories whose
    score is below 1 (with their titles), weighted ones only.
    """
    categories = report.get("categories", {})
    audits = report.get("audits", {})

    def numeric(audit_id: str) -> float | None:
        value = audits.get(audit_id, {}).get("numericValue")
        return None if value is None else float(value)

    failing = []
    for category in ("accessibility", "best-practices"):
        for ref in categories.get(category, {}).get("auditRefs", []):
            audit = audits.get(ref.get("id"), {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                failing.append(f"{ref['id']} ({audit.get('title', '')})")
    runtime = report.get("runtimeError", {}).get("message", "")
    return Audit(
        page=page,
        profile=profile,
        scores={name: categories.get(name, {}).get("score") for name in CATEGORIES},
        lcp_ms=numeric("largest-contentful-paint"),
        tbt_ms=numeric("total-blocking-time"),
        bytes=numeric("total-byte-weight"),
        failing=tuple(failing),
        error=runtime,
    )


def command(url: str, profile: str, output: Path) -> list[str]:
    """The Lighthouse command line for one page and profile."""
    args = [
        str(LIGHTHOUSE_BIN),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--config-path={LIGHTHOUSE_DIR / f'{profile}.mjs'}",
        "--quiet",
    ]
    return args


def run_lighthouse(url: str, page: str, profile: str, chromium: str) -> Audit:
    """Run Lighthouse once; an :class:`Audit` with ``error`` set when it fails."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(folder) / "report.json"
        env = {**os.environ, "CHROME_PATH": chromium}
        try:
            result = subprocess.run(
                command(url, profile, output),
                capture_output=True,
                text=True,
                env=env,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Audit(page, profile, {}, error=f"timed out after {TIMEOUT_S} s")
        if result.returncode != 0 or not output.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            return Audit(page, profile, {}, error=f"lighthouse failed: {' / '.join(tail)}")
        return parse_report(json.loads(output.read_text(encoding="utf-8")), page, profile)


def available() -> str:
    """Why Lighthouse cannot run here ('' when it can)."""
    if not LIGHTHOUSE_BIN.exists():
        return "Lighthouse is not installed (make lighthouse)"
    if nginx_binary() is None:
        return "nginx is not installed (make nginx)"
    if chromium_path() is None:
        return "Chromium not found (make chromium)"
    return ""


@contextlib.contextmanager
def served(dashboard_port: int | None) -> Iterator[str]:
    """Export the site and serve it (and a dashboard on ``dashboard_port``) through nginx.

    Yields nginx's base URL: the export under ``/export/``, the dashboard under ``/``.
    """
    from dashboard.export import export_site

    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as root:
        Path(root).chmod(0o755)  # nginx's workers run unprivileged when started as root
        export_site(Path(root) / "export")
        proxy = NginxProxy(
            free_port(),
            [dashboard_port or free_port()],
            export_root=Path(root),
            ready_path="/_stcore/health" if dashboard_port else "/export/",
        )
        proxy.start()
        try:
            yield proxy.base_url
        finally:
            proxy.stop()
            proxy.cleanup()


def audit_all(
    base_url: str,
    targets: Sequence[Target],
    profiles: Sequence[str],
    log: Any = print,
) -> list[Audit]:
    """Lighthouse on every target and profile, one after another."""
    chromium = chromium_path()
    assert chromium is not None, "Chromium not found"
    audits = []
    for target in targets:
        for profile in profiles:
            audit = run_lighthouse(base_url + target.path, target.name, profile, chromium)
            log(f"lighthouse {target.name} ({profile}): {describe(audit)}")
            audits.append(audit)
    return audits


def describe(audit: Audit) -> str:
    """One line for the log."""
    if audit.error:
        return f"failed: {audit.error}"
    scores = ", ".join(f"{name} {_score(value)}" for name, value in audit.scores.items())
    text = (
        f"{scores}; LCP {_ms(audit.lcp_ms)}, TBT {_ms(audit.tbt_ms)}, "
        f"{_kb(audit.bytes)} transferred"
    )
    return text + (f"; not passed: {'; '.join(audit.failing)}" if audit.failing else "")


def run(
    targets: Sequence[Target] = TARGETS,
    profiles: Sequence[str] = PROFILES,
    dashboard_port: int | None = None,
    log: Any = print,
) -> list[Audit]:
    """Serve the export (and, without ``dashboard_port``, start a dashboard) and audit.

    Pages under ``/export/`` need no dashboard; the dashboard's pages are proxied to the
    server on ``dashboard_port``, or to one started here when any target needs it.
    """
    needs_dashboard = any(not t.path.startswith("/export/") for t in targets)
    with contextlib.ExitStack() as stack:
        if needs_dashboard and dashboard_port is None:
            dashboard_port = stack.enter_context(StreamlitServer()).port
        base_url = stack.enter_context(served(dashboard_port if needs_dashboard else None))
        return audit_all(base_url, targets, profiles, log)


# --------------------------------------------------------------------------- report


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:,.0f} KB"


def verdicts(audit: Audit, target: Target | None) -> list[str]:
    """The issue's goals this run misses on this page and profile (empty: all met)."""
    if target is None or audit.error:
        return ["no result"] if audit.error else []
    missed = []
    for key, goal in target.goals.items():
        name, _, profile = key.partition("@")
        if profile and profile != audit.profile:
            continue
        if name == "bytes":
            if audit.bytes is None or audit.bytes > goal:
                missed.append(f"bytes > {goal / 1e6:g} MB")
            continue
        score = audit.scores.get(name)
        if score is None or score < goal:
            missed.append(f"{name} < {goal:g}")
    return missed


def previous_run(document: str) -> dict[str, Any] | None:
    """The run stored in a Lighthouse section of ``document`` (None when there is none)."""
    match = DATA_COMMENT.search(document)
    if match is None:
        return None
    try:
        data = json.loads(match.group("json"))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _previous_audits(previous: Mapping[str, Any] | None) -> dict[tuple[str, str], Audit]:
    if not previous:
        return {}
    found = {}
    for item in previous.get("audits", []):
        try:
            audit = Audit(**{**item, "failing": tuple(item.get("failing", ()))})
        except TypeError:
            continue
        found[(audit.page, audit.profile)] = audit
    return found


def _pair(now: str, before: str | None) -> str:
    return now if before is None else f"{now} ({before})"


def markdown_section(
    audits: Sequence[Audit],
    info: Mapping[str, str],
    previous: Mapping[str, Any] | None = None,
    targets: Sequence[Target] = TARGETS,
) -> str:
    """The Lighthouse section of docs/BENCHMARKS.md, the previous run's numbers beside."""
    by_name = {target.name: target for target in targets}
    before = _previous_audits(previous)
    when = f"{previous.get('date', '?')}, {previous.get('commit', '?')}" if previous else ""
    header = (
        "| page | profile | performance | accessibility | best practices | LCP | TBT "
        "| transferred | goals (#17) |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    for audit in audits:
        old = before.get((audit.page, audit.profile))

        def prev(text: str, old: Audit | None = old) -> str | None:
            return None if old is None or old.error else text

        missed = verdicts(audit, by_name.get(audit.page))
        goals = "met" if not missed else "MISSED: " + "; ".join(missed)
        if not by_name.get(audit.page) or not by_name[audit.page].goals:
            goals = "–"
        cells = [audit.page, audit.profile]
        for name in CATEGORIES:
            now = "failed" if audit.error else _score(audit.scores.get(name))
            cells.append(_pair(now, prev(_score(old.scores.get(name)) if old else "")))
        cells.append(_pair(_ms(audit.lcp_ms), prev(_ms(old.lcp_ms) if old else "")))
        cells.append(_pair(_ms(audit.tbt_ms), prev(_ms(old.tbt_ms) if old else "")))
        cells.append(_pair(_kb(audit.bytes), prev(_kb(old.bytes) if old else "")))
        cells.append(goals)
        lines.append("| " + " | ".join(cells) + " |")
    failing = [f"- **{a.page}** ({a.profile}): {'; '.join(a.failing)}" for a in audits if a.failing]
    errors = [f"- **{a.page}** ({a.profile}): {a.error}" for a in audits if a.error]
    data = {**info, "audits": [asdict(audit) for audit in audits]}
    facts = ", ".join(f"{key} {value}" for key, value in info.items())
    previous_line = (
        f"In brackets: the previous run ({when})." if previous else "No previous run recorded."
    )
    return f"""## Lighthouse

Lighthouse 12.2.3 (`tools/lighthouse`, with the system Chromium) on the static export served
by `deploy/nginx.conf` (a private nginx on 127.0.0.1: `gzip_static` with the export's `.gz`
twins, its cache headers) and on the dashboard's map page behind the same nginx (gzip). One
run per page and profile: **mobile** is Lighthouse's default (a mid-range phone: 4× CPU
slowdown, simulated slow 4G), **desktop** its desktop preset, both waiting for 3 s of quiet
instead of 1 s before the trace ends (`tools/lighthouse/*.mjs`); both simulate the network,
so the loopback's speed does not flatter the numbers, but the CPU is this machine's, shared
(no GPU: the map's WebGL is drawn in software).
**LCP** largest contentful paint, **TBT** total blocking time, **transferred** Lighthouse's
`total-byte-weight` (bytes on the wire, compressed). {previous_line} Goals from issue #17:
export map performance ≥ 0.95 desktop and ≥ 0.8 mobile and at most 1.5 MB transferred;
accessibility and best practices 1.0 on every export page; the dashboard's map page
accessibility ≥ 0.98 and best practices 1.0. See `benchmarks/lighthouse.py`.

Run: {facts}.

{chr(10).join(lines)}

Audits that did not pass (accessibility and best practices, weighted ones):

{chr(10).join(failing) or "None."}
{chr(10).join(["", "Errors:", "", *errors]) if errors else ""}
<!-- lighthouse-data {json.dumps(data, separators=(",", ":"))} -->
"""


def run_info(chromium_version: str = "") -> dict[str, str]:
    """When and on what the run happened (kept with the data for the next run)."""
    from benchmarks.report import git_revision, load_average

    info = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_revision(REPO_ROOT),
        "lighthouse": "12.2.3",
        "load average": load_average(),
    }
    if chromium_version:
        info["chromium"] = chromium_version
    return info


def write_section(section: str, path: Path = RESULTS_FILE) -> None:
    """Replace (or append) the Lighthouse section of ``path``."""
    document = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(document, SECTION, section), encoding="utf-8")


def chromium_version(executable: str) -> str:
    """``Chromium 131.0…`` from the executable."""
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Audit, print, and rewrite the Lighthouse section of docs/BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse")
    parser.add_argument("--pages", nargs="*", help="target names (default: all)")
    parser.add_argument("--profiles", nargs="*", default=list(PROFILES), choices=PROFILES)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    missing = available()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    targets = [t for t in TARGETS if not args.pages or t.name in args.pages]
    if not targets:
        print(f"no such page; choose from {[t.name for t in TARGETS]}", file=sys.stderr)
        return 2
    audits = run(targets, args.profiles)
    if not args.no_write:
        previous = RESULTS_FILE.read_text(encoding="utf-8") if RESULTS_FILE.exists() else ""
        info = run_info(chromium_version(chromium_path() or ""))
        write_section(markdown_section(audits, info, previous_run(previous), TARGETS))
        print(f"wrote the Lighthouse section of {RESULTS_FILE.relative_to(REPO_ROOT)}")
    return 1 if any(audit.error for audit in audits) else 0


if __name__ == "__main__":
    sys.exit(main())
