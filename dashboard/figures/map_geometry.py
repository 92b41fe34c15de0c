"""The map's fixed layers made light enough to draw: simplified, rounded, clipped. Pure.

Every trace embeds its GeoJSON, so the map figure must stay small (under 300 KB as JSON):
shared borders stay shared, coordinates are rounded to about 100 m and the neighbours are
clipped to the map's box.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape

# --- Geometry budgets (the whole figure must stay under 300 KB as JSON) -----------------
#: Degrees. About 1 km for Ukraine's units (a pixel is ~3 km at the default zoom).
UNIT_TOLERANCE = 0.01
BORDER_TOLERANCE = 0.02
#: The clickable copy of the units only shows a selected unit's thick outline: coarser.
SELECTABLE_TOLERANCE = 0.03
SELECTABLE_DECIMALS = 2
CONTEXT_TOLERANCE = 0.04
#: Decimal places kept in coordinates (~100 m).
DECIMALS = 3

#: lon_min, lat_min, lon_max, lat_max: the context layers are clipped to this box.
VIEW_BOX = (17.0, 40.5, 46.5, 56.5)


# --------------------------------------------------------------------------- geometry


def _round(geometry: shapely.Geometry, decimals: int) -> shapely.Geometry:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
    rounded = shapely.remove_repeated_points(rounded)
    if not rounded.is_valid:
        rounded = shapely.make_valid(rounded, method="structure", keep_collapsed=False)
    return rounded


def _polygons_only(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(shapely.get_parts(geometry))
    parts = [part for part in parts if part.geom_type == "Polygon" and not part.is_empty]
    if not parts:
        return shapely.MultiPolygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def geometry_dict(geometry: shapely.Geometry) -> dict[str, Any]:
    """A (Multi)Polygon as a GeoJSON geometry with plain lists."""
    return {"type": geometry.geom_type, "coordinates": _plain(mapping(geometry)["coordinates"])}


def compact_layer(
    collection: dict[str, Any],
    *,
    id_property: str,
    properties: Sequence[str] = (),
    tolerance: float = UNIT_TOLERANCE,
    decimals: int = DECIMALS,
    coverage: bool = False,
    clip: tuple[float, float, float, float] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, Any]:
    """A lighter copy of a FeatureCollection for drawing.

    Parameters
    ----------
    collection
        GeoJSON FeatureCollection of (Multi)Polygons.
    id_property
        Property holding each feature's id; it becomes the feature's ``id``.
    properties
        Properties to keep (all others are dropped).
    tolerance
        Simplification tolerance in degrees.
    decimals
        Decimal places kept in coordinates.
    coverage
        Simplify as a coverage so neighbours keep identical shared edges.
    clip
        Optional ``(lon_min, lat_min, lon_max, lat_max)`` box to cut the features to.
    exclude
        Ids of features to leave out.
    """
    skip = set(exclude)
    kept = [
        feature
        for feature in collection["features"]
        if feature["properties"][id_property] not in skip
    ]
    geometries = np.asarray([shape(feature["geometry"]) for feature in kept], dtype=object)
    if clip is not None:
        geometries = shapely.intersection(geometries, shapely.box(*clip))
    if coverage:
        geometries = shapely.coverage_simplify(geometries, tolerance)
    else:
        geometries = shapely.simplify(geometries, tolerance, preserve_topology=True)
    features = []
    for feature, geometry in zip(kept, geometries, strict=True):
        geometry = _polygons_only(_round(geometry, decimals))
        if geometry.is_empty:
            continue
        source = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "id": source[id_property],
                # a property the file lacks is kept empty (names then fall back to the id)
                "properties": {name: source.get(name) for name in (id_property, *properties)},
                "geometry": geometry_dict(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def base_layers(
    units: dict[str, Any], border_regions: dict[str, Any], context: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The three fixed layers of the map, compacted to the figure's size budget.

    Ukraine's units keep their names (for the detail panel); Ukraine itself is dropped from
    the context countries (its units are drawn instead) and the rest is cut to the view.
    """
    return {
        "units": compact_layer(
            units,
            id_property="region_id",
            properties=("name_en", "name_uk", "type_en"),
            tolerance=UNIT_TOLERANCE,
            coverage=True,
        ),
        "border_regions": compact_layer(
            border_regions,
            id_property="region_id",
            tolerance=BORDER_TOLERANCE,
            coverage=True,
        ),
        "context": compact_layer(
            context,
            id_property="country_id",
            tolerance=CONTEXT_TOLERANCE,
            clip=VIEW_BOX,
            exclude=("UKR",),
        ),
        "selectable": compact_layer(
            units,
            id_property="region_id",
            tolerance=SELECTABLE_TOLERANCE,
            decimals=SELECTABLE_DECIMALS,
            coverage=True,
        ),
    }


def feature_ids(collection: dict[str, Any] | None) -> list[str]:
    """The ``id`` of every feature (empty for None)."""
    if not collection:
        return []
    return [str(feature["id"]) for feature in collection["features"]]


def subset(collection: dict[str, Any], ids: Iterable[str]) -> dict[str, Any]:
    """The features of ``collection`` whose ``id`` is in ``ids``, in the collection's order."""
    wanted = set(ids)
    return {
        "type": "FeatureCollection",
        "features": [feature for feature in collection["features"] if feature["id"] in wanted],
    }
