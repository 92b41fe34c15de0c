"""Downloads carry the rows a reader sees and the source of each."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.datasets.catalog import load_catalog
from dashboard.views.downloads import (
    ADDED_COLUMN_NOTES,
    SOURCE_COLUMNS,
    column_notes_csv,
    control_on,
    notes_file_name,
    to_csv,
    with_sources,
)


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


EVENT_COLUMNS = ["event_id", "date", "date_end", "date_precision", "date_basis", "kind", "title"]


def test_column_notes_list_every_column_of_a_download_with_its_meaning() -> None:
    catalog = load_catalog()
    data = to_csv(with_sources(catalog.events, catalog.sources), [*EVENT_COLUMNS, "parties"])
    notes = pd.read_csv(io.StringIO(column_notes_csv(data, ["events"])))
    assert list(notes.columns) == ["column", "type", "meaning"]
    assert list(notes["column"]) == list(pd.read_csv(io.StringIO(data)).columns)
    assert notes["meaning"].notna().all() and notes["type"].notna().all()
    by_column = notes.set_index("column")
    assert by_column.loc["date_precision", "meaning"].endswith(
        "Values: `day`, `week`, `month`, `year`."
    )
    assert by_column.loc["parties", "type"] == "list (;)"
    assert by_column.loc["source_licence", "meaning"] == ADDED_COLUMN_NOTES["source_licence"]


def test_every_download_the_pages_offer_has_notes_for_all_its_columns() -> None:
    from dashboard.datasets.control import (
        history_series,
        load_control_by_region,
        load_control_history,
    )
    from dashboard.views.sources import fact_check_table

    catalog = load_catalog()
    control = control_on(load_control_by_region(), catalog.regions, "2025-12-15")
    offered = {
        "events": (with_sources(catalog.events, catalog.sources), ["events"]),
        "positions": (with_sources(catalog.positions, catalog.sources), ["positions"]),
        "control": (with_sources(control, catalog.sources), ["control_by_region", "regions"]),
        "history": (
            with_sources(history_series(load_control_history()), catalog.sources),
            ["control_history"],
        ),
    }
    for name, (frame, resources) in offered.items():
        data = to_csv(frame, [c for c in frame.columns if c != "_row"])
        notes = pd.read_csv(io.StringIO(column_notes_csv(data, resources)))
        assert notes["meaning"].notna().all(), (name, notes[notes["meaning"].isna()])
    checks = fact_check_table(catalog).drop(columns=["verdict_label"]).to_csv(index=False)
    notes = pd.read_csv(io.StringIO(column_notes_csv(checks, ["fact_checks"])))
    assert notes["meaning"].notna().all(), notes[notes["meaning"].isna()]


def test_notes_file_name_sits_beside_the_download() -> None:
    assert notes_file_name("timeline_events.csv") == "timeline_events_columns.csv"
