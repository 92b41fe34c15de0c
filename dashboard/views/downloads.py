"""The data behind a view as a CSV file a reader can take away, with its sources (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SOURCE_COLUMNS = ("source_producer", "source_title", "source_url", "source_licence")
ATTRIBUTION = (
    "Russia–Ukraine peace talks dashboard. Each row of a download names its source: producer, "
    "title, web address and licence. Article quotes are the NZ Herald's; every other source "
    "is listed on the Sources page."
)


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
