"""Helpers for driving the dashboard in real Chromium (shared by the e2e tests and benchmarks).

Nothing here asserts on speed. Every wait has a generous timeout because CI machines are small
and loaded; a wait that runs out raises with a message that says what was being waited for.

How "finished" is detected
--------------------------
Streamlit 1.67 sets two attributes on ``[data-testid="stApp"]``:

``data-test-connection-state``  ``INITIAL`` → ``CONNECTED`` once the websocket is up.
``data-test-script-state``      ``initial`` before the first run, then ``running`` /
                                ``notRunning`` (also ``rerunRequested``, ``stopRequested``,
                                ``compilationError``).

The attribute alone misses fast reruns (React may batch ``running`` and ``notRunning`` into
one render), so an init script (:data:`RUN_COUNTER_JS`) also wraps ``WebSocket`` and counts the
server's ``ForwardMsg.script_finished`` messages (protobuf field 6, read from the raw frame; a
run that ends early because another run follows is not counted) in
``window.__stRunsFinished``, and a ``MutationObserver`` keeps the time of the last DOM change in
``window.__stLastMutationAt``.

*Loaded / settled* (:func:`wait_until_settled`): connected, script state ``notRunning``, at
least one run finished, no element marked stale (``data-stale="true"``), no lazily loaded
element still showing its placeholder (``stSkeleton``), every plotly chart drawn
(``.js-plotly-plot`` has ``_fullLayout``; for map subplots the map library reports
``loaded()``), and no DOM change for :data:`QUIET_MS` (React has committed the run's output).

*Rerun finished* (:func:`wait_for_rerun`, :func:`expect_rerun`): the counter has moved past its
value from before the interaction, then settled as above.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "dashboard" / "app.py"
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"

#: Debian's Chromium; ``DASHBOARD_CHROMIUM`` overrides it (same variable as
#: ``scripts/ensure_chromium.sh``).
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
#: Viewports: the desktop one is the default for tests; the phone one is an iPhone 12-14 size.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
#: The only hosts a page may talk to.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
#: URL schemes that never touch the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-error", "chrome", "devtools"})

#: Generous waits (milliseconds) for a loaded 2-core CI machine.
LOAD_TIMEOUT_MS = 90_000
RERUN_TIMEOUT_MS = 60_000
SERVER_START_TIMEOUT_S = 120.0

#: Counts finished script runs; installed into every page before any of its scripts run.
RUN_COUNTER_JS = """
(() => {
  if (window.__stRunCounterInstalled) return;
  window.__stRunCounterInstalled = true;
  window.__stRunsFinished = 0;
  window.__stLastMutationAt = performance.now();

  // Read the top-level fields of a ForwardMsg; return its script_finished status or -1.
  const scriptFinishedStatus = (bytes) => {
    let i = 0;
    const varint = () => {
      let result = 0, shift = 0, byte;
      do {
        if (i >= bytes.length) throw new Error('truncated');
        byte = bytes[i++];
        result += (byte & 0x7f) * Math.pow(2, shift);
        shift += 7;
      } while (byte & 0x80);
      return result;
    };
    try {
      while (i < bytes.length) {
        const key = varint(), field = Math.floor(key / 8), wire = key & 7;
        if (wire === 0) {
          const value = varint();
          if (field === SCRIPT_FINISHED_FIELD) return value;
        } else if (wire === 2) {
          const length = varint();  // not `i += varint()`: that reads i first
          i += length;
        }
        else if (wire === 1) { i += 8; }
        else if (wire === 5) { i += 4; }
        else return -1;
      }
    } catch (e) { return -1; }
    return -1;
  };
  const onMessage = (data) => {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
        : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null;
    if (!bytes) return;
    const status = scriptFinishedStatus(bytes);
    // FINISHED_EARLY_FOR_RERUN: another run follows; wait for that one.
    if (status >= 0 && status !== FINISHED_EARLY_FOR_RERUN) window.__stRunsFinished += 1;
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof Blob) event.data.arrayBuffer().then(onMessage);
        else onMessage(event.data);
      });
    }
  };

  const watch = () => new MutationObserver(() => {
    window.__stLastMutationAt = performance.now();
  }).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  if (document.documentElement) watch();
  else document.addEventListener('readystatechange', watch, { once: true });
})();
""".replace("SCRIPT_FINISHED_FIELD", "6").replace("FINISHED_EARLY_FOR_RERUN", "2")

#: True when more script runs than ``baseline`` have finished, the app is idle and connected,
#: nothing is stale or loading and every plotly map has loaded and painted (argument:
#: baseline). Shared with the benchmarks' probe, which adds its own timing around it.
APP_READY_JS = """
(baseline) => {
  if (!((window.__stRunsFinished || 0) > baseline)) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const gd = chart.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout) return false;
    for (const key of Object.keys(gd._fullLayout)) {
      if (!/^map[0-9]*$/.test(key)) continue;
      const sub = gd._fullLayout[key] && gd._fullLayout[key]._subplot;
      if (!sub || !sub.map || !sub.map.loaded()) return false;
      // a map that has not painted yet (dashboard.figures.map_script.HOLD_PAINT_JS)
      if (sub.map.__paintHeld) return false;
    }
  }
  return true;
}
"""

#: True when the app is idle and everything it drew is ready to be used (argument: quiet ms).
APP_SETTLED_JS = f"""
(quietMs) => ({APP_READY_JS.strip()})(0)
    && performance.now() - window.__stLastMutationAt >= quietMs
"""
#: How long the DOM must stay unchanged (ms) before a run's output counts as drawn.
QUIET_MS = 150


# --------------------------------------------------------------------------- server


def chromium_path() -> str | None:
    """The Chromium executable to use, or None when there is none."""
    candidate = os.environ.get("DASHBOARD_CHROMIUM", DEFAULT_CHROMIUM)
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which(candidate)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerStartError(RuntimeError):
    """The Streamlit server did not come up; the message carries its stderr tail."""


@dataclass
class StreamlitServer:
    """A ``streamlit run`` process on 127.0.0.1, configured like production.

    The working directory is the repository root so ``.streamlit/config.toml`` applies, and the
    environment is inherited. Use as a context manager or call :meth:`start` / :meth:`stop`.
    """

    script: Path = APP_SCRIPT
    port: int = 0
    extra_args: Sequence[str] = ()
    env: Mapping[str, str] | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _log_dir: Path | None = field(default=None, init=False)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """Process id of the server."""
        assert self.process is not None, "server not started"
        return self.process.pid

    def command(self) -> list[str]:
        """The command line, as production runs it plus a port and the loopback address."""
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *self.extra_args,
        ]

    def start(self, timeout: float = SERVER_START_TIMEOUT_S) -> StreamlitServer:
        """Start the server and wait until ``/_stcore/health`` answers ``ok``."""
        if not self.port:
            self.port = free_port()
        self._log_dir = Path(tempfile.mkdtemp(prefix="streamlit-server-"))
        env = dict(os.environ if self.env is None else self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        with (
            open(self._log_dir / "stdout.log", "wb") as stdout,
            open(self._log_dir / "stderr.log", "wb") as stderr,
        ):
            self.process = subprocess.Popen(
                self.command(),
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.base_url}/_stcore/health"
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            assert self.process is not None
            code = self.process.poll()
            if code is not None:
                raise ServerStartError(
                    f"streamlit exited with code {code} before {url} answered.\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode("utf-8", "replace").strip()
                if response.status == 200 and body == "ok":
                    return
                last_error = f"HTTP {response.status}: {body[:80]!r}"
            except (urllib.error.URLError, OSError) as error:
                last_error = str(error)
            time.sleep(0.25)
        raise ServerStartError(
            f"streamlit did not answer ok at {url} within {timeout:.0f} s "
            f"(last: {last_error}).\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's stderr and stdout, for error messages."""
        if self._log_dir is None:
            return "(server not started)"
        parts = []
        for name in ("stderr.log", "stdout.log"):
            path = self._log_dir / name
            text = path.read_text("utf-8", "replace") if path.exists() else ""
            tail = "\n".join(text.splitlines()[-lines:]) or "(empty)"
            parts.append(f"--- server {name} (tail) ---\n{tail}")
        return "\n".join(parts)

    def stop(self, grace: float = 10.0) -> None:
        """Terminate the server (and its process group); kill it if it does not stop."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            process.wait(timeout=grace)

    def __enter__(self) -> StreamlitServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------- recording


def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine's loopback (or never touch the network)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = parts.hostname
    if host is None:
        return False
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class PageRecorder:
    """What a page did: every request URL, console errors and uncaught page errors."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> PageRecorder:
        """Record everything the pages of a Playwright ``BrowserContext`` do.

        Requests to any host other than loopback are recorded and then aborted, so the
        network stays closed even when a page tries to leave it.
        """
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)
        context.route(lambda url: not is_local_url(url), self._block)
        return self

    def _watch_page(self, page: Any) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _block(self, route: Any) -> None:
        url = route.request.url
        self.blocked.append(url)
        if url not in self.requests:
            self.requests.append(url)
        route.abort("blockedbyclient")

    def external_requests(self) -> list[str]:
        """Requests (and websockets) that went to a host other than loopback."""
        urls = [*self.requests, *self.blocked, *self.websockets]
        return list(dict.fromkeys(url for url in urls if not is_local_url(url)))

    def clear(self) -> None:
        """Forget everything recorded so far."""
        for items in (
            self.requests,
            self.blocked,
            self.websockets,
            self.console_errors,
            self.page_errors,
        ):
            items.clear()


def assert_no_external_requests(recorder: PageRecorder) -> None:
    """Fail naming every host other than loopback the page tried to reach."""
    external = recorder.external_requests()
    if external:
        hosts = sorted({urlsplit(url).hostname or url for url in external})
        listing = "\n  ".join(external[:20])
        raise AssertionError(
            f"the page requested {len(external)} URL(s) outside 127.0.0.1, "
            f"hosts: {', '.join(hosts)}\n  {listing}"
        )


_DOM_URLS_JS = """
() => {
  const urls = [];
  const take = (selector, attribute) => document.querySelectorAll(selector).forEach(
    (element) => { const value = element[attribute]; if (value) urls.push(value); });
  take('link[href]', 'href');
  take('script[src]', 'src');
  take('img[src]', 'src');
  take('iframe[src]', 'src');
  take('source[src]', 'src');
  take('video[src], audio[src]', 'src');
  return urls;
}
"""


def assert_dom_urls_local(page: Any) -> None:
    """Fail naming every resource URL in the DOM (icons, scripts, images, frames) off 127.0.0.1.

    Catches what a request recorder can miss because it has not happened yet, e.g. a favicon
    Chromium fetches lazily after the page settled.
    """
    external = [url for url in page.evaluate(_DOM_URLS_JS) if not is_local_url(url)]
    if external:
        hosts = sorted({urlsplit(url).hostname or url for url in external})
        raise AssertionError(
            f"the page's DOM points at {len(external)} resource(s) outside 127.0.0.1, "
            f"hosts: {', '.join(hosts)}\n  " + "\n  ".join(dict.fromkeys(external))
        )


def assert_no_console_errors(
    recorder: PageRecorder, allow: Sequence[re.Pattern[str] | str] = ()
) -> None:
    """Fail listing every console error and uncaught exception the page logged.

    Console errors matching a pattern in ``allow`` are ignored; page errors (uncaught
    exceptions) never are. Nothing is tolerated by default: not even the 404 of Streamlit's
    guess at a page's path (``/map/_stcore/health``), which the app's pages no longer make
    (:mod:`dashboard.ui.backend_base_url`).
    """
    patterns = [re.compile(p) if isinstance(p, str) else p for p in allow]
    problems = [
        f"console: {text}"
        for text in recorder.console_errors
        if not any(pattern.search(text) for pattern in patterns)
    ]
    problems += [f"pageerror: {text}" for text in recorder.page_errors]
    if problems:
        raise AssertionError("the browser logged errors:\n  " + "\n  ".join(problems))


def assert_page_clean(recorder: PageRecorder, allow: Sequence[re.Pattern[str] | str] = ()) -> None:
    """Both checks above: no external request, no console error, no page error."""
    assert_no_external_requests(recorder)
    assert_no_console_errors(recorder, allow)


# --------------------------------------------------------------------------- navigation


def served_path(spec: Any) -> str:
    """Where a ``PageSpec`` is served: ``""`` (the root) for the default page, else its url_path.

    Streamlit 1.67 serves the default page of ``st.navigation`` at ``/`` only; opening
    ``/<its url_path>`` logs "The page that you have requested does not seem to exist".
    """
    return "" if getattr(spec, "default", False) else spec.url_path


def page_url(base_url: str, url_path: str = "", query: Mapping[str, Any] | None = None) -> str:
    """The URL of a page (``url_path`` as in ``PAGES``) with an optional query string."""
    url = f"{base_url.rstrip('/')}/{url_path.strip('/')}"
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url


def install_run_counter(page_or_context: Any) -> None:
    """Count finished script runs in every document the page (or context) opens."""
    page_or_context.add_init_script(RUN_COUNTER_JS)


def runs_finished(page: Any) -> int:
    """How many script runs this document has seen finish."""
    return int(page.evaluate("() => window.__stRunsFinished || 0"))


def wait_until_settled(page: Any, timeout_ms: float = LOAD_TIMEOUT_MS) -> None:
    """Wait until the app is connected, idle, nothing is stale and every chart has drawn."""
    try:
        page.wait_for_function(APP_SETTLED_JS, arg=QUIET_MS, timeout=timeout_ms, polling=25)
    except Exception as error:
        raise TimeoutError(
            f"the app did not settle within {timeout_ms / 1000:.0f} s: {describe_app(page)}"
        ) from error


def describe_app(page: Any) -> str:
    """A one-line state summary for error messages."""
    try:
        state = page.evaluate(
            """() => {
              const app = document.querySelector('[data-testid="stApp"]');
              return {
                url: location.href,
                connection: app && app.getAttribute('data-test-connection-state'),
                script: app && app.getAttribute('data-test-script-state'),
                runs: window.__stRunsFinished,
                stale: document.querySelectorAll('[data-stale="true"]').length,
                skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
                charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
                ms_since_dom_change: Math.round(
                    performance.now() - (window.__stLastMutationAt || 0)),
              };
            }"""
        )
    except Exception as error:  # the page may be gone
        return f"(state unavailable: {error})"
    return ", ".join(f"{key}={value}" for key, value in state.items())


def open_page(
    page: Any,
    base_url: str,
    url_path: str = "",
    query: Mapping[str, Any] | None = None,
    timeout_ms: float = LOAD_TIMEOUT_MS,
) -> Any:
    """Navigate to a dashboard page and wait until its script has run and it has drawn.

    Returns the navigation response. The page must come from a context where
    :func:`install_run_counter` was applied (the ``page`` fixture does that); otherwise it is
    installed here, before navigating.
    """
    if not page.evaluate("() => !!window.__stRunCounterInstalled"):
        install_run_counter(page)
    response = page.goto(page_url(base_url, url_path, query), wait_until="commit")
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    wait_until_settled(page, timeout_ms)
    return response


@contextlib.contextmanager
def expect_rerun(page: Any, timeout_ms: float = RERUN_TIMEOUT_MS) -> Iterator[None]:
    """Wrap an interaction; on exit wait until the rerun it caused has finished and drawn.

    >>> with expect_rerun(page):
    ...     page.get_by_role("option", name="Kherson").click()
    """
    before = runs_finished(page)
    yield
    wait_for_rerun(page, since=before, timeout_ms=timeout_ms)


def wait_for_rerun(
    page: Any, since: int | None = None, timeout_ms: float = RERUN_TIMEOUT_MS
) -> None:
    """Wait until a script run finishes after ``since`` (a :func:`runs_finished` value).

    Without ``since``, waits for the app to be settled (use :func:`expect_rerun` to be sure
    the run you caused is the one that finished).
    """
    if since is not None:
        try:
            page.wait_for_function(
                "(n) => (window.__stRunsFinished || 0) > n",
                arg=since,
                timeout=timeout_ms,
                polling=20,
            )
        except Exception as error:
            raise TimeoutError(
                f"no script run finished within {timeout_ms / 1000:.0f} s after the "
                f"interaction: {describe_app(page)}"
            ) from error
    wait_until_settled(page, timeout_ms)


# --------------------------------------------------------------------------- maps

#: Position of the first plotly chart with a map subplot among the page's plotly charts, or -1
#: (the map page also has a line chart; shared with the benchmark and load scripts).
MAP_INDEX_JS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
       .findIndex(gd => gd._fullLayout && gd._fullLayout.map)
"""


def map_chart_index(page: Any) -> int:
    """Position of the page's plotly map among its plotly charts (raises when there is none)."""
    index = int(page.evaluate(MAP_INDEX_JS))
    if index < 0:
        raise LookupError("the page has no plotly map")
    return index


#: Where a lon/lat lies on a map chart, in viewport pixels (shared with the load scripts).
MAP_POINT_JS = """
([index, lon, lat]) => {
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const gd = charts[index];
  if (!gd) return {error: `no plotly chart #${index} (found ${charts.length})`};
  const sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  if (!sub || !sub.map) return {error: `plotly chart #${index} has no map subplot`};
  const map = sub.map;
  if (!map.loaded()) return {loading: true};
  // project() is relative to the map's container (the canvas container has height 0).
  const container = map.getContainer();
  container.scrollIntoView({block: 'center', inline: 'center'});
  const box = container.getBoundingClientRect();
  const point = map.project([lon, lat]);
  return {x: box.left + point.x, y: box.top + point.y,
          width: box.width, height: box.height, px: point.x, py: point.y};
}
"""


def map_point_position(
    page: Any, lon: float, lat: float, chart_index: int = 0, timeout_ms: float = LOAD_TIMEOUT_MS
) -> tuple[float, float]:
    """Viewport pixel position of ``(lon, lat)`` on the ``chart_index``-th plotly map.

    Scrolls the map into view first. Raises ``ValueError`` when the point lies outside the
    visible map.
    """
    deadline = time.monotonic() + timeout_ms / 1000

    def measure() -> dict[str, Any]:
        """Poll until the map has loaded (it may reload, e.g. after a rerun) and measure."""
        while True:
            result = page.evaluate(MAP_POINT_JS, [chart_index, lon, lat])
            if "error" in result:
                raise ValueError(result["error"])
            if not result.get("loading"):
                return result
            if time.monotonic() > deadline:
                raise TimeoutError(f"map of chart #{chart_index} never finished loading")
            page.wait_for_timeout(100)

    measure()
    # Scrolling moved the box: measure again now that layout is stable.
    page.wait_for_timeout(50)
    result = measure()
    if not (0 <= result["px"] <= result["width"] and 0 <= result["py"] <= result["height"]):
        raise ValueError(
            f"({lon}, {lat}) is outside map #{chart_index}: pixel "
            f"({result['px']:.0f}, {result['py']:.0f}) of {result['width']:.0f}×"
            f"{result['height']:.0f}"
        )
    return result["x"], result["y"]


def click_map_lonlat(
    page: Any, lon: float, lat: float, chart_index: int = 0, hover_ms: int = 150
) -> tuple[float, float]:
    """Click the ``chart_index``-th plotly map at ``(lon, lat)`` with real mouse events.

    The mouse first moves there and rests for ``hover_ms`` (plotly picks the clicked point from
    its hover state), then clicks. Returns the viewport position clicked. Wrap the call in
    :func:`expect_rerun` when the chart has ``on_select="rerun"``.
    """
    x, y = map_point_position(page, lon, lat, chart_index)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_timeout(hover_ms)
    page.mouse.click(x, y)
    return x, y


# --------------------------------------------------------------------------- screenshots


#: Finite CSS animations and transitions still running (the sidebar sliding shut when the
#: viewport narrows, say); endless ones such as spinners are left out.
RUNNING_TRANSITIONS_JS = """
() => document.getAnimations().filter((animation) => animation.playState === 'running'
    && Number.isFinite(animation.effect.getComputedTiming().endTime)).length
"""


def wait_for_transitions(page: Any, timeout_ms: float = 5_000) -> None:
    """Wait until no finite CSS animation runs, so a screenshot shows the layout at rest.

    The DOM settles before CSS transitions end (the sidebar collapses after a resize without
    a DOM change); an animation still running after ``timeout_ms`` is left as it is.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    check = f"() => ({RUNNING_TRANSITIONS_JS.strip()})() === 0"
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(check, timeout=timeout_ms)


def screenshot(page: Any, name: str, device: str = "desktop", full_page: bool = True) -> Path:
    """Save ``artifacts/screenshots/<name>-<device>.png`` at that device's width.

    The viewport is set to the device's size and then stretched to the height of Streamlit's
    inner scroll container, so nothing below the fold is cut off. The original viewport is
    restored afterwards and the page settled again before returning.
    """
    if device not in VIEWPORTS:
        raise ValueError(f"unknown device {device!r}; use one of {sorted(VIEWPORTS)}")
    size = VIEWPORTS[device]
    original = page.viewport_size
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}-{device}.png"
    try:
        page.set_viewport_size(size)
        wait_until_settled(page)
        height = size["height"]
        if full_page:
            content = page.evaluate(
                """() => {
                  const main = document.querySelector('[data-testid="stMain"]')
                      || document.querySelector('section.main') || document.body;
                  return Math.ceil(Math.max(main.scrollHeight, document.body.scrollHeight));
                }"""
            )
            height = max(height, min(int(content), 12_000))
            page.set_viewport_size({"width": size["width"], "height": height})
            wait_until_settled(page)
        wait_for_transitions(page)
        page.screenshot(path=str(path), full_page=full_page)
    finally:
        if original:
            page.set_viewport_size(original)
    if original:
        wait_until_settled(page)  # the layout reflows at the restored size
    return path


#: The names a map's edges cut: text boxes MapLibre placed that reach into a 2 px strip
#: along the left or the right edge (its query uses the placed boxes of the text); and the
#: city dots drawn whose name was not placed.
EDGE_NAMES_JS = """
() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd._fullLayout.map._subplot.map;
  const layers = map.getStyle().layers
    .filter(l => l.type === 'symbol' && l.id.startsWith('labels-')).map(l => l.id);
  const canvas = map.getCanvas(), w = canvas.clientWidth, h = canvas.clientHeight;
  const names = (box) => map.queryRenderedFeatures(box, {layers})
    .map(f => f.properties.text);
  const keys = (layer) => map.queryRenderedFeatures({layers: [layer]}).map(f => f.properties.key);
  const named = new Set(keys('labels-city'));
  return {left: names([[0, 0], [2, h]]), right: names([[w - 2, 0], [w, h]]),
          unnamed: keys('labels-city-dots').filter(key => !named.has(key))};
}
"""
