"""Map text labels draw offline from the glyph files the app serves itself.

The test app ``tests/e2e/apps/map_labels.py`` puts trace text ("Kyiv", "Харків", "Sea of
Azov") and a symbol-layer label ("Чорне море") on a map whose style is
``dashboard.figures.map_style.map_style()``: its ``glyphs`` URL is the relative
``app/static/glyphs/{fontstack}/{range}.pbf``.

How the test app gets the glyphs: Streamlit serves the folder ``static/`` beside the app
script (``server.enableStaticServing``), and resolves it with ``realpath``. The fixture below
copies the script into a temporary folder next to a symlink ``static`` →
``dashboard/static`` (the real folder, not a copy, so the test checks the committed files)
and starts it with ``--server.enableStaticServing=true`` (as ``.streamlit/config.toml``
sets for the dashboard). The link is the whole ``static`` folder: a ``static/glyphs`` link
would lead outside the resolved static root and Streamlit would refuse it. Nothing is added
to ``tests/e2e/apps/``.

What proves the glyphs work: every glyph request went to the app and got the committed file
with a 200; MapLibre loaded those ranges for both font stacks without falling back to a
browser font (it draws text with one when glyph files fail, so pixels alone prove nothing);
and the labels' red text is on the canvas where each label sits.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest

from dashboard.figures.map_style import LAYER_FONT_STACK, TRACE_FONT_STACK
from tests.harness.browser import REPO_ROOT, StreamlitServer, assert_page_clean, open_page

APP = Path(__file__).resolve().parent / "apps" / "map_labels.py"
STATIC_DIR = REPO_ROOT / "dashboard" / "static"
GLYPH_PATH = "/app/static/glyphs/"
#: What the app draws (kept in step with apps/map_labels.py).
TRACE_LABELS = {"Kyiv": (30.52, 50.45), "Харків": (36.23, 49.99), "Sea of Azov": (36.6, 46.1)}
LAYER_LABEL = ("Чорне море", (31.0, 43.6))

#: Every text feature MapLibre placed on the map: its layer, the layer's font stack and text.
RENDERED_TEXT_JS = """
() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  return map.queryRenderedFeatures()
    .filter((feature) => feature.layer.type === 'symbol')
    .map((feature) => ({
      layer: feature.layer.id,
      // unset: MapLibre's default stack, "Open Sans Regular,Arial Unicode MS Regular"
      font: (map.getLayoutProperty(feature.layer.id, 'text-font') || ['(default)']).join(','),
      text: feature.properties.text
        || String(map.getLayoutProperty(feature.layer.id, 'text-field')),
    }));
}
"""
#: Per font stack, the glyph ranges MapLibre loaded from files and whether it fell back to
#: drawing glyphs with a browser font (TinySDF). MapLibre-internal (6.x, the version in
#: Streamlit 1.67): a failed or unparsable glyph file still shows text, in the fallback font.
GLYPH_MANAGER_JS = """
() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const manager = gd._fullLayout.map._subplot.map.style.glyphManager;
  const out = {};
  for (const [stack, entry] of Object.entries(manager.entries)) {
    out[stack] = {
      loaded: Object.keys(entry.ranges).filter((range) => entry.ranges[range] === true)
        .map(Number).sort((a, b) => a - b),
      fallback: Boolean(entry.tinySDF),
    };
  }
  return out;
}
"""
#: True once the map has loaded its style, sources and glyphs and is not moving.
MAP_IDLE_JS = """
() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  return map.loaded() && map.areTilesLoaded() && !map.isMoving();
}
"""
#: Pixel positions (relative to the map canvas, CSS pixels) of [lon, lat] points.
PROJECT_JS = """
(points) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  return points.map((point) => { const p = map.project(point); return [p.x, p.y]; });
}
"""


@pytest.fixture(scope="module")
def labels_app_url(chromium_executable: str, tmp_path_factory) -> Iterator[str]:
    """The test app served from a temporary folder with ``static`` → ``dashboard/static``."""
    folder = tmp_path_factory.mktemp("map_labels_app")
    shutil.copy(APP, folder / APP.name)
    (folder / "static").symlink_to(STATIC_DIR, target_is_directory=True)
    server = StreamlitServer(
        script=folder / APP.name, extra_args=("--server.enableStaticServing", "true")
    ).start()
    try:
        yield server.base_url
    finally:
        server.stop()


def wait_for_labels(page, expected: set[str]) -> list[dict]:
    """Wait until MapLibre lists every expected text feature; return them.

    MapLibre lists the features even when their glyphs failed to load, so this proves the
    layers and fonts, not the drawing: the pixel check in the test does that.
    """
    page.wait_for_function(
        f"(expected) => {{ const texts = new Set(({RENDERED_TEXT_JS.strip()})()"
        ".map((f) => f.text)); return expected.every((t) => texts.has(t)); }",
        arg=sorted(expected),
        timeout=60_000,
        polling=100,
    )
    return page.evaluate(RENDERED_TEXT_JS)


def text_pixels(image, box: tuple[int, int, int, int]) -> int:
    """Pixels in ``box`` (left, top, right, bottom) close to the labels' red."""
    pixels = np.asarray(image.crop(box).convert("RGB"), dtype=np.int16)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return int(((red > 150) & (green < 110) & (blue < 110) & (red - green > 80)).sum())


def test_labels_draw_from_the_app_s_own_glyphs(page, recorder, labels_app_url) -> None:
    from PIL import Image

    responses: list[tuple[str, int, bytes]] = []

    def keep(response) -> None:
        if GLYPH_PATH in response.url:
            responses.append((response.url, response.status, response.body()))

    page.on("response", keep)
    open_page(page, labels_app_url)
    placed = wait_for_labels(page, {*TRACE_LABELS, LAYER_LABEL[0]})

    # trace text names its stack (textfont.family); the symbol layer leaves MapLibre's default,
    # which is requested as LAYER_FONT_STACK (checked on the requests below)
    fonts = {feature["text"]: feature["font"] for feature in placed}
    assert all(fonts[label] == TRACE_FONT_STACK for label in TRACE_LABELS), fonts
    assert fonts[LAYER_LABEL[0]] == "(default)", fonts

    # ...served by the app itself: every glyph request answered 200 with the committed file
    assert responses, "no glyph file was requested"
    requested = set()
    for url, status, body in responses:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1", url
        assert status == 200, f"{status} for {url}"
        relative = unquote(parts.path).split("/app/static/", 1)[1]
        assert body == (STATIC_DIR / relative).read_bytes(), f"{url} is not the committed file"
        requested.add(relative)
    for stack in (TRACE_FONT_STACK, LAYER_FONT_STACK):
        assert {f"glyphs/{stack}/0-255.pbf", f"glyphs/{stack}/1024-1279.pbf"} <= requested
    assert_page_clean(recorder)  # nothing left 127.0.0.1, no console or page error

    # MapLibre parsed them (ranges 0 and 4 of 256 code points: Latin, Cyrillic) and did not
    # fall back to a browser font
    page.wait_for_function(MAP_IDLE_JS, timeout=60_000, polling=100)
    loaded = page.evaluate(GLYPH_MANAGER_JS)
    for stack in (TRACE_FONT_STACK, LAYER_FONT_STACK):
        assert loaded.get(stack) == {"loaded": [0, 4], "fallback": False}, loaded

    # and the labels are on the canvas: red text pixels where each label sits. MapLibre fades
    # symbols in (about 300 ms) after the map is idle: look again for a few seconds.
    canvas = page.locator('[data-testid="stPlotlyChart"] canvas.maplibregl-canvas')
    trace_points = page.evaluate(PROJECT_JS, [list(point) for point in TRACE_LABELS.values()])
    ((x, y),) = page.evaluate(PROJECT_JS, [list(LAYER_LABEL[1])])
    # text "top center": a line of 16 px text just above each marker; the layer's centred
    boxes = {
        label: (px - 60, py - 32, px + 60, py - 4)
        for label, (px, py) in zip(TRACE_LABELS, trace_points, strict=True)
    } | {LAYER_LABEL[0]: (x - 60, y - 12, x + 60, y + 12)}
    for _attempt in range(10):
        image = Image.open(io.BytesIO(canvas.screenshot()))
        scale = image.width / canvas.bounding_box()["width"]
        counts = {
            label: text_pixels(image, tuple(round(v * scale) for v in box))
            for label, box in boxes.items()
        }
        if all(count > 15 for count in counts.values()):
            break
        page.wait_for_timeout(500)
    assert all(count > 15 for count in counts.values()), f"red text pixels per label: {counts}"
    # and nothing red far from any label (the background stays plain)
    assert text_pixels(image, (0, 0, round(60 * scale), round(60 * scale))) == 0
