"""Pages offer the data behind their current view as CSV, with its sources."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("page", "query", "label"),
    [
        ("timeline", {"party": "russia"}, "Download these events (CSV)"),
        ("positions", {"issue": "nato"}, "Download these positions (CSV)"),
        ("sources", None, "Download the fact checks (CSV)"),
        ("map", {"date": "2025-12-15"}, "Russian-controlled area by region, 15 Dec 2025 (CSV)"),
        ("map", None, "Km² under Russian control over time, the chart's figures (CSV)"),
        ("sources", None, "What the columns of the fact checks mean (CSV)"),
        (
            "map",
            None,
            "What the columns mean: Km² under Russian control over time, the chart's figures (CSV)",
        ),
    ],
)
def test_page_offers_its_data(run_page, page: str, query, label: str) -> None:
    at = run_page(page, query=query)
    buttons = at.get("download_button")
    labels = [button.proto.label for button in buttons]
    assert label in labels
    assert any("source" in caption.value for caption in at.caption)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("timeline", {"party": "russia"}),
        ("positions", {"issue": "nato"}),
        ("sources", None),
        ("map", {"date": "2025-12-15"}),
    ],
)
def test_every_download_is_made_on_click_without_a_rerun(run_page, page: str, query) -> None:
    """No file is stored on a run (a redraw could lose it); the click does not rerun."""
    at = run_page(page, query=query)
    buttons = at.get("download_button")
    assert buttons
    for button in buttons:
        proto = button.proto
        assert proto.deferred_file_id and not proto.url, proto.label
        assert proto.ignore_rerun, proto.label
