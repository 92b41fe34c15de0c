"""The proposal map: one figure for every proposal, each proposal's layers hidden and named."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.datasets import costs, geo
from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.control import load_control_by_region, load_control_layer
from dashboard.figures import deal as deal_figures
from dashboard.figures import map_geometry
from dashboard.views import deal as view
from dashboard.views import map as map_view
from tests.unit.map_style import source_features

DAY = date(2025, 12, 17)


@pytest.fixture(scope="module")
def built(control_snapshots):
    catalog = load_catalog()
    computed = costs.costs_on(DAY, catalog.proposals, catalog.towns, cache_dir=control_snapshots)
    assert computed is not None
    units = geo.ukraine_units_geojson()
    region_km2 = {feature["id"]: 1e4 for feature in units["features"]}
    pages = {
        ident: view.deal_page(catalog, computed, ident, units, region_km2, live=True)
        for ident in catalog.proposals["proposal_id"]
    }
    layers = map_geometry.base_layers(
        units, geo.russia_border_geojson(), geo.context_countries_geojson()
    )
    control = load_control_layer(DAY, cache_dir=control_snapshots)
    drawing = map_view.map_drawing(
        catalog, load_control_by_region(), layers, DAY, map_view.NOTHING, control
    )
    maps = {ident: page.map for ident, page in pages.items()}
    return pages, drawing, deal_figures.deal_figure(drawing, maps, view.DEFAULT_PROPOSAL)


def test_every_proposal_has_its_own_hidden_layers(built) -> None:
    pages, _, figure = built
    layers = figure.layout.map.style["layers"]
    ours = [layer for layer in layers if layer["id"].startswith(deal_figures.LAYER_PREFIX)]
    assert ours and all(layer["layout"]["visibility"] == "none" for layer in ours)
    for ident, page in pages.items():
        own = {layer["id"] for layer in ours if layer["id"].endswith(f"--{ident}")}
        if page.total_km2:
            assert deal_figures.layer_id("area", ident) in own
            assert deal_figures.layer_id("names", ident) in own
            assert deal_figures.layer_id("km2", ident) in own
        else:
            assert own == set()  # the freeze draws nothing


def test_land_then_town_names_then_the_maps_own_names_then_the_km2(built) -> None:
    _, _, figure = built
    ids = [layer["id"] for layer in figure.layout.map.style["layers"]]
    land = ids.index(deal_figures.layer_id("area", "russia_donbas"))
    names = ids.index(deal_figures.layer_id("names", "russia_donbas"))
    km2 = ids.index(deal_figures.layer_id("km2", "russia_donbas"))
    # MapLibre places the top layer's text first: the capitals' names win over small towns.
    assert land < names < ids.index("labels-city") < km2


def test_a_town_the_map_already_names_is_not_named_twice(built) -> None:
    pages, drawing, figure = built
    cities = {label.text for label in drawing.labels if label.kind == "city"}
    features = source_features(
        figure.layout.map.style, deal_figures.layer_id("points", "russia_five_regions")
    )
    written = [feature["properties"]["text"] for feature in features]
    assert "Zaporizhzhia" in {town.name for town in pages["russia_five_regions"].towns}
    assert not cities & set(written)


def test_the_figure_is_the_same_whatever_the_choice_and_small(built) -> None:
    _, drawing, figure = built
    pages, _, _ = built
    maps = {ident: page.map for ident, page in pages.items()}
    other = deal_figures.deal_figure(drawing, maps, view.DEFAULT_PROPOSAL)
    assert other.to_json() == figure.to_json()
    assert len(figure.to_json()) < 350_000
