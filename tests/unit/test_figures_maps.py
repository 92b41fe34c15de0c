"""Map figures: offline traces only, colours, legend, hover sources, size, the Donbas layer."""

from __future__ import annotations

import json
import re
from datetime import date

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely
from shapely.geometry import shape

from dashboard.datasets import geo, paths
from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.control import (
    donbas_remaining_km2,
    load_control_by_region,
    load_control_history,
    load_control_layer,
)
from dashboard.datasets.donbas import donbas_held_layer, donbas_outline
from dashboard.figures import (
    accessibility,
    map_areas,
    map_geometry,
    map_labels,
    map_style,
    maps,
    style,
)
from dashboard.figures.history import COLUMN_SIZES, control_history_figure, control_history_svg
from dashboard.views import map as view
from dashboard.views.map import NOTHING, Selection
from tests.unit.map_style import layer_source, source_features

DAY = date(2025, 12, 15)
MAX_FIGURE_BYTES = 300_000


@pytest.fixture(scope="module")
def control_layer(control_snapshots):
    """The DeepStateMap layer of DAY: read from the shared snapshots where they are (always in
    CI), else from the synthetic stand-ins (a clone without the licensed files)."""
    shared = paths.shared_dir() / "geo" / "deepstate" / "daily"
    folder = shared if shared.is_dir() else control_snapshots
    layer = load_control_layer(DAY, cache_dir=folder)
    assert layer is not None, f"no snapshot of {DAY} under {folder}"
    return layer


@pytest.fixture(scope="module")
def layers(control_layer):
    base = map_geometry.base_layers(
        geo.ukraine_units_geojson(), geo.russia_border_geojson(), geo.context_countries_geojson()
    )
    donbas = donbas_held_layer(geo.ukraine_units_geojson(), control_layer)
    return view.MapLayers(control=control_layer, donbas=donbas, **base)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def tables(layers, catalog):
    figures = view.control_figures(load_control_by_region(), DAY)
    units = view.unit_table(layers.units, catalog.regions, figures)
    places = view.place_table(catalog.places, catalog.sources)
    return units, places


@pytest.fixture(scope="module")
def figure(layers, tables, catalog):
    units, places = tables
    return maps.map_figure(
        layers,
        units,
        places,
        control_label=view.control_legend(DAY),
        donbas_label=view.donbas_legend(6475.3),
        selected_region="UA-14",
        selected_place="kupyansk",
        place_credit=view.place_credit(catalog.places, catalog.sources),
        selection_layers=True,
    )


def page_figure(layers, tables, **selected) -> go.Figure:
    """The figure as the map page builds it (selection layers on)."""
    units, places = tables
    return maps.map_figure(layers, units, places, selection_layers=True, **selected)


def traces_named(figure: go.Figure, text: str) -> list:
    return [trace for trace in figure.data if text in (trace.name or "")]


# --------------------------------------------------------------------------- the map


def map_traces(figure: go.Figure) -> list:
    """The traces drawn on the map (not the legend's swatches)."""
    return [t for t in figure.data if isinstance(t, (go.Choroplethmap, go.Scattermap))]


def style_layers(figure: go.Figure) -> list[dict]:
    """The map style's own layers (background, areas, labels), bottom first."""
    return figure.layout.map.style["layers"]


def area_layers(figure: go.Figure) -> list[dict]:
    return [layer for layer in style_layers(figure) if layer["id"].startswith("area-")]


def test_map_uses_only_offline_map_traces_and_its_own_style(figure):
    map_style = figure.layout.map.style
    assert map_style["glyphs"].startswith("app/static/glyphs/")  # served by the app itself
    assert style_layers(figure)[0]["paint"]["background-color"] == style.MAP_WATER
    assert {type(trace) for trace in figure.data} == {go.Choroplethmap, go.Scattermap}
    for trace in figure.data:
        if isinstance(trace, go.Scattermap):  # names are style layers, not trace text
            assert "text" not in (trace.mode or "")
    # every source is inline GeoJSON: no tile, vector or font source
    for source in map_style["sources"].values():
        assert source["type"] == "geojson" and isinstance(source["data"], dict)
    for layer in figure.layout.map.layers:  # only the place markers' circles, above all
        assert layer.sourcetype == "geojson" and (layer.type, layer.below) == ("circle", "")
    assert "http" not in json.dumps(map_style)
    assert figure.layout.showlegend is False  # the key is written under the map


def test_map_figure_is_small_enough(figure):
    size = len(figure.to_json().encode("utf-8"))
    assert size <= MAX_FIGURE_BYTES, f"map figure is {size / 1000:.0f} KB"


def test_every_ukrainian_unit_is_clickable_once_with_its_id(figure, tables):
    units, _ = tables
    clickable = [
        trace
        for trace in figure.data
        if isinstance(trace, go.Choroplethmap) and trace.hoverinfo != "skip"
    ]
    locations = [loc for trace in clickable for loc in trace.locations]
    assert sorted(locations) == sorted(units["region_id"])
    assert len(locations) == 27
    for trace in clickable:
        assert [list(item) for item in trace.customdata] == [
            ["region", loc] for loc in trace.locations
        ]


def layer_colours(figure: go.Figure) -> list[tuple[str, str]]:
    """(type, colour) of the map's area layers, bottom first (the colour drawn)."""
    return [
        (
            layer["type"],
            map_style.constant_of(
                layer["paint"].get("fill-color") or layer["paint"].get("line-color")
            ),
        )
        for layer in area_layers(figure)
    ]


def test_the_areas_are_drawn_under_the_labels_and_the_clickable_layers_in_order(figure, layers):
    """Style layers take no hover or clicks: a click reaches the transparent regions above."""
    assert layer_colours(figure) == [
        ("fill", style.MAP_CONTEXT_FILL),  # neighbouring countries
        ("fill", style.MAP_CONTEXT_FILL),  # Russian border regions
        *[("fill", style.MAP_STATUS_COLOURS[status]) for status in style.MAP_STATUS_ORDER],
        ("fill", style.MAP_RUSSIAN_CONTROL),
        ("fill", style.MAP_DONBAS_HELD),
        *[("line", style.MAP_STATUS_LINES[status][0]) for status in map_areas.CLAIMED_STATUSES],
    ]
    drawn = area_layers(figure)
    sources = figure.layout.map.style["sources"]
    assert sources[drawn[5]["source"]]["data"] == layers.control
    assert sources[drawn[6]["source"]]["data"] == layers.donbas
    for layer, status in zip(drawn[7:9], map_areas.CLAIMED_STATUSES, strict=True):
        assert layer["paint"]["line-width"] == style.MAP_STATUS_LINES[status][1]
    ids = [layer["id"] for layer in style_layers(figure)]
    assert ids.index(drawn[-1]["id"]) < ids.index(map_labels.LABELS_BELOW)  # names on top
    for trace in map_traces(figure):  # only the selection layers and the places are traces
        assert trace.name in (maps.REGION_LAYER, maps.PLACE_RING_LAYER)
    (regions,) = traces_named(figure, maps.REGION_LAYER)
    assert regions.colorscale[0][1] == maps.TRANSPARENT  # which draws no fill


def test_a_selection_never_dims_the_other_layers(figure):
    """Plotly restyles every trace when a point is clicked: only the selection layers change."""
    selection_layers = (maps.REGION_LAYER, maps.PLACE_RING_LAYER)
    for trace in map_traces(figure):
        if trace.name in selection_layers:
            assert trace.selected.marker.opacity == 1, trace.name
            assert trace.unselected.marker.opacity == 0, trace.name
        else:
            base = trace.marker.opacity if trace.marker.opacity is not None else 1
            assert trace.selected.marker.opacity == base, trace.name
            assert trace.unselected.marker.opacity == base, trace.name


def test_the_key_shows_each_area_as_the_map_draws_it(layers, tables, catalog):
    """Each entry of the key has the colours its area is drawn in; no entry for a hidden fill."""
    control = load_control_by_region()
    base = base_layers(layers)
    drawing = view.map_drawing(catalog, control, base, DAY, NOTHING, layers.control, layers.donbas)
    key = {entry.name: entry for entry in maps.map_legend(drawing)}
    drawn = layer_colours(maps.drawing_figure(drawing))
    for entry in key.values():
        if entry.kind == "fill":
            assert ("fill", entry.fill) in drawn, entry
        elif entry.kind in ("outline", "line"):
            assert ("line", entry.line) in drawn, entry
    claimed = key[style.MAP_STATUS_LABELS["annexed_2022"]]
    assert (claimed.fill, claimed.line) == (
        style.MAP_STATUS_COLOURS["annexed_2022"],
        style.MAP_STATUS_LINES["annexed_2022"][0],
    )
    assert style.MAP_STATUS_LABELS["annexed_2014"] not in key  # under the control layer
    assert key[style.MAP_OUTLINE_LABELS["annexed_2014"]].kind == "outline"
    (control_entry,) = [entry for name, entry in key.items() if "Under Russian control" in name]
    assert control_entry.fill == style.MAP_RUSSIAN_CONTROL and "15 Dec 2025" in control_entry.name
    (donbas,) = [entry for name, entry in key.items() if "Rest of the Donbas" in name]
    assert donbas.fill == style.MAP_DONBAS_HELD and "km²" in donbas.name
    assert key[maps.PLACE_LABEL].kind == "dot"
    assert key["Neighbouring countries"].fill == style.MAP_CONTEXT_FILL


def test_map_palette_is_colour_blind_safe():
    assert accessibility.confusable_pairs(style.MAP_COLOURS) == []


def test_hover_text_carries_the_source(figure):
    region_hovers = [
        text
        for trace in figure.data
        if isinstance(trace, go.Choroplethmap) and trace.hovertext is not None
        for text in trace.hovertext
    ]
    assert len(region_hovers) == 27
    assert all("Source" in text for text in region_hovers)
    donetsk = next(text for text in region_hovers if "Donetsk" in text)
    assert "DeepStateMap.Live" in donetsk and "15 Dec 2025" in donetsk
    (places,) = [t for t in figure.data if isinstance(t, go.Scattermap) and t.hovertext]
    assert all(
        "Location: GeoNames" in text or "Location: Wikipedia" in text for text in places.hovertext
    )


def test_place_markers_carry_their_ids_and_the_selected_one_is_ringed(figure, tables):
    _, places = tables
    markers = [t for t in figure.data if isinstance(t, go.Scattermap)]
    (clickable,) = [t for t in markers if t.hoverinfo != "skip"]
    assert clickable.name == maps.PLACE_RING_LAYER
    assert [list(item) for item in clickable.customdata] == [
        ["place", place_id] for place_id in places["place_id"]
    ]
    sizes = dict(zip(places["place_id"], clickable.marker.size, strict=True))
    assert sizes.pop("kupyansk") == maps.RING_SIZE  # the selected one: a ring around the halo
    assert set(sizes.values()) == {maps.PLACE_HALO_SIZE}  # a target no bigger than the dot
    assert clickable.selected.marker.size == maps.RING_SIZE
    assert markers[-1].name == maps.PLACE_RING_LAYER  # the only place trace: it takes clicks
    # the dots and their halos are circle layers above every trace, one circle per place
    halo, dot = figure.layout.map.layers[-2:]
    for layer, size in ((halo, maps.PLACE_HALO_SIZE), (dot, maps.PLACE_DOT_SIZE)):
        assert layer.type == "circle" and layer.circle.radius == size / 2
        points = [feature["geometry"]["coordinates"] for feature in layer.source["features"]]
        assert points == [[lon, lat] for lon, lat in zip(places["lon"], places["lat"], strict=True)]
    assert dot.circle.radius < halo.circle.radius < maps.RING_SIZE / 2
    shown = dict(zip(places["place_id"], clickable.marker.opacity, strict=True))
    assert shown.pop("kupyansk") == 1
    assert set(shown.values()) == {0}


def region_outlines(figure: go.Figure) -> dict[str, float]:
    (regions,) = traces_named(figure, maps.REGION_LAYER)
    opacity = regions.marker.opacity
    if not isinstance(opacity, (list, tuple)):
        opacity = [opacity] * len(regions.locations)
    return dict(zip(regions.locations, opacity, strict=True))


def test_selected_region_is_outlined_and_nothing_else_without_a_selection(layers, tables):
    plain = page_figure(layers, tables)
    assert set(region_outlines(plain).values()) == {0}
    (rings,) = traces_named(plain, maps.PLACE_RING_LAYER)
    # per point from the start, so the map library's per-point shader is ready before the
    # first click (switching from one opacity to per-point cost ~150 ms on that click)
    assert list(rings.marker.opacity) == [0] * len(rings.lat)
    (regions,) = traces_named(plain, maps.REGION_LAYER)
    assert list(regions.marker.opacity) == [0] * len(regions.locations)
    chosen = region_outlines(page_figure(layers, tables, selected_region="UA-63"))
    assert chosen.pop("UA-63") == 1 and set(chosen.values()) == {0}
    (regions,) = traces_named(plain, maps.REGION_LAYER)
    assert regions.marker.line.color == style.MAP_SELECTED_LINE
    assert regions.marker.line.width >= 3
    # plotly draws a clicked selection the same way: outline only where selected
    assert regions.selected.marker.opacity == 1 and regions.unselected.marker.opacity == 0


def test_the_figure_is_the_same_whatever_plotly_selects(layers, tables):
    """Clicks change no figure: selections made by clicking are drawn by plotly itself."""
    plain = page_figure(layers, tables).to_json()
    assert page_figure(layers, tables).to_json() == plain  # deterministic
    region = page_figure(layers, tables, selected_region="UA-14").to_json()
    place = page_figure(layers, tables, selected_place="kupyansk").to_json()
    assert len({plain, region, place}) == 3  # a selection drawn in does change it
    for trace in json.loads(plain)["data"]:
        assert "selectedpoints" not in trace


def test_a_static_figure_keeps_the_clicks_on_the_status_fills(layers, tables):
    """Without selection layers (the static export) the fills and dots carry the ids."""
    units, places = tables
    static = maps.map_figure(layers, units, places)
    assert not traces_named(static, maps.REGION_LAYER)
    assert not traces_named(static, maps.PLACE_RING_LAYER)
    locations = [
        location
        for label in style.MAP_STATUS_LABELS.values()
        for trace in traces_named(static, label)
        for location in trace.locations
        if trace.customdata is not None
    ]
    assert sorted(locations) == sorted(units["region_id"])
    (dots,) = traces_named(static, "Place (click for who claims what)")
    assert [list(item) for item in dots.customdata] == [
        ["place", place_id] for place_id in places["place_id"]
    ]


def test_map_draws_without_control_snapshots(layers, tables):
    units, places = tables
    bare = view.MapLayers(layers.units, layers.border_regions, layers.context)
    figure = maps.map_figure(bare, units, places)
    assert not traces_named(figure, "Russian control")
    assert not traces_named(figure, "Donbas")
    assert len(traces_named(figure, style.MAP_STATUS_LABELS["other"])) == 1


def test_map_credits_its_sources_on_the_map(figure):
    credit = " ".join(annotation.text for annotation in figure.layout.annotations)
    for name in ("DeepStateMap.Live", "Natural Earth", "GeoNames", "Wikipedia"):
        assert name in credit


def test_the_map_is_framed_on_the_east_and_south(figure):
    bounds = figure.layout.map.bounds
    # Odesa and Kyiv in the west, the Russian border in the east, Crimea to Kharkiv
    assert bounds.west < 30.5 and bounds.east > 40.3
    assert bounds.south < 44.4 and bounds.north > 50.5
    assert bounds.north < 52 and bounds.west > 24  # not all of Ukraine at a small scale
    assert figure.layout.hoverdistance <= 2  # a click selects a dot only on the dot


# --------------------------------------------------------------------------- geometry


def test_compact_layer_keeps_ids_drops_properties_and_clips():
    context = geo.context_countries_geojson()
    compact = map_geometry.compact_layer(
        context, id_property="country_id", clip=map_geometry.VIEW_BOX, exclude=("UKR",)
    )
    ids = maps.feature_ids(compact)
    assert "UKR" not in ids and "RUS" in ids and "DEU" not in ids  # Germany lies outside
    for feature in compact["features"]:
        assert feature["properties"] == {"country_id": feature["id"]}
        minx, miny, maxx, maxy = shape(feature["geometry"]).bounds
        assert map_geometry.VIEW_BOX[0] - 1e-6 <= minx and maxx <= map_geometry.VIEW_BOX[2] + 1e-6
        assert map_geometry.VIEW_BOX[1] - 1e-6 <= miny and maxy <= map_geometry.VIEW_BOX[3] + 1e-6


def test_base_units_keep_all_27_valid_units():
    units = map_geometry.base_layers(
        geo.ukraine_units_geojson(), geo.russia_border_geojson(), geo.context_countries_geojson()
    )["units"]
    assert len(units["features"]) == 27
    assert all(shape(f["geometry"]).is_valid for f in units["features"])
    assert set(units["features"][0]["properties"]) == {"region_id", "name_en", "name_uk", "type_en"}


def test_donbas_layer_lies_in_donetsk_and_luhansk_and_matches_the_committed_area(
    control_layer, shared_dir
):
    # the committed area was computed from the real snapshot: compare only with that one
    units = geo.ukraine_units_geojson()
    layer = donbas_held_layer(units, control_layer)
    (feature,) = layer["features"]
    assert feature["properties"]["attribution"] == "DeepStateMap.Live"
    held = shape(feature["geometry"])
    outline = donbas_outline(units)
    assert held.difference(outline.buffer(0.01)).area < 1e-6
    controlled = shapely.union_all([shape(f["geometry"]) for f in control_layer["features"]])
    assert held.intersection(controlled).area < 0.01 * held.area
    km2 = gpd.GeoSeries([held], crs="EPSG:4326").to_crs("EPSG:3035").area.iloc[0] / 1e6
    expected = donbas_remaining_km2(DAY, load_control_by_region())
    assert km2 == pytest.approx(expected, rel=0.15)


def test_donbas_layer_needs_a_control_layer():
    assert donbas_held_layer(geo.ukraine_units_geojson(), None) is None


def test_donbas_layer_is_empty_when_russia_holds_everything():
    units = geo.ukraine_units_geojson()
    everything = donbas_outline(units).buffer(0.1)
    control = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "russian_control",
                "properties": {"snapshot_date": "2030-01-01"},
                "geometry": json.loads(shapely.to_geojson(everything)),
            }
        ],
    }
    assert donbas_held_layer(units, control)["features"] == []


# --------------------------------------------------------------------------- history chart


def test_history_chart_marks_the_article_and_the_map_date():
    history = load_control_history()
    figure = control_history_figure(history, date(2025, 12, 17), date(2025, 12, 1))
    line = figure.data[0]
    assert line.mode == "lines" and len(line.x) == history["date"].nunique()
    assert "DeepStateMap.Live" in line.hovertemplate
    (shape_,) = figure.layout.shapes
    assert pd.Timestamp(shape_.x0, unit="ms") == pd.Timestamp("2025-12-17")
    assert any("Article" in annotation.text for annotation in figure.layout.annotations)
    (marker,) = [trace for trace in figure.data if trace.mode == "markers"]
    assert pd.Timestamp(marker.x[0]) == pd.Timestamp("2025-12-01")


def test_history_chart_prefers_daily_values_where_both_exist():
    history = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-12-01", "2025-12-01", "2025-12-02"]),
            "frequency": ["daily", "monthly", "daily"],
            "russian_km2": [100.0, 90.0, 101.0],
        }
    )
    figure = control_history_figure(history, None)
    assert list(figure.data[0].y) == [100.0, 101.0]
    assert not figure.layout.shapes


def test_history_chart_as_svg_draws_the_line_the_article_and_the_map_date():
    """The dashboard's history chart is one inline SVG sized for its column, named for
    screen readers, with the line through every date, the article's date and the map's dot
    at its place on the line; a title with markup in it is escaped."""
    history = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2025-01-01", "2025-12-17", "2026-01-01"]),
            "frequency": ["monthly", "monthly", "daily", "daily"],
            "russian_km2": [100_000.0, 110_000.0, 114_000.0, 115_000.0],
        }
    )
    svg = str(
        control_history_svg(history, date(2025, 12, 17), date(2025, 12, 17), "<Area>", COLUMN_SIZES)
    )
    assert svg.count("<svg ") == 1 and 'class="history-preview column"' in svg
    width, height, _ = COLUMN_SIZES["column"]
    assert f'viewBox="0 0 {width} {height}"' in svg
    assert 'role="img" aria-label="&lt;Area&gt;"' in svg
    (points,) = re.findall(r'<polyline[^>]* points="([^"]+)"', svg)
    xy = [tuple(map(float, pair.split(","))) for pair in points.split()]
    assert len(xy) == 4 and [x for x, _ in xy] == sorted(x for x, _ in xy)
    assert xy[1][1] > xy[3][1]  # more km² is drawn higher
    assert "Article, 17 Dec 2025" in svg and "115k km²" in svg
    (dot,) = re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)"', svg)
    assert (float(dot[0]), float(dot[1])) == pytest.approx(xy[2], abs=0.11)
    no_day = str(control_history_svg(history, None, None, "Area", COLUMN_SIZES))
    assert "Article" not in no_day and "<circle" not in no_day


def base_layers(layers) -> dict:
    """The page's cached base layers, as :func:`view.map_drawing` takes them."""
    return {
        "units": layers.units,
        "border_regions": layers.border_regions,
        "context": layers.context,
        "selectable": layers.selectable,
    }


def test_the_page_figure_is_the_map_of_the_day_with_the_selection_drawn_in(layers, catalog):
    """What the map page shows (and caches per date and drawn selection)."""
    control = load_control_by_region()
    base = base_layers(layers)
    shown = maps.drawing_figure(
        view.map_drawing(
            catalog, control, base, DAY, Selection("region", "UA-14"), layers.control, layers.donbas
        )
    )
    assert len(shown.to_json().encode()) <= MAX_FIGURE_BYTES
    assert region_outlines(shown)["UA-14"] == 1
    drawn = layer_colours(shown)
    assert ("fill", style.MAP_DONBAS_HELD) in drawn and ("fill", style.MAP_RUSSIAN_CONTROL) in drawn
    km2 = view.donbas_km2_on(control, DAY)
    callout = " ".join(
        f["properties"]["text"] for f in source_features(shown.layout.map.style, "callouts")
    )
    assert km2 is not None and f"{km2:,.0f} km²" in callout and "Russia demands" in callout
    bare = maps.drawing_figure(view.map_drawing(catalog, control, base, None, NOTHING))
    bare_drawn = layer_colours(bare)
    assert ("fill", style.MAP_DONBAS_HELD) not in bare_drawn
    assert ("fill", style.MAP_RUSSIAN_CONTROL) not in bare_drawn
    assert set(region_outlines(bare).values()) == {0}


def test_donbas_area_is_none_without_figures_for_the_day():
    control = load_control_by_region()
    assert view.donbas_km2_on(control, None) is None
    assert view.donbas_km2_on(control, date(1999, 1, 1)) is None
    assert view.donbas_km2_on(control, DAY) > 0


def test_the_dashboard_map_draws_its_shapes_from_one_source(layers, catalog) -> None:
    """Every style layer draws what it drew from its own source, now from one source."""
    base = base_layers(layers)
    drawing = view.map_drawing(
        catalog, load_control_by_region(), base, DAY, NOTHING, layers.control, layers.donbas
    )
    separate = maps.drawing_map_figure(drawing).layout.map.style
    merged = maps.drawing_figure(drawing).layout.map.style
    with_data = [name for name, source in merged["sources"].items() if source["data"]["features"]]
    assert with_data == [map_areas.SHAPES_SOURCE]
    assert [layer["id"] for layer in merged["layers"]] == [one["id"] for one in separate["layers"]]
    for layer in merged["layers"]:
        if "source" in layer:
            name = layer_source(layer)
            assert source_features(merged, name) == source_features(separate, name), layer["id"]


def test_the_dashboard_map_s_layers_are_drawn_with_the_traces_programs(layers, catalog) -> None:
    """Fills, lines and names read their colour and opacity per feature (the same value for
    every feature, the value they had), as plotly's traces do; nothing else changes."""
    drawing = view.map_drawing(
        catalog, load_control_by_region(), base_layers(layers), DAY, NOTHING, layers.control
    )
    plain = map_areas.one_source(maps.drawing_map_figure(drawing).layout.map.style)
    shared = maps.drawing_figure(drawing).layout.map.style
    assert [layer["id"] for layer in shared["layers"]] == [one["id"] for one in plain["layers"]]
    kinds = set()
    for before, after in zip(plain["layers"], shared["layers"], strict=True):
        wanted = map_style.PER_FEATURE_PAINT.get(before["type"], {})
        if wanted:
            kinds.add(before["type"])
        paint, new = before.get("paint", {}), after.get("paint", {})
        for name, value in new.items():
            if name not in wanted:
                assert value == paint[name], (after["id"], name)
                continue
            old = paint.get(name, wanted[name])
            if old is None:
                old = paint["fill-color"]
            if isinstance(old, list):
                assert value == old, (after["id"], name)
            else:
                assert value == ["case", ["has", map_style.PER_FEATURE_KEY], old, old]
        assert set(new) == set(paint) | set(wanted), after["id"]
        assert {k: v for k, v in after.items() if k != "paint"} == {
            k: v for k, v in before.items() if k != "paint"
        }
    assert kinds == {"fill", "line", "symbol", "circle"}


def test_shared_programs_fill_in_maplibre_s_defaults_and_keep_expressions() -> None:
    style_object = {
        "version": 8,
        "sources": {},
        "layers": [
            {"id": "bg", "type": "background", "paint": {"background-color": "#FFFFFF"}},
            {"id": "f", "type": "fill", "source": "s", "paint": {"fill-color": "#123456"}},
            {"id": "l", "type": "line", "source": "s"},
            {"id": "t", "type": "symbol", "source": "s", "paint": {"text-color": ["get", "c"]}},
            {"id": "c", "type": "circle", "source": "s", "paint": {"circle-radius": 3}},
        ],
    }
    shared = map_style.shared_programs(style_object)
    by_id = {layer["id"]: layer for layer in shared["layers"]}

    def case(value):
        return ["case", ["has", map_style.PER_FEATURE_KEY], value, value]

    assert by_id["f"]["paint"] == {
        "fill-color": case("#123456"),
        "fill-opacity": case(1),
        "fill-outline-color": case("#123456"),  # a fill's outline is its colour
    }
    assert by_id["l"]["paint"] == {"line-opacity": case(1)}
    assert by_id["t"]["paint"] == {"text-color": ["get", "c"]}
    assert map_style.constant_of(by_id["f"]["paint"]["fill-color"]) == "#123456"
    assert map_style.constant_of(["get", "c"]) == ["get", "c"]
    assert by_id["c"]["paint"] == {"circle-radius": case(3), "circle-opacity": case(1)}
    assert by_id["bg"] == style_object["layers"][0]
    assert "paint" not in style_object["layers"][2]  # the input is left as it was


def test_the_narrow_view_holds_the_five_claimed_regions_and_the_front_places():
    units = geo.ukraine_units_geojson()
    claimed = {"UA-09", "UA-14", "UA-23", "UA-65", "UA-43", "UA-40"}
    shapes = [shape(f["geometry"]) for f in units["features"]
              if f["properties"]["region_id"] in claimed]  # fmt: skip
    west, south, east, north = maps.NARROW_VIEW
    view_box = shapely.box(west, south, east, north)
    for region in shapes:
        assert view_box.buffer(0.1).contains(region)
    kupiansk, pokrovsk = shapely.Point(37.61581, 49.71003), shapely.Point(37.17706, 48.28014)
    assert view_box.contains(kupiansk) and view_box.contains(pokrovsk)
    # narrower than the frame: a phone shows it whole where it shows only part of the frame
    frame_west, frame_south, frame_east, frame_north = maps.MAP_FRAME
    assert frame_west < west and east < frame_east
    assert frame_south <= south and north <= frame_north
