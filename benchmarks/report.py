"""Turn measurements into a table with ratios to the reference and budgets; describe the machine."""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psutil

from benchmarks.load_stats import percentile
from benchmarks.measure import Memory, View

#: Budgets (ratios to the reference app, or absolute sizes).
LOAD_BUDGET = 1.15
ROUND_TRIP_BUDGET = 1.3
#: The map figure as Streamlit sends it (issue #14: at most 350 KB with its names and layers).
MAP_FIGURE_BUDGET_KB = 350.0
KB = 1000
#: The ratio's interval: its level, and how many resamples of the views estimate it.
INTERVAL_LEVEL = 0.9
INTERVAL_RESAMPLES = 2000
#: The level as the report writes it ("90 %").
INTERVAL_LABEL = f"{INTERVAL_LEVEL:.0%}".replace("%", " %")


@dataclass(frozen=True)
class Stat:
    """Median, minimum and maximum of repeated measurements."""

    median: float
    low: float
    high: float
    count: int
    values: tuple[float, ...] = ()


def stat(values: Sequence[float]) -> Stat | None:
    """Summary of the values (None when there are none)."""
    if not values:
        return None
    return Stat(statistics.median(values), min(values), max(values), len(values), tuple(values))


def ratio_interval(
    values: Sequence[float], reference: Sequence[float], seed: int = 0
) -> tuple[float, float] | None:
    """Where median(values) / median(reference) lies, at :data:`INTERVAL_LEVEL`.

    A percentile bootstrap: both sets of views are resampled with replacement
    :data:`INTERVAL_RESAMPLES` times, with a fixed seed (the same run gives the same interval).
    None with fewer than three views on either side.
    """
    if len(values) < 3 or len(reference) < 3:
        return None
    draw = random.Random(seed)
    ratios = []
    for _ in range(INTERVAL_RESAMPLES):
        denominator = statistics.median(draw.choices(reference, k=len(reference)))
        if denominator:
            ratios.append(statistics.median(draw.choices(values, k=len(values))) / denominator)
    if not ratios:
        return None
    tail = (1 - INTERVAL_LEVEL) / 2
    return percentile(ratios, tail), percentile(ratios, 1 - tail)


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    page: str
    metric: str
    value: Stat | None
    unit: str
    reference: Stat | None = None
    budget: str = ""
    limit: float | None = None  # for ratios: max ratio; for sizes: max value
    budget_on_ratio: bool = True
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """Median over the reference's median."""
        if self.value is None or self.reference is None or not self.reference.median:
            return None
        return self.value.median / self.reference.median

    @property
    def interval(self) -> tuple[float, float] | None:
        """The ratio's interval (:func:`ratio_interval`), for timings only."""
        if self.unit != "ms" or self.value is None or self.reference is None:
            return None
        return ratio_interval(self.value.values, self.reference.values)

    @property
    def passed(self) -> bool | None:
        """Budget verdict (None when the row has no budget or no numbers)."""
        if self.limit is None or self.value is None:
            return None
        if self.budget_on_ratio:
            return None if self.ratio is None else self.ratio <= self.limit
        return self.value.median <= self.limit


def _views_stat(views: list[View], pick) -> Stat | None:
    values = [value for view in views if (value := pick(view)) is not None]
    return stat(values)


def build_rows(
    results: dict[str, list[View]],
    memory: dict[str, Memory],
    interactions: dict[str, list[tuple[str, str]]],
    reference: str = "reference",
) -> list[Row]:
    """Rows for every page scenario (and the reference's own figures), in a stable order."""
    ref_views = results[reference]
    ref_kinds = {kind: name for name, kind in interactions[reference]}
    rows: list[Row] = []
    ref_load = _views_stat(ref_views, lambda v: v.load_ms)
    ref_again = _views_stat(ref_views, lambda v: v.returning_load_ms)
    for page, views in results.items():
        if page == reference:
            continue
        rows.append(
            Row(
                page,
                "page load → interactive",
                _views_stat(views, lambda v: v.load_ms),
                "ms",
                ref_load,
                f"≤ {LOAD_BUDGET}× ref",
                LOAD_BUDGET,
            )
        )
        rows.append(
            Row(
                page,
                "page load → interactive, returning reader (cache warm)",
                _views_stat(views, lambda v: v.returning_load_ms),
                "ms",
                ref_again,
                f"≤ {LOAD_BUDGET}× ref",
                LOAD_BUDGET,
            )
        )
        for name, kind in interactions[page]:
            ref_name = ref_kinds.get(kind)
            rows.append(
                Row(
                    page,
                    f"{name} round trip",
                    _views_stat(views, lambda v, n=name: v.round_trips_ms.get(n)),
                    "ms",
                    _views_stat(ref_views, lambda v, n=ref_name: v.round_trips_ms.get(n))
                    if ref_name
                    else None,
                    f"≤ {ROUND_TRIP_BUDGET}× ref ({ref_name})",
                    ROUND_TRIP_BUDGET,
                )
            )
        if not interactions[page]:
            rows.append(
                Row(page, "click / filter round trip", None, "ms", note="page has no widget")
            )
        rows.append(
            Row(
                page,
                "HTTP transfer (first view)",
                _views_stat(views, lambda v: v.http_bytes / KB if v.load_ms else None),
                "KB",
                _views_stat(ref_views, lambda v: v.http_bytes / KB if v.load_ms else None),
            )
        )
        rows.append(
            Row(
                page,
                "WebSocket transfer (first view)",
                _views_stat(views, lambda v: v.ws_bytes / KB if v.load_ms else None),
                "KB",
                _views_stat(ref_views, lambda v: v.ws_bytes / KB if v.load_ms else None),
            )
        )
        rows.extend(_figure_rows(page, views, ref_views))
    for name, value in memory.items():
        if name != reference:
            label = f"{name} ({', '.join(value.pages)})" if value.pages else name
            rows.extend(_memory_rows(label, value, memory.get(reference)))
    rows.extend(_reference_rows(reference, ref_views, interactions[reference], memory))
    return rows


def _reference_rows(
    reference: str,
    views: list[View],
    interactions: list[tuple[str, str]],
    memory: dict[str, Memory],
) -> list[Row]:
    """The reference app's own numbers (what the ratios above divide by)."""
    rows = [
        Row(reference, "page load → interactive", _views_stat(views, lambda v: v.load_ms), "ms"),
        Row(
            reference,
            "page load → interactive, returning reader (cache warm)",
            _views_stat(views, lambda v: v.returning_load_ms),
            "ms",
        ),
    ]
    rows += [
        Row(
            reference,
            f"{name} round trip",
            _views_stat(views, lambda v, n=name: v.round_trips_ms.get(n)),
            "ms",
        )
        for name, _kind in interactions
    ]
    rows += [
        Row(
            reference,
            "HTTP transfer (first view)",
            _views_stat(views, lambda v: v.http_bytes / KB if v.load_ms else None),
            "KB",
        ),
        Row(
            reference,
            "WebSocket transfer (first view)",
            _views_stat(views, lambda v: v.ws_bytes / KB if v.load_ms else None),
            "KB",
        ),
    ]
    rows.extend(_figure_rows(reference, views, None))
    rows.extend(_memory_rows(reference, memory.get(reference), None))
    return rows


def _figure_rows(page: str, views: list[View], ref_views: list[View] | None) -> list[Row]:
    sample = next((view for view in views if view.load_ms and view.figures), None)
    if sample is None:
        return [Row(page, "figure JSON", None, "KB", note="no plotly figure on first view")]
    ref_map = None
    if ref_views:
        ref_sample = next((v for v in ref_views if v.load_ms and v.figures), None)
        maps = [f for f in ref_sample.figures if f.is_map] if ref_sample else []
        ref_map = stat([maps[0].json_bytes / KB]) if maps else None
    rows = []
    for figure in sample.figures:
        sizes = [
            view.figures[figure.index].json_bytes / KB
            for view in views
            if view.load_ms and len(view.figures) > figure.index
        ]
        kinds = ", ".join(sorted(set(figure.trace_types))) or "empty"
        rows.append(
            Row(
                page,
                f"figure #{figure.index} JSON ({kinds})",
                stat(sizes),
                "KB",
                ref_map if figure.is_map else None,
                f"map ≤ {MAP_FIGURE_BUDGET_KB:.0f} KB" if figure.is_map else "",
                MAP_FIGURE_BUDGET_KB if figure.is_map else None,
                budget_on_ratio=False,
            )
        )
    return rows


def _memory_rows(page: str, memory: Memory | None, reference: Memory | None) -> list[Row]:
    if memory is None or memory.after == 0:
        return []
    mb = 1_000_000

    def one(value: Memory | None, attribute: str) -> Stat | None:
        return None if value is None else stat([getattr(value, attribute) / mb])

    return [
        Row(
            page,
            "server RSS, warm",
            one(memory, "before"),
            "MB",
            one(reference, "before"),
        ),
        Row(
            page,
            f"server RSS with {memory.sessions} more sessions open",
            one(memory, "after"),
            "MB",
            one(reference, "after"),
        ),
    ]


# --------------------------------------------------------------------------- formatting


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def table(rows: list[Row]) -> list[list[str]]:
    """Header and cells of the result table."""
    header = ["page", "metric", "median", "min–max", "reference", "ratio"]
    header += [f"ratio, {INTERVAL_LABEL} interval", "budget", "pass"]
    cells = [header]
    for row in rows:
        value = row.value
        verdict = {True: "pass", False: "FAIL", None: ""}[row.passed]
        interval = row.interval
        cells.append(
            [
                row.page,
                row.metric,
                f"{_number(value.median, row.unit)} {row.unit}" if value else row.note or "–",
                f"{_number(value.low, row.unit)}–{_number(value.high, row.unit)}"
                if value and value.count > 1
                else "",
                f"{_number(row.reference.median, row.unit)} {row.unit}" if row.reference else "",
                f"{row.ratio:.2f}×" if row.ratio is not None else "",
                f"{interval[0]:.2f}–{interval[1]:.2f}×" if interval else "",
                row.budget,
                verdict,
            ]
        )
    return cells


def plain_table(rows: list[Row]) -> str:
    """The table for a terminal."""
    cells = table(rows)
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(rows: list[Row]) -> str:
    """The table as GitHub Markdown."""
    cells = table(rows)
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    lines += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in cells[1:]
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- machine


def cpu_model() -> str:
    """CPU model name from /proc/cpuinfo (or the platform's best guess)."""
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.exists():
        for line in with_cpuinfo.read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def git_revision(repo: Path) -> str:
    """Short commit hash, with ``+changes`` when the work tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}+changes" if dirty else commit


def load_average() -> str:
    """The 1/5/15-minute load averages (other work on the machine skews the numbers)."""
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine(chromium_version: str, repo: Path, load_at_start: str = "") -> dict[str, str]:
    """What the numbers were measured on."""
    import plotly
    import streamlit

    try:
        from importlib.metadata import version

        playwright_version = version("playwright")
    except Exception:
        playwright_version = "unknown"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_revision(repo),
        "CPU": cpu_model(),
        "cores": f"{psutil.cpu_count(logical=False) or '?'} physical, {os.cpu_count()} logical",
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "python": sys.version.split()[0],
        "streamlit": streamlit.__version__,
        "plotly": plotly.__version__,
        "chromium": chromium_version,
        "playwright": playwright_version,
        "load average 1/5/15 min (start → end)": f"{load_at_start or '?'} → {load_average()}",
    }
