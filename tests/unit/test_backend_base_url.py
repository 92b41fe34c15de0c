"""Every page names the server's root in its HTML (dashboard.ui.backend_base_url).

The middleware runs here in front of the installed Streamlit's own static files and gzip
middleware, in the order ``st.App`` stacks them; the browser side (no request to
``/map/_stcore/…``, no console error) is ``tests/e2e/test_axe.py``.
"""

from __future__ import annotations

import asyncio
import gzip
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse
from streamlit.web.server.app_discovery import discover_asgi_app
from streamlit.web.server.starlette.starlette_gzip_middleware import SelectiveGZipMiddleware
from streamlit.web.server.starlette.starlette_server_config import GZIP_MINIMUM_SIZE
from streamlit.web.server.starlette.starlette_static_routes import (
    create_streamlit_static_handler,
)

from dashboard.ui.backend_base_url import SCRIPT, STREAMLIT_INDEX, BackendBaseUrl, inject

REPO_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = STREAMLIT_INDEX.parent
ORIGINAL = STREAMLIT_INDEX.read_bytes()


def streamlit_static() -> SelectiveGZipMiddleware:
    """Streamlit's static files (index.html for every page path) behind its gzip middleware."""
    handler = create_streamlit_static_handler(directory=str(STATIC_DIR), base_url=None)
    return SelectiveGZipMiddleware(handler, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=9)


def call(app, path: str, method: str = "GET", gzip_ok: bool = False):
    """One HTTP request through the ASGI app: (status, headers, body as sent)."""
    path, _, query = path.partition("?")
    headers = [(b"host", b"127.0.0.1"), (b"accept", b"text/html")]
    if gzip_ok:
        headers.append((b"accept-encoding", b"gzip"))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": headers,
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 40000),
        "extensions": {"http.response.pathsend": {}},
    }
    messages = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.sleep(3600)  # the client stays connected until the answer is sent

    async def send(message):
        messages.append(message)

    # In a thread of its own: in the full suite the main thread may already run an event loop
    # (Playwright's sync API, left by an earlier test), where asyncio.run() refuses to start.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start, *rest = messages
    assert all(message["type"] == "http.response.body" for message in rest), rest
    return start["status"], Headers(raw=start["headers"]), b"".join(m["body"] for m in rest)


def test_the_script_comes_before_streamlit_s_own_scripts():
    page = inject(ORIGINAL)
    assert page is not None, "Streamlit's index.html has no <script> any more"
    assert page.count(SCRIPT.encode()) == 1
    assert page.replace(SCRIPT.encode() + b"\n    ", b"", 1) == ORIGINAL
    assert page.index(SCRIPT.encode()) < page.index(b'<script type="module"')
    assert page.index(b"<meta charset") < 1024 - len(b"<meta charset")  # still early enough


def test_a_page_without_a_script_is_left_alone():
    assert inject(b"<html><head><title>x</title></head></html>") is None
    app = BackendBaseUrl(HTMLResponse("<p>hi</p>"), index_html=b"<p>hi</p>")
    assert call(app, "/")[2] == b"<p>hi</p>"


def test_the_installed_frontend_reads_the_setting_before_it_guesses():
    """The bundle that asks ``_stcore/health`` reads ``window.__streamlit.BACKEND_BASE_URL``.

    When Streamlit renames or drops the setting, the script is inert and this fails.
    """
    bundles = [
        path.read_text("utf-8", "replace")
        for path in (STATIC_DIR / "static" / "js").glob("index.*.js")
    ]
    probing = [text for text in bundles if "_stcore/health" in text]
    assert probing, "no frontend bundle asks _stcore/health"
    for text in probing:
        assert "window.__streamlit" in text and "BACKEND_BASE_URL" in text


@pytest.mark.parametrize("gzip_ok", [False, True], ids=["identity", "gzip"])
@pytest.mark.parametrize("path", ["/", "/map", "/deal?proposal=russia_five_regions"])
def test_every_page_is_served_with_the_script(path, gzip_ok):
    status, headers, body = call(BackendBaseUrl(streamlit_static()), path, gzip_ok=gzip_ok)
    assert status == 200
    assert int(headers["content-length"]) == len(body)
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    assert body == inject(ORIGINAL)
    assert "etag" not in headers and "last-modified" not in headers
    assert headers["cache-control"] == "no-cache"


def test_gzip_stays_as_streamlit_chose_it():
    """A page path is gzipped by Streamlit when asked (the root never is); so it stays."""
    app = BackendBaseUrl(streamlit_static())
    assert call(app, "/map", gzip_ok=True)[1]["content-encoding"] == "gzip"
    assert "content-encoding" not in call(app, "/", gzip_ok=True)[1]


def test_everything_else_passes_untouched():
    app = BackendBaseUrl(streamlit_static())
    bundle = next((STATIC_DIR / "static" / "js").glob("index.*.js"))
    status, _, body = call(app, f"/static/js/{bundle.name}")
    assert (status, body) == (200, bundle.read_bytes())
    assert call(app, "/favicon.png")[2] == (STATIC_DIR / "favicon.png").read_bytes()
    # HEAD is answered by Streamlit alone (no body to change).
    assert call(app, "/map", method="HEAD")[1] == call(streamlit_static(), "/map", "HEAD")[1]
    # Any other HTML (a component's frame, a download) keeps its bytes and headers.
    other = HTMLResponse("<html><script>1</script></html>", headers={"etag": '"x"'})
    status, headers, body = call(BackendBaseUrl(other), "/component/x/index.html")
    assert body == b"<html><script>1</script></html>" and headers["etag"] == '"x"'


def test_streamlit_run_serves_the_app_with_the_middleware():
    """``streamlit run dashboard/app.py`` finds the st.App, and it runs main.py behind us."""
    found = discover_asgi_app(REPO_ROOT / "dashboard" / "app.py")
    assert (found.is_asgi_app, found.import_string) == (True, "app:app")
    # In a process of its own: an st.App pins the process's script directory.
    check = (
        "from dashboard import app\n"
        "from dashboard.ui.backend_base_url import BackendBaseUrl\n"
        "print([m.cls is BackendBaseUrl for m in app.app._user_middleware], app.app.script_path)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    middleware, script = result.stdout.strip().split(" ", 1)
    assert middleware == "[True]"
    assert Path(script) == REPO_ROOT / "dashboard" / "main.py"
