"""The simplified Natural Earth layers: content, size, areas, shared borders, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dashboard.build import geo
from dashboard.build.__main__ import main
from dashboard.datasets import paths

MAX_UKRAINE_BYTES = 200_000

# Checked figures from shared/README.md (km², EPSG:3035, full-detail Natural Earth).
EXPECTED_AREAS = {
    "UA-14": 26_599,  # Donetsk
    "UA-09": 26_310,  # Luhansk
    "UA-43": 26_346,  # Crimea
    "UA-40": 750,  # Sevastopol
    "UA-65": 26_177,  # Kherson
    "UA-23": 27_081,  # Zaporizhzhia
}
EXPECTED_UKRAINE_KM2 = 599_094


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    source = paths.natural_earth_dir()
    if not (source / geo.UKRAINE_SOURCE).is_file():
        pytest.skip(f"shared Natural Earth extracts not found in {source}")
    out = tmp_path_factory.mktemp("geo")
    geo.build_geo(source, out)
    return out


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def shapes(collection: dict) -> dict[str, shapely.Geometry]:
    return {feature["id"]: shape(feature["geometry"]) for feature in collection["features"]}


def test_ukraine_has_27_units_including_crimea_and_sevastopol(built):
    collection = read(built / geo.UKRAINE_OUT)
    ids = [feature["id"] for feature in collection["features"]]
    assert len(ids) == 27
    assert ids == sorted(ids)
    assert {"UA-43", "UA-40", "UA-30", "UA-32", "UA-14", "UA-09"} <= set(ids)
    assert all(region_id.startswith("UA-") for region_id in ids)
    for feature in collection["features"]:
        properties = feature["properties"]
        assert set(properties) == set(geo.ADMIN1_PROPERTIES)
        assert properties["region_id"] == feature["id"]
        assert properties["name_en"] and properties["name_uk"] and properties["type_en"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_ukraine_layer_fits_the_size_budget(built):
    assert (built / geo.UKRAINE_OUT).stat().st_size <= MAX_UKRAINE_BYTES
    committed = paths.geo_dir() / geo.UKRAINE_OUT
    assert committed.stat().st_size <= MAX_UKRAINE_BYTES


def test_areas_come_from_full_detail_and_match_checked_figures(built):
    properties = {
        feature["id"]: feature["properties"]
        for feature in read(built / geo.UKRAINE_OUT)["features"]
    }
    for region_id, expected in EXPECTED_AREAS.items():
        assert properties[region_id]["area_km2"] == pytest.approx(expected, rel=0.01), region_id
    total = sum(item["area_km2"] for item in properties.values())
    assert total == pytest.approx(EXPECTED_UKRAINE_KM2, rel=0.001)


def test_shared_borders_stay_shared(built):
    ukraine = shapes(read(built / geo.UKRAINE_OUT))
    russia = shapes(read(built / geo.RUSSIA_OUT))
    everything = np.array([*ukraine.values(), *russia.values()], dtype=object)
    assert shapely.is_valid(everything).all()
    # No overlaps and edges that match exactly, across the Ukraine–Russia border too.
    assert shapely.coverage_is_valid(everything)
    for first, second in [("UA-14", "UA-09"), ("UA-14", "UA-23"), ("UA-43", "UA-40")]:
        overlap = ukraine[first].intersection(ukraine[second]).area
        border = ukraine[first].boundary.intersection(ukraine[second].boundary).length
        assert overlap < 1e-9, (first, second)
        assert border > 0.1, (first, second)
    assert ukraine["UA-09"].boundary.intersection(russia["RU-ROS"].boundary).length > 1


def test_coordinates_are_rounded_to_four_decimals(built):
    for name in (geo.UKRAINE_OUT, geo.RUSSIA_OUT, geo.CONTEXT_OUT):
        geometries = list(shapes(read(built / name)).values())
        coordinates = shapely.get_coordinates(np.array(geometries, dtype=object))
        assert np.allclose(coordinates * 1e4, np.round(coordinates * 1e4), atol=1e-6), name


def test_context_countries_are_clipped_to_europe(built):
    collection = read(built / geo.CONTEXT_OUT)
    countries = shapes(collection)
    assert {"UKR", "RUS", "BLR", "POL", "MDA", "ROU", "DEU"} <= set(countries)
    assert "USA" not in countries
    lon_min, lat_min, lon_max, lat_max = geo.CONTEXT_BBOX
    bounds = shapely.total_bounds(np.array(list(countries.values()), dtype=object))
    assert bounds[0] >= lon_min and bounds[1] >= lat_min
    assert bounds[2] <= lon_max and bounds[3] <= lat_max
    for feature in collection["features"]:
        assert feature["properties"] == {
            "country_id": feature["id"],
            "name_en": feature["properties"]["name_en"],
        }


def test_rebuild_is_byte_identical_to_the_committed_files(built, tmp_path):
    assert main(["geo", "--source", str(paths.natural_earth_dir()), "--out", str(tmp_path)]) == 0
    for name in (geo.UKRAINE_OUT, geo.RUSSIA_OUT, geo.CONTEXT_OUT):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
        committed = paths.geo_dir() / name
        assert committed.read_bytes() == (built / name).read_bytes(), (
            f"{committed} is stale: run python -m dashboard.build geo"
        )
