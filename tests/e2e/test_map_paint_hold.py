"""A new map paints once it has its data (``HOLD_PAINT_JS``), and then shows the whole map.

Two parts: the dashboard's own pages in real Chromium (the first paint came after the
traces, frames were skipped, the map on screen is drawn), and the script alone on a stand-in
map (what it skips and paints, its time limit, the tiling it gives plotly's sources), where
each step can be driven by hand.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dashboard.figures import map_style
from dashboard.figures.map_areas import SOURCE_MAX_ZOOM
from dashboard.figures.map_script import (
    HOLD_PAINT_JS,
    PAINT_HOLD_LIMIT_MS,
    PAINT_WAIT_LIMIT_MS,
)
from dashboard.figures.map_style import PER_FEATURE_KEY
from tests.harness.browser import open_page

MAP_STATE_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find(g => g._fullLayout && g._fullLayout.map);
  const map = gd._fullLayout.map._subplot.map;
  const traceSources = Object.keys(map.style.tileManagers || map.style.sourceCaches)
    .filter(id => id.startsWith('source-'));
  return {
    log: map.__paintLog, held: map.__paintHeld,
    maxzooms: traceSources.map(id => map.getSource(id).maxzoom),
  };
}"""


@pytest.mark.parametrize("url_path", ["", "map", "deal"])
def test_a_pages_map_paints_first_with_its_traces_and_then_shows_them(
    page, dashboard_url, url_path
):
    open_page(page, dashboard_url, url_path)
    # a page's own script may change the map after it is ready (the proposals show theirs),
    # and the map waits again for what that asks for: it paints within its wait
    page.wait_for_function(
        f"() => ({MAP_STATE_JS})().held === false", timeout=PAINT_WAIT_LIMIT_MS + 4000
    )
    state = page.evaluate(MAP_STATE_JS)
    # frames of the map before its data were skipped, and its first paint had the traces
    assert state["log"]["skipped"] >= 1
    assert state["log"]["painted"] >= 1
    assert state["log"]["tracedAtFirstPaint"] is True
    assert state["maxzooms"] and set(state["maxzooms"]) == {SOURCE_MAX_ZOOM}
    # what the reader sees is the drawn map, not its empty background: many colours
    canvas = page.locator(".maplibregl-canvas").first
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB").resize((205, 150))
    colours = image.getcolors(maxcolors=100_000) or []
    background = max(count for count, _ in colours)
    assert len(colours) > 50
    assert background < 0.8 * image.width * image.height


#: A stand-in for a plotly chart with a MapLibre map: what the script reads and calls.
STAND_IN_JS = """() => {
  const gd = document.createElement('div');
  gd.className = 'js-plotly-plot';
  const state = window.__standIn = {complete: false, traced: false, moving: false, paints: 0,
                                    repaints: 0, added: {}, layers: {}, skies: 0, pitch: 0,
                                    background: {id: 'background', type: 'background'}};
  const map = {
    painter: {
      render: () => { state.paints += 1; },
      drawFunctions: {sky: () => { state.skies += 1; }, background: () => {}},
    },
    style: {loaded: () => state.complete, _order: []},
    areTilesLoaded: () => state.complete,
    isMoving: () => state.moving,
    getLayersOrder: () => (state.traced ? ['background', 'plotly-trace-layer-1-fill'] : []),
    triggerRepaint: () => { state.repaints += 1; map.painter.render({}, {}); },
    addSource: (id, source) => { state.added[id] = source; },
    addLayer: (layer, before) => { state.layers[layer.id] = {layer, before}; },
    getPitch: () => state.pitch,
    getLayer: (id) => (id === 'background' ? state.background : undefined),
    getPaintProperty: (id, name) => ((map.getLayer(id) || {}).paint || {})[name],
  };
  gd._fullLayout = {map: {_subplot: {map}}};
  window.__standInMap = map;
  document.body.appendChild(gd);
  const container = document.createElement('div');
  container.className = 'maplibregl-map';
  gd.appendChild(container);
  const canvases = document.createElement('div');
  canvases.className = 'maplibregl-canvas-container';
  container.appendChild(canvases);
  canvases.appendChild(document.createElement('canvas'));
}"""

RENDER_JS = "() => window.__standInMap.painter.render({lineAtlas: 'atlas'}, {fadeDuration: 0})"


def stand_in(page):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=HOLD_PAINT_JS)
    page.evaluate(STAND_IN_JS)
    page.wait_for_function("() => !!window.__standInMap.__paintLog")


def test_the_script_skips_paints_until_the_map_is_complete_and_traced(page):
    stand_in(page)
    page.evaluate(RENDER_JS)
    page.evaluate("() => { window.__standIn.complete = true; }")
    page.evaluate(RENDER_JS)  # loaded, but plotly has not added its traces yet
    state = page.evaluate("() => window.__standIn")
    log = page.evaluate("() => window.__standInMap.__paintLog")
    assert state["paints"] == 0 and log["skipped"] == 2
    assert page.evaluate("() => window.__standInMap.__paintHeld") is True
    # a skipped paint keeps the style on the painter, as a paint would
    assert page.evaluate("() => window.__standInMap.painter.lineAtlas") == "atlas"

    page.evaluate("() => { window.__standIn.traced = true; }")
    page.evaluate(RENDER_JS)
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 2
    assert page.evaluate("() => window.__standInMap.__paintLog") == {
        "skipped": 2,
        "painted": 2,
        "tracedAtFirstPaint": True,
    }
    assert page.evaluate("() => window.__standInMap.__paintHeld") is False


def test_later_paints_wait_for_the_tiles_asked_for_unless_the_map_moves(page):
    stand_in(page)
    page.evaluate("() => { Object.assign(window.__standIn, {complete: true, traced: true}); }")
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 1
    # a zoom asks for new tiles: no paint until they are in
    page.evaluate("() => { window.__standIn.complete = false; }")
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 1
    assert page.evaluate("() => window.__standInMap.__paintHeld") is True
    # the reader drags the map: every frame paints, tiles or not
    page.evaluate("() => { window.__standIn.moving = true; }")
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 2
    page.evaluate("() => { window.__standIn.moving = false; }")
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 2
    # tiles that never come: the map paints what it has after the shorter wait
    page.wait_for_timeout(PAINT_WAIT_LIMIT_MS + 300)
    assert page.evaluate("() => window.__standIn.paints") == 3
    assert page.evaluate("() => window.__standInMap.__paintHeld") is False
    page.evaluate("() => { window.__standIn.complete = true; }")
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 4


def test_the_script_paints_whatever_the_map_has_after_its_time_limit(page):
    stand_in(page)
    page.evaluate(RENDER_JS)
    assert page.evaluate("() => window.__standIn.paints") == 0
    page.wait_for_timeout(PAINT_HOLD_LIMIT_MS + 300)
    # the limit asked the map for a frame, and it painted without its data
    state = page.evaluate("() => window.__standIn")
    assert state["repaints"] == 1 and state["paints"] == 1
    assert page.evaluate("() => window.__standInMap.__paintLog.tracedAtFirstPaint") is False
    assert page.evaluate("() => window.__standInMap.__paintHeld") is False


def test_the_script_tiles_plotlys_geojson_sources_like_the_styles_own(page):
    stand_in(page)
    page.evaluate(
        """() => {
          const map = window.__standInMap;
          map.addSource('source-a', {type: 'geojson', data: {type: 'FeatureCollection'}});
          map.addSource('source-b', {type: 'geojson', data: {}, maxzoom: 9});
          map.addSource('raster', {type: 'raster', tiles: []});
        }"""
    )
    added = page.evaluate("() => window.__standIn.added")
    assert added["source-a"]["maxzoom"] == SOURCE_MAX_ZOOM
    assert added["source-b"]["maxzoom"] == 9  # a source's own maxzoom is kept
    assert "maxzoom" not in added["raster"]


def test_the_script_draws_plotlys_layout_layers_with_its_traces_programs(page):
    """A place's dot, a layout layer of plotly, is drawn by the program of the places' click
    targets (a trace): its constant paint is written per feature, as the style's own layers
    are (dashboard.figures.map_style.shared_programs); plotly's traces are left alone."""
    stand_in(page)
    page.evaluate(
        """() => {
          const map = window.__standInMap;
          map.addLayer({id: 'plotly-layout-layer-1-map-0', type: 'circle', source: 's',
                        paint: {'circle-radius': 7.5, 'circle-color': '#FFFFFF'}}, '');
          map.addLayer({id: 'plotly-trace-layer-2-circle', type: 'circle', source: 't',
                        paint: {'circle-radius': {type: 'identity', property: 'mrc'}}});
          map.addLayer({id: 'plotly-layout-layer-1-map-1', type: 'fill', source: 's',
                        paint: {'fill-color': ['get', 'c']}});
        }"""
    )
    layers = page.evaluate("() => window.__standIn.layers")
    dot = layers["plotly-layout-layer-1-map-0"]
    assert dot["before"] == ""
    assert (
        dot["layer"]["paint"]
        == map_style.shared_programs(
            {
                "layers": [
                    {"type": "circle", "paint": {"circle-radius": 7.5, "circle-color": "#FFFFFF"}}
                ]
            }
        )["layers"][0]["paint"]
    )
    assert dot["layer"]["paint"]["circle-opacity"] == ["case", ["has", PER_FEATURE_KEY], 1, 1]
    trace = layers["plotly-trace-layer-2-circle"]["layer"]
    assert trace["paint"] == {"circle-radius": {"type": "identity", "property": "mrc"}}
    fill = layers["plotly-layout-layer-1-map-1"]["layer"]["paint"]
    assert fill["fill-color"] == ["get", "c"]  # an expression is kept
    assert fill["fill-outline-color"] == ["get", "c"]  # a fill's outline is its colour


#: Draws the stand-in's sky through the script's wrapper; returns how many skies were drawn.
SKY_JS = """() => {
  window.__standInMap.painter.drawFunctions.sky(null, {});
  return window.__standIn.skies;
}"""


def test_the_script_leaves_out_the_sky_only_where_the_background_covers_it(page):
    stand_in(page)
    page.evaluate("() => { window.__standIn.traced = true; }")  # the background is first
    assert page.evaluate(SKY_JS) == 0
    page.evaluate("() => { window.__standIn.pitch = 30; }")  # tilted: the sky may show
    assert page.evaluate(SKY_JS) == 1
    page.evaluate(
        "() => { window.__standIn.pitch = 0; window.__standIn.background.paint = "
        "{'background-opacity': 0.5}; }"
    )  # a background the sky shows through
    assert page.evaluate(SKY_JS) == 2
    for colour, covers in (
        ("rgba(255, 255, 255, 0.5)", False),
        ("transparent", False),
        ("#FFFFFF80", False),
        (["get", "c"], False),
        ("#D6E6F2", True),
        ("rgb(214, 230, 242)", True),
        ("rgba(214, 230, 242, 1)", True),
        ("rgb(214 230 242 / 40%)", False),
        ("#FFF", True),
        ("white", True),
    ):
        skies = page.evaluate(SKY_JS)
        page.evaluate(
            "(colour) => { window.__standIn.background.paint = {'background-color': colour}; }",
            colour,
        )
        assert page.evaluate(SKY_JS) == skies + (0 if covers else 1), colour
    page.evaluate("() => { window.__standIn.background.paint = {}; }")
    skies = page.evaluate(SKY_JS)
    assert page.evaluate(SKY_JS) == skies
    page.evaluate("() => { window.__standIn.traced = false; }")  # no background layer first
    assert page.evaluate(SKY_JS) == skies + 1
    # the painter's other drawing is MapLibre's own
    assert page.evaluate("() => typeof window.__standInMap.painter.drawFunctions.background") == (
        "function"
    )
