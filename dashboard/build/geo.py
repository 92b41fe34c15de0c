"""Build the simplified Natural Earth layers under ``data/geo/``.

Shared borders stay shared: each layer is simplified as a coverage
(:func:`shapely.coverage_simplify`) before coordinates are rounded, so neighbouring units
keep identical edges and the map shows no slivers or gaps. Areas are computed from the
full-detail geometry in the equal-area EPSG:3035. Output is deterministic: features sorted
by id, fixed rounding, fixed JSON formatting; rebuilding gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.build.atomic import write_text_atomically
from dashboard.datasets import paths
from dashboard.datasets.control import geometry_to_geojson

UKRAINE_SOURCE = "ukraine_admin1.geojson"
RUSSIA_SOURCE = "russia_border_regions_admin1.geojson"
COUNTRIES_SOURCE = "countries_context_admin0.geojson"

UKRAINE_OUT = "ukraine_admin1.geojson"
RUSSIA_OUT = "russia_border_regions.geojson"
CONTEXT_OUT = "context_countries.geojson"

UKRAINE_PREFIX = "UA-"
UKRAINE_UNIT_COUNT = 27
AREA_CRS = "EPSG:3035"
# About 600 m: keeps the Ukraine layer (~180 KB) under its 200 KB budget.
ADMIN1_TOLERANCE = 0.006
# Context countries are background only: about 5 km.
CONTEXT_TOLERANCE = 0.05
# lon_min, lat_min, lon_max, lat_max: Europe around Ukraine (drops the USA).
CONTEXT_BBOX = (-12.0, 34.0, 50.0, 62.0)
DECIMALS = 4

# Natural Earth gaps and Russian designations, corrected for a map that follows
# Ukraine's internationally recognised administrative division.
TYPE_EN_OVERRIDES = {
    "UA-30": "City with special status",  # NE: "Municipality"
    "UA-40": "City with special status",  # NE: "Federal City" (Russia's designation)
    "UA-65": "Region",  # NE: empty
}

ADMIN1_PROPERTIES = ("region_id", "name_en", "name_uk", "type_en", "area_km2")
COUNTRY_PROPERTIES = ("country_id", "name_en")


def read_admin1(path: Path, prefix: str) -> gpd.GeoDataFrame:
    """Read first-level units whose ``iso_3166_2`` starts with ``prefix``, in EPSG:4326.

    Ukraine is selected by ISO 3166-2 code, never by ``adm0_a3``: Natural Earth files
    Crimea and Sevastopol under Russia.
    """
    frame = gpd.read_file(path)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame[frame["iso_3166_2"].str.startswith(prefix)].copy()
    frame["region_id"] = frame["iso_3166_2"]
    if frame["region_id"].duplicated().any():
        raise ValueError(f"{path}: repeated iso_3166_2 codes")
    return frame.sort_values("region_id", ignore_index=True)


def read_ukraine_units(source_dir: Path) -> gpd.GeoDataFrame:
    """Ukraine's 27 units (24 oblasts, Kyiv city, Sevastopol, Crimea) at full detail."""
    frame = read_admin1(source_dir / UKRAINE_SOURCE, UKRAINE_PREFIX)
    if len(frame) != UKRAINE_UNIT_COUNT:
        raise ValueError(
            f"{source_dir / UKRAINE_SOURCE}: found {len(frame)} UA- units, "
            f"expected {UKRAINE_UNIT_COUNT}"
        )
    for region_id, type_en in TYPE_EN_OVERRIDES.items():
        frame.loc[frame["region_id"] == region_id, "type_en"] = type_en
    return frame


def read_russia_regions(source_dir: Path) -> gpd.GeoDataFrame:
    """The Russian regions bordering Ukraine and the Sea of Azov, at full detail."""
    return read_admin1(source_dir / RUSSIA_SOURCE, "RU-")


def read_context_countries(source_dir: Path) -> gpd.GeoDataFrame:
    """Natural Earth admin-0 countries with ``country_id`` and ``name_en``."""
    frame = gpd.read_file(source_dir / COUNTRIES_SOURCE)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame.rename(columns={"ADM0_A3": "country_id", "NAME_EN": "name_en"})
    return frame.sort_values("country_id", ignore_index=True)


def area_km2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Area of each geometry in km² (EPSG:3035), rounded to 0.1."""
    return (frame.geometry.to_crs(AREA_CRS).area / 1e6).round(1)


def simplify_coverage(geometries: Iterable[shapely.Geometry], tolerance: float) -> np.ndarray:
    """Simplify polygons as one coverage, then round coordinates to :data:`DECIMALS`.

    Rounding acts on every vertex alike, so edges that were identical stay identical.
    Rings are oriented counter-clockwise (RFC 7946).
    """
    array = np.asarray(list(geometries), dtype=object)
    if not shapely.coverage_is_valid(array):
        raise ValueError("input polygons do not form a valid coverage (overlaps or gaps)")
    simplified = shapely.coverage_simplify(array, tolerance)
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, DECIMALS))
    rounded = shapely.remove_repeated_points(rounded)
    invalid = ~shapely.is_valid(rounded)
    if invalid.any():
        rounded[invalid] = shapely.make_valid(
            rounded[invalid], method="structure", keep_collapsed=False
        )
    return shapely.orient_polygons(rounded)


def feature_collection(
    frame: gpd.GeoDataFrame, id_column: str, columns: Iterable[str]
) -> dict[str, Any]:
    """A FeatureCollection sorted by ``id_column``; each feature's ``id`` is that column."""
    columns = list(columns)
    features = []
    for record in frame.sort_values(id_column).itertuples(index=False):
        values = record._asdict()
        properties = {}
        for column in columns:
            value = values[column]
            if isinstance(value, np.generic):
                value = value.item()
            properties[column] = value
        features.append(
            {
                "type": "Feature",
                "id": values[id_column],
                "properties": properties,
                "geometry": geometry_to_geojson(values["geometry"]),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(collection: dict[str, Any], path: Path) -> Path:
    """Write ``collection`` compactly (one feature per line), atomically."""
    lines = ['{"type":"FeatureCollection","features":[']
    features = collection["features"]
    for number, feature in enumerate(features):
        text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        lines.append(text + ("," if number < len(features) - 1 else ""))
    lines.append("]}")
    return write_text_atomically(path, "\n".join(lines) + "\n")


def build_admin1(source_dir: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Simplified Ukraine units and Russian border regions, simplified together.

    One coverage keeps the Ukraine–Russia border shared between the two layers.
    """
    ukraine = read_ukraine_units(source_dir)
    russia = read_russia_regions(source_dir)
    ukraine["area_km2"] = area_km2(ukraine)
    russia["area_km2"] = area_km2(russia)
    both = pd.concat([ukraine, russia], ignore_index=True)
    simplified = simplify_coverage(both.geometry.values, ADMIN1_TOLERANCE)
    ukraine = ukraine.set_geometry(simplified[: len(ukraine)], crs="EPSG:4326")
    russia = russia.set_geometry(simplified[len(ukraine) :], crs="EPSG:4326")
    return ukraine, russia


def build_context(source_dir: Path) -> gpd.GeoDataFrame:
    """Context countries clipped to :data:`CONTEXT_BBOX` and simplified harder."""
    countries = read_context_countries(source_dir)
    clipped = shapely.clip_by_rect(countries.geometry.values, *CONTEXT_BBOX)
    keep = ~shapely.is_empty(clipped)
    countries = countries[keep].reset_index(drop=True)
    simplified = simplify_coverage(clipped[keep], CONTEXT_TOLERANCE)
    countries = countries.set_geometry(simplified, crs="EPSG:4326")
    return countries[~countries.geometry.is_empty].reset_index(drop=True)


def build_geo(source_dir: Path | None = None, out_dir: Path | None = None) -> dict[str, Path]:
    """Write the three simplified layers; return their paths by file name.

    Parameters
    ----------
    source_dir
        Folder with the full-detail Natural Earth extracts
        (default: :func:`paths.natural_earth_dir`).
    out_dir
        Output folder (default: :func:`paths.geo_dir`).
    """
    source_dir = source_dir or paths.natural_earth_dir()
    out_dir = out_dir or paths.geo_dir()
    ukraine, russia = build_admin1(source_dir)
    context = build_context(source_dir)
    written = {
        UKRAINE_OUT: feature_collection(ukraine, "region_id", ADMIN1_PROPERTIES),
        RUSSIA_OUT: feature_collection(russia, "region_id", ADMIN1_PROPERTIES),
        CONTEXT_OUT: feature_collection(context, "country_id", COUNTRY_PROPERTIES),
    }
    return {name: write_geojson(collection, out_dir / name) for name, collection in written.items()}
