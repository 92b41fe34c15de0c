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
