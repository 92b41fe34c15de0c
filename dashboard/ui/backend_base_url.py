"""The frontend finds its server without first asking a page's path (Streamlit 1.67 patch).

Opened at a page's own address (``/map``, ``/deal?proposal=…``), Streamlit's frontend does
not know whether the server lives at ``/`` or under ``/map`` (a ``server.baseUrlPath``, a
proxy's sub-path), so it asks both: ``/map/_stcore/health`` and ``/_stcore/health``. The
server answers the first with a 404 by design, and the browser logs that as a console error
("Failed to load resource"), which fails Lighthouse's ``errors-in-console`` audit on every
page but the overview.

The frontend asks nothing when the page defines ``window.__streamlit.BACKEND_BASE_URL`` (its
embedding setting) before Streamlit's script runs. :class:`BackendBaseUrl` is an ASGI
middleware (for ``st.App``, see ``dashboard/app.py``) that adds :data:`SCRIPT` before the
first script of the ``index.html`` Streamlit serves for every page. The script sets the
setting to the folder the page itself resolves ``./`` against: ``index.html`` names its
script and styles relative (``./static/js/…``), so that folder is where the server's root
is, whether at ``/`` (``make run``) or under a sub-path a proxy or ``server.baseUrlPath``
adds (``/dashboard/map`` → ``/dashboard/``). It needs no list of pages, and a query string
or a ``#`` is not part of the folder. A setting the page already has wins.

Only Streamlit's own ``index.html`` is changed: the middleware compares each HTML answer
(ungzipped when Streamlit gzipped it, and gzipped again after) with the installed file, and
lets everything else through untouched (websocket, ``/media/`` downloads, components, the
static bundles). A changed page loses its ``ETag`` and ``Last-Modified``: a browser then
never keeps it by a validator of the unchanged file (it is ``no-cache`` already).

Fallback when Streamlit changes: an ``index.html`` without a ``<script`` passes unchanged, and a
frontend that no longer reads ``window.__streamlit`` ignores the script; either way the
frontend asks as before (the page works, the 404 is back in the console).
``tests/unit/test_backend_base_url.py`` checks the installed Streamlit for both (pyproject
pins ``<1.68``), and the browser's console test (``tests/e2e/test_axe.py``) fails on the 404.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import file_util

#: The page Streamlit serves for ``/`` and every page path (its single-page-app fallback).
STREAMLIT_INDEX: Final = Path(file_util.get_static_dir()) / "index.html"
#: Set before Streamlit's module scripts run (those are deferred; this one runs when parsed).
SCRIPT: Final = (
    "<script>window.__streamlit=Object.assign("
    '{BACKEND_BASE_URL:new URL(".",document.baseURI).href},window.__streamlit)</script>'
)
_FIRST_SCRIPT: Final = re.compile(rb"<script[\s>]", re.IGNORECASE)


def inject(html: bytes) -> bytes | None:
    """``html`` with :data:`SCRIPT` before its first script; None when it has none.

    Not at the top of ``<head>``: its ``<meta charset>`` stays within the first 1024 bytes.
    """
    first = _FIRST_SCRIPT.search(html)
    if first is None:
        return None
    return html[: first.start()] + SCRIPT.encode() + b"\n    " + html[first.start() :]


class BackendBaseUrl:
    """ASGI middleware: Streamlit's ``index.html`` carries :data:`SCRIPT` (see the module).

    ``index_html`` is the page to change (Streamlit's installed one by default; tests pass
    their own).
    """

    def __init__(self, app: ASGIApp, index_html: bytes | None = None) -> None:
        self.app = app
        self.original = STREAMLIT_INDEX.read_bytes() if index_html is None else index_html
        self.changed = inject(self.original)
        self.changed_gzip = None if self.changed is None else gzip.compress(self.changed, mtime=0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; hold an HTML answer to a GET whole and send it changed."""
        if scope["type"] != "http" or scope["method"] != "GET" or self.changed is None:
            await self.app(scope, receive, send)
            return
        # The whole body as messages, never as a file path the server sends by itself.
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if "pathsend" not in k}
        held: Message | None = None
        chunks: list[bytes] = []

        async def hold_html(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                content_type = MutableHeaders(raw=message["headers"]).get("content-type", "")
                if message["status"] == 200 and content_type.startswith("text/html"):
                    held = message
                    return
            elif held is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_page(held, b"".join(chunks), send)
                return
            await send(message)

        await self.app({**scope, "extensions": extensions}, receive, hold_html)

    async def _send_page(self, start: Message, body: bytes, send: Send) -> None:
        """Send ``body`` as it came, or the changed page when it is Streamlit's own."""
        headers = MutableHeaders(raw=list(start["headers"]))
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding == "gzip":
            page, changed = _gunzip(body), self.changed_gzip
        else:
            page, changed = (body, self.changed) if encoding == "identity" else (None, None)
        if changed is not None and page == self.original:
            body = changed
            headers["content-length"] = str(len(body))
            for validator in ("etag", "last-modified"):
                if validator in headers:
                    del headers[validator]
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body, "more_body": False})


def _gunzip(body: bytes) -> bytes | None:
    """``body`` ungzipped, or None when it is not gzip."""
    try:
        return gzip.decompress(body)
    except (OSError, EOFError):
        return None
