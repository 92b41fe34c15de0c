"""The map's MapLibre style object, with glyphs served by the app itself (text offline).

Text on the map (``go.Scattermap`` with ``mode="...+text"``, or ``symbol`` layers in
``layout.map.layers``) needs glyph files. Instead of a font server, the app serves the files
that ``python -m dashboard.build glyphs`` writes into ``dashboard/static/glyphs/``
(``[server] enableStaticServing = true``; Streamlit serves them under ``app/static/``).

Use :func:`map_style` as ``layout.map.style``. Trace text is requested under the font stack
:data:`TRACE_FONT_STACK` (set ``textfont.family`` to it); symbol layers ignore their
``textfont.family`` and request :data:`LAYER_FONT_STACK`. Both are served.
"""

from __future__ import annotations

from typing import Any

#: Relative on purpose: it resolves against the page, so it survives ``server.baseUrlPath``
#: (a path-absolute ``/app/static/...`` would not).
GLYPHS_URL = "app/static/glyphs/{fontstack}/{range}.pbf"
#: The stack plotly requests for trace text (``textfont.family`` is passed through).
TRACE_FONT_STACK = "Open Sans Regular"
#: The stack plotly requests for ``symbol`` layers (their ``textfont.family`` is ignored).
LAYER_FONT_STACK = "Open Sans Regular,Arial Unicode MS Regular"
#: Every stack the glyph folder serves (the same files under each name).
FONT_STACKS: tuple[str, ...] = (TRACE_FONT_STACK, LAYER_FONT_STACK)
#: Unicode ranges served: Basic Latin and Latin-1, Latin Extended-A/B, spacing modifiers (the
#: Ukrainian apostrophe ʼ U+02BC), Cyrillic, General Punctuation (dashes, curly quotes).
#: Together they cover English and Ukrainian text.
GLYPH_RANGES: tuple[tuple[int, int], ...] = (
    (0, 255),
    (256, 511),
    (512, 767),
    (1024, 1279),
    (8192, 8447),
)


def map_style(background: str = "#FFFFFF") -> dict[str, Any]:
    """The ``layout.map.style`` object: a plain background and the app's own glyphs.

    Parameters
    ----------
    background
        CSS colour of the map's background layer.

    Returns
    -------
    dict
        A MapLibre style (version 8). ``sources`` holds one empty GeoJSON source because
        Streamlit passes an empty ``{}`` on as missing and the map then fails to load.
        Paint changes take effect at once (``transition`` 0): MapLibre's default 300 ms fade
        would redraw the map for every frame of it, each costly when drawn in software.
    """
    return {
        "version": 8,
        "glyphs": GLYPHS_URL,
        "transition": {"duration": 0, "delay": 0},
        "sources": {
            "empty": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}
        },
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": background}}
        ],
    }


#: A feature property no feature has: a paint value that tests it is read per feature.
PER_FEATURE_KEY = "per_feature_paint"
#: For each kind of layer, the paint properties that plotly's trace layers of that kind set
#: per feature (a choropleth's fill colour and opacity, a line's opacity for the selection's
#: outline), with MapLibre's default for a layer that leaves one out (None: the layer's
#: ``fill-color``, as MapLibre draws a fill's outline). ``symbol``: the place names' second
#: line has a colour of its own, which makes ``text-color`` per feature in that layer.
#: ``circle``: the places' click targets, a scatter trace, have a size and an opacity per
#: point (the selected one shows).
PER_FEATURE_PAINT: dict[str, dict[str, Any]] = {
    "fill": {"fill-color": "#000000", "fill-opacity": 1, "fill-outline-color": None},
    "line": {"line-opacity": 1},
    "symbol": {"text-color": "#000000"},
    "circle": {"circle-radius": 5, "circle-opacity": 1},
}


def per_feature(value: Any) -> Any:
    """``value`` as an expression MapLibre evaluates per feature (it is the same for all)."""
    if isinstance(value, (list, dict)):  # an expression or a function already
        return value
    return ["case", ["has", PER_FEATURE_KEY], value, value]


def constant_of(value: Any) -> Any:
    """The value :func:`per_feature` wrapped (anything else unchanged): what is drawn."""
    wrapped = isinstance(value, list) and len(value) == 4
    if wrapped and value[:2] == ["case", ["has", PER_FEATURE_KEY]]:
        return value[2]
    return value


def shared_programs(style_object: dict[str, Any]) -> dict[str, Any]:
    """``style_object`` with its fill, line, symbol and circle layers drawn by the traces' programs.

    MapLibre compiles one shader program for each combination of per-feature and constant
    paint properties a layer kind uses. Our layers set constants; plotly's trace layers of the
    same kind set some of the same properties per feature: two programs per kind. Drawn in
    software (SwiftShader, as in CI and on many office machines) every program is compiled
    for each new page (in the first frame that uses it: 20 to 40 ms each). Written per feature
    (the same value for all), our layers share the traces' programs: the map page compiles 8
    instead of 13 (7 with the sky left out, see ``dashboard.figures.map_script``). Traced at
    1280 px, a first view's main thread then waited 0.58 s instead of 0.70 s for the software
    renderer's frames (fills, lines and names shared). What is drawn does not change. Plotly's
    layout layers (the places' dots) are given the same paint in the browser, as they are
    added (``HOLD_PAINT_JS``).
    """
    layers = []
    for layer in style_object.get("layers", []):
        wanted = PER_FEATURE_PAINT.get(layer.get("type", ""))
        if wanted:
            paint = dict(layer.get("paint") or {})
            for name, default in wanted.items():
                value = paint.get(name, default)
                if value is None:  # a fill's outline: the fill's colour
                    value = paint.get("fill-color", PER_FEATURE_PAINT["fill"]["fill-color"])
                paint[name] = per_feature(value)
            layer = {**layer, "paint": paint}
        layers.append(layer)
    return {**style_object, "layers": layers}
