"""The static export in Chromium, opened from disk (file://) with the network shut.

The site is exported once per session into a temporary folder. Every request that is not a
file:// URL (or a blob:/data: URL, which never touch the network) is recorded and aborted,
and each test asserts that none was attempted. Clicks are real mouse events at the pixel
where a longitude/latitude is drawn (the map library's ``project``), like the harness's
``click_map_lonlat``. Screenshots go to artifacts/screenshots/export-<page>-<device>.png.

The map page opens with a static SVG preview and loads plotly.js only when the reader asks
for the interactive map (its button, or a click on the preview): :func:`open_export`
activates it where a test needs the interactive map (``activate=True``, the default).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dashboard.datasets import geo
from dashboard.export import site
from dashboard.figures import style
from tests.harness.browser import EDGE_NAMES_JS, SCREENSHOT_DIR, VIEWPORTS
from tests.harness.static_site import served_folder

PAGES = ("index", "map", "timeline", "positions")
#: Schemes that never leave the machine; everything else is aborted and counted.
OFFLINE_SCHEMES = ("file:", "blob:", "data:", "about:")
READY_TIMEOUT_MS = 60_000
KUPYANSK = (37.61581, 49.71003)

MAP_POINT_JS = """
([lon, lat]) => {
  const gd = document.getElementById('map');
  const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  if (!sub || !sub.map || !sub.map.loaded()) return null;
  const container = sub.map.getContainer();
  container.scrollIntoView({block: 'center', inline: 'center'});
  const box = container.getBoundingClientRect();
  const point = sub.map.project([lon, lat]);
  return {x: box.left + point.x, y: box.top + point.y, w: box.width, h: box.height,
          px: point.x, py: point.y};
}
"""
FIGURES_DRAWN_JS = """
() => [...document.querySelectorAll('[data-figure]')]
  .filter(div => !div.closest('[hidden]'))
  .map(div => {
    const sub = div._fullLayout && div._fullLayout.map && div._fullLayout.map._subplot;
    return {
      id: div.id,
      plotly: div.classList.contains('js-plotly-plot'),
      drawn: !!div.querySelector('svg.main-svg, canvas'),
      map: sub ? !!(sub.map && sub.map.loaded() && div.querySelector('canvas')) : null,
    };
  })
"""


@dataclass
class Traffic:
    """What the browser tried: requests outside file://, console errors, page errors."""

    blocked: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests outside file:// were attempted: {self.blocked}"
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory) -> Path:
    """The site, exported once for the whole session."""
    return site.export_site(tmp_path_factory.mktemp("static-export")).folder


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def offline_page(browser, traffic: Traffic) -> Iterator[Any]:
    """A desktop-sized page whose context aborts (and records) every non-file request."""
    context = browser.new_context(viewport=dict(VIEWPORTS["desktop"]), service_workers="block")
    context.set_default_timeout(30_000)

    def route(route_: Any) -> None:
        url = route_.request.url
        if url.startswith(OFFLINE_SCHEMES):
            route_.continue_()
        else:
            traffic.blocked.append(url)
            route_.abort("blockedbyclient")

    def on_request(request: Any) -> None:
        url = request.url
        if url.startswith("file:"):
            traffic.files.append(url)
        elif not url.startswith(OFFLINE_SCHEMES) and url not in traffic.blocked:
            traffic.blocked.append(url)

    context.route("**/*", route)
    context.on("request", on_request)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            traffic.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    yield page
    context.close()


def activate_map(page: Any) -> None:
    """Press the map page's button and wait until the interactive map has drawn and loaded."""
    page.get_by_role("button", name="Explore the interactive map").click()
    wait_for_interactive_map(page)


def wait_for_interactive_map(page: Any) -> None:
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.body.getAttribute('data-map'))",
        timeout=READY_TIMEOUT_MS,
    )
    state = page.evaluate("() => document.body.getAttribute('data-map')")
    assert state == "ready", f"the interactive map did not draw ({state})"


def open_export(page: Any, folder: Path, name: str, activate: bool = True) -> None:
    """Open ``<name>.html`` from disk and wait until its script says every figure drew.

    On the map page, ``activate`` also asks for the interactive map and waits for it.
    """
    page.goto((folder / f"{name}.html").as_uri())
    page.wait_for_function(
        "() => document.body.getAttribute('data-ready') !== null", timeout=READY_TIMEOUT_MS
    )
    state = page.evaluate("() => document.body.getAttribute('data-ready')")
    assert state == "true", f"{name}.html: the page script failed ({state})"
    if name == "map" and activate:
        activate_map(page)
        page.wait_for_function(
            """() => { const gd = document.getElementById('map');
                       const sub = gd._fullLayout && gd._fullLayout.map._subplot;
                       return sub && sub.map && sub.map.loaded(); }""",
            timeout=READY_TIMEOUT_MS,
        )


def map_pixel(page: Any, lon: float, lat: float) -> tuple[float, float]:
    """Viewport position of (lon, lat) on the exported map; fails if it is off the map."""
    page.evaluate(MAP_POINT_JS, [lon, lat])  # scroll into view first
    page.wait_for_timeout(50)
    point = page.evaluate(MAP_POINT_JS, [lon, lat])
    assert point is not None, "the map has not loaded"
    assert 0 <= point["px"] <= point["w"] and 0 <= point["py"] <= point["h"], point
    return point["x"], point["y"]


def click_lonlat(page: Any, lon: float, lat: float) -> None:
    """Real mouse events: move there, rest (plotly picks from its hover state), click."""
    x, y = map_pixel(page, lon, lat)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_timeout(150)
    page.mouse.click(x, y)


def inside(region_id: str, away_from: list[tuple[float, float]]) -> tuple[float, float]:
    """A point well inside a Ukrainian unit, at least 0.3° from every given point."""
    features = geo.ukraine_units_geojson()["features"]
    outline = next(shape(f["geometry"]) for f in features if f["id"] == region_id)
    core = outline.buffer(-0.15)
    candidates = [core.representative_point(), core.centroid]
    minx, miny, maxx, maxy = core.bounds
    candidates += [
        shapely.Point(minx + (maxx - minx) * i / 6, miny + (maxy - miny) * j / 6)
        for i in range(1, 6)
        for j in range(1, 6)
    ]
    for point in candidates:
        if core.contains(point) and all(point.distance(shapely.Point(p)) > 0.3 for p in away_from):
            return point.x, point.y
    raise AssertionError(f"no clear point inside {region_id}")


def visible_events(page: Any) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('#timeline-list [data-event-id]')]
               .filter(li => !li.hidden).map(li => li.getAttribute('data-event-id'))"""
    )


def click_timeline_mark(page: Any, event_id: str) -> None:
    """Real mouse click on the point mark of ``event_id`` in the visible timeline chart."""
    position = page.evaluate(
        """(id) => {
          const gd = document.querySelector('.period-chart:not([hidden]) .js-plotly-plot');
          gd.scrollIntoView({block: 'center'});
          for (const trace of gd.data) {
            if (trace.type !== 'scatter' || !Array.isArray(trace.customdata)) continue;
            const i = trace.customdata.indexOf(id);
            if (i < 0) continue;
            const layout = gd._fullLayout, box = gd.getBoundingClientRect();
            return {x: box.left + layout._size.l + layout.xaxis.d2p(trace.x[i]),
                    y: box.top + layout._size.t + layout.yaxis.d2p(trace.y[i])};
          }
          return null;
        }""",
        event_id,
    )
    assert position is not None, f"{event_id} is not drawn as a point"
    page.mouse.move(position["x"] - 3, position["y"] - 3)
    page.mouse.move(position["x"], position["y"], steps=3)
    page.wait_for_timeout(150)
    page.mouse.click(position["x"], position["y"])


def wait_for_event_count(page: Any, count: int, timeout_ms: float | None = None) -> None:
    page.wait_for_function(
        "(n) => document.querySelectorAll('#timeline-list li:not([hidden])').length === n",
        arg=count,
        timeout=timeout_ms,
    )


def chart_event_ids(page: Any) -> set[str]:
    """Event ids drawn in the visible timeline chart."""
    return set(
        page.evaluate(
            """() => {
                 const gd = document.querySelector('.period-chart:not([hidden]) .js-plotly-plot');
                 return gd.data.flatMap(t => Array.isArray(t.customdata) ? t.customdata : [])
                   .map(v => Array.isArray(v) ? v[0] : v); }"""
        )
    )


# --------------------------------------------------------------------------- tests


def test_every_page_renders_offline(offline_page, traffic: Traffic, export_dir: Path) -> None:
    page = offline_page
    for name in PAGES:
        open_export(page, export_dir, name)
        figures = page.evaluate(FIGURES_DRAWN_JS)
        if name == "index":
            assert figures == []
        else:
            assert figures, f"{name}.html has no figure"
        for figure in figures:
            assert figure["plotly"] and figure["drawn"], (name, figure)
            assert figure["map"] in (None, True), (name, figure)
        assert "DeepStateMap.Live" in page.locator("footer").inner_text()
    (bundle,) = export_dir.glob("plotly.*.min.js")  # one plotly.js, named by its content
    plotly = [url for url in traffic.files if "/plotly." in url and url.endswith(".min.js")]
    assert plotly and all(url == bundle.as_uri() for url in plotly)
    traffic.assert_clean()


def test_clicking_a_region_and_a_place_shows_their_details(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "map")
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == "Nothing selected"

    places = page.evaluate(
        """() => JSON.parse(document.getElementById('fig-map').textContent).data
              .filter(t => t.type === 'scattermap')
              .flatMap(t => t.lon.map((lon, i) => [lon, t.lat[i]]))"""
    )
    click_lonlat(page, *inside("UA-14", places))
    page.wait_for_function(
        "() => document.querySelector('#details h2').textContent === 'Donetsk Oblast'"
    )
    text = details.inner_text()
    assert "Under Russian control on" in text and "77%" in text
    assert "What Russia demands" in text
    assert "Fact checks" in text and "Source:" in text
    assert page.locator("#map-pick").input_value() == "region:UA-14"

    click_lonlat(page, *KUPYANSK)
    page.wait_for_function("() => document.querySelector('#details h2').textContent === 'Kupiansk'")
    text = details.inner_text()
    assert "Who claims what about Kupiansk" in text
    assert "Russia says" in text or "Claim by Russia" in text

    page.get_by_label("Show details for").select_option("region:UA-43")
    assert details.locator("h2").inner_text() == "Autonomous Republic of Crimea"
    assert page.evaluate("() => location.hash") == "#region:UA-43"
    page.get_by_role("button", name="Back to overview").click()
    assert details.locator("h2").inner_text() == "Nothing selected"
    traffic.assert_clean()


def test_a_link_opens_the_map_on_a_place(offline_page, traffic: Traffic, export_dir: Path) -> None:
    page = offline_page
    page.goto((export_dir / "map.html").as_uri() + "#place:kupyansk")
    page.wait_for_function("() => document.body.getAttribute('data-ready') === 'true'")
    assert page.locator("#details h2").inner_text() == "Kupiansk"
    page.evaluate("() => { location.hash = 'region:%3Cscript%3E'; }")  # not a region: ignored
    page.wait_for_function(
        "() => document.querySelector('#details h2').textContent === 'Nothing selected'"
    )
    traffic.assert_clean()


PREVIEW_JS = """
() => {
  const svg = document.querySelector('#map svg.map-preview.wide');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  return {
    role: svg.getAttribute('role'),
    name: svg.querySelector('title').textContent,
    width: box.width, height: box.height,
    regions: svg.querySelectorAll('path[data-option^="region:"]').length,
    places: svg.querySelectorAll('[data-option^="place:"]').length,
    texts: [...svg.querySelectorAll('text')].map((t) => t.textContent),
    plotly: document.querySelectorAll('.js-plotly-plot').length,
  };
}
"""


def test_map_opens_with_a_static_preview_without_plotly(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "map", activate=False)
    page.wait_for_timeout(500)
    preview = page.evaluate(PREVIEW_JS)
    assert preview is not None and preview["role"] == "img" and preview["plotly"] == 0
    assert "share of it under Russian control" in preview["name"]
    # Every unit in the map's frame (the far west lies outside it) and every place.
    places = page.locator('#map-pick option[value^="place:"]').count()
    assert preview["regions"] >= 20 and preview["places"] == places > 0
    assert preview["width"] > 600 and preview["height"] == 600
    for text in ("DONETSK", "CRIMEA", "Kupiansk", "Black Sea", "Kyiv", "100 km"):
        assert text in preview["texts"], text
    assert any(text.startswith("Rest of the Donbas") for text in preview["texts"])
    assert page.locator(".history-preview.wide").is_visible()
    # Nothing but the page, its stylesheet and its script: plotly.js waits for the reader.
    assert not [url for url in traffic.files if "/plotly." in url]
    assert page.evaluate("() => document.body.getAttribute('data-map')") is None
    # The list works without the interactive map.
    page.get_by_label("Show details for").select_option("region:UA-14")
    assert page.locator("#details h2").inner_text() == "Donetsk Oblast"
    assert not [url for url in traffic.files if "/plotly." in url]
    traffic.assert_clean()


#: The preview the page shows (the stylesheet shows one per width), the map's box, its button
#: and every name written on it, as drawn (page px).
SHOWN_PREVIEW_JS = """
() => {
  const edges = (el) => { const r = el.getBoundingClientRect();
                          return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const svg = [...document.querySelectorAll('#map svg.map-preview')]
    .find(s => getComputedStyle(s).display !== 'none');
  return {id: svg.id, box: edges(document.getElementById('map')),
          button: edges(document.getElementById('map-activate')),
          texts: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, ...edges(t)}))};
}
"""


#: Page widths and the preview each shows: a phone's, a tablet's (both framed on the claimed
#: regions), the desktop's; at the ends of their ranges and where the map box's height changes.
PREVIEW_WIDTHS = {
    360: "map-preview-narrow",
    390: "map-preview-narrow",
    420: "map-preview-narrow",
    421: "map-preview-tablet",
    600: "map-preview-tablet",
    601: "map-preview-tablet",
    760: "map-preview-tablet",
    761: "map-preview",
    1280: "map-preview",
}


@pytest.mark.parametrize("width", list(PREVIEW_WIDTHS))
def test_a_phone_s_preview_shows_the_claimed_regions_with_every_name_whole(
    offline_page, traffic: Traffic, export_dir: Path, width: int
) -> None:
    """On a phone or a tablet the preview is framed like the dashboard's phone map (the
    desktop's, cropped to a 421-760 px page's map, cut Luhansk's and Novorossiysk's names):
    on every page the five claimed regions and every place named, no name cut at an edge or
    under the map's button."""
    page = offline_page
    page.set_viewport_size({"width": width, "height": 800})
    open_export(page, export_dir, "map", activate=False)
    shown = page.evaluate(SHOWN_PREVIEW_JS)
    assert shown["id"] == PREVIEW_WIDTHS[width]
    texts = {text["text"] for text in shown["texts"]}
    assert {"DONETSK", "LUHANSK", "ZAPORIZHZHIA", "KHERSON", "CRIMEA"} <= texts, texts
    assert {"Kupiansk", "Pokrovsk", "Novorossiysk", "Nuclear plant"} <= texts, texts
    assert "100 km" in texts and "Annexed by Russia in 2014" in texts
    box, button = shown["box"], shown["button"]
    for text in shown["texts"]:
        whole = (
            text["left"] >= box["left"]
            and text["right"] <= box["right"]
            and text["top"] >= box["top"]
            and text["bottom"] <= box["bottom"]
        )
        assert whole, (width, text, box)
        under_button = (
            text["left"] < button["right"]
            and text["right"] > button["left"]
            and text["top"] < button["bottom"]
            and text["bottom"] > button["top"]
        )
        assert not under_button, (width, text, button)
    traffic.assert_clean()


def test_a_click_on_the_preview_shows_details_and_draws_the_map(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "map", activate=False)
    region = page.locator('#map svg.map-preview.wide path[data-option="region:UA-23"]')
    region.scroll_into_view_if_needed()
    box = region.bounding_box()
    assert box is not None
    # A point of Zaporizhzhia oblast's shape (its box's middle may lie in a neighbour).
    point = page.evaluate(
        """() => {
          const path = document.querySelector('path[data-option="region:UA-23"]');
          const box = path.getBoundingClientRect();
          for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
            const x = box.left + box.width * i / 20, y = box.top + box.height * j / 20;
            const hit = document.elementFromPoint(x, y);
            if (hit === path) return {x, y};
          }
          return null;
        }"""
    )
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(
        "() => document.querySelector('#details h2').textContent === 'Zaporizhzhia Oblast'"
    )
    wait_for_interactive_map(page)
    figures = page.evaluate(FIGURES_DRAWN_JS)
    assert {figure["id"] for figure in figures} == {"map", "history"}
    assert all(figure["plotly"] and figure["drawn"] for figure in figures), figures
    assert page.locator("svg.map-preview, svg.history-preview").count() == 0
    # The interactive map answers clicks as before.
    click_lonlat(page, *KUPYANSK)
    page.wait_for_function("() => document.querySelector('#details h2').textContent === 'Kupiansk'")
    traffic.assert_clean()


def test_the_keyboard_draws_the_interactive_map(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "map", activate=False)
    button = page.get_by_role("button", name="Explore the interactive map")
    for _ in range(30):  # Tab from the top of the page to the button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "map-activate":
            break
    assert page.evaluate("() => document.activeElement.id") == "map-activate"
    assert button.is_visible()
    page.keyboard.press("Enter")
    wait_for_interactive_map(page)
    assert page.evaluate("() => document.activeElement.id") == "map"  # focus stays on the map
    ready = page.evaluate(
        "() => [document.body.getAttribute('data-ready-ms'),"
        " document.body.getAttribute('data-map-ready-ms')].map(Number)"
    )
    assert 0 < ready[0] < ready[1]
    traffic.assert_clean()


@pytest.fixture(scope="module")
def hosted_export(export_dir: Path) -> Iterator[str]:
    """The same site served over HTTP, as a newsroom hosts it: there the map writes its names
    (from its own glyph files, which a page opened from disk cannot fetch)."""
    with served_folder(export_dir) as url:
        yield url


#: Screen boxes (page px) around the interactive map's sea names, as the map placed them.
SEA_NAME_BOXES_JS = """
() => {
  const map = document.getElementById('map')._fullLayout.map._subplot.map;
  const box = map.getContainer().getBoundingClientRect();
  return map.queryRenderedFeatures({layers: ['labels-sea']}).map(feature => {
    const point = map.project(feature.geometry.coordinates);
    return {text: feature.properties.text, x: box.left + point.x - 30,
            y: box.top + point.y - 7, width: 60, height: 14};
  });
}
"""


def test_the_hosted_interactive_map_writes_its_names(browser, hosted_export: str) -> None:
    """Served over HTTP (not from disk, where the page leaves the names out), the interactive
    map draws its names: their letters stand out from the water where the sea names are."""
    from io import BytesIO

    from PIL import Image

    context = browser.new_context(viewport=dict(VIEWPORTS["desktop"]), service_workers="block")
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((hosted_export, "blob:", "data:"))
            else outside.append(request.url)
        ),
    )
    try:
        page = context.new_page()
        page.goto(f"{hosted_export}/map.html")
        page.wait_for_function("() => document.body.getAttribute('data-ready') !== null")
        activate_map(page)  # and look as soon as the map says it has drawn
        boxes = page.evaluate(SEA_NAME_BOXES_JS)
        assert {box["text"] for box in boxes} == {"Black Sea", "Sea of Azov"}, boxes
        water = tuple(int(style.MAP_WATER[i : i + 2], 16) for i in (1, 3, 5))
        for box in boxes:
            clip = {key: box[key] for key in ("x", "y", "width", "height")}
            image = Image.open(BytesIO(page.screenshot(clip=clip))).convert("RGB")
            pixels = np.asarray(image, dtype=np.int16)
            ink = int((np.abs(pixels - np.array(water)).sum(axis=-1) > 90).sum())
            # the name's letters stand out from the water (none did: they never faded in)
            assert ink > 40, (box["text"], ink)
    finally:
        context.close()
    assert outside == []


#: True once the interactive map has drawn everything it asked for (after a re-framing).
SETTLED_JS = """
() => {
  const map = document.getElementById('map')._fullLayout.map._subplot.map;
  return map.loaded() && !map.isMoving();
}
"""

#: The interactive map's view and its callouts' size, as drawn.
MAP_VIEW_JS = """
() => {
  const gd = document.getElementById('map');
  const map = gd._fullLayout.map._subplot.map;
  const bounds = map.getBounds();
  const callouts = map.getLayer('labels-callouts') ? 'labels-callouts' : null;
  return {west: bounds.getWest(), east: bounds.getEast(), south: bounds.getSouth(),
          north: bounds.getNorth(), framed: gd.getAttribute('data-framed'),
          calloutSize: callouts && map.getLayoutProperty(callouts, 'text-size')};
}
"""


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_a_phone_s_interactive_map_opens_on_the_claimed_regions(
    browser, hosted_export: str, width: int
) -> None:
    """On a phone the interactive map shows the narrow view, as the dashboard's phone map
    (the figure's frame, fitted by its height, showed only its middle: Kherson and Luhansk
    cut at the edges); its callouts are set at 12 px. A desktop keeps the frame. On every
    width its names stand inside its edges."""
    from dashboard.figures.maps import MAP_FRAME, NARROW_CALLOUT_SIZE, NARROW_VIEW

    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{hosted_export}/map.html")
        page.wait_for_function("() => document.body.getAttribute('data-ready') !== null")
        activate_map(page)
        view = page.evaluate(MAP_VIEW_JS)
        # the names stand whole inside the map, as the dashboard's (its own code): none was
        # cut at a phone's edges (Luhansk, Odesa and the Black Sea were), no city dot unnamed
        page.wait_for_function(SETTLED_JS)
        edges = page.evaluate(EDGE_NAMES_JS)
    finally:
        context.close()
    assert edges == {"left": [], "right": [], "unnamed": []}, edges
    west, south, east, north = NARROW_VIEW
    if width == 1280:
        assert view["framed"] is None and view["calloutSize"] != NARROW_CALLOUT_SIZE, view
        # the frame's full height, as the figure fits it
        assert view["south"] <= MAP_FRAME[1] + 0.05 and view["north"] >= MAP_FRAME[3] - 0.05, view
        return
    assert view["framed"] == "narrow", view
    assert view["west"] <= west + 0.05 and view["east"] >= east - 0.05, view
    assert view["south"] <= south + 0.05 and view["north"] >= north - 0.05, view
    # fitted to the view's width (the frame's height showed about 31-39° E at 390 px)
    assert view["west"] == pytest.approx(west, abs=0.05), view
    assert view["east"] == pytest.approx(east, abs=0.05), view
    assert view["calloutSize"] == NARROW_CALLOUT_SIZE, view


def test_timeline_filters_narrow_the_list_and_the_chart(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "timeline")
    everything = visible_events(page)
    drawn = chart_event_ids(page)
    assert everything and drawn <= set(everything)
    kinds = dict(
        page.evaluate(
            """() => JSON.parse(document.getElementById('timeline-data').textContent).events
                   .map(e => [e.id, e.kind])"""
        )
    )
    battlefield = {event for event in everything if kinds[event] == "battlefield"}
    assert battlefield & drawn

    click_timeline_mark(page, "pokrovsk_capture_claim")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === "
        "'event-pokrovsk_capture_claim'"
    )
    assert "is-selected" in page.locator("#event-pokrovsk_capture_claim").get_attribute("class")

    page.get_by_label("Battlefield").uncheck()
    wait_for_event_count(page, len(everything) - len(battlefield))
    narrowed = visible_events(page)
    assert set(narrowed) == set(everything) - battlefield
    assert not (chart_event_ids(page) & battlefield)
    count = page.locator("#timeline-count").inner_text()
    assert count.startswith(f"{len(narrowed)} of ")

    page.get_by_label("Search titles and descriptions").fill("kupiansk")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#timeline-list li:not([hidden])')]"
        ".every(li => li.textContent.toLowerCase().includes('kupiansk'))"
    )
    searched = visible_events(page)
    assert 0 < len(searched) < len(narrowed)
    assert chart_event_ids(page) <= set(searched)
    # the old spelling finds the same events (the spelling policy's search aliases)
    page.get_by_label("Search titles and descriptions").fill("kupyansk")
    wait_for_event_count(page, len(searched))
    assert visible_events(page) == searched

    page.get_by_label("Search titles and descriptions").fill("no event says this 123")
    page.wait_for_function("() => !document.getElementById('timeline-empty').hidden")
    assert visible_events(page) == []

    page.get_by_role("button", name="Show everything").click()
    wait_for_event_count(page, len(everything))
    traffic.assert_clean()


def test_positions_selects_narrow_the_matrix(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    page = offline_page
    open_export(page, export_dir, "positions")
    page.get_by_label("Issue", exact=True).select_option("nato")
    shown = page.locator(".issue:not([hidden])")
    assert shown.count() == 1 and "NATO" in shown.first.locator("h3").inner_text()
    page.get_by_label("Party", exact=True).select_option("russia")
    cells = page.locator(".issue:not([hidden]) .cell:not([hidden])")
    assert cells.count() == 1 and cells.first.get_attribute("data-party") == "russia"
    opacity = page.evaluate(
        """() => document.getElementById('distance').data
              .filter(t => t.mode === 'markers' && t.legendgroup)
              .map(t => [t.name, t.opacity])"""
    )
    assert dict(opacity)["Russia"] == 1 and dict(opacity)["Ukraine"] < 1
    traffic.assert_clean()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_pages_fit_the_screen_and_are_captured(
    offline_page, traffic: Traffic, export_dir: Path, device: str
) -> None:
    page = offline_page
    size = VIEWPORTS[device]
    page.set_viewport_size(size)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        open_export(page, export_dir, name)
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= size["width"], f"{name}.html is {overflow}px wide at {device}"
        page.screenshot(path=str(SCREENSHOT_DIR / f"export-{name}-{device}.png"), full_page=True)
        if name == "map":
            # The static preview first, as a reader sees the page open.
            page.reload()
            page.wait_for_function("() => document.body.getAttribute('data-ready') === 'true'")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
            page.locator("#map").screenshot(
                path=str(SCREENSHOT_DIR / f"export-map-preview-{device}.png")
            )
            page.get_by_label("Show details for").select_option("region:UA-14")
            details = page.locator("#details")
            assert details.locator("h2").inner_text() == "Donetsk Oblast"
            assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
            details.screenshot(path=str(SCREENSHOT_DIR / f"export-map-details-{device}.png"))
    traffic.assert_clean()


def test_timeline_filters_match_the_python_filter(
    offline_page, traffic: Traffic, export_dir: Path
) -> None:
    """The static site filters in JavaScript: over many filter combinations it must keep
    exactly the events the dashboard's own filter (``views.timeline.filter_events``) keeps.

    Each combination picks a period, a non-empty set of kinds and of parties and a search
    text (an old spelling among them); the page's list is compared with the Python result.
    """
    import random

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from dashboard.export import content
    from dashboard.views import timeline as timeline_view

    inputs = site.load_inputs()
    timeline = content.timeline_content(inputs)
    events = timeline.events
    kind_names = {kind: timeline_view.kind_label(kind) for kind in timeline.kinds}
    party_names = {party: timeline_view.party_label(party) for party in timeline.parties}
    texts = ["", "kupiansk", "Kupyansk", "berlin", "submarine", "nato", "putin", "zzz"]
    page = offline_page
    open_export(page, export_dir, "timeline")
    chance = random.Random(20251216)
    for round_ in range(40):
        period = chance.choice(timeline.periods)
        kinds = chance.sample(timeline.kinds, chance.randint(1, len(timeline.kinds)))
        parties = chance.sample(timeline.parties, chance.randint(1, len(timeline.parties)))
        text = chance.choice(texts)
        page.locator(f'input[name="period"][value="{period.key}"]').check()
        for kind in timeline.kinds:
            page.get_by_label(kind_names[kind], exact=True).set_checked(kind in kinds)
        for party in timeline.parties:
            page.get_by_label(party_names[party], exact=True).set_checked(party in parties)
        page.get_by_label("Search titles and descriptions").fill(text)
        everyone = len(parties) == len(timeline.parties)
        wanted = timeline_view.TimelineFilter(
            start=period.start,
            end=period.end,
            parties=() if everyone else tuple(parties),
            kinds=tuple(kinds),
            text=text,
        )
        expected = list(timeline_view.filter_events(events, wanted)["event_id"])
        try:
            wait_for_event_count(page, len(expected), timeout_ms=5_000)
        except PlaywrightTimeout:
            pass  # the comparison below says what differs
        shown = visible_events(page)
        assert sorted(shown) == sorted(expected), (round_, period.key, kinds, parties, text)
    traffic.assert_clean()
