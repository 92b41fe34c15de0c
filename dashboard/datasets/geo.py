"""The generated Natural Earth layers under ``data/geo/`` as GeoJSON and GeoDataFrames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from dashboard.datasets import paths
from dashboard.datasets.schema import DataError, decode_utf8, display_path, read_table
from dashboard.datasets.spelling import respell
from dashboard.datasets.tables import SPELLING

UKRAINE_FILE = "ukraine_admin1.geojson"
RUSSIA_BORDER_FILE = "russia_border_regions.geojson"
CONTEXT_FILE = "context_countries.geojson"
UKRAINE_UNIT_COUNT = 27


def load_geojson(path: Path, id_property: str) -> dict[str, Any]:
    """Read a FeatureCollection whose features all carry ``id_property`` and a polygon."""
    display = display_path(path)
    try:
        collection = json.loads(decode_utf8(path))
    except json.JSONDecodeError as error:
        raise DataError(
            display, f"is not valid JSON ({error.msg} at line {error.lineno})", row=error.lineno
        ) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise DataError(display, "is not a GeoJSON FeatureCollection with features")
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        if not properties.get(id_property):
            raise DataError(display, "feature has no id", row=number, column=id_property)
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise DataError(
                display, "feature has no polygon geometry", row=number, column="geometry"
            )
    return collection


def ukraine_units_geojson(geo_dir: Path | None = None) -> dict[str, Any]:
    """Ukraine's 27 first-level units (Crimea and Sevastopol as Ukraine).

    English names follow the spelling policy (``spelling.csv`` beside the ``geo`` folder):
    Natural Earth's "Odessa" is shown as "Odesa".
    """
    folder = geo_dir or paths.geo_dir()
    path = folder / UKRAINE_FILE
    collection = load_geojson(path, "region_id")
    count = len(collection["features"])
    if count != UKRAINE_UNIT_COUNT:
        raise DataError(display_path(path), f"has {count} units; Ukraine has {UKRAINE_UNIT_COUNT}")
    policy = folder.parent / SPELLING.file_name
    if policy.is_file():
        spelling = read_table(policy, SPELLING)
        for feature in collection["features"]:
            properties = feature["properties"]
            if properties.get("name_en"):
                properties["name_en"] = respell(properties["name_en"], spelling)
    return collection


def russia_border_geojson(geo_dir: Path | None = None) -> dict[str, Any]:
    """Russian regions bordering the war zone (Krasnodar Krai, Rostov, Belgorod, …)."""
    return load_geojson((geo_dir or paths.geo_dir()) / RUSSIA_BORDER_FILE, "region_id")


def context_countries_geojson(geo_dir: Path | None = None) -> dict[str, Any]:
    """Neighbouring countries drawn for context."""
    return load_geojson((geo_dir or paths.geo_dir()) / CONTEXT_FILE, "country_id")


def to_frame(collection: dict[str, Any]) -> gpd.GeoDataFrame:
    """Turn a FeatureCollection into a GeoDataFrame in EPSG:4326."""
    return gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")


def region_shapes(geo_dir: Path | None = None) -> dict[str, shapely.Geometry]:
    """Map every first-level unit with geometry (Ukraine and Russian border) to its shape."""
    shapes: dict[str, shapely.Geometry] = {}
    for collection in (ukraine_units_geojson(geo_dir), russia_border_geojson(geo_dir)):
        for feature in collection["features"]:
            region_id = feature["properties"]["region_id"]
            shapes[region_id] = shapely.geometry.shape(feature["geometry"])
    return shapes
