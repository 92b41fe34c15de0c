"""The data behind a view as a CSV file a reader can take away, with its sources (pure)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from dashboard.datasets.package import column_notes, column_types

SOURCE_COLUMNS = ("source_producer", "source_title", "source_url", "source_licence")
ATTRIBUTION = (
    "Russia–Ukraine peace talks dashboard. Each row of a download names its source: producer, "
    "title, web address and licence. Article quotes are the NZ Herald's; every other source "
    "is listed on the Sources page."
)
#: What the columns a download adds to its table mean (the table's own come from the package).
ADDED_COLUMN_NOTES = {
    "source_producer": "Who made the row's source (its producer in sources.yml).",
    "source_title": "Title of the row's source.",
    "source_url": "Web address of the row's source.",
    "source_licence": "Licence or terms of the row's source.",
    "checked_against": "Producer and type of the source the claim was checked against.",
}


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add the producer, title, url and licence of each row's ``source_id``."""
    fields = sources.set_index("source_id")[["producer", "title", "url", "licence"]]
    fields.columns = list(SOURCE_COLUMNS)
    return frame.drop(columns=list(SOURCE_COLUMNS), errors="ignore").join(fields, on="source_id")


def control_on(control: pd.DataFrame, regions: pd.DataFrame, day: object) -> pd.DataFrame:
    """Russian-controlled km² and share per region on snapshot ``day``, with English names."""
    rows = control[control["snapshot_date"] == pd.Timestamp(day)].drop(columns="_row")
    names = regions.set_index("region_id")["name_en"].rename("name_en")
    return rows.join(names, on="region_id")


def to_csv(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    """CSV of ``columns`` (those present) plus the source columns; lists as ``a;b``."""
    wanted = [c for c in (*columns, "source_id", "quote", *SOURCE_COLUMNS) if c in frame.columns]
    table = frame[list(dict.fromkeys(wanted))].copy()
    for name in table.columns:
        if table[name].map(lambda value: isinstance(value, tuple)).any():
            table[name] = table[name].map(
                lambda value: ";".join(value) if isinstance(value, tuple) else value
            )
        if pd.api.types.is_datetime64_any_dtype(table[name]):
            table[name] = table[name].dt.strftime("%Y-%m-%d")
    return table.to_csv(index=False)


def column_notes_csv(data_csv: str, resources: Sequence[str]) -> str:
    """A small CSV to offer beside the download ``data_csv``: its columns, types and meanings.

    The types and meanings are the column descriptions of ``data/datapackage.json`` for the named
    ``resources`` (the first that has the column wins), else :data:`ADDED_COLUMN_NOTES`; a
    column neither knows is listed with an empty meaning. Plain CSV, no comment lines, so that
    any reader opens it; the data file itself stays unchanged.
    """
    header = next(csv.reader(io.StringIO(data_csv)), [])
    notes = dict(ADDED_COLUMN_NOTES)
    types = dict.fromkeys(ADDED_COLUMN_NOTES, "text")
    for name in reversed(resources):
        notes.update(column_notes(name))
        types.update(column_types(name))
    table = pd.DataFrame(
        {
            "column": header,
            "type": [types.get(column, "") for column in header],
            "meaning": [notes.get(column, "") for column in header],
        }
    )
    return table.to_csv(index=False)


def notes_file_name(file_name: str) -> str:
    """The notes' file name beside ``file_name`` (``events.csv`` → ``events_columns.csv``)."""
    stem = file_name.removesuffix(".csv")
    return f"{stem}_columns.csv"
