"""Front line and Russia's advance: synthetic shapes with known answers, then the real cache."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
import shapely
from shapely.geometry import box, shape

from dashboard.datasets import frontline as fl
from dashboard.datasets import paths
from dashboard.datasets.control import (
    load_control_history,
    read_snapshot,
    snapshot_filename,
    ukraine_outline,
)

KM = 1000.0
# Somewhere in eastern Ukraine in EPSG:3035 metres; the synthetic shapes are drawn in km from here.
X0, Y0 = 6_200_000.0, 2_800_000.0


def lonlat_box(x1: float, y1: float, x2: float, y2: float) -> shapely.Geometry:
    """A rectangle given in km from (X0, Y0) in EPSG:3035, returned in lon/lat."""
    square = box(X0 + x1 * KM, Y0 + y1 * KM, X0 + x2 * KM, Y0 + y2 * KM)
    return fl.to_lonlat(shapely.segmentize(square, 1 * KM))


def projected(geometry: shapely.Geometry) -> shapely.Geometry:
    return fl.to_equal_area(geometry)


def km_from(geometry: shapely.Geometry, x: float | None = None, y: float | None = None) -> float:
    """Smallest distance (km) of a lon/lat geometry from the line x = … or y = … (in km)."""
    coords = shapely.get_coordinates(projected(geometry))
    if x is not None:
        return float(abs(coords[:, 0] - (X0 + x * KM)).min() / KM)
    return float(abs(coords[:, 1] - (Y0 + y * KM)).min() / KM)


# A 200 km square "Ukraine"; its east edge is the border with Russia, its south edge the coast.
UKRAINE = lonlat_box(0, 0, 200, 200)


# ---------------------------------------------------------------------------------------
# Front line on synthetic shapes


def test_border_edge_is_not_front():
    # Russia holds a 200 km deep strip along the east border and beyond (clipped away).
    control = lonlat_box(120, 0, 260, 200)
    line = fl.front_line(control, UKRAINE)
    assert line.geom_type == "MultiLineString"
    assert len(line.geoms) == 1
    # Only the inner edge x = 120 km remains, less the tolerance where it meets the north and
    # south edges of the square.
    coords = shapely.get_coordinates(projected(line))
    assert abs(coords[:, 0] - (X0 + 120 * KM)).max() < 1.0
    assert fl.length_km(line) == pytest.approx(200 - 2 * fl.EDGE_TOLERANCE_KM, abs=0.5)
    assert km_from(line, x=200) == pytest.approx(80, abs=0.1)


def test_pocket_at_the_border_keeps_its_three_inner_edges():
    # An incursion 30 km deep and 100 km wide from the east border: west, north and south edges.
    line = fl.front_line(lonlat_box(170, 50, 230, 150), UKRAINE)
    assert fl.length_km(line) == pytest.approx(30 + 100 + 30 - 2 * fl.EDGE_TOLERANCE_KM, abs=0.5)
    assert km_from(line, x=200) == pytest.approx(fl.EDGE_TOLERANCE_KM, abs=0.01)


def test_coast_is_not_front():
    # Russia holds the south-west corner; its polygon overruns the coast (y = 0) into the sea,
    # except along 40 km where it stops 3 km short of the coast (DeepStateMap's loose coastline):
    # the 3 km strip left between it and the coast is a sliver, not a front.
    control = shapely.difference(lonlat_box(-20, -20, 100, 60), lonlat_box(30, -30, 70, 3))
    control = shapely.union(control, lonlat_box(30, 3, 70, 60))
    line = fl.front_line(control, UKRAINE)
    coords = shapely.get_coordinates(projected(line))
    near_coast = coords[coords[:, 1] < Y0 + 10 * KM]
    assert len(near_coast) > 0
    assert abs(near_coast[:, 0] - (X0 + 100 * KM)).max() < 1.0  # only the edge running inland
    assert km_from(line, y=0) == pytest.approx(fl.EDGE_TOLERANCE_KM, abs=0.01)
    # Without the sliver rule, the strip's 40 km inner edge would be drawn as a front.
    unfilled = fl.front_line(control, UKRAINE, sliver_depth_km=0)
    assert fl.length_km(unfilled) - fl.length_km(line) == pytest.approx(40 + 2 * 2, abs=0.5)
    # The front: the edge x = 100 from the coast up to y = 60, then y = 60 back to the west
    # border, less the tolerance at either end.
    assert fl.length_km(line) == pytest.approx(60 + 100 - 2 * fl.EDGE_TOLERANCE_KM, abs=0.5)


def test_strip_deeper_than_the_sliver_depth_is_front():
    # Ukraine still holds a 10 km strip along the coast: the edge facing it is a front.
    control = lonlat_box(30, 10, 70, 60)
    line = fl.front_line(control, UKRAINE)
    assert fl.length_km(line) == pytest.approx(2 * 50 + 2 * 40, abs=0.5)


def test_tiny_fragments_are_dropped():
    # A 300 m square island: 1.2 km of edge, below the 2 km minimum.
    island = lonlat_box(100, 100, 100.3, 100.3)
    assert fl.front_line(island, UKRAINE).is_empty
    assert not fl.front_line(island, UKRAINE, min_length_km=1).is_empty


def test_no_control_inside_ukraine_gives_an_empty_line():
    assert fl.front_line(lonlat_box(250, 0, 300, 50), UKRAINE).is_empty
    assert fl.front_line(shapely.MultiPolygon(), UKRAINE).is_empty


def test_front_line_is_returned_in_lon_lat():
    lon, lat = shapely.get_coordinates(fl.front_line(lonlat_box(120, 0, 260, 200), UKRAINE))[0]
    assert 20 < lon < 45 and 40 < lat < 55


# ---------------------------------------------------------------------------------------
# Advance on synthetic shapes

SINCE, UNTIL = date(2025, 11, 20), date(2025, 12, 17)
THEN = lonlat_box(120, 0, 260, 200)


def test_known_gain():
    # Russia pushes a 10 km × 20 km wedge west; what it takes beyond the border does not count.
    now = shapely.union_all([THEN, lonlat_box(110, 50, 120, 70), lonlat_box(260, 0, 300, 200)])
    result = fl.advance(THEN, now, UKRAINE, since=SINCE, until=UNTIL)
    assert result.gained_km2 == pytest.approx(200, rel=0.001)
    assert result.lost_km2 == 0
    assert result.net_km2 == pytest.approx(200, rel=0.001)
    assert (result.since, result.until) == (SINCE, UNTIL)
    assert shapely.area(projected(result.gained)) / 1e6 == pytest.approx(200, rel=0.001)
    with pytest.raises(AttributeError):
        result.gained_km2 = 0  # frozen


def test_known_loss():
    now = shapely.difference(THEN, lonlat_box(120, 100, 125, 120))
    result = fl.advance(THEN, now, UKRAINE, since=SINCE, until=UNTIL)
    assert result.gained_km2 == 0
    assert result.gained.is_empty
    assert result.lost_km2 == pytest.approx(100, rel=0.001)


def test_slivers_are_ignored():
    # A redrawn edge: a 20 m wide strip 200 km long (4 km², but thin), and a small 200 m × 200 m
    # square (0.04 km²); both are noise, the 2 km × 2 km square is not.
    now = shapely.union_all(
        [
            THEN,
            lonlat_box(119.98, 0, 120, 200),
            lonlat_box(100, 10, 100.2, 10.2),
            lonlat_box(100, 30, 102, 32),
        ]
    )
    result = fl.advance(THEN, now, UKRAINE, since=SINCE, until=UNTIL)
    assert result.gained_km2 == pytest.approx(4, abs=0.05)
    assert len(shapely.get_parts(result.gained)) == 1


def test_unchanged_control_gains_nothing():
    result = fl.advance(THEN, THEN, UKRAINE, since=SINCE, until=SINCE)
    assert (result.gained_km2, result.lost_km2) == (0, 0)
    assert result.gained.is_empty


def test_default_since_is_the_day_the_28_point_draft_became_public():
    events = pd.read_csv(paths.data_dir() / "events.csv", dtype=str)
    row = events[events["event_id"] == "us_28_point_plan"].iloc[0]
    assert row["date"] == fl.DEFAULT_ADVANCE_SINCE.isoformat()
    assert row["source_id"] == "intellinews_28point_20251120"


# ---------------------------------------------------------------------------------------
# GeoJSON from a cache


def write_snapshot(folder, day: date, geometry: shapely.Geometry) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(geometry)}
        ],
    }
    (folder / snapshot_filename(day)).write_text(json.dumps(collection), encoding="utf-8")


@pytest.fixture
def small_cache(tmp_path):
    """A cache with two synthetic snapshots, and a Ukraine layer of one unit (the square)."""
    folder = tmp_path / "daily"
    write_snapshot(folder, SINCE, THEN)
    write_snapshot(folder, UNTIL, shapely.union(THEN, lonlat_box(110, 50, 120, 70)))
    geo_path = tmp_path / "ukraine.geojson"
    units = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(UKRAINE)}
        ],
    }
    geo_path.write_text(json.dumps(units), encoding="utf-8")
    return folder, geo_path


def test_missing_snapshots_give_none(small_cache):
    folder, geo_path = small_cache
    missing = date(2025, 12, 1)
    assert fl.front_line_geojson(missing, cache_dir=folder, geo_path=geo_path) is None
    assert fl.advance_geojson(missing, UNTIL, cache_dir=folder, geo_path=geo_path) == (None, None)
    assert fl.advance_geojson(SINCE, date(2026, 1, 1), cache_dir=folder, geo_path=geo_path) == (
        None,
        None,
    )


def test_geojson_from_the_cache(small_cache):
    folder, geo_path = small_cache
    front = fl.front_line_geojson("2025-12-17", cache_dir=folder, geo_path=geo_path)
    (feature,) = front["features"]
    assert feature["id"] == "front_line"
    assert feature["geometry"]["type"] == "MultiLineString"
    assert feature["properties"] == {
        "snapshot_date": "2025-12-17",
        "length_km": 218,
        "source_id": "deepstatemap",
        "attribution": "DeepStateMap.Live",
    }
    collection, result = fl.advance_geojson(SINCE, UNTIL, cache_dir=folder, geo_path=geo_path)
    (feature,) = collection["features"]
    assert feature["id"] == "russian_gains"
    assert feature["properties"]["gained_km2"] == result.gained_km2 == pytest.approx(200, rel=0.001)
    assert feature["properties"]["since"] == "2025-11-20"
    drawn = shape(feature["geometry"])
    assert drawn.is_valid
    assert shapely.area(projected(drawn)) / 1e6 == pytest.approx(200, rel=0.02)
    json.dumps(collection, allow_nan=False)


def test_no_gain_gives_an_empty_collection(small_cache):
    folder, geo_path = small_cache
    collection, result = fl.advance_geojson(SINCE, SINCE, cache_dir=folder, geo_path=geo_path)
    assert collection == {"type": "FeatureCollection", "features": []}
    assert result.gained_km2 == 0


def test_since_after_until_is_an_error(small_cache):
    folder, geo_path = small_cache
    with pytest.raises(ValueError, match="after"):
        fl.advance_geojson(UNTIL, SINCE, cache_dir=folder, geo_path=geo_path)


# ---------------------------------------------------------------------------------------
# The real snapshots (always in CI; skipped where only the synthetic stand-ins exist)

REAL_SINCE, REAL_UNTIL = date(2025, 11, 20), date(2025, 12, 17)


@pytest.fixture(scope="module")
def committed_km2() -> dict[date, float]:
    history = load_control_history()
    daily = history[history["frequency"] == "daily"]
    return {
        stamp.date(): km2 for stamp, km2 in zip(daily["date"], daily["russian_km2"], strict=True)
    }


@pytest.fixture(scope="module")
def real_cache(control_snapshots, committed_km2):
    """The snapshot cache when it holds the real DeepStateMap files.

    The synthetic stand-ins (tests/synthetic_snapshots.py) are told apart by their area: the
    real snapshot of REAL_UNTIL reproduces the committed total within 0.1 %.
    """
    path = control_snapshots / snapshot_filename(REAL_UNTIL)
    if not path.is_file():
        pytest.skip(f"no snapshot of {REAL_UNTIL} in {control_snapshots}")
    inside = shapely.intersection(fl.equal_area(read_snapshot(path)), projected(ukraine_outline()))
    if abs(inside.area / 1e6 / committed_km2[REAL_UNTIL] - 1) > 0.001:
        pytest.skip(
            "only the synthetic stand-in snapshots are present (the real DeepStateMap files are "
            "licensed source material); the real figures are checked where they are, always in CI"
        )
    return control_snapshots


def test_real_front_line_length(real_cache):
    line = fl.front_line(
        read_snapshot(real_cache / snapshot_filename(REAL_UNTIL)), ukraine_outline()
    )
    # 2025-12-17: 1,287 km (1,188 km of continuous front from Kharkiv oblast to the Dnipro mouth,
    # plus the incursions along the Sumy and Kharkiv border and islands near Kupiansk).
    assert 1_150 < fl.length_km(line) < 1_450
    longest = max(shapely.get_parts(line), key=lambda part: part.length)
    assert 1_100 < fl.length_km(longest) < 1_300
    # Nothing of the Azov or Black Sea coast, nor of the Russian border.
    outline = projected(ukraine_outline()).boundary
    # (the buffer's arcs are polygons: a few metres short of the tolerance at most)
    assert shapely.distance(projected(line), outline) >= fl.EDGE_TOLERANCE_KM * 1000 * 0.99


def test_real_advance_agrees_with_committed_totals(real_cache, committed_km2):
    def control(day):
        return read_snapshot(real_cache / snapshot_filename(day))

    result = fl.advance(
        control(REAL_SINCE),
        control(REAL_UNTIL),
        ukraine_outline(),
        since=REAL_SINCE,
        until=REAL_UNTIL,
    )
    committed = committed_km2[REAL_UNTIL] - committed_km2[REAL_SINCE]  # 408.0 km²
    # 434.9 km² gained, 27.1 km² lost: the net change is the change of the committed totals.
    assert 400 < result.gained_km2 < 470
    assert 10 < result.lost_km2 < 50
    assert result.net_km2 == pytest.approx(committed, rel=0.02)
    assert result.gained_km2 >= committed


def test_real_layers_are_small(real_cache):
    front = fl.front_line_geojson(REAL_UNTIL, cache_dir=real_cache)
    collection, result = fl.advance_geojson(REAL_SINCE, REAL_UNTIL, cache_dir=real_cache)
    assert len(json.dumps(front, separators=(",", ":"))) < 30_000
    assert len(json.dumps(collection, separators=(",", ":"))) < 30_000
    assert collection["features"][0]["properties"]["gained_km2"] == result.gained_km2
