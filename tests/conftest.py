"""Fixtures shared by every test layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.datasets import paths

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The raw source material beside the repository (CI has it at ../shared)."""
    folder = paths.shared_dir()
    assert folder.is_dir(), f"source material not found at {folder} (set DASHBOARD_SHARED_DIR)"
    return folder


@pytest.fixture(scope="session")
def article_text(shared_dir: Path) -> str:
    """The article the dashboard is about (read from shared/, never from the repo)."""
    return (shared_dir / "article" / "article.txt").read_text(encoding="utf-8")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Under CI=true nothing may be skipped: a skip is reported as a failure saying why."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() == "true" and report.skipped:
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"
