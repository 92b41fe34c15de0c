"""Fixtures shared by every test layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.datasets import paths

REPO_ROOT = Path(__file__).resolve().parent.parent


#: Why a check is skipped in a clone without the source material (never under CI=true).
NO_SHARED = (
    "needs the licensed source material (the article text, raw Natural Earth and DeepStateMap "
    "files) in {folder}, which this clone does not have"
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The raw source material beside the repository (CI has it at ../shared)."""
    folder = paths.shared_dir()
    if not folder.is_dir():
        pytest.skip(NO_SHARED.format(folder=folder))
    return folder


@pytest.fixture(scope="session")
def article_text(shared_dir: Path) -> str:
    """The article the dashboard is about (read from shared/, never from the repo)."""
    article = shared_dir / "article" / "article.txt"
    if not article.is_file():
        pytest.skip(NO_SHARED.format(folder=shared_dir))
    return article.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def control_snapshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The daily control snapshots the app reads: the real cache, else synthetic ones.

    Without the licensed DeepStateMap files (a clone without ../shared, no cache), a synthetic
    set is written to a temporary cache and ``DASHBOARD_CACHE_DIR`` points there, for this
    process and for the servers it starts. Under CI=true the real snapshots must be present.
    """
    from tests.synthetic_snapshots import has_real_snapshots, write_synthetic_snapshots

    real = paths.deepstate_cache_dir()
    if has_real_snapshots(real):
        return real
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"no control snapshots in {real}: CI runs `make snapshots` from ../shared")
    cache = tmp_path_factory.mktemp("cache")
    write_synthetic_snapshots(cache / "deepstate" / "daily")
    os.environ["DASHBOARD_CACHE_DIR"] = str(cache)
    return paths.deepstate_cache_dir()


#: Words in a skip's reason that say it wants the source material beside the repository.
MATERIAL_WORDS = ("licensed source material", "shared", "synthetic stand-in")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say in one line how many checks were skipped for want of the licensed source material.

    Any skip for another reason is named on a line of its own, so none goes unnoticed.
    """
    skipped = terminalreporter.stats.get("skipped", [])
    missing = [r for r in skipped if any(word in str(r.longrepr) for word in MATERIAL_WORDS)]
    if missing:
        terminalreporter.write_line(
            f"NOTE: {len(missing)} checks skipped: they need the licensed source material "
            f"(../shared: the article text, raw map files and the real control snapshots), "
            "absent from this clone. CI runs them all (CI=true fails on any skip).",
            yellow=True,
        )
    for report in skipped:
        if report not in missing:
            terminalreporter.write_line(f"NOTE: skipped for another reason: {report.longrepr}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Under CI=true nothing may be skipped: a skip is reported as a failure saying why."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() == "true" and report.skipped:
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"
