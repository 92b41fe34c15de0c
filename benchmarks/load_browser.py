"""Async twins of the harness's browser helpers (tests/harness/browser.py), for many sessions.

The harness drives one page with Playwright's sync API. The load test needs twenty pages in
one browser at once, so it uses the async API; the in-page JavaScript (run counter, "settled"
check, map point projection) is imported from the harness so both agree on what "the rerun
has finished and drawn" means.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

from tests.harness.browser import (
    APP_SETTLED_JS,
    MAP_POINT_JS,
    QUIET_MS,
    RUN_COUNTER_JS,
    is_local_url,
    page_url,
)

#: How often the in-page checks run (milliseconds). 50 ms keeps twenty pages' polling cheap.
POLL_MS = 50

#: More than ``n`` script runs have finished in this document.
_RUNS_AFTER_JS = "(n) => (window.__stRunsFinished || 0) > n"

#: Problems visible on the page: Streamlit exceptions and error boxes.
_PAGE_PROBLEMS_JS = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll('[data-testid="stException"]')) {
    problems.push('exception: ' + (el.innerText || '').slice(0, 200));
  }
  for (const el of document.querySelectorAll('[data-testid="stAlertContentError"]')) {
    problems.push('error box: ' + (el.innerText || '').slice(0, 200));
  }
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-connection-state');
  if (state && state !== 'CONNECTED') problems.push('connection state ' + state);
  return problems;
}
"""


#: Streamlit's client, opened on a deep link such as ``/map``, first asks for
#: ``/map/_stcore/health`` and ``/map/_stcore/host-config`` (404) before it falls back to the
#: root: counted apart as known probes, not as errors.
_KNOWN_PROBE = re.compile(
    r"^(?=.*\b404\b).*https?://[^/\s]+/[^/\s?#]+/_stcore/(health|host-config)\b"
)


def is_known_probe(text: str) -> bool:
    """True for a 404 of Streamlit's base-path probe on a deep link (see _KNOWN_PROBE)."""
    return bool(_KNOWN_PROBE.search(text))


class InteractionError(Exception):
    """An interaction failed; ``kind`` classifies it for the error table."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class SessionEvents:
    """What one browser session's page reported, drained after each interaction."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    disconnects: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    known_probes: list[str] = field(default_factory=list)
    navigating: bool = False

    def drain(self) -> list[tuple[str, str]]:
        """Every recorded problem as (kind, text), then forget them."""
        problems = [("console error", text) for text in self.console_errors]
        problems += [("page error", text) for text in self.page_errors]
        problems += [("HTTP error", text) for text in self.http_errors]
        problems += [("request failed", text) for text in self.failed_requests]
        problems += [("websocket disconnect", text) for text in self.disconnects]
        problems += [("external request", text) for text in self.external]
        for items in (
            self.console_errors,
            self.page_errors,
            self.http_errors,
            self.failed_requests,
            self.disconnects,
            self.external,
        ):
            items.clear()
        return problems


async def attach_recorder(context: Any, page: Any, events: SessionEvents) -> None:
    """Record console errors, page errors, HTTP errors and websocket closes of ``page``.

    Requests outside loopback are recorded and aborted: the load test never leaves 127.0.0.1.
    A websocket closing while the session navigates (``events.navigating``) is expected.
    """

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            text = f"{message.text[:300]} ({where})" if where else message.text[:300]
            if is_known_probe(text):
                events.known_probes.append(text)
            else:
                events.console_errors.append(text)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            text = f"{response.status} {response.url}"
            if not is_known_probe(text):
                events.http_errors.append(text)

    def on_request_failed(request: Any) -> None:
        failure = request.failure or ""
        if events.navigating and "ERR_ABORTED" in failure:
            return
        events.failed_requests.append(f"{failure} {request.url}")

    def on_websocket(websocket: Any) -> None:
        def on_close(_: Any) -> None:
            if not events.navigating:
                events.disconnects.append(f"closed {websocket.url}")

        websocket.on("close", on_close)
        websocket.on("socketerror", lambda error: events.disconnects.append(f"error {error}"))

    async def block(route: Any) -> None:
        events.external.append(route.request.url)
        await route.abort("blockedbyclient")

    page.on("console", on_console)
    page.on("pageerror", lambda error: events.page_errors.append(str(error)[:300]))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("websocket", on_websocket)
    await context.route(lambda url: not is_local_url(url), block)
    await context.add_init_script(RUN_COUNTER_JS)


@dataclass
class FrameLog:
    """Websocket frames of one page with Chromium's network-process timestamps.

    Chromium stamps them with its monotonic clock (``CLOCK_MONOTONIC`` on Linux, the clock of
    Python's ``time.monotonic()``), taken in the network process: they do not wait for the
    page's busy main thread, so they show when the server answered, apart from drawing.
    """

    sent: list[float] = field(default_factory=list)
    received: list[float] = field(default_factory=list)

    def server_seconds(self, since: float, until: float) -> float | None:
        """From the first frame sent after ``since`` to the last received before ``until``.

        That is the time the server took to run the script and send its output (plus the
        loopback). None when no frame was sent or none came back in the window.
        """
        sent = [stamp for stamp in self.sent if since <= stamp <= until]
        if not sent:
            return None
        received = [stamp for stamp in self.received if sent[0] <= stamp <= until]
        return received[-1] - sent[0] if received else None

    def forget_before(self, stamp: float) -> None:
        """Drop frames older than ``stamp`` (keeps the lists short)."""
        self.sent = [s for s in self.sent if s >= stamp]
        self.received = [r for r in self.received if r >= stamp]


async def attach_frames(context: Any, page: Any) -> FrameLog:
    """Record the timestamps of the page's websocket frames through a CDP session."""
    frames = FrameLog()
    cdp = await context.new_cdp_session(page)
    cdp.on("Network.webSocketFrameSent", lambda params: frames.sent.append(params["timestamp"]))
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda params: frames.received.append(params["timestamp"]),
    )
    await cdp.send("Network.enable", {"maxTotalBufferSize": 0, "maxResourceBufferSize": 0})
    return frames


async def runs_finished(page: Any) -> int:
    """How many script runs this document has seen finish."""
    return int(await page.evaluate("() => window.__stRunsFinished || 0"))


async def wait_for_run_after(page: Any, since: int, timeout_ms: float) -> None:
    """Wait until a script run after ``since`` has finished and the page has settled.

    "Settled" is the harness's check (``APP_SETTLED_JS`` with ``QUIET_MS``), called the way
    its ``wait_until_settled`` calls it.
    """
    try:
        await page.wait_for_function(_RUNS_AFTER_JS, arg=since, timeout=timeout_ms, polling=POLL_MS)
    except Exception as error:
        raise InteractionError(
            "timeout", f"no script run finished within {timeout_ms / 1000:.0f} s: {error}"
        ) from None
    try:
        await page.wait_for_function(
            APP_SETTLED_JS, arg=QUIET_MS, timeout=timeout_ms, polling=POLL_MS
        )
    except Exception as error:
        raise InteractionError(
            "timeout", f"the page did not settle within {timeout_ms / 1000:.0f} s: {error}"
        ) from None


async def page_clock(page: Any) -> float:
    """The page's ``performance.now()`` in milliseconds (0 = the document's navigation)."""
    return float(await page.evaluate("() => performance.now()"))


async def last_change(page: Any) -> float | None:
    """When the page's DOM last changed (page clock, ms), from the harness's run counter."""
    value = await page.evaluate("() => window.__stLastMutationAt ?? null")
    return None if value is None else float(value)


async def open_page(
    page: Any,
    events: SessionEvents,
    base_url: str,
    url_path: str = "",
    query: dict[str, str] | None = None,
    timeout_ms: float = 90_000,
) -> None:
    """Navigate (a new document) and wait until its first script run finished and drew."""
    events.navigating = True
    try:
        response = await page.goto(
            page_url(base_url, url_path, query), wait_until="commit", timeout=timeout_ms
        )
    except Exception as error:
        raise InteractionError("navigation failed", str(error)[:300]) from None
    finally:
        events.navigating = False
    if response is not None and response.status >= 400:
        raise InteractionError("HTTP error", f"{response.status} {response.url}")
    await wait_for_run_after(page, 0, timeout_ms)


async def page_problems(page: Any) -> list[str]:
    """Exceptions, error boxes and a lost connection visible on the page now."""
    return list(await page.evaluate(_PAGE_PROBLEMS_JS))


async def map_point(page: Any, lon: float, lat: float, chart_index: int = 0) -> tuple[float, float]:
    """Viewport position of (lon, lat) on a plotly map (see the harness's map_point_position).

    Measured twice, each time once the map has loaded: the first scrolls it into view, and the
    map may be moving again in between (a zoom after the last click), so the second waits too.
    """
    deadline = time.monotonic() + 60

    async def measure() -> dict[str, Any]:
        while True:
            result = await page.evaluate(MAP_POINT_JS, [chart_index, lon, lat])
            if "error" in result:
                raise InteractionError("map not found", result["error"])
            if not result.get("loading"):
                return result
            if time.monotonic() > deadline:
                raise InteractionError("timeout", "the map never finished loading")
            await asyncio.sleep(0.1)

    await measure()
    await asyncio.sleep(0.05)
    result = await measure()
    if not (0 <= result["px"] <= result["width"] and 0 <= result["py"] <= result["height"]):
        raise InteractionError("map point outside", f"({lon}, {lat}) is outside the map")
    return result["x"], result["y"]
