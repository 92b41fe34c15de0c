"""What a proposal would cost, on small synthetic shapes with known answers and on the real day.

The synthetic country is a 2° × 2° square near Donetsk split into two oblasts, A (west) and
B (east). Russia holds the east half of B, except a small pocket of Ukrainian-held land cut off
inside it (a detached sliver). The front runs along 37.5° E.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from dashboard.datasets import costs
from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.frontline import equal_area
from tests.conftest import NO_SHARED
from tests.synthetic_snapshots import has_real_snapshots

DAY = date(2025, 12, 17)


def square(west: float, south: float, east: float, north: float) -> shapely.Geometry:
    """A lon/lat box with a vertex every 0.01°, so shared edges stay shared once projected."""
    return shapely.segmentize(box(west, south, east, north), 0.01)


COUNTRY = square(36.0, 47.0, 38.0, 49.0)
REGIONS = {"UA-A": square(36.0, 47.0, 37.0, 49.0), "UA-B": square(37.0, 47.0, 38.0, 49.0)}
POCKET = square(37.9, 48.0, 37.95, 48.05)
CONTROL = square(37.5, 47.0, 38.0, 49.0).difference(POCKET)
TOWNS = pd.DataFrame(
    [
        ("held", "UA-B", 50_000, 37.2, 48.0),
        ("occupied", "UA-B", 40_000, 37.7, 48.0),
        ("on_the_line", "UA-B", 30_000, 37.5, 48.5),
        ("other_oblast", "UA-A", 20_000, 36.5, 48.0),
        ("in_the_pocket", "UA-B", 10_000, 37.925, 48.025),
    ],
    columns=["town_id", "region_id", "population", "lon", "lat"],
)
PROPOSALS = pd.DataFrame(
    {
        "proposal_id": ["take_b", "take_both", "freeze"],
        "hand_over": [("UA-B",), ("UA-A", "UA-B"), ()],
    }
)


def km2(geometry: shapely.Geometry) -> float:
    """Area of a lon/lat shape in EPSG:3035, km² to 0.1."""
    return round(equal_area(geometry).area / 1e6, 1)


@pytest.fixture(scope="module")
def result() -> dict[str, costs.ProposalCost]:
    computed = costs.proposal_costs(PROPOSALS, CONTROL, COUNTRY, REGIONS, TOWNS, DAY)
    return {cost.proposal_id: cost for cost in computed}


def test_the_held_part_of_an_oblast_is_measured_without_the_detached_pocket(result) -> None:
    cost = result["take_b"]
    assert cost.km2["UA-B"] == pytest.approx(km2(square(37.0, 47.0, 37.5, 49.0)), abs=0.2)
    assert cost.detached_km2["UA-B"] == pytest.approx(km2(POCKET), abs=0.1)
    assert cost.total_km2 == cost.km2["UA-B"]


def test_towns_inside_count_a_town_on_the_line_but_not_occupied_or_cut_off_ones(result) -> None:
    towns = result["take_b"].towns.set_index("town_id")
    assert list(towns.index) == ["held", "on_the_line"]  # biggest first
    assert towns.loc["on_the_line", "km_to_front"] == 0
    assert bool(towns.loc["on_the_line", "near_front"])
    # 0.3° of longitude at 48° N is about 22 km from the front.
    assert towns.loc["held", "km_to_front"] == pytest.approx(22.3, abs=0.6)
    assert not bool(towns.loc["held", "near_front"])
    assert result["take_b"].population == 80_000
    assert result["take_b"].towns_near_front == 1


def test_two_oblasts_add_up_and_the_freeze_hands_over_nothing(result) -> None:
    both = result["take_both"]
    assert both.km2["UA-A"] == pytest.approx(km2(REGIONS["UA-A"]), abs=0.2)
    assert both.population == 100_000
    freeze = result["freeze"]
    assert freeze.km2 == {} and freeze.total_km2 == 0
    assert freeze.towns.empty and freeze.population == 0 and freeze.area.is_empty


def test_the_drawn_area_is_a_small_feature_collection(result) -> None:
    collection = costs.area_geojson(result["take_b"])
    (feature,) = collection["features"]
    assert feature["properties"]["total_km2"] == result["take_b"].total_km2
    assert shapely.geometry.shape(feature["geometry"]).bounds == pytest.approx(
        (37.0, 47.0, 37.5, 49.0), abs=0.01
    )
    assert costs.area_geojson(result["freeze"]) == {"type": "FeatureCollection", "features": []}


def test_rows_for_the_committed_files_round_trip(tmp_path, result) -> None:
    from dashboard.build.areas import write_csv

    computed = list(result.values())
    write_csv(costs.cost_rows(computed), costs.COST_COLUMNS, tmp_path / costs.COSTS_FILE)
    write_csv(costs.town_rows(computed), costs.TOWN_COLUMNS, tmp_path / costs.TOWNS_FILE)
    frame = pd.read_csv(tmp_path / costs.COSTS_FILE)
    assert set(frame["proposal_id"]) == {"take_b", "take_both"}
    towns = pd.read_csv(tmp_path / costs.TOWNS_FILE)
    on_the_line = towns[towns["town_id"] == "on_the_line"]
    assert on_the_line["near_front"].tolist() == [True, True]


def test_the_committed_figures_are_those_of_the_real_snapshot(
    shared_dir, control_snapshots
) -> None:
    # With ../shared beside the clone (always in CI) the cache holds the real snapshots.
    if not has_real_snapshots(control_snapshots):
        pytest.skip(NO_SHARED.format(folder=shared_dir))
    catalog = load_catalog()
    committed = {cost.proposal_id: cost for cost in costs.committed_costs(catalog.proposals)}
    day = next(iter(committed.values())).day
    live = costs.costs_on(day, catalog.proposals, catalog.towns, cache_dir=control_snapshots)
    assert live is not None
    for cost in live:
        kept = committed[cost.proposal_id]
        assert set(cost.km2) == set(kept.km2)
        for region_id, value in cost.km2.items():
            assert value == pytest.approx(kept.km2[region_id], rel=0.005, abs=0.1)
        assert cost.population == kept.population
        assert list(cost.towns["town_id"]) == list(kept.towns["town_id"])
    # The demand the story turns on: the Ukrainian-held Donbas is thousands of km², not zero.
    assert committed["russia_donbas"].total_km2 > 1000
    assert committed["ceasefire_on_the_line"].total_km2 == 0


def test_the_methodology_quotes_the_committed_figures() -> None:
    """METHODOLOGY.md's sanity check names the figures the page shows for the article's date."""
    from dashboard.datasets import paths

    text = (paths.data_dir() / "METHODOLOGY.md").read_text(encoding="utf-8")
    section = text.split("## What a deal would cost", 1)[1].split("\n## ", 1)[0]
    committed = {cost.proposal_id: cost for cost in costs.committed_costs(load_catalog().proposals)}
    for proposal_id in ("russia_donbas", "russia_five_regions"):
        cost = committed[proposal_id]
        assert f"{cost.total_km2:,.0f} km²" in section
        assert f"{cost.population:,} people" in section or f"{cost.population:,}" in section
    in_words = {9: "nine"}  # the section spells out numbers below ten
    for proposal_id in ("russia_donbas", "russia_five_regions"):
        count = len(committed[proposal_id].towns)
        assert f"with {in_words.get(count, count)} towns" in section, (proposal_id, count)
    assert "reuters_donbas_20251204" in section and "theins_2025_review" in section
