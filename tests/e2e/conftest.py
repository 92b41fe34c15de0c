"""Browser-test fixtures: one real dashboard server per session, Debian's Chromium, a recorder.

Fixtures
--------
``dashboard_url``   session: base URL of ``streamlit run dashboard/app.py`` on 127.0.0.1.
``dashboard_server`` session: the :class:`~tests.harness.browser.StreamlitServer` behind it.
``test_app_url``    factory (session): ``test_app_url("choropleth_click.py")`` serves a script
                    from ``tests/e2e/apps/`` on its own server (started once per script).
``browser``         session: Chromium via Playwright's sync API (with ``chromium_executable``,
                    from the shared plugin ``tests/harness/fixtures.py``).
``page``            function: a fresh context (1280×900) and page; every request is recorded
                    and anything outside 127.0.0.1 is aborted.
``recorder``        function: the :class:`~tests.harness.browser.PageRecorder` of ``page``.

Without Chromium the e2e tests are skipped, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.browser import (
    VIEWPORTS,
    PageRecorder,
    StreamlitServer,
    install_run_counter,
)

APPS_DIR = Path(__file__).resolve().parent / "apps"
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e with ``e2e`` (select or deselect with ``-m``)."""
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def dashboard_server(chromium_executable: str) -> Iterator[StreamlitServer]:
    """The real dashboard, started once for the session and stopped afterwards."""
    with StreamlitServer() as server:
        yield server


@pytest.fixture(scope="session")
def dashboard_url(dashboard_server: StreamlitServer) -> str:
    """Base URL of the running dashboard, e.g. ``http://127.0.0.1:40123``."""
    return dashboard_server.base_url


@pytest.fixture(scope="session")
def test_app_url(chromium_executable: str) -> Iterator[Callable[[str], str]]:
    """Serve a throwaway app from tests/e2e/apps/ (one server per script, for the session)."""
    servers: dict[str, StreamlitServer] = {}

    def serve(script: str) -> str:
        if script not in servers:
            path = APPS_DIR / script
            assert path.is_file(), f"no test app {path}"
            servers[script] = StreamlitServer(script=path).start()
        return servers[script].base_url

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    """Viewport of the ``page`` fixture: desktop, unless a test parametrizes it indirectly.

    It reads ``request.param``: without that, ``parametrize("viewport", [...], indirect=True)``
    was silently ignored and a "phone" test ran at the desktop size.
    """
    return dict(getattr(request, "param", VIEWPORTS["desktop"]))


@pytest.fixture
def recorder() -> PageRecorder:
    """Requests, console errors and page errors of the test's ``page``."""
    return PageRecorder()


@pytest.fixture
def page(browser, viewport: dict[str, int], recorder: PageRecorder) -> Iterator[object]:
    """A fresh context and page per test, recorded, with the network closed beyond 127.0.0.1."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    context.set_default_timeout(60_000)
    install_run_counter(context)
    recorder.attach(context)
    page = context.new_page()
    yield page
    context.close()
