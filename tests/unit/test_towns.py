"""data/towns.csv: valid for open-data tools, where it says on the map, no district twice."""

from __future__ import annotations

import json
import math
from pathlib import Path

import frictionless
import pandas as pd
import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "data"
TOWNS = DATA / "towns.csv"

#: The four oblasts, as ISO 3166-2 codes.
OBLASTS = {"UA-14": "Donetsk", "UA-09": "Luhansk", "UA-23": "Zaporizhzhia", "UA-65": "Kherson"}

#: The big towns that must be there. Sievierodonetsk has been Siverskodonetsk since 2024.
BIG_TOWNS = [
    "Mariupol",
    "Donetsk",
    "Luhansk",
    "Zaporizhzhia",
    "Kherson",
    "Kramatorsk",
    "Sloviansk",
    "Makiivka",
    "Horlivka",
    "Melitopol",
    "Berdiansk",
    "Enerhodar",
    "Nova Kakhovka",
    "Siverskodonetsk",
    "Lysychansk",
    "Alchevsk",
    "Kostiantynivka",
    "Pokrovsk",
    "Bakhmut",
    "Druzhkivka",
]

#: Pre-war populations we know the order of (SSSU, 1 January 2022), as (low, high) bounds.
PLAUSIBLE = {
    "Mariupol": (400_000, 450_000),
    "Donetsk": (880_000, 920_000),
    "Zaporizhzhia": (690_000, 730_000),
    "Luhansk": (380_000, 410_000),
    "Kherson": (270_000, 300_000),
    "Kramatorsk": (140_000, 160_000),
}

#: How far outside its oblast's polygon a town may sit (the map's shapes are simplified).
TOLERANCE_DEG = 0.03
#: Two towns closer than this are one town and its district, counted twice.
MIN_DISTANCE_KM = 3.0


@pytest.fixture(scope="module")
def towns() -> pd.DataFrame:
    return pd.read_csv(TOWNS, encoding="utf-8", keep_default_na=False)


def test_frictionless_validates_the_towns_resource() -> None:
    resource = frictionless.Package(str(DATA / "datapackage.json")).get_resource("towns")
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_ids_sources_and_one_row_per_geonames_place(towns: pd.DataFrame) -> None:
    assert towns["town_id"].is_unique
    assert towns["geonameid"].is_unique
    assert set(towns["region_id"]) <= set(OBLASTS)
    source_ids = set(yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8")))
    assert set(towns["population_source_id"]) <= source_ids
    assert (towns["population"] >= 10_000).all()
    assert (towns["population_year"] == 2022).all()


def _inside_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside_polygon(lon: float, lat: float, polygon: list[list[list[float]]]) -> bool:
    outer, *holes = polygon
    return _inside_ring(lon, lat, outer) and not any(_inside_ring(lon, lat, h) for h in holes)


def _inside(lon: float, lat: float, geometry: dict) -> bool:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return any(_inside_polygon(lon, lat, polygon) for polygon in polygons)


def _inside_with_tolerance(lon: float, lat: float, geometry: dict) -> bool:
    steps = [(0.0, 0.0)] + [
        (TOLERANCE_DEG * math.cos(a * math.pi / 4), TOLERANCE_DEG * math.sin(a * math.pi / 4))
        for a in range(8)
    ]
    return any(_inside(lon + dx, lat + dy, geometry) for dx, dy in steps)


def test_every_town_lies_in_its_oblast(towns: pd.DataFrame) -> None:
    shapes = json.loads((DATA / "geo" / "ukraine_admin1.geojson").read_text(encoding="utf-8"))
    by_region = {f["properties"]["region_id"]: f["geometry"] for f in shapes["features"]}
    outside = [
        (row.town_id, row.region_id)
        for row in towns.itertuples()
        if not _inside_with_tolerance(row.lon, row.lat, by_region[row.region_id])
    ]
    assert outside == []


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_no_two_towns_within_three_km(towns: pd.DataFrame) -> None:
    rows = list(towns.itertuples())
    close = [
        (a.town_id, b.town_id, round(_km(a.lat, a.lon, b.lat, b.lon), 1))
        for i, a in enumerate(rows)
        for b in rows[i + 1 :]
        if _km(a.lat, a.lon, b.lat, b.lon) < MIN_DISTANCE_KM
    ]
    assert close == []


def test_the_big_towns_are_there(towns: pd.DataFrame) -> None:
    assert sorted(set(BIG_TOWNS) - set(towns["name_en"])) == []
    assert (
        towns.loc[towns["name_en"] == "Siverskodonetsk", "note"]
        .str.contains("Sievierodonetsk")
        .all()
    )


@pytest.mark.parametrize(("name", "bounds"), sorted(PLAUSIBLE.items()))
def test_populations_are_pre_war_and_plausible(
    towns: pd.DataFrame, name: str, bounds: tuple[int, int]
) -> None:
    population = int(towns.loc[towns["name_en"] == name, "population"].iloc[0])
    assert bounds[0] <= population <= bounds[1]


def test_every_oblast_has_towns_and_the_biggest_is_its_capital(towns: pd.DataFrame) -> None:
    biggest = towns.sort_values("population").groupby("region_id")["name_en"].last().to_dict()
    assert biggest == {
        "UA-14": "Donetsk",
        "UA-09": "Luhansk",
        "UA-23": "Zaporizhzhia",
        "UA-65": "Kherson",
    }


def test_a_different_geonames_figure_is_explained(towns: pd.DataFrame) -> None:
    differs = towns[towns["geonames_population"] != towns["population"]]
    assert differs["note"].str.contains("GeoNames lists").all(), list(differs["town_id"])
