"""The Lighthouse part of ``make bench``: parsing a saved report and writing the section.

Lighthouse itself never runs here: ``fixtures/lighthouse-positions-desktop.json`` is a real
Lighthouse 12.2.3 report of the exported positions page (desktop), cut down to the
categories and audits the benchmark reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import lighthouse, run
from benchmarks.load_stats import replace_section

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lighthouse-positions-desktop.json"
INFO = {"date": "2026-11-30 14:00 UTC", "commit": "abc1234", "lighthouse": "12.2.3"}


@pytest.fixture
def report() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def audit(page: str = "export map", profile: str = "desktop", **changes) -> lighthouse.Audit:
    values = {
        "scores": {"performance": 0.97, "accessibility": 1.0, "best-practices": 1.0},
        "lcp_ms": 420.0,
        "tbt_ms": 80.0,
        "bytes": 1_100_000.0,
    }
    return lighthouse.Audit(page=page, profile=profile, **{**values, **changes})


def test_a_report_gives_scores_metrics_and_failing_audits(report) -> None:
    found = lighthouse.parse_report(report, "export positions", "desktop")
    assert found.scores == {"performance": 0.94, "accessibility": 0.98, "best-practices": 1}
    assert found.lcp_ms == pytest.approx(253.0, abs=0.01)
    assert found.tbt_ms == 204
    assert found.bytes == 930_848
    assert found.failing == (
        "heading-order (Heading elements are not in a sequentially-descending order)",
    )
    assert found.error == ""


def test_a_failed_run_is_recorded_as_such() -> None:
    broken = {"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}
    found = lighthouse.parse_report(broken, "export map", "mobile")
    assert found.error == "The page did not paint"
    assert found.scores == {name: None for name in lighthouse.CATEGORIES}
    assert found.bytes is None and found.failing == ()


def test_only_weighted_audits_below_one_are_listed(report) -> None:
    report["audits"]["csp-xss"] = {"id": "csp-xss", "title": "CSP", "score": 0}
    refs = report["categories"]["best-practices"]["auditRefs"]
    assert any(ref["id"] == "csp-xss" and ref["weight"] == 0 for ref in refs)
    found = lighthouse.parse_report(report, "export positions", "desktop")
    assert not any(item.startswith("csp-xss") for item in found.failing)


def test_the_command_pins_the_profile_categories_and_headless_chromium(tmp_path) -> None:
    desktop = lighthouse.command("http://127.0.0.1:1/export/map.html", "desktop", tmp_path / "r")
    mobile = lighthouse.command("http://127.0.0.1:1/export/map.html", "mobile", tmp_path / "r")
    assert desktop[0] == str(lighthouse.LIGHTHOUSE_BIN)
    configs = [arg.removeprefix("--config-path=") for arg in (*desktop, *mobile) if "config" in arg]
    assert configs == [
        str(lighthouse.LIGHTHOUSE_DIR / "desktop.mjs"),
        str(lighthouse.LIGHTHOUSE_DIR / "mobile.mjs"),
    ]
    assert all(Path(config).is_file() for config in configs)
    desktop_config = Path(configs[0]).read_text(encoding="utf-8")
    assert "desktop-config.js" in desktop_config and "settle" in desktop_config
    assert "--only-categories=performance,accessibility,best-practices" in mobile
    flags = next(arg for arg in mobile if arg.startswith("--chrome-flags="))
    assert "--headless=new" in flags and "--no-sandbox" in flags
    assert "--output=json" in mobile and f"--output-path={tmp_path / 'r'}" in mobile


def test_the_targets_follow_the_issue() -> None:
    targets = {target.name: target for target in lighthouse.TARGETS}
    export_pages = {t.path for t in lighthouse.TARGETS if t.path.startswith("/export/")}
    assert export_pages == {
        "/export/map.html",
        "/export/index.html",
        "/export/timeline.html",
        "/export/positions.html",
    }
    goals = targets["export map"].goals
    assert goals["performance@desktop"] == 0.95 and goals["performance@mobile"] == 0.8
    assert goals["bytes"] == 1_500_000
    for target in lighthouse.TARGETS:
        assert target.goals["best-practices"] == 1.0
        assert target.goals["accessibility"] >= 0.98
    assert lighthouse.PROFILES == ("desktop", "mobile")


def test_goals_are_checked_per_profile() -> None:
    target = next(t for t in lighthouse.TARGETS if t.name == "export map")
    assert lighthouse.verdicts(audit(), target) == []
    slow_phone = audit(profile="mobile", scores={**audit().scores, "performance": 0.81})
    assert lighthouse.verdicts(slow_phone, target) == []
    slow = audit(scores={**audit().scores, "performance": 0.81})
    assert lighthouse.verdicts(slow, target) == ["performance < 0.95"]
    heavy = audit(bytes=1_600_000.0, scores={**audit().scores, "accessibility": 0.98})
    assert lighthouse.verdicts(heavy, target) == ["accessibility < 1", "bytes > 1.5 MB"]
    assert lighthouse.verdicts(audit(error="timed out"), target) == ["no result"]


def test_the_section_shows_this_run_with_the_previous_one_beside_it() -> None:
    first = lighthouse.markdown_section([audit(tbt_ms=2410.0)], INFO)
    assert "No previous run recorded." in first
    previous = lighthouse.previous_run(first)
    assert previous is not None and previous["commit"] == "abc1234"
    second_info = {**INFO, "date": "2026-12-01 09:00 UTC", "commit": "def5678"}
    second = lighthouse.markdown_section(
        [audit(tbt_ms=90.0), audit(page="dashboard map", lcp_ms=3000.0)], second_info, previous
    )
    assert "the previous run (2026-11-30 14:00 UTC, abc1234)" in second
    row = next(line for line in second.splitlines() if line.startswith("| export map |"))
    assert "| 0.97 (0.97) | 1.00 (1.00) | 1.00 (1.00) |" in row
    assert "90 ms (2,410 ms)" in row and "1,100 KB (1,100 KB)" in row
    assert row.endswith("| met |")
    new_page = next(line for line in second.splitlines() if line.startswith("| dashboard map |"))
    assert "(" not in new_page.split("|")[3], "no previous number for a page not run before"
    assert lighthouse.previous_run(second)["commit"] == "def5678"


def test_failing_audits_and_errors_are_listed() -> None:
    section = lighthouse.markdown_section(
        [
            audit(failing=("heading-order (Headings out of order)",)),
            audit(page="export timeline", error="timed out after 240 s", scores={}),
        ],
        INFO,
    )
    assert "- **export map** (desktop): heading-order (Headings out of order)" in section
    assert "- **export timeline** (desktop): timed out after 240 s" in section
    assert "| export timeline | desktop | failed | failed | failed |" in section
    assert "MISSED: no result" in section


def test_the_section_replaces_its_old_self_and_keeps_the_others(tmp_path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    document = replace_section("# Benchmarks\n", "load-sessions", "## Load\n\nkept")
    path.write_text(document, encoding="utf-8")
    lighthouse.write_section(lighthouse.markdown_section([audit(tbt_ms=500.0)], INFO), path)
    lighthouse.write_section(lighthouse.markdown_section([audit(tbt_ms=90.0)], INFO), path)
    text = path.read_text(encoding="utf-8")
    assert text.count("## Lighthouse") == 1 and "## Load\n\nkept" in text
    assert "90 ms" in text and "<!-- lighthouse:start -->" in text


def test_a_bench_run_with_lighthouse_drops_the_old_section_only() -> None:
    document = replace_section("", "load-sessions", "## Load\n\nkept")
    document = replace_section(document, "lighthouse", "## Lighthouse\n\nold")
    kept = run.marked_sections(document, exclude={"lighthouse"})
    assert "## Load" in kept and "## Lighthouse" not in kept
    assert "## Lighthouse" in run.marked_sections(document)


def test_a_bench_report_carries_the_new_lighthouse_run_beside_the_old_one() -> None:
    old = lighthouse.markdown_section([audit(tbt_ms=2410.0)], INFO)
    previous = replace_section("# Benchmarks\n", "load", "## Load\n\nkept")
    previous = replace_section(previous, lighthouse.SECTION, old)
    block, kept = run.lighthouse_sections([audit(tbt_ms=90.0)], previous, "Chromium 1")
    assert block.count("## Lighthouse") == 1 and "90 ms (2,410 ms)" in block
    assert "## Load" in kept and "## Lighthouse" not in kept
    skipped, kept_all = run.lighthouse_sections([], previous, "Chromium 1")
    assert skipped == "" and "2,410 ms" in kept_all and "## Load" in kept_all
