"""The static-export benchmark: its summary (pure) and its scenario in real Chromium."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks import export_static as bench
from dashboard.export import site
from tests.harness.static_site import served_folder

FIGURE_PAGES = {"map.html", "timeline.html", "positions.html"}


def test_benchmark_scenario_summarises_beside_the_streamlit_page() -> None:
    assert bench.wanted(None) and bench.wanted(["export", "map"]) and not bench.wanted(["map"])
    assert {s.file_name for s in bench.STATIC_SCENARIOS} == FIGURE_PAGES
    views = {
        "export map": [
            bench.StaticView(
                load_ms=800, http_bytes=5_000_000, files=5, click_ms=20, preview_ms=100
            ),
            bench.StaticView(
                load_ms=1000, http_bytes=5_000_000, files=5, click_ms=40, preview_ms=200
            ),
            bench.StaticView(errors=["page load failed"]),
        ]
    }
    streamlit = {"map": [SimpleNamespace(load_ms=3000, http_bytes=6_000_000)]}
    rows = {row["scenario"]: row for row in bench.summary_rows(views, streamlit)}
    assert rows["export map"]["views"] == 2 and rows["export map"]["load_ms"] == 900
    assert rows["export map"]["click_ms"] == 30 and rows["export map"]["errors"] == 1
    assert rows["export map"]["streamlit_load_ms"] == 3000
    assert rows["export map"]["preview_ms"] == 150
    assert rows["export timeline"]["views"] == 0 and rows["export timeline"]["load_ms"] is None
    assert rows["export timeline"]["preview_ms"] is None
    assert [s.name for s in bench.STATIC_SCENARIOS if s.activate] == ["export map"]


@pytest.mark.e2e
def test_served_over_http_like_a_cdn(browser, tmp_path: Path) -> None:
    """The exported files from a plain static server on 127.0.0.1 (the benchmark's scenario)."""
    exported = site.export_site(tmp_path)
    export_dir = exported.folder
    plotly_bytes = exported.files[exported.assets["plotly.min.js"]].stat().st_size
    with served_folder(export_dir) as base_url:
        for scenario in bench.STATIC_SCENARIOS:
            view = bench.measure_static_view(browser, base_url, scenario)
            assert view.errors == [], (scenario.name, view.errors)
            assert view.load_ms is not None and view.load_ms > 0, scenario.name
            # A first view fetches the page, site.css, site.js and plotly.js once.
            # (http.server sends plotly.js uncompressed: more bytes than the file itself.)
            assert view.files >= 4 and view.http_bytes > plotly_bytes, (scenario.name, view)
            if scenario.click_region is not None:
                assert view.click_ms is not None and view.click_ms >= 0, scenario.name
            if scenario.activate:  # the preview first, then the interactive map
                assert view.preview_ms is not None and 0 < view.preview_ms < view.load_ms
