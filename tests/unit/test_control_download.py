"""Fetching DeepStateMap snapshots: a local HTTP server stands in for the archive."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dashboard.build import areas
from dashboard.build.__main__ import main
from dashboard.build.control import (
    BASE_URL_ENV,
    FetchStatus,
    date_range,
    fetch_snapshot,
    fetch_snapshots,
    snapshot_url,
)
from dashboard.datasets import control, paths

DAY = date(2025, 12, 15)
MISSING_DAY = date(2025, 11, 26)  # missing upstream
NAME = control.snapshot_filename(DAY)
SHORT_TIMEOUT = 0.3
SLOW_RESPONSE_LIMIT = 10.0  # the slow route gives up after this (released at teardown)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(BASE_URL_ENV, raising=False)


@pytest.fixture(scope="module")
def source_dir() -> Path:
    folder = areas.default_snapshot_dir()
    if not (folder / NAME).is_file():
        pytest.skip(f"shared DeepStateMap snapshots not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def good_bytes(source_dir) -> bytes:
    return (source_dir / NAME).read_bytes()


@pytest.fixture(scope="module")
def other_good_bytes(source_dir) -> bytes:
    """A different valid snapshot, to tell a kept cached file from a replaced one."""
    return (source_dir / control.snapshot_filename(date(2025, 12, 14))).read_bytes()


@pytest.fixture(scope="module")
def server(good_bytes) -> Iterator[str]:
    """Routes: /good/ (200 or 404), /slow/, /truncated/, /invalid/, /notfc/, /nolength/."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def send_body(self, body: bytes, length: int | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/geo+json")
            if length is not None:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            route, _, name = self.path.strip("/").partition("/")
            if name != NAME:
                self.send_error(404, "Not Found")
            elif route == "good":
                self.send_body(good_bytes, len(good_bytes))
            elif route == "slow":
                release.wait(SLOW_RESPONSE_LIMIT)
                try:
                    self.send_body(good_bytes, len(good_bytes))
                except OSError:  # the client gave up long ago
                    self.close_connection = True
            elif route == "truncated":
                half = good_bytes[: len(good_bytes) // 2]
                self.send_body(half, len(good_bytes))
                self.close_connection = True
            elif route == "invalid":
                body = b'{"type": "FeatureCollection", "features": [{"type": '
                self.send_body(body, len(body))
            elif route == "notfc":
                body = b'{"type": "Feature", "geometry": null, "properties": {}}'
                self.send_body(body, len(body))
            elif route == "nolength":
                self.send_body(good_bytes)
            else:
                self.send_error(404, "Not Found")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def cache_dir() -> Path:
    return paths.deepstate_cache_dir()


def put_in_cache(content: bytes) -> Path:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAME).write_bytes(content)
    return folder / NAME


def leftovers() -> list[str]:
    folder = cache_dir()
    return sorted(p.name for p in folder.iterdir() if p.name != NAME) if folder.exists() else []


def test_download_succeeds_with_a_progress_bar(server, good_bytes, capsys):
    code = main(["fetch", "--dates", "2025-12-15", "--base-url", f"{server}/good/"])
    out, err = capsys.readouterr()
    assert code == 0
    assert (cache_dir() / NAME).read_bytes() == good_bytes
    assert "2025-12-15  ok" in out
    assert "100%" in err and "kB" in err and NAME in err
    assert leftovers() == []


def test_second_fetch_uses_the_cache(server, good_bytes):
    first = fetch_snapshot(DAY, base_url=f"{server}/good/")
    second = fetch_snapshot(DAY, base_url=f"{server}/slow/", timeout=SHORT_TIMEOUT)
    assert first.status is FetchStatus.OK
    assert second.status is FetchStatus.CACHED and second.path == cache_dir() / NAME


def test_base_url_comes_from_the_environment(server, monkeypatch, good_bytes):
    monkeypatch.setenv(BASE_URL_ENV, f"{server}/good")
    result = fetch_snapshot(DAY)
    assert result.status is FetchStatus.OK
    assert (cache_dir() / NAME).read_bytes() == good_bytes


def test_download_without_content_length_shows_bytes(server, good_bytes, capsys):
    import sys

    result = fetch_snapshot(DAY, base_url=f"{server}/nolength/", progress=sys.stderr)
    assert result.status is FetchStatus.OK
    assert "kB" in capsys.readouterr().err
    assert (cache_dir() / NAME).read_bytes() == good_bytes


def test_404_names_the_url_and_leaves_the_cache_alone(server, other_good_bytes, capsys):
    put_in_cache(other_good_bytes)
    missing_url = snapshot_url(MISSING_DAY, f"{server}/good/")
    code = main(["fetch", "--dates", "2025-11-26", "--base-url", f"{server}/good/"])
    out, err = capsys.readouterr()
    assert code == 0  # a date missing upstream is reported, not fatal
    assert "missing" in out and "404" in out and missing_url in out
    assert "Traceback" not in out + err
    assert not (cache_dir() / control.snapshot_filename(MISSING_DAY)).exists()
    assert (cache_dir() / NAME).read_bytes() == other_good_bytes
    assert leftovers() == []


def test_missing_date_does_not_stop_the_others(server, good_bytes):
    results = fetch_snapshots([MISSING_DAY, DAY], base_url=f"{server}/good/")
    assert [r.status for r in results] == [FetchStatus.FAILED, FetchStatus.OK]
    assert results[0].missing and "HTTP 404" in results[0].reason
    assert results[1].ok and not results[1].missing


def test_timeout_is_reported_in_one_line(server, other_good_bytes, capsys):
    put_in_cache(other_good_bytes)
    code = main(
        [
            "fetch",
            "--dates",
            "2025-12-15",
            "--base-url",
            f"{server}/slow/",
            "--timeout",
            str(SHORT_TIMEOUT),
            "--force",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1
    (line,) = [line for line in out.splitlines() if line.startswith("2025-12-15")]
    assert "failed" in line and "timeout" in line and f"{server}/slow/{NAME}" in line
    assert "Traceback" not in out + err
    assert (cache_dir() / NAME).read_bytes() == other_good_bytes
    assert leftovers() == []


def test_truncated_download_keeps_the_good_cached_file(server, other_good_bytes):
    put_in_cache(other_good_bytes)
    result = fetch_snapshot(DAY, base_url=f"{server}/truncated/", force=True)
    assert result.status is FetchStatus.FAILED and not result.missing
    assert "truncated" in result.reason and "Content-Length" in result.reason
    assert (cache_dir() / NAME).read_bytes() == other_good_bytes
    assert leftovers() == []


def test_invalid_json_keeps_the_good_cached_file(server, other_good_bytes):
    put_in_cache(other_good_bytes)
    result = fetch_snapshot(DAY, base_url=f"{server}/invalid/", force=True)
    assert result.status is FetchStatus.FAILED
    assert "not valid JSON" in result.reason
    assert (cache_dir() / NAME).read_bytes() == other_good_bytes
    assert leftovers() == []


def test_json_that_is_not_a_feature_collection_is_rejected(server):
    result = fetch_snapshot(DAY, base_url=f"{server}/notfc/")
    assert result.status is FetchStatus.FAILED
    assert "FeatureCollection" in result.reason
    assert not (cache_dir() / NAME).exists()


def test_a_broken_cached_file_is_fetched_again(server, good_bytes):
    put_in_cache(b'{"type": "FeatureCollection", "features": [')
    result = fetch_snapshot(DAY, base_url=f"{server}/good/")
    assert result.status is FetchStatus.OK
    assert (cache_dir() / NAME).read_bytes() == good_bytes


def test_unreachable_server_gives_a_clear_message(capsys):
    # A port that was just free and is now closed: the connection is refused.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(["fetch", "--dates", "2025-12-15", "--base-url", f"http://127.0.0.1:{port}/"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"cannot reach http://127.0.0.1:{port}/{NAME}" in out
    assert "Traceback" not in out + err
    assert not (cache_dir() / NAME).exists()


def test_copy_from_a_local_folder(source_dir, good_bytes, capsys):
    code = main(
        [
            "fetch",
            "--from",
            "2025-11-25",
            "--to",
            "2025-11-27",
            "--source-dir",
            str(source_dir),
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert "2025-11-25  ok" in out and "2025-11-27  ok" in out
    assert "2025-11-26  missing" in out
    assert control.available_snapshot_dates() == [date(2025, 11, 25), date(2025, 11, 27)]

    results = fetch_snapshots([DAY, DAY.replace(day=14)], source_dir=source_dir)
    assert [r.status for r in results] == [FetchStatus.OK, FetchStatus.OK]
    assert (cache_dir() / NAME).read_bytes() == good_bytes
    again = fetch_snapshots([DAY], source_dir=source_dir)
    assert again[0].status is FetchStatus.CACHED
    assert leftovers() == [
        control.snapshot_filename(day)
        for day in (date(2025, 11, 25), date(2025, 11, 27), date(2025, 12, 14))
    ]


def test_date_range_and_argument_errors(capsys):
    assert date_range(date(2025, 11, 30), date(2025, 12, 2)) == [
        date(2025, 11, 30),
        date(2025, 12, 1),
        date(2025, 12, 2),
    ]
    with pytest.raises(ValueError):
        date_range(date(2025, 12, 2), date(2025, 12, 1))
    for argv in (
        ["fetch", "--from", "2025-12-01"],
        ["fetch", "--dates", "2025-13-01"],
        ["fetch", "--from", "2025-12-02", "--to", "2025-12-01"],
        ["fetch", "--dates", "2025-12-01", "--timeout", "0"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    capsys.readouterr()
