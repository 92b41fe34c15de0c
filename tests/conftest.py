"""Fixtures shared by every test layer."""

from __future__ import annotations

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
