"""Compression: page load served by Streamlit directly vs through nginx (deploy/nginx.conf).

Two Streamlit replicas run behind nginx, started from the sample configuration with local
ports (:mod:`benchmarks.load_nginx`), once with ``gzip on`` and once with ``gzip off``; the
direct case talks to one replica. Every load is a cold one (a fresh browser context, so
nothing is cached), the variants take turns within each repetition, and each is measured on
the loopback as it is and with Chromium's network emulation of a slower link.

Measured per load: seconds from navigation to "settled" (the harness's definition: connected,
first script run finished, every chart drawn) and the HTTP bytes on the wire (Chrome's
``encodedDataLength``, headers included) against the bytes after decoding. The websocket's
frames are not in either figure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.load_browser import (
    SessionEvents,
    attach_recorder,
    last_change,
    open_page,
    page_problems,
)
from benchmarks.load_nginx import NginxProxy, nginx_binary, parse_access_log, stickiness
from benchmarks.load_stats import kib, markdown_table, seconds
from tests.harness.browser import (
    APP_SCRIPT,
    CHROMIUM_ARGS,
    StreamlitServer,
    chromium_path,
    free_port,
)

#: Network profiles: None is the bare loopback; the others are Chromium's emulation.
PROFILES: dict[str, dict[str, float] | None] = {
    "loopback": None,
    "20 Mbit/s, 40 ms": {
        "latency": 40,
        "downloadThroughput": 20e6 / 8,
        "uploadThroughput": 5e6 / 8,
    },
}


@dataclass
class LoadResult:
    """One cold page load."""

    variant: str
    profile: str
    page: str
    seconds: float
    wire_bytes: int
    decoded_bytes: int
    requests: int
    websocket_bytes: int = 0
    websocket_wire_bytes: int | None = None
    problems: list[str] = field(default_factory=list)
    websocket_extensions: str = ""


def frame_bytes(response: dict[str, Any]) -> int:
    """Payload size of a websocket frame as CDP reports it (binary frames come as base64)."""
    data = response.get("payloadData", "")
    if response.get("opcode") == 2:
        return len(data) * 3 // 4 - data[-2:].count("=")
    return len(data.encode("utf-8"))


@dataclass
class Measured:
    """What one load measured (see :class:`LoadResult`)."""

    seconds: float
    wire_bytes: int
    decoded_bytes: int
    requests: int
    websocket_bytes: int
    problems: list[str]
    websocket_extensions: str


async def measure_load(
    browser: Any, base_url: str, url_path: str, profile: dict[str, float] | None
) -> Measured:
    """Load one page cold and measure it."""
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    try:
        page = await context.new_page()
        events = SessionEvents()
        await attach_recorder(context, page, events)
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if profile:
            await cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
        wire: dict[str, float] = {}
        decoded: dict[str, int] = {}
        handshake: list[str] = []
        frames: list[int] = []

        def on_finished(params: dict[str, Any]) -> None:
            wire[params["requestId"]] = params.get("encodedDataLength", 0)

        def on_data(params: dict[str, Any]) -> None:
            key = params["requestId"]
            decoded[key] = decoded.get(key, 0) + params.get("dataLength", 0)

        def on_handshake(params: dict[str, Any]) -> None:
            headers = {k.lower(): v for k, v in params["response"].get("headers", {}).items()}
            handshake.append(headers.get("sec-websocket-extensions", "none"))

        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.webSocketHandshakeResponseReceived", on_handshake)
        cdp.on(
            "Network.webSocketFrameReceived",
            lambda params: frames.append(frame_bytes(params["response"])),
        )
        started = time.perf_counter()
        await open_page(page, events, base_url, url_path, timeout_ms=120_000)
        elapsed = time.perf_counter() - started
        # The page's clock (0 = navigation start) at its last change, without the settle
        # check's quiet period and polling.
        changed = await last_change(page)
        if changed is not None and 0 < changed / 1000 <= elapsed:
            elapsed = changed / 1000
        await asyncio.sleep(0.3)  # let the last loadingFinished events arrive
        problems = list(await page_problems(page))
        problems += [f"{kind}: {text}" for kind, text in events.drain()]
        return Measured(
            seconds=elapsed,
            wire_bytes=int(sum(wire.values())),
            decoded_bytes=int(sum(decoded.values())),
            requests=len(wire),
            websocket_bytes=sum(frames),
            problems=problems,
            websocket_extensions=handshake[0] if handshake else "",
        )
    finally:
        await context.close()


@dataclass
class CompressionReport:
    """Everything the compression part measured."""

    results: list[LoadResult]
    repeats: int
    pages: list[str]
    sticky: tuple[int, int, dict[str, int]]
    gzip_lines: int
    nginx_version: str
    config_test: str


WS_COMPRESSED = "nginx, gzip on, websocket compressed"


async def run_compression(
    repeats: int, pages: list[str], script: Path = APP_SCRIPT, log: Any = print
) -> CompressionReport:
    """Measure cold loads per network profile and page, four ways of serving.

    Streamlit directly; nginx with gzip off; with gzip on; with gzip on in front of a
    Streamlit that compresses its websocket.
    """
    from playwright.async_api import async_playwright

    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed: `apt-get install nginx`")
    chromium = chromium_path()
    if chromium is None:
        raise FileNotFoundError("Chromium is not installed: `make chromium`")
    replicas = [StreamlitServer(script=script), StreamlitServer(script=script)]
    compressing = StreamlitServer(
        script=script,
        env={**os.environ, "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true"},
    )
    proxies: dict[str, NginxProxy] = {}
    try:
        for server in (*replicas, compressing):
            server.start()
        ports = [server.port for server in replicas]
        proxies = {
            "nginx, gzip off": NginxProxy(free_port(), ports, gzip=False),
            "nginx, gzip on": NginxProxy(free_port(), ports, gzip=True),
            WS_COMPRESSED: NginxProxy(free_port(), [compressing.port], gzip=True),
        }
        config_test = proxies["nginx, gzip on"].test()
        for proxy in proxies.values():
            proxy.start()
        variants = {"Streamlit directly": replicas[0].base_url}
        variants.update({name: proxy.base_url for name, proxy in proxies.items()})
        #: Per proxy, the loads in order (their websockets close, and are logged, in order).
        order: dict[str, list[LoadResult | None]] = {name: [] for name in proxies}
        results: list[LoadResult] = []
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium, args=list(CHROMIUM_ARGS), headless=True
            )
            # Warm every server once (script compiled, caches filled) before measuring.
            for variant, base_url in variants.items():
                for url_path in pages:
                    await measure_load(browser, base_url, url_path, None)
                    if variant in order:
                        order[variant].append(None)
            for profile_name, profile in PROFILES.items():
                for repeat in range(repeats):
                    for url_path in pages:
                        for variant, base_url in variants.items():
                            m = await measure_load(browser, base_url, url_path, profile)
                            result = LoadResult(
                                variant=variant,
                                profile=profile_name,
                                page=url_path or "overview",
                                seconds=m.seconds,
                                wire_bytes=m.wire_bytes,
                                decoded_bytes=m.decoded_bytes,
                                requests=m.requests,
                                websocket_bytes=m.websocket_bytes,
                                problems=m.problems,
                                websocket_extensions=m.websocket_extensions,
                            )
                            results.append(result)
                            if variant in order:
                                order[variant].append(result)
                            log(
                                f"  {profile_name:>16} #{repeat + 1} {url_path or 'overview':>9} "
                                f"{variant:<36} {m.seconds:6.2f} s "
                                f"{m.wire_bytes / 2**10:8.0f} KiB"
                                + (f"  PROBLEMS: {m.problems}" if m.problems else "")
                            )
            await browser.close()
        await asyncio.sleep(1.0)  # nginx logs a websocket when it has closed
        lines = []
        for name, proxy in proxies.items():
            logged = parse_access_log(proxy.access_log.read_text(encoding="utf-8"))
            lines += logged
            streams = [line for line in logged if line.uri.startswith("/_stcore/stream")]
            if len(streams) == len(order[name]):
                for line, result in zip(streams, order[name], strict=True):
                    if result is not None:
                        result.websocket_wire_bytes = line.body_bytes
        gzip_lines = sum(line.gzip_ratio not in {"-", ""} for line in lines)
        version = subprocess_version(binary)
        return CompressionReport(
            results=results,
            repeats=repeats,
            pages=[p or "overview" for p in pages],
            sticky=stickiness(
                [
                    line
                    for name in ("nginx, gzip off", "nginx, gzip on")
                    for line in parse_access_log(
                        proxies[name].access_log.read_text(encoding="utf-8")
                    )
                ]
            ),
            gzip_lines=gzip_lines,
            nginx_version=version,
            config_test=config_test,
        )
    finally:
        for proxy in proxies.values():
            proxy.stop()
            proxy.cleanup()
        for server in (*replicas, compressing):
            server.stop()


def subprocess_version(binary: str) -> str:
    """``nginx -v`` output (nginx prints it on stderr)."""
    import subprocess

    result = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    text = (result.stderr or result.stdout).strip().removeprefix("nginx version: ")
    return text.replace("nginx/", "")


def compression_markdown(report: CompressionReport) -> str:
    """The Compression section's tables and notes."""
    groups: dict[tuple[str, str, str], list[LoadResult]] = {}
    for result in report.results:
        groups.setdefault((result.profile, result.page, result.variant), []).append(result)
    rows = []
    for (profile, page, variant), items in groups.items():
        times = [item.seconds for item in items]
        wire = [i.websocket_wire_bytes for i in items if i.websocket_wire_bytes is not None]
        rows.append(
            (
                profile,
                page,
                variant,
                seconds(statistics.median(times)),
                f"{min(times):.2f}–{max(times):.2f}",
                kib(statistics.median(item.wire_bytes for item in items)),
                kib(statistics.median(item.decoded_bytes for item in items)),
                kib(statistics.median(item.websocket_bytes for item in items)),
                kib(statistics.median(wire)) if wire else "–",
                statistics.median(item.requests for item in items),
                sum(len(item.problems) for item in items),
            )
        )
    table = markdown_table(
        (
            "network",
            "page",
            "served by",
            "median time to settled",
            "range",
            "median bytes on the wire",
            "bytes decoded",
            "websocket payload",
            "websocket on the wire",
            "requests",
            "problems",
        ),
        rows,
    )
    keys, split, per_replica = report.sticky
    extensions = sorted({r.websocket_extensions for r in report.results if r.websocket_extensions})
    problems = [p for r in report.results for p in r.problems]
    notes = [
        f"- {report.repeats} cold loads per cell (fresh browser context, cache disabled); the "
        "four ways of serving take turns within each repetition, after one warm-up load each.",
        "- *Time to settled*: from navigation until the page last changed before it settled "
        "(connected, first script run finished, every chart and map drawn, then 150 ms "
        "without a change), on the page's own clock.",
        "- *Bytes on the wire*: HTTP responses as transferred (Chrome's encodedDataLength, "
        "headers included); *decoded*: after decompression. *Websocket payload*: the frames "
        "the browser received (the script's output: text, tables, figures); *on "
        "the wire*: what nginx sent on the websocket (its access log), compressed only in the "
        "last variant, whose Streamlit runs with `server.enableWebsocketCompression = true` "
        "(one replica).",
        "- *20 Mbit/s, 40 ms*: Chromium's network emulation (download 20 Mbit/s, upload "
        "5 Mbit/s, 40 ms added latency) on the same loopback.",
        f"- nginx {report.nginx_version} ran `deploy/nginx.conf` with local ports and a "
        "private prefix (benchmarks/load_nginx.py; `nginx -t`: "
        + ("test is successful" if "successful" in report.config_test else "not run")
        + "), two Streamlit replicas behind it; “gzip off” is the same file with "
        "`gzip off;`; the sticky-session check below covers these two.",
        f"- Sticky sessions: {keys} routing keys (one per browser context) reached the "
        f"replicas; {split} of them reached more than one replica; keys per replica: "
        + ", ".join(f"{replica}: {count}" for replica, count in per_replica.items())
        + ".",
        f"- Responses nginx compressed: {report.gzip_lines}. Websocket extension negotiated: "
        + (", ".join(f"`{ext}`" for ext in extensions) or "none")
        + ".",
        f"- Problems (exceptions, error boxes, console errors other than the deep link's "
        f"base-path probes, HTTP errors): {len(problems)}"
        + (": " + "; ".join(sorted(set(problems))[:10]) if problems else "."),
    ]
    return table + "\n\n" + "\n".join(notes)
