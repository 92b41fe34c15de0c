"""Fetch DeepStateMap daily snapshots into the git-ignored cache.

A snapshot comes either from the public archive (``cyterat/deepstate-map-data`` on GitHub,
or any mirror given by ``--base-url`` / ``DASHBOARD_DEEPSTATE_BASE_URL``) or from a local
folder (tests and CI copy from ``shared/geo/deepstate/daily``).

Every write is atomic: the bytes go to a temporary file in the cache folder, are checked
(complete per ``Content-Length``, valid JSON, a FeatureCollection of (Multi)Polygons), and
only then replace the cached file with :func:`os.replace`. A failed, truncated or invalid
download never replaces or deletes a good cached file.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from dashboard.datasets import paths
from dashboard.datasets.control import snapshot_filename, validate_snapshot

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/cyterat/deepstate-map-data/main/data/"
BASE_URL_ENV = "DASHBOARD_DEEPSTATE_BASE_URL"
DEFAULT_TIMEOUT_SECONDS = 30.0
CHUNK_BYTES = 64 * 1024
USER_AGENT = "peace-talks-dashboard (snapshot fetch; python-urllib)"


class FetchStatus(StrEnum):
    """Outcome of fetching one date."""

    OK = "ok"
    CACHED = "cached"
    FAILED = "failed"


@dataclass(frozen=True)
class FetchResult:
    """What happened to one date: ``ok`` (fetched now), ``cached`` or ``failed``.

    ``missing`` is true when the source simply has no snapshot for that date (HTTP 404,
    or no file in the local folder), as opposed to a network or validation failure.
    """

    day: date
    status: FetchStatus
    path: Path | None = None
    reason: str = ""
    missing: bool = False

    @property
    def ok(self) -> bool:
        """True when the snapshot is in the cache now."""
        return self.status is not FetchStatus.FAILED

    def message(self) -> str:
        """One line for a terminal or the app."""
        detail = self.reason if self.status is FetchStatus.FAILED else str(self.path)
        label = "missing" if self.missing else self.status.value
        return f"{self.day.isoformat()}  {label:<7}  {detail}"


class FetchError(Exception):
    """One snapshot could not be fetched; the message is one readable line."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def base_url_from_env() -> str:
    """``DASHBOARD_DEEPSTATE_BASE_URL`` if set, else :data:`DEFAULT_BASE_URL`."""
    return os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL


def snapshot_url(day: date, base_url: str) -> str:
    """URL of the snapshot of ``day`` under ``base_url``."""
    return f"{base_url.rstrip('/')}/{snapshot_filename(day)}"


def date_range(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` inclusive."""
    if end < start:
        raise ValueError(f"end date {end} is before start date {start}")
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


class ProgressBar:
    """A one-line text progress bar (bytes and percent) on a stream such as stderr."""

    WIDTH = 24

    def __init__(self, stream: TextIO, label: str, total: int | None) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self._shown = -1

    def update(self, received: int) -> None:
        """Add ``received`` bytes and redraw when the shown percentage changes."""
        self.done += received
        if self.total:
            percent = min(100, self.done * 100 // self.total)
            if percent == self._shown:
                return
            self._shown = percent
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            text = f"{self.label} [{bar}] {percent:3d}% {_kb(self.done)}/{_kb(self.total)}"
        else:
            text = f"{self.label} {_kb(self.done)}"
        self.stream.write(f"\r{text}")
        self.stream.flush()

    def close(self) -> None:
        """End the line."""
        self.stream.write("\n")
        self.stream.flush()


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} kB"


def _temporary(folder: Path, name: str) -> Path:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    os.close(handle)
    return Path(temporary)


def _check_file(path: Path, origin: str) -> None:
    """Raise FetchError unless ``path`` holds a valid snapshot."""
    try:
        collection = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FetchError(f"{origin} is not valid JSON ({error})") from None
    try:
        validate_snapshot(collection)
    except ValueError as error:
        raise FetchError(f"{origin} {error}") from None


def is_valid_snapshot(path: Path) -> bool:
    """True when ``path`` exists and holds a FeatureCollection of polygons."""
    if not path.is_file():
        return False
    try:
        _check_file(path, str(path))
    except FetchError:
        return False
    return True


def download(url: str, target: Path, *, timeout: float, progress: TextIO | None = None) -> None:
    """Download ``url`` to ``target`` (a temporary file); raise FetchError on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    bar: ProgressBar | None = None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            header = response.headers.get("Content-Length")
            expected = int(header) if header and header.isdigit() else None
            if progress is not None:
                bar = ProgressBar(progress, url.rsplit("/", 1)[-1], expected)
            received = 0
            with target.open("wb") as stream:
                while chunk := response.read(CHUNK_BYTES):
                    stream.write(chunk)
                    received += len(chunk)
                    if bar is not None:
                        bar.update(len(chunk))
                stream.flush()
                os.fsync(stream.fileno())
    except urllib.error.HTTPError as error:
        missing = error.code == 404
        what = "no snapshot for this date" if missing else "server refused"
        raise FetchError(
            f"{what}: HTTP {error.code} {error.reason} for {url}", missing=missing
        ) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError(f"timeout after {timeout:g} s connecting to {url}") from None
        hint = " (offline?)" if isinstance(error.reason, socket.gaierror) else ""
        raise FetchError(f"cannot reach {url}: {error.reason}{hint}") from None
    except TimeoutError:
        raise FetchError(f"timeout after {timeout:g} s while downloading {url}") from None
    except http.client.IncompleteRead as error:
        raise FetchError(
            f"truncated download from {url}: connection closed after "
            f"{len(error.partial)} bytes, {error.expected} more expected"
        ) from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"download of {url} failed ({error})") from None
    finally:
        if bar is not None:
            bar.close()
    if expected is not None and received != expected:
        raise FetchError(
            f"truncated download from {url}: got {received} of {expected} bytes (Content-Length)"
        )


def _install(temporary: Path, final: Path, origin: str) -> None:
    _check_file(temporary, origin)
    os.chmod(temporary, 0o644)
    os.replace(temporary, final)


def fetch_snapshot(
    day: date,
    *,
    cache_dir: Path | None = None,
    source_dir: Path | None = None,
    base_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    force: bool = False,
    progress: TextIO | None = None,
) -> FetchResult:
    """Put the snapshot of ``day`` into the cache; never raise for a per-date failure.

    Parameters
    ----------
    day
        The snapshot date (the archive's download date).
    cache_dir
        Where snapshots are cached (default: :func:`paths.deepstate_cache_dir`).
    source_dir
        Copy from this folder instead of downloading.
    base_url
        Archive URL prefix (default: :func:`base_url_from_env`).
    timeout
        Socket timeout in seconds for connecting and for each read.
    force
        Fetch even when a valid copy is already cached.
    progress
        Stream for a download progress bar (e.g. ``sys.stderr``), or None for silence.
    """
    cache_dir = cache_dir or paths.deepstate_cache_dir()
    name = snapshot_filename(day)
    final = cache_dir / name
    if not force and is_valid_snapshot(final):
        return FetchResult(day, FetchStatus.CACHED, final)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return FetchResult(day, FetchStatus.FAILED, reason=f"cannot create {cache_dir}: {error}")
    temporary = _temporary(cache_dir, name)
    try:
        if source_dir is not None:
            origin = str(source_dir / name)
            if not (source_dir / name).is_file():
                raise FetchError(f"no snapshot for this date in {source_dir}", missing=True)
            shutil.copyfile(source_dir / name, temporary)
        else:
            origin = snapshot_url(day, base_url or base_url_from_env())
            download(origin, temporary, timeout=timeout, progress=progress)
        _install(temporary, final, origin)
    except FetchError as error:
        return FetchResult(day, FetchStatus.FAILED, reason=str(error), missing=error.missing)
    except OSError as error:
        return FetchResult(day, FetchStatus.FAILED, reason=f"cannot write {final}: {error}")
    finally:
        temporary.unlink(missing_ok=True)
    return FetchResult(day, FetchStatus.OK, final)


def fetch_snapshots(
    days: Iterable[date],
    *,
    cache_dir: Path | None = None,
    source_dir: Path | None = None,
    base_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    force: bool = False,
    progress: TextIO | None = None,
    report: TextIO | None = None,
) -> list[FetchResult]:
    """Fetch each date in turn (see :func:`fetch_snapshot`); one result per date.

    ``report`` receives :meth:`FetchResult.message` for each date as it finishes.
    """
    results = []
    for day in days:
        result = fetch_snapshot(
            day,
            cache_dir=cache_dir,
            source_dir=source_dir,
            base_url=base_url,
            timeout=timeout,
            force=force,
            progress=progress,
        )
        if report is not None:
            report.write(result.message() + "\n")
            report.flush()
        results.append(result)
    return results


def exit_code(results: Iterable[FetchResult]) -> int:
    """0 when every date is cached or simply missing upstream, 1 on any other failure."""
    failures = [r for r in results if r.status is FetchStatus.FAILED and not r.missing]
    return 1 if failures else 0


def print_summary(results: list[FetchResult], stream: TextIO = sys.stderr) -> None:
    """One summary line: how many fetched, cached, missing, failed."""
    counts = {status: 0 for status in ("ok", "cached", "missing", "failed")}
    for result in results:
        key = "missing" if result.missing else result.status.value
        counts[key] += 1
    stream.write(", ".join(f"{count} {key}" for key, count in counts.items()) + "\n")
