"""Downloads carry the rows a reader sees and the source of each."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.datasets.catalog import load_catalog
from dashboard.views.downloads import SOURCE_COLUMNS, to_csv, with_sources


def test_events_csv_has_sources_and_plain_values() -> None:
    catalog = load_catalog()
    events = with_sources(catalog.events.head(3), catalog.sources)
    text = to_csv(events, ["event_id", "date", "title", "parties"])
    table = pd.read_csv(io.StringIO(text))
    assert list(table["event_id"]) == list(catalog.events.head(3)["event_id"])
    assert set(SOURCE_COLUMNS) <= set(table.columns)
    assert table["source_producer"].notna().all()
    assert table["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert not table["parties"].dropna().str.contains(r"[()']").any()


def test_unknown_columns_are_left_out() -> None:
    frame = pd.DataFrame({"a": [1], "source_id": ["x"]})
    assert to_csv(frame, ["a", "missing"]).splitlines()[0] == "a,source_id"


def test_control_on_a_day_lists_every_region_with_its_name() -> None:
    from dashboard.datasets.control import load_control_by_region
    from dashboard.views.downloads import control_on

    catalog = load_catalog()
    rows = control_on(load_control_by_region(), catalog.regions, "2025-12-15")
    assert len(rows) == 27
    donetsk = rows.set_index("region_id").loc["UA-14"]
    assert donetsk["name_en"] == "Donetsk Oblast"
    assert round(donetsk["russian_share"], 2) == 0.77
