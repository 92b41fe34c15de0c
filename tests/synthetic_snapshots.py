"""Synthetic daily control snapshots, for a clone without the licensed DeepStateMap files.

The real snapshots are not openly licensed and live only in ``../shared`` (and the git-ignored
cache ``make snapshots`` fills from it). Where they are absent, the tests that draw the control
layer use these instead: shapes made from the committed Natural Earth outlines (Luhansk, Crimea
and Sevastopol whole; Donetsk, Zaporizhzhia and Kherson east and south of lines that move a
little west every day), in the same file format and layout. They stand in for the map layer
only; the checks of the real figures run where the real snapshots are (always in CI).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import shapely
from shapely.geometry import box, mapping, shape

from dashboard.datasets import paths
from dashboard.datasets.control import list_snapshots, snapshot_filename

#: The window of snapshots the Makefile caches (SNAPSHOT_FROM … SNAPSHOT_TO).
FIRST_DAY = date(2025, 11, 1)
LAST_DAY = date(2026, 1, 31)
#: How far the synthetic front moves west each day, in degrees of longitude.
DAILY_ADVANCE = 0.004


def synthetic_control(day: date, units: dict[str, shapely.Geometry]) -> shapely.Geometry:
    """The synthetic area under control on ``day`` (grows westward as days pass)."""
    shift = DAILY_ADVANCE * (day - FIRST_DAY).days
    whole = shapely.union_all([units["UA-09"], units["UA-43"], units["UA-40"]])
    donetsk = units["UA-14"].intersection(box(37.3 - shift, 46.0, 41.0, 49.5))
    south = shapely.union_all([units["UA-23"], units["UA-65"]]).intersection(
        box(33.0 - shift, 44.0, 41.0, 47.2)
    )
    return shapely.union_all([whole, donetsk, south])


def write_synthetic_snapshots(folder: Path, geo_dir: Path | None = None) -> Path:
    """Write one synthetic snapshot per day of the window into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (geo_dir or paths.geo_dir()) / "ukraine_admin1.geojson"
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    units = {feature["id"]: shape(feature["geometry"]) for feature in features}
    day = FIRST_DAY
    while day <= LAST_DAY:
        geometry = synthetic_control(day, units)
        collection = {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": mapping(geometry)}],
        }
        (folder / snapshot_filename(day)).write_text(json.dumps(collection), encoding="utf-8")
        day += timedelta(days=1)
    return folder


def has_real_snapshots(folder: Path) -> bool:
    """True when ``folder`` holds snapshots of the whole window's first and last day."""
    found = list_snapshots(folder)
    return FIRST_DAY in found and LAST_DAY in found
