"""The part of Donetsk and Luhansk oblasts Ukraine still holds, drawn at run time.

Russia demands that Ukraine withdraw from "the remainder of the Donbas". Its shape is the
two oblasts (``data/geo`` units) minus the area under Russian control on a date (the cached
DeepStateMap snapshot, as simplified by :func:`dashboard.datasets.control.load_control_layer`).
Like that layer, it is computed in memory and never written into the repository. Its area
is *not* measured from this simplified shape: the page shows the committed figure from
``data/derived/control_by_region.csv`` (:func:`dashboard.datasets.control.donbas_remaining_km2`).

Never imports streamlit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from dashboard.datasets.control import (
    ATTRIBUTION,
    DONETSK,
    LUHANSK,
    SOURCE_ID,
    geometry_to_geojson,
    polygonal,
)

DONBAS_REGION_IDS = (DONETSK, LUHANSK)
FEATURE_ID = "donbas_held_by_ukraine"
#: Slivers thinner than this (degrees, ~200 m) along the front line are dropped.
SLIVER_DEGREES = 0.002
TOLERANCE_DEGREES = 0.005
DECIMALS = 3


def donbas_outline(units: dict[str, Any]) -> shapely.Geometry:
    """Union of the Donetsk and Luhansk units of a Ukraine FeatureCollection."""
    parts = [
        shape(feature["geometry"])
        for feature in units["features"]
        if feature["properties"].get("region_id") in DONBAS_REGION_IDS
    ]
    if len(parts) != len(DONBAS_REGION_IDS):
        raise ValueError("the units layer lacks Donetsk (UA-14) or Luhansk (UA-09)")
    return shapely.make_valid(shapely.union_all(parts))


def donbas_held_layer(
    units: dict[str, Any], control: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The Ukrainian-held rest of the Donbas as a one-feature FeatureCollection.

    Parameters
    ----------
    units
        Ukraine's first-level units (features with a ``region_id`` property).
    control
        The control layer of one date (:func:`~dashboard.datasets.control.load_control_layer`),
        or None when the date's snapshot is not cached.

    Returns
    -------
    dict or None
        None without a control layer (the remainder cannot be drawn); otherwise a collection
        whose one feature (id ``donbas_held_by_ukraine``) carries ``snapshot_date``,
        ``source_id`` and ``attribution``, or no feature when Russia holds all of it.
    """
    if control is None:
        return None
    outline = donbas_outline(units)
    controlled = [shape(feature["geometry"]) for feature in control["features"]]
    held = outline.difference(shapely.union_all(controlled)) if controlled else outline
    # Open then close by a hair: removes slivers where the two simplified edges disagree.
    held = held.buffer(-SLIVER_DEGREES).buffer(SLIVER_DEGREES)
    held = shapely.simplify(polygonal(held), TOLERANCE_DEGREES, preserve_topology=True)
    held = shapely.transform(held, lambda xy: np.round(xy, DECIMALS))
    held = polygonal(shapely.make_valid(held))
    features = []
    if not held.is_empty:
        day = control["features"][0]["properties"]["snapshot_date"] if controlled else None
        features.append(
            {
                "type": "Feature",
                "id": FEATURE_ID,
                "properties": {
                    "snapshot_date": day,
                    "source_id": SOURCE_ID,
                    "attribution": ATTRIBUTION,
                },
                "geometry": geometry_to_geojson(shapely.orient_polygons(held)),
            }
        )
    return {"type": "FeatureCollection", "features": features}
