"""The server settings stay fit for publishing; a regression in any of them fails here."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PUBLISHING = {
    "server.headless": True,
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,  # True means CORS protection is on (not loosened)
    "server.corsAllowedOrigins": [],
    # on for the map's glyph files only (dashboard/static holds nothing else; tested below)
    "server.enableStaticServing": True,
    "server.runOnSave": False,
    "server.fileWatcherType": "none",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": False,
    "global.developmentMode": False,
    # not a security setting: a full garbage collection after every run costs more server
    # time than the map page's own rerun (see .streamlit/config.toml)
    "runner.postScriptGC": False,
    # nor this: no page writes a bare expression, and with magic on each new page compile
    # rewrites the page's syntax tree first (see .streamlit/config.toml)
    "runner.magicEnabled": False,
}


def streamlit_config_show(extra_env: dict[str, str] | None = None) -> dict:
    """The effective configuration as ``streamlit config show`` prints it, parsed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update(extra_env or {})
    printed = subprocess.run(
        [str(Path(sys.executable).with_name("streamlit")), "config", "show"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return tomllib.loads(printed[printed.index("[global]") :])


@pytest.fixture(scope="module")
def effective_config() -> dict:
    return streamlit_config_show()


def option(settings: dict, name: str) -> object:
    """One option from the printed configuration; hidden options and defaults it leaves out
    are read from the configuration Streamlit parses from the repository's files."""
    section, key = name.split(".")
    if key in settings.get(section, {}):
        return settings[section][key]
    from streamlit import config

    with contextlib.chdir(REPO_ROOT):
        config.get_config_options(force_reparse=True)
        return config.get_option(name)


@pytest.mark.parametrize(("name", "expected"), sorted(PUBLISHING.items()))
def test_publishing_setting(effective_config: dict, name: str, expected: object) -> None:
    actual = option(effective_config, name)
    assert actual == expected, f"{name} is {actual!r}; publishing needs {expected!r}"


def test_development_switch_turns_error_details_on() -> None:
    settings = streamlit_config_show({"STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"})
    assert option(settings, "client.showErrorDetails") == "full"
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full" in makefile


def test_no_unsafe_html_in_the_app() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "dashboard").rglob("*.py")
        if re.search(r"unsafe_allow_html\s*=\s*True", path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"unsafe_allow_html=True in {offenders}"


def test_static_serving_publishes_only_the_glyphs() -> None:
    """Everything in dashboard/static is public: only glyph files, their licence and notes."""
    static = REPO_ROOT / "dashboard" / "static"
    published = [path.relative_to(static) for path in static.rglob("*") if path.is_file()]
    assert published, "the map's glyph files are missing"
    unexpected = [
        str(path)
        for path in published
        if path.parts[0] != "glyphs"
        or not re.fullmatch(r".+\.pbf|LICENSE-OpenSans\.txt|README\.md", path.name)
    ]
    assert unexpected == []
