"""Load every curated table, validate each one and the links between them.

:func:`load_catalog` is the single entry point for pages, builders and the verifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import shapely

from dashboard.datasets import paths
from dashboard.datasets.geo import region_shapes
from dashboard.datasets.schema import DataError, check_references, read_table
from dashboard.datasets.sources import load_sources
from dashboard.datasets.tables import TABLES

WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Simplified boundaries move coastlines and borders by up to a few hundred metres.
PLACE_TOLERANCE_DEGREES = 0.03


@dataclass(frozen=True)
class Catalog:
    """All curated tables, validated and cross-checked."""

    sources: pd.DataFrame
    regions: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    issues: pd.DataFrame
    positions: pd.DataFrame
    fact_checks: pd.DataFrame
    spelling: pd.DataFrame
    map_labels: pd.DataFrame
    towns: pd.DataFrame
    proposals: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The CSV tables by name (without sources)."""
        return {name: getattr(self, name) for name in TABLES}


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Read every table under ``data_dir`` and check ids, sources and coordinates."""
    folder = data_dir or paths.data_dir()
    sources = load_sources(folder)
    frames = {
        name: read_table(folder / schema.file_name, schema) for name, schema in TABLES.items()
    }
    catalog = Catalog(sources=sources, **frames)
    check_links(catalog)
    check_weekday_dates(catalog)
    shapes = region_shapes(folder / "geo")
    check_place_coordinates(catalog.places, shapes)
    check_place_coordinates(catalog.map_labels, shapes)
    return catalog


def check_links(catalog: Catalog) -> None:
    """Every source, region, place, issue and event a row names must exist.

    (The form of each id, e.g. ISO 3166-2 codes, is checked by its pattern in
    ``data/datapackage.json`` when the table is read.)
    """
    source_ids = catalog.sources.index
    for frame in catalog.tables().values():
        for column in frame.columns:
            if column.endswith("source_id"):
                check_references(frame, column, source_ids, "source_id")
    region_ids = catalog.regions["region_id"]
    place_ids = catalog.places["place_id"]
    event_ids = catalog.events["event_id"]
    check_references(catalog.events, "place_id", place_ids, "place_id")
    check_references(catalog.events, "region_id", region_ids, "region_id")
    check_references(catalog.issues, "region_ids", region_ids, "region_id")
    check_references(catalog.issues, "place_ids", place_ids, "place_id")
    check_references(catalog.positions, "issue_id", catalog.issues["issue_id"], "issue_id")
    check_references(catalog.positions, "event_id", event_ids, "event_id")
    check_references(catalog.map_labels, "place_id", place_ids, "place_id")
    check_references(catalog.map_labels, "status_event_ids", event_ids, "event_id")
    position_ids = catalog.positions["position_id"]
    check_references(catalog.proposals, "hand_over", region_ids, "region_id")
    check_references(catalog.proposals, "event_id", event_ids, "event_id")
    check_references(catalog.proposals, "position_ids", position_ids, "position_id")
    check_references(catalog.proposals, "rejected_by", position_ids, "position_id")
    subjects = {
        "region": set(region_ids),
        "place": set(place_ids),
        "event": set(event_ids),
    }
    checks = catalog.fact_checks
    for _, record in checks.iterrows():
        known = subjects.get(record["subject_type"])
        if known is not None and record["subject_id"] not in known:
            raise DataError(
                checks.attrs["file"],
                f"unknown {record['subject_type']} '{record['subject_id']}'",
                row=int(record["_row"]),
                column="subject_id",
            )


def check_weekday_dates(catalog: Catalog) -> None:
    """A row whose quote dates it by weekday must say how that became a calendar date."""
    for name in ("events", "positions"):
        frame = getattr(catalog, name)
        for _, record in frame.iterrows():
            if WEEKDAY.search(record["quote"] or "") and not record["date_basis"]:
                raise DataError(
                    frame.attrs["file"],
                    "the quote gives a weekday; say how it was resolved to a date",
                    row=int(record["_row"]),
                    column="date_basis",
                )


def check_place_coordinates(places: pd.DataFrame, shapes: dict[str, shapely.Geometry]) -> None:
    """A place (or label) must lie inside the region it names, where that shape is known."""
    for _, record in places.iterrows():
        shape = shapes.get(record["region_id"])
        if shape is None:
            continue
        point = shapely.Point(record["lon"], record["lat"])
        if shape.distance(point) > PLACE_TOLERANCE_DEGREES:
            raise DataError(
                places.attrs["file"],
                f"coordinates ({record['lat']}, {record['lon']}) fall outside "
                f"region {record['region_id']}",
                row=int(record["_row"]),
                column="lat",
            )
