"""Pure helpers of the load and compression benchmarks: statistics, machine facts, markdown.

Nothing here starts a process or a browser, so the unit tests can cover it.
"""

from __future__ import annotations

import math
import os
import platform
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

#: Markers that delimit one part's section in the results file, so a run of one part keeps
#: the other part's last results.
SECTION_START = "<!-- {name}:start -->"
SECTION_END = "<!-- {name}:end -->"


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (0 … 1) by linear interpolation between closest ranks.

    Same definition as numpy's default (``method="linear"``). Raises ``ValueError`` on an
    empty sequence.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction {fraction} is not within 0 … 1")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(ordered[low])
    weight = position - low
    return float(ordered[low] * (1 - weight) + ordered[high] * weight)


@dataclass(frozen=True)
class Interaction:
    """One measured interaction of one browser session."""

    session: int
    kind: str
    started: float
    seconds: float
    error: str | None = None
    detail: str = ""
    #: Seconds the server took: first websocket frame sent to last received (None: unknown).
    server: float | None = None

    @property
    def ok(self) -> bool:
        """True when the interaction finished with its expected content and no error."""
        return self.error is None


@dataclass(frozen=True)
class KindSummary:
    """Latency figures of one interaction type (successful interactions only)."""

    kind: str
    count: int
    errors: int
    median: float | None
    p95: float | None
    maximum: float | None
    server_median: float | None = None
    server_p95: float | None = None


def summarise(interactions: Iterable[Interaction]) -> list[KindSummary]:
    """Count, errors, median, 95th percentile and maximum latency per interaction type.

    Types are listed in the order they first occur. Failed interactions count as errors and
    are left out of the latency figures.
    """
    by_kind: dict[str, list[Interaction]] = {}
    for item in interactions:
        by_kind.setdefault(item.kind, []).append(item)
    rows = []
    for kind, items in by_kind.items():
        times = [item.seconds for item in items if item.ok]
        server = [item.server for item in items if item.ok and item.server is not None]
        rows.append(
            KindSummary(
                kind=kind,
                count=len(items),
                errors=sum(not item.ok for item in items),
                median=statistics.median(times) if times else None,
                p95=percentile(times, 0.95) if times else None,
                maximum=max(times) if times else None,
                server_median=statistics.median(server) if server else None,
                server_p95=percentile(server, 0.95) if server else None,
            )
        )
    return rows


def error_counts(interactions: Iterable[Interaction]) -> Counter[str]:
    """How many interactions failed, by error type."""
    return Counter(item.error for item in interactions if item.error)


@dataclass
class Samples:
    """A time series of (seconds since start, value) pairs."""

    points: list[tuple[float, float]] = field(default_factory=list)

    def add(self, at: float, value: float) -> None:
        """Record one sample."""
        self.points.append((at, value))

    @property
    def first(self) -> float | None:
        """The first value, or None."""
        return self.points[0][1] if self.points else None

    @property
    def last(self) -> float | None:
        """The last value, or None."""
        return self.points[-1][1] if self.points else None

    @property
    def peak(self) -> float | None:
        """The largest value, or None."""
        return max(value for _, value in self.points) if self.points else None

    @property
    def mean(self) -> float | None:
        """The mean value, or None."""
        return statistics.fmean(value for _, value in self.points) if self.points else None


# --------------------------------------------------------------------------- formatting


def mib(value: float | None) -> str:
    """Bytes as MiB with one decimal, or an en dash."""
    return "–" if value is None else f"{value / 2**20:,.1f} MiB"


def kib(value: float | None) -> str:
    """Bytes as KiB without decimals, or an en dash."""
    return "–" if value is None else f"{value / 2**10:,.0f} KiB"


def seconds(value: float | None) -> str:
    """Seconds with two decimals, or an en dash."""
    return "–" if value is None else f"{value:.2f} s"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub markdown table; ``|`` in cells is escaped."""

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(lines)


def replace_section(document: str, name: str, body: str) -> str:
    """Put ``body`` between the markers of section ``name``, appending the section if new."""
    start, end = SECTION_START.format(name=name), SECTION_END.format(name=name)
    block = f"{start}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: block, document, count=1)
    return document.rstrip() + "\n\n" + block + "\n" if document.strip() else block + "\n"


# --------------------------------------------------------------------------- machine


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or the platform's guess)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def package_versions(names: Sequence[str]) -> dict[str, str]:
    """Installed versions of Python distributions (``"not installed"`` when missing)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def machine_lines(total_memory: int, extra: Mapping[str, str] | None = None) -> list[str]:
    """Markdown bullet lines describing this machine and the software versions."""
    lines = [
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores",
        f"- Memory: {total_memory / 2**30:.1f} GiB",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}",
    ]
    for key, value in (extra or {}).items():
        lines.append(f"- {key}: {value}")
    return lines
