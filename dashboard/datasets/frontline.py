"""The front line and Russia's advance, computed at run time from the cached control snapshots.

Two map layers, both derived in memory from the daily DeepStateMap snapshots in the git-ignored
cache (see :mod:`dashboard.datasets.control`) and never written into the repository:

- the **front line** of a date: the edge of the Russian-controlled area inside Ukraine, without
  the coasts and without Ukraine's border with Russia and Belarus (:func:`front_line`);
- the **advance** between two dates: the ground Russia gained, with its km² and the km² Ukraine
  took back (:func:`advance`).

Lengths, tolerances and areas are measured in the equal-area EPSG:3035 with the projection the
committed figures use (:func:`dashboard.build.areas.to_equal_area`), on the control area clipped
to Ukraine's outline, so the km² agree with ``data/derived/control_history.csv``. The run-time
outline is the committed, simplified one (:func:`~dashboard.datasets.control.ukraine_outline`):
the full-detail Natural Earth file is source material that a user's machine need not have. On
2025-12-17 the two outlines give 114,183 and 114,181 km² under Russian control.

Never imports streamlit; the app's cache layer wraps :func:`front_line_geojson` and
:func:`advance_geojson` per date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely

from dashboard.build.areas import to_equal_area
from dashboard.build.geo import AREA_CRS
from dashboard.datasets import paths
from dashboard.datasets.control import (
    ATTRIBUTION,
    LAYER_DECIMALS,
    LAYER_TOLERANCE_DEGREES,
    SOURCE_ID,
    geometry_to_geojson,
    polygonal,
    read_snapshot,
    snapshot_filename,
    ukraine_outline,
)
from dashboard.datasets.schema import parse_date

# The US 28-point draft became public on 20 Nov 2025 (leaked on the 19th, confirmed by several
# outlets on the 20th): event ``us_28_point_plan`` in data/events.csv, source
# ``intellinews_28point_20251120`` (bne IntelliNews, "US to present a 28-point ceasefire plan to
# Ukraine as a fait accompli", 20 Nov 2025). The map measures Russia's advance from that day.
DEFAULT_ADVANCE_SINCE = date(2025, 11, 20)

# Edges of the control area closer than this to Ukraine's outline are coast or border, not
# front. Once the border slivers below are filled, what is left near the outline is either the
# outline itself (where the control polygon was clipped) or the last stretch of a front running
# into the border, so a small value suffices. 1 km keeps DeepStateMap's shallow incursions along
# the Sumy and Kharkiv border (4.3 to 9.4 km deep on 2025-12-17) whole.
EDGE_TOLERANCE_KM = 1.0

# DeepStateMap follows the coast and the border loosely, so between its edge and Ukraine's outline
# lie thin strips of "not Russian-held" land that are no front: 158 such pieces on 2025-12-17
# (980 km² in all, the largest 94 km² along the Rostov border), and none of them reaches farther
# than 4.3 km from the outline (Donetsk–Rostov border; Luhansk–Russia 3.0 to 3.3 km; coasts
# under 2.6 km), on every snapshot from 2025-11-01 to 2026-01-31. A plain distance buffer cannot
# tell them from the real incursions of about the same depth, so a piece of not-Russian-held land
# that never gets SLIVER_DEPTH_KM away from the outline is counted as Russian-held for the
# drawing of the front (its edge is then the outline and drops out). The one other piece on those
# dates is a tiny hole near Pokrovsk, 71 km inland, dropped by MIN_FRAGMENT_KM below.
SLIVER_DEPTH_KM = 6.0

# Fragments shorter than this are artefacts (tiny holes and islands in the polygons, the stubs
# left where a front meets the border buffer).
MIN_FRAGMENT_KM = 2.0

# Gained or lost pieces that are small or thin are slivers: DeepStateMap redraws stretches of
# its edges, leaving strips tens of metres wide. Over the 90 consecutive-day pairs of snapshots
# in 2025-11-01 … 2026-01-31, 142 pieces are below 0.1 km² (1.4 km² in all, 0.1 % of the
# 1,214 km² that changed hands), nearly all under 100 m wide; 3 more (0.4 km²) are long strips
# under 50 m wide (mean width = 2 · area / perimeter); the other pieces are hundreds of metres
# wide, i.e. real moves. From 2025-11-20 to 2025-12-17 the rule removes 3 pieces (0.10 km²) of
# the 435.0 km² gained and nothing of the 27.1 km² lost.
MIN_PART_KM2 = 0.1
MIN_PART_WIDTH_M = 50.0

# Drawing: the front line is simplified like the control layer (about 500 m) and rounded to the
# same 4 decimals (~10 m); the advance is tonal, about 200 m suffices.
LINE_TOLERANCE_DEGREES = LAYER_TOLERANCE_DEGREES
ADVANCE_TOLERANCE_DEGREES = 0.002
DECIMALS = LAYER_DECIMALS
FRONT_FEATURE_ID = "front_line"
ADVANCE_FEATURE_ID = "russian_gains"

_TO_LONLAT = pyproj.Transformer.from_crs(AREA_CRS, "EPSG:4326", always_xy=True)


def to_lonlat(geometry: shapely.Geometry) -> shapely.Geometry:
    """Project an EPSG:3035 geometry back to lon/lat."""
    return shapely.transform(
        geometry, lambda xy: np.column_stack(_TO_LONLAT.transform(xy[:, 0], xy[:, 1]))
    )


def equal_area(geometry: shapely.Geometry) -> shapely.Geometry:
    """Project a lon/lat geometry to EPSG:3035, made valid (nearly touching edges may cross)."""
    projected = to_equal_area(geometry)
    if not projected.is_valid:
        projected = shapely.make_valid(projected, method="structure", keep_collapsed=False)
    return projected


def _lines(geometry: shapely.Geometry) -> shapely.Geometry:
    """The line parts of ``geometry``, merged where they meet, as a MultiLineString."""
    parts = shapely.get_parts(shapely.get_parts(geometry))
    parts = parts[np.isin(shapely.get_type_id(parts), (1, 2))]
    if len(parts) == 0:
        return shapely.MultiLineString()
    merged = shapely.line_merge(shapely.union_all(parts))
    merged = shapely.get_parts(merged)
    return shapely.MultiLineString(list(merged))


def front_line(
    control: shapely.Geometry,
    ukraine: shapely.Geometry,
    *,
    edge_tolerance_km: float = EDGE_TOLERANCE_KM,
    sliver_depth_km: float = SLIVER_DEPTH_KM,
    min_length_km: float = MIN_FRAGMENT_KM,
) -> shapely.Geometry:
    """The front line: the edge of the controlled area inside Ukraine, without coast and border.

    Parameters
    ----------
    control
        The Russian-controlled area (lon/lat), as :func:`~.control.read_snapshot` returns it.
    ukraine
        Ukraine's outline (lon/lat); its boundary is the land border and the coast.
    edge_tolerance_km
        Edges closer than this to Ukraine's outline are dropped (see :data:`EDGE_TOLERANCE_KM`).
    sliver_depth_km
        Pieces of land outside the control area that never get this far from the outline are
        border or coast slivers, not held ground (see :data:`SLIVER_DEPTH_KM`).
    min_length_km
        Shorter fragments are dropped.

    Returns
    -------
    shapely.MultiLineString
        In lon/lat, merged into continuous lines; empty when there is no front.
    """
    country = equal_area(ukraine)
    inside = polygonal(shapely.intersection(equal_area(control), country))
    if inside.is_empty:
        return shapely.MultiLineString()
    outline = country.boundary
    rest = shapely.get_parts(polygonal(shapely.difference(country, inside)))
    if len(rest):
        core = shapely.buffer(country, -sliver_depth_km * 1000)
        slivers = rest[~shapely.intersects(rest, core)]
        if len(slivers):
            inside = polygonal(shapely.union_all([inside, *slivers]))
    edges = shapely.difference(inside.boundary, shapely.buffer(outline, edge_tolerance_km * 1000))
    lines = shapely.get_parts(_lines(edges))
    lines = lines[shapely.length(lines) >= min_length_km * 1000]
    return to_lonlat(shapely.MultiLineString(list(lines)))


def length_km(geometry: shapely.Geometry) -> float:
    """Length of a lon/lat line in km, measured in EPSG:3035."""
    return float(shapely.length(to_equal_area(geometry)) / 1000)


@dataclass(frozen=True)
class Advance:
    """Ground that changed hands between two snapshots.

    ``gained`` is the ground Russia took (lon/lat, inside Ukraine, slivers dropped), ``gained_km2``
    its area and ``lost_km2`` the area Ukraine took back, both in EPSG:3035 to 0.1 km².
    """

    gained: shapely.Geometry
    gained_km2: float
    lost_km2: float
    since: date
    until: date

    @property
    def net_km2(self) -> float:
        """Gained minus lost."""
        return round(self.gained_km2 - self.lost_km2, 1)


def without_slivers(
    geometry: shapely.Geometry,
    *,
    min_part_km2: float = MIN_PART_KM2,
    min_width_m: float = MIN_PART_WIDTH_M,
) -> shapely.Geometry:
    """The polygon parts of an EPSG:3035 geometry that are not slivers (see :data:`MIN_PART_KM2`).

    A part is kept when its area is at least ``min_part_km2`` and its mean width
    (2 · area / perimeter) at least ``min_width_m``.
    """
    parts = shapely.get_parts(polygonal(geometry))
    area = shapely.area(parts)
    width = 2 * area / np.maximum(shapely.length(parts), 1e-9)
    kept = parts[(area >= min_part_km2 * 1e6) & (width >= min_width_m)]
    if len(kept) == 0:
        return shapely.MultiPolygon()
    return shapely.MultiPolygon(list(kept))


def advance(
    control_then: shapely.Geometry,
    control_now: shapely.Geometry,
    ukraine: shapely.Geometry,
    *,
    since: date,
    until: date,
    min_part_km2: float = MIN_PART_KM2,
    min_width_m: float = MIN_PART_WIDTH_M,
) -> Advance:
    """Ground Russia gained and lost between two control areas.

    Parameters
    ----------
    control_then, control_now
        The Russian-controlled area (lon/lat) on ``since`` and on ``until``.
    ukraine
        Ukraine's outline (lon/lat); both areas are clipped to it, like the control figures.
    since, until
        The dates of the two areas, carried into the result.
    min_part_km2, min_width_m
        Gained or lost pieces smaller or thinner than this are dropped (see
        :func:`without_slivers`).
    """
    country = equal_area(ukraine)
    then = polygonal(shapely.intersection(equal_area(control_then), country))
    now = polygonal(shapely.intersection(equal_area(control_now), country))
    sliver = {"min_part_km2": min_part_km2, "min_width_m": min_width_m}
    gained = without_slivers(shapely.difference(now, then), **sliver)
    lost = without_slivers(shapely.difference(then, now), **sliver)
    return Advance(
        gained=to_lonlat(gained),
        gained_km2=round(float(gained.area) / 1e6, 1),
        lost_km2=round(float(lost.area) / 1e6, 1),
        since=since,
        until=until,
    )


# ---------------------------------------------------------------------------------------
# GeoJSON layers from the cache (never written to the repository)


def _as_date(day: date | str) -> date:
    return parse_date(day).date() if isinstance(day, str) else day


def cached_control(day: date, cache_dir: Path | None) -> shapely.Geometry | None:
    """The control area of ``day`` from the snapshot cache (lon/lat), or None when not cached."""
    path = (cache_dir or paths.deepstate_cache_dir()) / snapshot_filename(day)
    return read_snapshot(path) if path.is_file() else None


@lru_cache(maxsize=4)
def _outline(geo_path: Path | None) -> shapely.Geometry:
    return ukraine_outline(geo_path)


def _round(geometry: shapely.Geometry, decimals: int) -> shapely.Geometry:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
    return shapely.remove_repeated_points(rounded)


def _properties(**values: Any) -> dict[str, Any]:
    return {**values, "source_id": SOURCE_ID, "attribution": ATTRIBUTION}


def front_line_geojson(
    day: date | str,
    *,
    cache_dir: Path | None = None,
    geo_path: Path | None = None,
    tolerance: float = LINE_TOLERANCE_DEGREES,
    decimals: int = DECIMALS,
) -> dict[str, Any] | None:
    """The front line on ``day`` as a small GeoJSON FeatureCollection for drawing.

    Computed by :func:`front_line` from the cached snapshot at full detail, then simplified by
    ``tolerance`` degrees and rounded to ``decimals``. The one feature (id ``front_line``) has a
    MultiLineString and the properties ``snapshot_date``, ``length_km``, ``source_id`` and
    ``attribution``; there is no feature when there is no front.

    Returns None when the cache holds no snapshot for ``day``; raises DataError when the
    cached file is broken.
    """
    wanted = _as_date(day)
    control = cached_control(wanted, cache_dir)
    if control is None:
        return None
    line = front_line(control, _outline(geo_path))
    features = []
    if not line.is_empty:
        drawn = _round(shapely.simplify(line, tolerance), decimals)
        parts = shapely.get_parts(drawn)
        drawn = shapely.MultiLineString(list(parts[shapely.length(parts) > 0]))
        properties = _properties(snapshot_date=wanted.isoformat(), length_km=round(length_km(line)))
        features.append(
            {
                "type": "Feature",
                "id": FRONT_FEATURE_ID,
                "properties": properties,
                "geometry": geometry_to_geojson(drawn),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def advance_geojson(
    since: date | str,
    until: date | str,
    *,
    cache_dir: Path | None = None,
    geo_path: Path | None = None,
    tolerance: float = ADVANCE_TOLERANCE_DEGREES,
    decimals: int = DECIMALS,
) -> tuple[dict[str, Any] | None, Advance | None]:
    """Russia's gains from ``since`` to ``until`` for drawing, with their figures.

    Parameters
    ----------
    since, until
        Snapshot dates (``date`` or ``"YYYY-MM-DD"``); ``since`` must not be after ``until``.
    cache_dir, geo_path
        The snapshot cache and the Ukraine layer (defaults: the project's).
    tolerance, decimals
        Simplification (degrees) and rounding of the drawn polygons.

    Returns
    -------
    tuple
        ``(collection, advance)``: a FeatureCollection whose one feature (id ``russian_gains``)
        carries ``since``, ``until``, ``gained_km2``, ``lost_km2``, ``source_id`` and
        ``attribution`` (no feature when nothing was gained), and the :class:`Advance` measured
        at full detail; ``(None, None)`` when either snapshot is not cached.
    """
    first, last = _as_date(since), _as_date(until)
    if first > last:
        raise ValueError(f"since ({first}) is after until ({last})")
    then = cached_control(first, cache_dir)
    now = cached_control(last, cache_dir) if then is not None else None
    if then is None or now is None:
        return None, None
    result = advance(then, now, _outline(geo_path), since=first, until=last)
    drawn = shapely.simplify(result.gained, tolerance, preserve_topology=True)
    drawn = _round(shapely.make_valid(drawn), decimals)
    if not drawn.is_valid:
        drawn = shapely.make_valid(drawn, method="structure", keep_collapsed=False)
    drawn = shapely.orient_polygons(polygonal(drawn))
    features = []
    if not drawn.is_empty:
        properties = _properties(
            since=first.isoformat(),
            until=last.isoformat(),
            gained_km2=result.gained_km2,
            lost_km2=result.lost_km2,
        )
        features.append(
            {
                "type": "Feature",
                "id": ADVANCE_FEATURE_ID,
                "properties": properties,
                "geometry": geometry_to_geojson(drawn),
            }
        )
    return {"type": "FeatureCollection", "features": features}, result
