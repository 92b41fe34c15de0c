"""Territorial control: the derived figures and the cached DeepStateMap snapshots.

Two kinds of input:

- ``data/derived/control_by_region.csv`` and ``control_history.csv``: figures (km², shares)
  computed by ``python -m dashboard.build control`` and committed;
- daily DeepStateMap snapshots (``deepstatemap_data_YYYYMMDD.geojson``) in the git-ignored
  cache (``python -m dashboard.build fetch``). Their geometry is not open data: it is read
  at run time to draw the map and is never written into the repository.

Never imports streamlit; ``dashboard/cached.py`` wraps these functions.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from dashboard.datasets import paths
from dashboard.datasets.schema import (
    Column,
    DataError,
    Schema,
    decode_utf8,
    display_path,
    in_range,
    one_of,
    parse_date,
    read_table,
)

SOURCE_ID = "deepstatemap"
ATTRIBUTION = "DeepStateMap.Live"
SNAPSHOT_PREFIX = "deepstatemap_data_"
SNAPSHOT_SUFFIX = ".geojson"
SNAPSHOT_NAME = re.compile(rf"^{SNAPSHOT_PREFIX}(\d{{8}}){re.escape(SNAPSHOT_SUFFIX)}$")
POLYGON_TYPES = ("Polygon", "MultiPolygon")

CONTROL_BY_REGION_FILE = "control_by_region.csv"
CONTROL_HISTORY_FILE = "control_history.csv"
UKRAINE_GEO_FILE = "ukraine_admin1.geojson"

DONETSK = "UA-14"
LUHANSK = "UA-09"
UKRAINE_UNIT_COUNT = 27
# Rounded km² columns may disagree by a rounding step each.
KM2_SLACK = 0.15

# Map layer drawn at run time: about 500 m of simplification, 4 decimals (~10 m).
LAYER_TOLERANCE_DEGREES = 0.005
LAYER_DECIMALS = 4
LAYER_FEATURE_ID = "russian_control"

_KM2 = Column(in_range(0, 1e7))


def _region_id(text: str) -> str:
    if not re.fullmatch(r"UA-\d{2}", text):
        raise ValueError(f"'{text}' is not a Ukrainian ISO 3166-2 code (UA-NN)")
    return text


def _check_region_row(record: dict[str, Any]) -> str | None:
    if record["russian_km2"] > record["region_km2"] + KM2_SLACK:
        return "russian_km2: is larger than region_km2"
    expected = record["region_km2"] - record["russian_km2"]
    if abs(record["ukrainian_km2"] - expected) > KM2_SLACK:
        return f"ukrainian_km2: should be region_km2 − russian_km2 = {expected:.1f}"
    if record["region_km2"] > 0:
        share = record["russian_km2"] / record["region_km2"]
        if abs(record["russian_share"] - share) > 0.001:
            return f"russian_share: should be russian_km2 / region_km2 = {share:.4f}"
    return None


CONTROL_BY_REGION = Schema(
    CONTROL_BY_REGION_FILE,
    {
        "region_id": Column(_region_id),
        "snapshot_date": Column(parse_date),
        "region_km2": _KM2,
        "russian_km2": _KM2,
        "russian_share": Column(in_range(0, 1)),
        "ukrainian_km2": _KM2,
        "source_id": Column(one_of((SOURCE_ID,))),
    },
    row_checks=(_check_region_row,),
)

CONTROL_HISTORY = Schema(
    CONTROL_HISTORY_FILE,
    {
        "date": Column(parse_date),
        "frequency": Column(one_of(("monthly", "daily"))),
        "russian_km2": _KM2,
        "source_id": Column(one_of((SOURCE_ID,))),
    },
)


# ---------------------------------------------------------------------------------------
# Snapshot files


def snapshot_filename(day: date) -> str:
    """Name of the DeepStateMap snapshot of ``day`` (``deepstatemap_data_20251215.geojson``)."""
    return f"{SNAPSHOT_PREFIX}{day:%Y%m%d}{SNAPSHOT_SUFFIX}"


def snapshot_date(name: str) -> date | None:
    """Date in a snapshot file name, or None when the name is not a snapshot's."""
    match = SNAPSHOT_NAME.match(name)
    if match is None:
        return None
    digits = match.group(1)
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def list_snapshots(folder: Path) -> dict[date, Path]:
    """Snapshot files in ``folder`` by date, oldest first (empty if the folder is missing)."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.iterdir():
        day = snapshot_date(path.name)
        if day is not None and path.is_file():
            found[day] = path
    return dict(sorted(found.items()))


def validate_snapshot(collection: Any) -> None:
    """Raise ValueError unless ``collection`` is a FeatureCollection of polygons.

    Parameters
    ----------
    collection
        The parsed JSON of a snapshot file.
    """
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ValueError("is not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ValueError("has no features")
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in POLYGON_TYPES:
            raise ValueError(f"feature {number} has geometry {kind!r}, not a (Multi)Polygon")


def snapshot_geometry(collection: dict[str, Any]) -> shapely.Geometry:
    """Union of a validated snapshot's polygons, made valid, in EPSG:4326."""
    parts = [shape(feature["geometry"]) for feature in collection["features"]]
    geometries = np.asarray(parts, dtype=object)
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        geometries[invalid] = shapely.make_valid(geometries[invalid], method="structure")
    if len(geometries) == 1:
        return geometries[0]
    return shapely.union_all(geometries)


def read_snapshot(path: Path) -> shapely.Geometry:
    """Read a snapshot file into one (Multi)Polygon; raise DataError if it is broken."""
    display = display_path(path)
    try:
        collection = json.loads(decode_utf8(path))
    except json.JSONDecodeError as error:
        raise DataError(display, f"is not valid JSON ({error.msg})", row=error.lineno) from None
    try:
        validate_snapshot(collection)
    except ValueError as error:
        raise DataError(display, str(error)) from None
    return snapshot_geometry(collection)


def available_snapshot_dates(cache_dir: Path | None = None) -> list[date]:
    """Dates of the snapshots in the cache (``paths.deepstate_cache_dir()``), oldest first."""
    return list(list_snapshots(cache_dir or paths.deepstate_cache_dir()))


# ---------------------------------------------------------------------------------------
# Derived figures


def load_control_by_region(path: Path | None = None) -> pd.DataFrame:
    """Russian-controlled km² and share per Ukrainian unit and snapshot date.

    Columns: ``region_id``, ``snapshot_date`` (Timestamp), ``region_km2``, ``russian_km2``,
    ``russian_share`` (0–1), ``ukrainian_km2``, ``source_id``; sorted by date and region.
    Raises DataError (file, row, column) on a broken file, a repeated (region, date) pair or
    a date that does not list all 27 units.
    """
    path = path or paths.derived_dir() / CONTROL_BY_REGION_FILE
    frame = read_table(path, CONTROL_BY_REGION)
    display = frame.attrs["file"]
    duplicated = frame.duplicated(["region_id", "snapshot_date"])
    if duplicated.any():
        row = int(frame.loc[duplicated.idxmax(), "_row"])
        raise DataError(display, "repeats a region and date", row=row, column="region_id")
    counts = frame.groupby("snapshot_date")["region_id"].nunique()
    incomplete = counts[counts != UKRAINE_UNIT_COUNT]
    if not incomplete.empty:
        day = incomplete.index[0]
        row = int(frame.loc[frame["snapshot_date"] == day, "_row"].iloc[0])
        raise DataError(
            display,
            f"{day:%Y-%m-%d} lists {incomplete.iloc[0]} units, not {UKRAINE_UNIT_COUNT}",
            row=row,
            column="region_id",
        )
    frame = frame.sort_values(["snapshot_date", "region_id"], ignore_index=True)
    frame.attrs["file"] = display
    return frame


def load_control_history(path: Path | None = None) -> pd.DataFrame:
    """Russian-controlled km² inside Ukraine over time (monthly since 2022, then daily).

    Columns: ``date`` (Timestamp), ``frequency`` (``monthly``/``daily``), ``russian_km2``,
    ``source_id``; sorted by date then frequency.
    """
    path = path or paths.derived_dir() / CONTROL_HISTORY_FILE
    frame = read_table(path, CONTROL_HISTORY)
    duplicated = frame.duplicated(["date", "frequency"])
    if duplicated.any():
        row = int(frame.loc[duplicated.idxmax(), "_row"])
        raise DataError(frame.attrs["file"], "repeats a date and frequency", row=row, column="date")
    display = frame.attrs["file"]
    frame = frame.sort_values(["date", "frequency"], ignore_index=True)
    frame.attrs["file"] = display
    return frame


def donbas_remaining_km2(day: date | str, frame: pd.DataFrame | None = None) -> float:
    """Ukrainian-held km² of Donetsk and Luhansk on snapshot ``day``.

    This is the area Russia's demand for the whole of the Donbas would take:
    ``ukrainian_km2`` of UA-14 plus UA-09.

    Parameters
    ----------
    day
        A snapshot date (``date`` or ``"YYYY-MM-DD"``).
    frame
        The output of :func:`load_control_by_region` (loaded if omitted).

    Raises
    ------
    KeyError
        When there is no snapshot for ``day``.
    """
    frame = load_control_by_region() if frame is None else frame
    wanted = pd.Timestamp(parse_date(day) if isinstance(day, str) else day)
    rows = frame[(frame["snapshot_date"] == wanted) & frame["region_id"].isin([DONETSK, LUHANSK])]
    if len(rows) != 2:
        raise KeyError(f"no control figures for Donetsk and Luhansk on {wanted:%Y-%m-%d}")
    return round(float(rows["ukrainian_km2"].sum()), 1)


# ---------------------------------------------------------------------------------------
# Map layer (computed at run time from the cache; never written to the repository)


def ukraine_outline(geo_path: Path | None = None) -> shapely.Geometry:
    """Outline of Ukraine as drawn on the map: the union of the simplified 27 units."""
    path = geo_path or paths.geo_dir() / UKRAINE_GEO_FILE
    display = display_path(path)
    try:
        collection = json.loads(decode_utf8(path))
        geometries = [shape(feature["geometry"]) for feature in collection["features"]]
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise DataError(display, f"is not a readable GeoJSON FeatureCollection ({error})") from None
    return shapely.make_valid(shapely.coverage_union_all(geometries))


def _as_lists(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_as_lists(item) for item in value]
    return value


def geometry_to_geojson(geometry: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON geometry dict with plain lists (JSON- and plotly-friendly)."""
    if geometry.geom_type == "GeometryCollection":
        parts = [geometry_to_geojson(part) for part in geometry.geoms]
        return {"type": "GeometryCollection", "geometries": parts}
    return {"type": geometry.geom_type, "coordinates": _as_lists(mapping(geometry)["coordinates"])}


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Only the polygon parts of ``geometry`` (lines and points dropped), made valid."""
    parts = shapely.get_parts(shapely.get_parts(geometry))
    parts = parts[shapely.get_type_id(parts) == 3]
    if len(parts) == 0:
        return shapely.MultiPolygon()
    merged = shapely.union_all(parts)
    if not merged.is_valid:
        merged = shapely.make_valid(merged, method="structure", keep_collapsed=False)
    return merged


def _round_coordinates(geometry: shapely.Geometry, decimals: int) -> shapely.Geometry:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
    rounded = shapely.remove_repeated_points(rounded)
    if not rounded.is_valid:
        rounded = shapely.make_valid(rounded, method="structure", keep_collapsed=False)
    return polygonal(rounded)


def load_control_layer(
    day: date | str,
    *,
    cache_dir: Path | None = None,
    geo_path: Path | None = None,
    tolerance: float = LAYER_TOLERANCE_DEGREES,
    decimals: int = LAYER_DECIMALS,
) -> dict[str, Any] | None:
    """Area under Russian control on ``day`` as a small GeoJSON FeatureCollection.

    Read from the cached snapshot, simplified by ``tolerance`` degrees, clipped to the
    simplified outline of Ukraine drawn on the map and rounded to ``decimals``. The result
    has one feature (id ``russian_control``) with ``snapshot_date``, ``source_id`` and
    ``attribution`` properties, or none when nothing lies inside Ukraine.

    Returns None when the cache holds no snapshot for ``day``; raises DataError when the
    cached file is broken.
    """
    wanted = parse_date(day).date() if isinstance(day, str) else day
    path = (cache_dir or paths.deepstate_cache_dir()) / snapshot_filename(wanted)
    if not path.is_file():
        return None
    control = read_snapshot(path)
    simplified = shapely.make_valid(shapely.simplify(control, tolerance, preserve_topology=True))
    clipped = polygonal(shapely.intersection(simplified, ukraine_outline(geo_path)))
    geometry = shapely.orient_polygons(_round_coordinates(clipped, decimals))
    features = []
    if not geometry.is_empty:
        features.append(
            {
                "type": "Feature",
                "id": LAYER_FEATURE_ID,
                "properties": {
                    "snapshot_date": wanted.isoformat(),
                    "source_id": SOURCE_ID,
                    "attribution": ATTRIBUTION,
                },
                "geometry": geometry_to_geojson(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def history_series(history: pd.DataFrame) -> pd.DataFrame:
    """One row per date, oldest first; a daily figure wins over a monthly one of that date."""
    return (
        history.sort_values(["date", "frequency"])
        .drop_duplicates("date", keep="first")
        .sort_values("date")
        .reset_index(drop=True)
    )
