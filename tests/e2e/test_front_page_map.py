"""The front-page map in Chromium: where it sits, what it names, what a click hits.

At 1280 × 800 and 390 × 844, on the Map page and the Overview, the map spans the main
column near the top of the page. The names MapLibre actually placed (its rendered symbols,
so collisions are already resolved: a name it could not fit is not rendered) include the
regions, cities, seas and places the story needs. Clicks at several interior points of each
claimed region select that region, even near a place's dot; a click on a dot selects the
place; selecting zooms the map and "Back to overview" restores the frame.
"""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from dashboard.datasets import geo
from dashboard.views.map.drawing import scale_bar
from tests.e2e.test_map import DATE_LABEL  # the map page's date control
from tests.harness.browser import (
    EDGE_NAMES_JS,
    assert_page_clean,
    click_map_lonlat,
    expect_rerun,
    map_chart_index,
    map_point_position,
    open_page,
    runs_finished,
    screenshot,
    wait_for_rerun,
    wait_until_settled,
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: The map's box: at least this wide, its top at most this far from the page top (px).
MIN_WIDTH = {"desktop": 820, "phone": 340}
MAX_TOP = {"desktop": 300, "phone": 450}
#: The zoom the frame's height sets on the 820 × 600 px desktop map.
DESKTOP_ZOOM = 5.34
CLAIMED = {
    "UA-14": "Donetsk Oblast",
    "UA-09": "Luhansk Oblast",
    "UA-23": "Zaporizhzhia Oblast",
    "UA-65": "Kherson Oblast",
    "UA-43": "Autonomous Republic of Crimea",
}
#: A point in each region a few pixels off a place's or a city's dot (about 15 px east at the
#: default zoom): the click must still select the region, not the place.
NEAR_A_DOT = {
    "UA-14": (37.177 + 0.33, 48.280),  # beside Pokrovsk's dot
    "UA-23": (34.586 + 0.33, 47.512),  # beside the nuclear plant's dot
    "UA-09": (39.306 + 0.33, 48.568),  # beside Luhansk's dot
    "UA-65": (32.615 + 0.33, 46.637),  # beside Kherson's dot
    "UA-43": (34.25, 45.35),  # on the CRIMEA name
}
PLACES = {
    "kupyansk": ((37.61581, 49.71003), "Kupiansk"),
    "pokrovsk": ((37.17706, 48.28014), "Pokrovsk"),
    "znpp": ((34.58583, 47.51222), "Zaporizhzhia Nuclear Power Plant"),
    "novorossiysk": ((37.76176, 44.73188), "Novorossiysk"),
}
NAMES = {
    "country": {"Russia", "Ukraine"},
    "region": {"Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Crimea"},
    "sea": {"Black Sea", "Sea of Azov"},
    "city": {
        "Kyiv", "Kharkiv", "Dnipro", "Zaporizhzhia", "Kherson",
        "Odesa", "Donetsk", "Luhansk", "Mariupol",
    },
    "place": {"Kupiansk", "Pokrovsk", "Novorossiysk", "Nuclear plant"},
}  # fmt: skip

MAP_BOX_JS = """
() => {
  const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].find(el => {
    const gd = el.querySelector('.js-plotly-plot');
    return gd && gd._fullLayout && gd._fullLayout.map;
  });
  const box = chart.getBoundingClientRect();
  const main = document.querySelector('[data-testid="stMain"]');
  const column = document.querySelector('[data-testid="stMainBlockContainer"]') || main;
  const inner = column.getBoundingClientRect();
  const style = getComputedStyle(column);
  const key = document.querySelector('[aria-label="Map key"]');
  return {top: box.top + (main ? main.scrollTop : 0) + window.scrollY, width: box.width,
          height: box.height,
          column: inner.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          keyGap: key ? key.getBoundingClientRect().top - box.bottom : null};
}
"""
MAP_STATE_JS = """
() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd && gd._fullLayout.map._subplot.map;
  if (!map || !map.loaded()) return null;
  const symbols = map.getStyle().layers
    .filter(l => l.type === 'symbol' && l.id.startsWith('labels-'));
  const placed = map.queryRenderedFeatures({layers: symbols.map(l => l.id)});
  return {zoom: map.getZoom(),
          names: placed.map(f => [f.properties.kind || 'callout', f.properties.text])};
}
"""


@pytest.fixture
def viewport(request) -> dict[str, int]:
    return dict(getattr(request, "param", DESKTOP))


def map_state(page) -> dict:
    """The map's zoom and placed names, once it has loaded and settled."""
    for _attempt in range(100):
        page.wait_for_function(f"() => ({MAP_STATE_JS.strip()})() !== null", timeout=60_000)
        page.wait_for_timeout(300)  # let the symbol placement settle
        state = page.evaluate(MAP_STATE_JS)
        if state is not None:  # not moving again meanwhile
            return state
    raise AssertionError("the map never settled")


def wait_for_zoom(page, condition: str, timeout_ms: int = 15_000) -> float:
    """Wait until the map's zoom ``z`` satisfies ``condition`` (a JS expression)."""
    page.wait_for_function(
        f"""() => {{ const s = ({MAP_STATE_JS.strip()})(); if (!s) return false;
                     const z = s.zoom; return {condition}; }}""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)
    return map_state(page)["zoom"]


def panel_title(page) -> str:
    return page.locator('[data-testid="stMain"] h3').first.inner_text()


#: The zoom script looks again 1.2 s after a fit (the chart may have been remounted) and may
#: fit once more: a click waits until that has passed, as a reader's next click would.
ZOOM_CHECK_MS = 1_500


def click(page, lon: float, lat: float) -> None:
    """Click the map at (lon, lat) and wait for the rerun it causes.

    Should the map have moved under the pointer meanwhile (a late fit of the zoom script on a
    loaded machine), the click went elsewhere: that is seen by projecting the point again, and
    only then is the click made once more. A click on a map that did not move must rerun.
    """
    wait_until_settled(page)
    page.wait_for_timeout(ZOOM_CHECK_MS)
    index = map_chart_index(page)
    before = runs_finished(page)
    aimed = click_map_lonlat(page, lon, lat, chart_index=index)
    try:
        wait_for_rerun(page, since=before, timeout_ms=20_000)
    except TimeoutError:
        now = map_point_position(page, lon, lat, chart_index=index)
        if abs(now[0] - aimed[0]) + abs(now[1] - aimed[1]) <= 3:
            raise  # the map stood still: the click was lost
        with expect_rerun(page):
            click_map_lonlat(page, lon, lat, chart_index=index)


def back(page) -> None:
    with expect_rerun(page):
        page.get_by_role("button", name="Back to overview").click()


def interior_point(region_id: str) -> tuple[float, float]:
    """A point well inside the region (its representative point)."""
    units = geo.ukraine_units_geojson()
    (feature,) = [f for f in units["features"] if f["properties"]["region_id"] == region_id]
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


# --------------------------------------------------------------------------- the box


@pytest.mark.parametrize(
    ("viewport", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["viewport"]
)
@pytest.mark.parametrize("path", ["map", ""])
def test_the_map_comes_first_and_spans_the_column(page, recorder, dashboard_url, device, path):
    open_page(page, dashboard_url, path)
    map_state(page)
    box = page.evaluate(MAP_BOX_JS)
    assert box["width"] >= min(MIN_WIDTH[device], box["column"] - 1), box
    assert box["width"] >= box["column"] - 2, box  # the whole main column
    assert box["top"] <= MAX_TOP[device], box
    assert box["height"] >= 500, box
    # its key right under it (the map's scripts take no room: each added a gap, 48 px in all)
    assert box["keyGap"] is not None and 0 <= box["keyGap"] <= 24, box
    screenshot(page, f"front-map-{path or 'overview'}-first", device, full_page=False)
    assert_page_clean(recorder)


# --------------------------------------------------------------------------- the names


def test_the_names_the_story_needs_are_placed_at_the_default_view(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    placed = map_state(page)["names"]
    shown = {(kind, text) for kind, text in placed}
    for kind, names in NAMES.items():
        for name in names:
            assert (kind, name) in shown, (kind, name, sorted(shown))
    assert len(placed) == len(shown)  # every name once
    callouts = [text for kind, text in placed if kind == "callout"]
    assert any("Rest of the Donbas" in text and "km²" in text for text in callouts), callouts
    assert any("Annexed by Russia in 2014" in text for text in callouts), callouts
    assert_page_clean(recorder)


#: The page's MapLibre map (a JavaScript expression).
THE_MAP_JS = """[...document.querySelectorAll('.js-plotly-plot')]
  .find(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot)
  ._fullLayout.map._subplot.map"""

#: The shader programs MapLibre has compiled for the map, by kind (``painter.cache`` is
#: MapLibre's own cache: one entry per program and combination of per-feature paint values).
PROGRAMS_JS = f"""
() => {{
  const map = {THE_MAP_JS};
  const kinds = {{}};
  for (const key of Object.keys(map.painter.cache)) {{
    const kind = key.split('/')[0];
    kinds[kind] = (kinds[kind] || 0) + 1;
  }}
  return kinds;
}}
"""


def test_the_map_s_layers_share_shader_programs_with_its_traces(page, recorder, dashboard_url):
    """Drawn in software, each shader program costs about 40 ms at a page's first frame: our
    fills, lines, names and dots (the style's and plotly's layout layers) are drawn by the same
    program as plotly's traces of that kind (``dashboard.figures.map_style.shared_programs``,
    ``HOLD_PAINT_JS``), not one more each; and the sky, which the map's background covers, is
    not drawn at all."""
    open_page(page, dashboard_url, "map")
    map_state(page)
    kinds = page.evaluate(PROGRAMS_JS)
    # the cities' and the places' dots share the program of the places' click targets
    for kind in ("fill", "fillOutline", "line", "symbolSDF", "circle"):
        assert kinds.get(kind) == 1, kinds
    assert "sky" not in kinds, kinds
    assert sum(kinds.values()) <= 7, kinds
    assert_page_clean(recorder)


#: The places' dots (plotly's layout layers): each one's radius and opacity as MapLibre has them.
PLACE_DOTS_PAINT_JS = f"""
() => {{
  const map = {THE_MAP_JS};
  return map.getLayersOrder().filter(id => id.startsWith('plotly-layout-layer'))
    .map(id => [map.getPaintProperty(id, 'circle-radius'),
                map.getPaintProperty(id, 'circle-opacity')]);
}}
"""


def test_a_new_date_keeps_the_places_dots_on_the_shared_program(page, recorder, dashboard_url):
    """A new date draws the map anew: its places' dots (plotly's layout layers) again get
    their per-feature paint as they are added, and no program is compiled for them alone."""
    open_page(page, dashboard_url, "map")
    map_state(page)
    before = page.evaluate(PLACE_DOTS_PAINT_JS)
    assert len(before) == 2 and all(isinstance(value, list) for pair in before for value in pair)
    slider = page.get_by_role("slider", name=DATE_LABEL)
    with expect_rerun(page):
        slider.focus()
        page.keyboard.press("ArrowLeft")
    wait_until_settled(page)
    assert page.evaluate(PLACE_DOTS_PAINT_JS) == before
    assert page.evaluate(PROGRAMS_JS).get("circle") == 1
    assert_page_clean(recorder)


def test_a_tilted_map_draws_its_sky(page, recorder, dashboard_url):
    """The sky is left out only while the map's background covers it: tilted, it is drawn."""
    open_page(page, dashboard_url, "map")
    map_state(page)
    tilted = page.evaluate(
        f"() => {{ const map = {THE_MAP_JS}; map.setPitch(50); return map.getPitch(); }}"
    )
    assert tilted == 50
    # painted once the tiles the tilted view asks for are in
    page.wait_for_function(f"() => 'sky' in ({PROGRAMS_JS.strip()})()", timeout=10_000)
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_a_phone_shows_fewer_names_but_every_place(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    placed = {(kind, text) for kind, text in map_state(page)["names"]}
    for name in NAMES["place"]:
        assert ("place", name) in placed, placed
    assert len([kind for kind, _ in placed if kind in ("city", "region")]) >= 8, placed
    assert_page_clean(recorder)


#: True when every link to another page shows its whole label (none cut off by an ellipsis).
WHOLE_LINK_LABELS_JS = """
() => [...document.querySelectorAll('[data-testid="stPageLink-NavLink"] > span:last-child')]
  .map((label) => [label.innerText, label.scrollWidth <= label.clientWidth + 1])
"""


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_a_phone_shows_the_whole_label_of_the_panel_s_link(page, recorder, dashboard_url):
    """The link under the overview panel is longer than a phone's column: it wraps."""
    open_page(page, dashboard_url, "map")
    labels = page.evaluate(WHOLE_LINK_LABELS_JS)
    assert any(text.startswith("Compare what each proposal") for text, _ in labels), labels
    assert all(whole for _, whole in labels), labels
    assert_page_clean(recorder)


#: A tablet's map: wider than a phone's narrow view, narrower than the desktop frame.
TABLET = {"width": 600, "height": 900}
#: A small phone: its map is narrower than the narrow view's callouts were written for.
SMALL_PHONE = {"width": 360, "height": 780}


@pytest.mark.parametrize(
    "viewport",
    [SMALL_PHONE, PHONE, TABLET],
    indirect=True,
    ids=["small phone", "phone", "tablet"],
)
def test_a_narrow_map_s_names_stand_whole_inside_it(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    placed = {(kind, text) for kind, text in map_state(page)["names"]}
    edges = page.evaluate(EDGE_NAMES_JS)
    assert edges == {"left": [], "right": [], "unnamed": []}, edges  # no city dot without name
    # moved in from the edge rather than left out: Russia (centred), every place
    assert ("country", "Russia") in placed, placed
    assert {("place", name) for name in NAMES["place"]} <= placed, placed
    assert_page_clean(recorder)


#: True once the first-view script has framed the map (a phone's narrow view) and its names.
NARROW_CHECKED_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].some(g => g.__narrowChecked)
"""
#: Where the scale bar and its words stand on the map, and where the map's source line does
#: (screen px inside the map; the words are estimated: 12 px text above the bar's start).
SCALE_BOXES_JS = """
([start, end]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd._fullLayout.map._subplot.map;
  const canvas = map.getCanvas(), area = canvas.getBoundingClientRect();
  const a = map.project(start), b = map.project(end);
  const scale = {left: a.x, right: Math.max(b.x, a.x + 48), top: a.y - 20, bottom: a.y + 3};
  const credit = gd.querySelector('.annotation').getBoundingClientRect();
  return {width: canvas.clientWidth, height: canvas.clientHeight, scale,
          credit: {left: credit.left - area.left, right: credit.right - area.left,
                   top: credit.top - area.top, bottom: credit.bottom - area.top},
          words: map.queryRenderedFeatures({layers: ['scale-label']}).length};
}
"""


@pytest.mark.parametrize(
    "viewport",
    [DESKTOP, TABLET, PHONE, SMALL_PHONE],
    indirect=True,
    ids=["desktop", "tablet", "phone", "small phone"],
)
def test_the_scale_bar_stands_in_the_map_clear_of_its_source_line(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    page.wait_for_function(NARROW_CHECKED_JS, timeout=15_000)  # a phone's map framed
    placed = {(kind, text) for kind, text in map_state(page)["names"]}
    # "100 km" may stand over other words, but never pushes a place's name off the map
    assert {("place", name) for name in NAMES["place"]} <= placed, placed
    bar = scale_bar()
    boxes = page.evaluate(SCALE_BOXES_JS, [list(bar.start), list(bar.end)])
    scale, credit = boxes["scale"], boxes["credit"]
    assert boxes["words"] == 1, boxes  # "100 km" is drawn
    assert scale["left"] >= 0 and scale["right"] <= boxes["width"], boxes
    assert scale["top"] >= 0 and scale["bottom"] <= boxes["height"], boxes
    apart = (
        scale["right"] <= credit["left"]
        or scale["left"] >= credit["right"]
        or scale["bottom"] <= credit["top"]
        or scale["top"] >= credit["bottom"]
    )
    assert apart, boxes
    assert_page_clean(recorder)


# --------------------------------------------------------------------------- clicks


def test_clicks_inside_each_claimed_region_select_it_even_beside_a_dot(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, "map")
    frame = map_state(page)["zoom"]
    for region_id, name in CLAIMED.items():
        for lon, lat in (interior_point(region_id), NEAR_A_DOT[region_id]):
            click(page, lon, lat)
            assert panel_title(page) == name, (region_id, lon, lat)
            assert f"region={region_id}" in page.url
            zoomed = wait_for_zoom(page, f"z > {frame + 0.3}")  # it zooms to the selection
            back(page)
            restored = wait_for_zoom(page, f"Math.abs(z - {frame}) < 0.05")
            assert zoomed > restored
            assert panel_title(page) == "Nothing selected"
    assert_page_clean(recorder)


def test_a_click_on_a_place_dot_selects_the_place(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    frame = map_state(page)["zoom"]
    for place_id, ((lon, lat), name) in PLACES.items():
        click(page, lon, lat)
        assert panel_title(page) == name, place_id
        assert f"place={place_id}" in page.url
        wait_for_zoom(page, f"z > {frame + 0.3}")
        back(page)
        wait_for_zoom(page, f"Math.abs(z - {frame}) < 0.05")
    assert_page_clean(recorder)


def test_a_deep_link_opens_zoomed_and_a_click_on_the_overview_opens_the_map(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, "")
    frame = map_state(page)["zoom"]
    lon, lat = interior_point("UA-65")
    click_map_lonlat(page, lon, lat, chart_index=map_chart_index(page))
    page.wait_for_url("**/map?**region=UA-65**", timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMain\"] h3')]"
        ".some(h => h.textContent === 'Kherson Oblast')",
        timeout=30_000,
    )
    wait_for_zoom(page, f"z > {frame + 0.3}")
    screenshot(page, "front-map-kherson-from-overview", "desktop", full_page=False)
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_on_a_phone_a_selection_scrolls_to_its_details(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    frame = map_state(page)["zoom"]
    (lon, lat), name = PLACES["pokrovsk"]
    click(page, lon, lat)
    assert panel_title(page) == name
    wait_for_zoom(page, f"z > {frame + 0.3}")
    page.wait_for_function(
        """() => { const box = document.querySelector('.st-key-map-details');
                   if (!box) return false;
                   const top = box.getBoundingClientRect().top;
                   return top >= -5 && top < window.innerHeight / 2; }""",
        timeout=10_000,
    )
    screenshot(page, "front-map-pokrovsk-details", "phone", full_page=False)
    assert_page_clean(recorder)


CLICK_JS = """
(data) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  gd.emit('plotly_click', {points: data.map(customdata => ({customdata}))});
}
"""


def test_the_map_zooms_at_the_click_before_the_page_answers(page, recorder, dashboard_url):
    """The browser zooms as soon as a shape is clicked (the rerun's own zoom then finds the map
    framed): a click event alone, with no rerun behind it, moves the map; a place before a
    region; the same shape again goes back to the frame."""
    open_page(page, dashboard_url, "map")
    frame = map_state(page)["zoom"]
    page.wait_for_timeout(ZOOM_CHECK_MS)
    runs = runs_finished(page)
    page.evaluate(CLICK_JS, [["region", "UA-14"], ["place", "pokrovsk"]])
    place_zoom = wait_for_zoom(page, f"z > {frame + 0.3}")
    center = page.evaluate(
        """() => { const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
             g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
           const c = gd._fullLayout.map._subplot.map.getCenter(); return [c.lng, c.lat]; }"""
    )
    pokrovsk = PLACES["pokrovsk"][0]
    assert abs(center[0] - pokrovsk[0]) < 0.5 and abs(center[1] - pokrovsk[1]) < 0.5
    page.evaluate(CLICK_JS, [["place", "pokrovsk"]])  # the same again: back to the frame
    assert wait_for_zoom(page, f"Math.abs(z - {frame}) < 0.05") < place_zoom
    page.evaluate(CLICK_JS, [["region", "not-a-region"]])  # nothing it knows: nothing moves
    page.wait_for_timeout(500)
    assert abs(map_state(page)["zoom"] - frame) < 0.05
    assert runs_finished(page) == runs  # all in the browser
    assert_page_clean(recorder)


#: From now on, in the page: when the app sent each message to the server, when the map
#: painted a frame (a frame whose paint the map held back, HOLD_PAINT_JS, draws nothing and is
#: not counted), how often it started to move, and whether a loading placeholder was shown.
WATCH_CLICK_JS = """
() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd._fullLayout.map._subplot.map;
  const log = window.__clickWatch = {sends: [], frames: [], moves: 0, placeholders: 0};
  if (!window.__sendWatched) {
    window.__sendWatched = true;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      window.__clickWatch.sends.push(performance.now());
      return send.call(this, data);
    };
  }
  const paints = () => (map.__paintLog ? map.__paintLog.painted : NaN);
  let painted = paints();
  map.on('render', () => {
    const now = paints();
    if (now !== painted) log.frames.push(performance.now());
    painted = now;
  });
  map.on('movestart', () => { log.moves += 1; });
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) {
      log.placeholders += 1;
    }
  }).observe(document.querySelector('[data-testid="stMain"]'), {childList: true, subtree: true});
  window.__clickAt = null;
  window.addEventListener('mouseup', () => { window.__clickAt = performance.now(); },
    {capture: true, once: true});
}
"""


def test_a_click_reaches_the_server_before_the_map_redraws(page, recorder, dashboard_url):
    """A real click on a region: the rerun request leaves before MapLibre's next frame (which,
    drawn in software, would hold it up); the zoom is drawn in a few frames, not one per tile;
    the region's panel appears without a loading placeholder (the link code it needs is
    already on the page); a second click goes back to the frame with one move of the map,
    not a second fit after the page answers."""
    open_page(page, dashboard_url, "map")
    frame = map_state(page)["zoom"]
    assert page.locator('[data-testid="stPageLink"]').count() >= 1  # in the overview panel
    lon, lat = interior_point("UA-14")
    page.wait_for_timeout(ZOOM_CHECK_MS)
    page.evaluate(WATCH_CLICK_JS)
    click(page, lon, lat)
    wait_for_zoom(page, f"z > {frame + 0.3}")
    watch = page.evaluate("window.__clickWatch")
    clicked = page.evaluate("window.__clickAt")
    sent = [t for t in watch["sends"] if t >= clicked]
    drawn = [t for t in watch["frames"] if t >= clicked]
    assert sent and drawn
    assert sent[0] < drawn[0], "the map drew a frame before the click went to the server"
    # painted once the new view's tiles are in and its names placed: not at once and then
    # once per tile as each arrives (five frames before the map held its paints, three after
    # it held whole frames)
    assert len(drawn) <= 2, f"{len(drawn)} frames for one zoom"
    assert panel_title(page) == "Donetsk Oblast"
    assert watch["placeholders"] == 0
    assert watch["moves"] == 1  # zoomed at the click; the rerun found it framed
    # the overview's callouts are not drawn at a selection's zoom (they would stand cut)
    assert not [text for kind, text in map_state(page)["names"] if kind == "callout"]

    page.evaluate(WATCH_CLICK_JS)
    click(page, lon, lat)
    assert wait_for_zoom(page, f"Math.abs(z - {frame}) < 0.05") == pytest.approx(frame, abs=0.05)
    page.wait_for_timeout(ZOOM_CHECK_MS)  # the rerun's own zoom check has run by now
    assert panel_title(page) == "Nothing selected"
    assert page.evaluate("window.__clickWatch.moves") == 1
    assert_page_clean(recorder)


# --------------------------------------------------------------------------- a phone's view

#: The five claimed regions' bounds (west, south, east, north), from the committed units.
SHOWS_BOUNDS_JS = """
(box) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  const map = gd && gd._fullLayout.map._subplot.map;
  if (!map || !map.loaded()) return false;
  const seen = map.getBounds();
  return seen.getWest() <= box[0] && seen.getSouth() <= box[1]
    && seen.getEast() >= box[2] && seen.getNorth() >= box[3];
}
"""


def claimed_bounds() -> list[float]:
    """West, south, east, north of the five claimed regions (Sevastopol with Crimea)."""
    units = geo.ukraine_units_geojson()
    wanted = set(CLAIMED) | {"UA-40"}
    shapes = [shape(f["geometry"]) for f in units["features"]
              if f["properties"]["region_id"] in wanted]  # fmt: skip
    bounds = [s.bounds for s in shapes]
    return [min(b[0] for b in bounds), min(b[1] for b in bounds),
            max(b[2] for b in bounds), max(b[3] for b in bounds)]  # fmt: skip


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
@pytest.mark.parametrize("path", ["map", ""])
def test_a_phone_opens_on_all_five_claimed_regions(page, recorder, dashboard_url, path):
    open_page(page, dashboard_url, path)
    page.wait_for_function(SHOWS_BOUNDS_JS, arg=claimed_bounds(), timeout=15_000)
    assert page.evaluate("window.__mapNarrowFits") == 1  # fitted once, by the narrow script
    placed = {(kind, text) for kind, text in map_state(page)["names"]}
    assert {("place", "Kupiansk"), ("place", "Pokrovsk")} <= placed, placed
    screenshot(page, f"front-map-{path or 'overview'}-phone-frame", "phone", full_page=False)
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_a_new_date_on_a_phone_keeps_its_view_and_its_names(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    page.wait_for_function(SHOWS_BOUNDS_JS, arg=claimed_bounds(), timeout=15_000)
    slider = page.get_by_role("slider", name=DATE_LABEL)
    with expect_rerun(page):
        slider.focus()
        page.keyboard.press("ArrowLeft")
    wait_until_settled(page)
    # the new date's chart (drawn anew) shows the five regions as the first one did
    page.wait_for_function(SHOWS_BOUNDS_JS, arg=claimed_bounds(), timeout=15_000)
    map_state(page)
    edges = page.evaluate(EDGE_NAMES_JS)
    assert edges == {"left": [], "right": [], "unnamed": []}, edges
    assert_page_clean(recorder)


def test_a_new_date_keeps_the_selection_s_zoom(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map", {"region": "UA-14"})
    zoom = wait_for_zoom(page, "z > 6")
    page.wait_for_timeout(ZOOM_CHECK_MS)
    slider = page.get_by_role("slider", name=DATE_LABEL)
    with expect_rerun(page):
        slider.focus()
        page.keyboard.press("ArrowLeft")
    wait_until_settled(page)
    page.wait_for_timeout(ZOOM_CHECK_MS)
    assert abs(map_state(page)["zoom"] - zoom) < 0.05
    assert panel_title(page) == "Donetsk Oblast"
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_back_to_overview_on_a_phone_shows_the_five_regions_again(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map", {"region": "UA-65"})
    wait_for_zoom(page, "z > 5.5")
    assert not page.evaluate(SHOWS_BOUNDS_JS, claimed_bounds())
    page.wait_for_timeout(ZOOM_CHECK_MS)
    back(page)
    page.wait_for_function(SHOWS_BOUNDS_JS, arg=claimed_bounds(), timeout=15_000)
    assert_page_clean(recorder)


def test_a_desktop_keeps_its_frame(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "map")
    assert abs(map_state(page)["zoom"] - DESKTOP_ZOOM) < 0.05
    page.wait_for_timeout(ZOOM_CHECK_MS)
    assert abs(map_state(page)["zoom"] - DESKTOP_ZOOM) < 0.05  # nothing moved it since
    assert page.evaluate(SHOWS_BOUNDS_JS, claimed_bounds())
    assert page.evaluate("window.__mapNarrowFits") is None  # never taken for a narrow map
    assert_page_clean(recorder)
