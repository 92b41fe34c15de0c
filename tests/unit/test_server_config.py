"""The server settings stay fit for publishing; a regression in any of them fails here."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit import config

REPO_ROOT = Path(__file__).resolve().parents[2]
PUBLISHING = {
    "server.headless": True,
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,  # True means CORS protection is on (not loosened)
    "server.corsAllowedOrigins": [],
    "server.enableStaticServing": False,
    "server.runOnSave": False,
    "server.fileWatcherType": "none",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": False,
    "global.developmentMode": False,
}


@pytest.fixture()
def effective_config(monkeypatch: pytest.MonkeyPatch):
    """Streamlit's configuration as the server would read it from the repository."""
    for name in list(os.environ):
        if name.startswith("STREAMLIT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(REPO_ROOT)
    config.get_config_options(force_reparse=True)
    yield config
    config.get_config_options(force_reparse=True)


@pytest.mark.parametrize(("option", "expected"), sorted(PUBLISHING.items()))
def test_publishing_setting(effective_config, option: str, expected: object) -> None:
    assert effective_config.get_option(option) == expected, (
        f"{option} is {effective_config.get_option(option)!r}; publishing needs {expected!r}"
    )


def test_development_switch_turns_error_details_on(
    effective_config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    effective_config.get_config_options(force_reparse=True)
    assert effective_config.get_option("client.showErrorDetails") == "full"
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full" in makefile


def test_no_unsafe_html_in_the_app() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "dashboard").rglob("*.py")
        if re.search(r"unsafe_allow_html\s*=\s*True", path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"unsafe_allow_html=True in {offenders}"
