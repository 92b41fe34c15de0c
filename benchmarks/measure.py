"""One page view, measured: load time, round trips, bytes, figure sizes; and server memory."""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psutil

from benchmarks import probe
from benchmarks.scenarios import Scenario
from tests.harness.browser import (
    VIEWPORTS,
    PageRecorder,
    StreamlitServer,
    install_run_counter,
    page_url,
)

#: Waiting is generous (a loaded 2-core machine); nothing here asserts on speed.
TIMEOUT_MS = 120_000
MAP_TRACE_TYPES = frozenset({"choroplethmap", "scattermap", "densitymap"})


@dataclass(frozen=True)
class FigureSize:
    """A plotly chart as sent to the browser: its JSON spec's size and trace types."""

    index: int
    json_bytes: int
    trace_types: tuple[str, ...]

    @property
    def is_map(self) -> bool:
        """True when the figure draws on a map subplot."""
        return any(kind in MAP_TRACE_TYPES for kind in self.trace_types)


@dataclass
class View:
    """Measurements of one first page view in a fresh browser context."""

    load_ms: float | None = None
    #: The same page opened again in the same context: a returning reader, browser cache warm.
    returning_load_ms: float | None = None
    http_bytes: int = 0
    ws_bytes: int = 0
    figures: list[FigureSize] = field(default_factory=list)
    round_trips_ms: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class _Traffic:
    """Bytes on the wire (CDP) and plotly specs in the websocket's ForwardMsgs."""

    def __init__(self, context: Any, page: Any) -> None:
        self.http_bytes = 0
        self.ws_bytes = 0
        self.figures: list[FigureSize] = []
        #: Requests for ``data:`` URLs (a map's inline GeoJSON): read in the page, not sent.
        self._inline: set[str] = set()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.requestWillBeSent", self._on_request)
        session.on("Network.loadingFinished", self._on_loading_finished)
        session.on("Network.webSocketFrameReceived", self._on_ws_frame)
        page.on("websocket", lambda ws: ws.on("framereceived", self._on_forward_msg))

    def _on_request(self, event: dict[str, Any]) -> None:
        if str(event.get("request", {}).get("url", "")).startswith("data:"):
            self._inline.add(str(event.get("requestId")))

    def _on_loading_finished(self, event: dict[str, Any]) -> None:
        if str(event.get("requestId")) in self._inline:
            return
        self.http_bytes += int(event.get("encodedDataLength", 0))

    def _on_ws_frame(self, event: dict[str, Any]) -> None:
        response = event.get("response", {})
        data = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary frames arrive base64-encoded
            self.ws_bytes += len(base64.b64decode(data))
        else:
            self.ws_bytes += len(data.encode("utf-8"))

    def _on_forward_msg(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            message = ForwardMsg.FromString(payload)
        except Exception:
            return
        if message.WhichOneof("type") != "delta":
            return
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        if element.WhichOneof("type") != "plotly_chart":
            return
        spec = element.plotly_chart.spec
        try:
            traces = json.loads(spec).get("data", [])
            kinds = tuple(str(trace.get("type", "scatter")) for trace in traces)
        except (ValueError, AttributeError):
            kinds = ()
        self.figures.append(FigureSize(len(self.figures), len(spec.encode("utf-8")), kinds))


def measure_view(
    browser: Any,
    base_url: str,
    scenario: Scenario,
    device: str = "desktop",
    interact: bool = True,
) -> View:
    """Open the scenario's page in a new context, time it, run its interactions once each."""
    view = View()
    context = browser.new_context(viewport=VIEWPORTS[device], service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        install_run_counter(context)
        probe.install(context)
        recorder = PageRecorder().attach(context)
        page = context.new_page()
        traffic = _Traffic(context, page)
        page.goto(page_url(base_url, scenario.url_path, scenario.query), wait_until="commit")
        view.load_ms = probe.wait_ready(page, TIMEOUT_MS)
        view.http_bytes, view.ws_bytes = traffic.http_bytes, traffic.ws_bytes
        view.figures = list(traffic.figures)
        for interaction in scenario.interactions if interact else ():
            try:
                probe.arm(page)
                interaction.perform(page)
                ready = probe.wait_ready(page, TIMEOUT_MS)
                started = probe.last_input(page)
                if started is None:
                    raise RuntimeError("no click or key press was seen")
                if interaction.check is not None:
                    interaction.check(page)
                view.round_trips_ms[interaction.name] = ready - started
            except Exception as error:
                view.errors.append(f"{interaction.name}: {error}")
        try:
            again = context.new_page()
            again.goto(page_url(base_url, scenario.url_path, scenario.query), wait_until="commit")
            view.returning_load_ms = probe.wait_ready(again, TIMEOUT_MS)
        except Exception as error:
            view.errors.append(f"returning load: {error}")
        external = recorder.external_requests()
        if external:
            view.errors.append(f"requests outside 127.0.0.1: {external[:3]}")
        if recorder.page_errors:
            view.errors.append(f"page errors: {recorder.page_errors[:3]}")
    except Exception as error:
        view.errors.append(f"page load: {error}")
    finally:
        with contextlib.suppress(Exception):
            context.close()
    return view


def server_rss(server: StreamlitServer) -> int:
    """Resident memory of the server process and all its children, in bytes."""
    process = psutil.Process(server.pid)
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total


@dataclass
class Memory:
    """Server RSS before and while ``sessions`` browser sessions are open (on ``pages``)."""

    sessions: int
    before: int
    after: int
    errors: list[str] = field(default_factory=list)
    pages: tuple[str, ...] = ()


def measure_memory(
    browser: Any, server: StreamlitServer, scenarios: Sequence[Scenario], sessions: int
) -> Memory:
    """Open ``sessions`` contexts (kept open) on the server's pages in turn, then read its RSS."""
    before = server_rss(server)
    contexts = []
    errors: list[str] = []
    try:
        for number in range(sessions):
            scenario = scenarios[number % len(scenarios)]
            context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
            contexts.append(context)
            install_run_counter(context)
            probe.install(context)
            PageRecorder().attach(context)
            page = context.new_page()
            try:
                page.goto(
                    page_url(server.base_url, scenario.url_path, scenario.query),
                    wait_until="commit",
                )
                probe.wait_ready(page, TIMEOUT_MS)
            except Exception as error:
                errors.append(f"{scenario.name}: {error}")
        after = server_rss(server)
    finally:
        for context in contexts:
            with contextlib.suppress(Exception):
                context.close()
    return Memory(sessions, before, after, errors, tuple(s.name for s in scenarios))
