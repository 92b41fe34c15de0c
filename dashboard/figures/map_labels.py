"""Text on the map: names, status lines, callouts and the scale bar, in the map's own style.

The labels are layers of the MapLibre style object (:func:`labelled_style`), not plotly
layers: there MapLibre's full text styling is available (halos, capitals, letter spacing,
one symbol with a name and a smaller status line, priorities when labels would collide).
The map's areas are layers of the same style, below the labels, so every name stays on top
of the fills; plotly's traces (the clickable layers) come above the whole style. Glyphs come
from the app itself (:mod:`dashboard.figures.map_style`): nothing is fetched from a font server.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from dashboard.figures import style
from dashboard.figures.map_style import map_style
from dashboard.views.map.drawing import Callout, MapLabel, ScaleBar

#: The first label layer: everything drawn before it lies under the names.
LABELS_BELOW = "labels-callout-lines"
#: The callouts' text layer (a narrow map wraps it narrower, see dashboard.ui.map_panel).
CALLOUT_LAYER = "labels-callouts"
#: The cities' names and their dots (a narrow map may leave a city out, both together).
CITY_LAYER = "labels-city"
CITY_DOTS_LAYER = "labels-city-dots"
#: A line of text's height, in ems of its size.
LINE_HEIGHT = 1.2
#: Where a place's text wraps (ems of the name's size): its status line takes two lines.
PLACE_MAX_WIDTH = 14
#: The callouts and their leader lines are drawn below this zoom only: written for the
#: overview (zoom 5.3 on a desktop, less on a phone), at a selection's zoom (6 and more) their
#: text would stand cut at the map's edge, away from what it points at.
CALLOUT_MAX_ZOOM = 6.0
FONT = ["Open Sans Regular", "Arial Unicode MS Regular"]
HALO = "rgba(255,255,255,0.92)"
#: (size px, colour, letter spacing em, capitals) per kind of label.
LOOKS: dict[str, tuple[float, str, float, bool]] = {
    "country": (15, "#5B5B5B", 0.25, True),
    "region": (13, "#3B3B3B", 0.12, True),
    "sea": (13, "#2F6690", 0.18, False),
    "city": (13, "#1F1F1F", 0.0, False),
    "place": (14, "#000000", 0.0, False),
}
#: A place's status line, relative to its name (14 px × 0.86 ≈ 12 px, legible on a phone).
STATUS_SCALE = 0.86
CITY_DOT_RADIUS = 2.5
#: The zoom from which places show their status line: the desktop map (820 px wide, zoom
#: about 5.0) shows it, a phone's (390 px, about 4.5) only the names.
STATUS_MIN_ZOOM = 4.75
#: A name beside its dot: MapLibre's text anchor and offset (ems) for each side.
SIDES: dict[str, tuple[str, list[float]]] = {
    "right": ("left", [0.6, 0]),
    "left": ("right", [-0.6, 0]),
    "above": ("bottom", [0, -0.5]),
    "below": ("top", [0, 0.5]),
}
#: The kinds of name written beside a dot (the others are centred on their point).
SIDED_KINDS = frozenset({"city", "place"})


#: Advance widths (ems) of Open Sans (``dashboard/static/glyphs``), by kind of character: the
#: widest of each kind, so that an estimated name is a little longer than the drawn one.
CHARACTER_EMS: tuple[tuple[frozenset[str], float], ...] = (
    (frozenset("ijlIJ'’.,:;| "), 0.29),
    (frozenset("frt-"), 0.42),
    (frozenset("mwMW"), 0.92),
)
CAPITAL_EM, OTHER_EM = 0.79, 0.62


def radial_offset(side: str) -> float:
    """How far (ems) a name stands from its dot on ``side``, in the direction of its anchor.

    The layers take it as ``text-radial-offset``, a number: an array property such as a
    per-name ``text-offset`` reaches MapLibre's layout as text and is not applied.
    """
    _, (x, y) = SIDES.get(side, SIDES["right"])
    return round(math.hypot(x, y), 3)


def label_key(label: MapLabel) -> str:
    """The name's key on the map (a region and its capital may share a name)."""
    return f"{label.kind}:{label.text}"


def text_width(text: str, size: float, spacing: float = 0.0, capitals: bool = False) -> float:
    """An estimate (px) of ``text``'s drawn width at ``size`` px, a little generous.

    ``spacing`` is MapLibre's ``text-letter-spacing`` (ems between characters); ``capitals``
    says the text is drawn upper case.
    """
    shown = text.upper() if capitals else text
    ems = 0.0
    for character in shown:
        kind = next((em for characters, em in CHARACTER_EMS if character in characters), None)
        ems += kind if kind is not None else CAPITAL_EM if character.isupper() else OTHER_EM
    return round((ems + spacing * max(len(shown) - 1, 0)) * size, 1)


def label_extents(labels: Sequence[MapLabel]) -> list[dict[str, Any]]:
    """Where each name is written, for a narrow map to keep them inside its edges.

    One dict per name: its ``key`` and ``layer``, its point (``lon``, ``lat``), MapLibre's
    ``anchor`` and ``offset`` (ems) for it, its text ``size``, its estimated ``width`` and
    ``height`` (px), and ``wide`` and ``tall``: the same with the status line under the name,
    shown from zoom :data:`STATUS_MIN_ZOOM` on.
    """
    extents = []
    for label in labels:
        size, _, spacing, capitals = LOOKS[label.kind]
        anchor, offset = "center", [0.0, 0.0]
        if label.kind in SIDED_KINDS:
            anchor, offset = SIDES.get(label.side, SIDES["right"])
        width = text_width(label.text, size, spacing, capitals)
        # MapLibre wraps the status line at the place's maximum width
        status, wrap = text_width(label.status, size * STATUS_SCALE), PLACE_MAX_WIDTH * size
        extents.append(
            {
                "key": label_key(label),
                "layer": f"labels-{label.kind}",
                "lon": label.lon,
                "lat": label.lat,
                "anchor": anchor,
                "offset": list(offset),
                "size": size,
                "width": width,
                "height": round(size * LINE_HEIGHT, 1),
                "wide": max(width, min(status, wrap)),
                "tall": round(
                    size * LINE_HEIGHT * (1 + STATUS_SCALE * math.ceil(status / wrap)), 1
                ),
            }
        )
    return extents


def callout_extents(callouts: Sequence[Callout]) -> list[dict[str, Any]]:
    """Where each callout is written, for the map to keep its text inside its edges.

    One dict per callout: its point (``lon``, ``lat``), MapLibre's ``anchor`` for it and
    ``ems``, its longest line's estimated width per px of text size (the map sets the size).
    """
    return [
        {
            "lon": callout.lon,
            "lat": callout.lat,
            "anchor": callout.anchor,
            "ems": round(max(text_width(line, 100) for line in callout.text.split("\n")) / 100, 3),
        }
        for callout in callouts
    ]


def _source(features: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """A GeoJSON source of (properties, geometry) pairs."""
    return {
        "type": "geojson",
        "data": {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": properties, "geometry": geometry}
                for properties, geometry in features
            ],
        },
    }


def _points(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return _source(
        [
            (
                {k: v for k, v in row.items() if k not in ("lon", "lat")},
                {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            )
            for row in rows
        ]
    )


def _lines(segments: Sequence[tuple[tuple[float, float], tuple[float, float]]]) -> dict[str, Any]:
    return _source(
        [({}, {"type": "LineString", "coordinates": [list(a), list(b)]}) for a, b in segments]
    )


def _text_layer(kind: str, source: str, **layout: Any) -> dict[str, Any]:
    size, colour, spacing, capitals = LOOKS[kind]
    return {
        "id": f"labels-{kind}",
        "type": "symbol",
        "source": source,
        "filter": ["==", ["get", "kind"], kind],
        "layout": {
            "text-field": ["get", "text"],
            "text-font": FONT,
            "text-size": size,
            "text-letter-spacing": spacing,
            "text-transform": "uppercase" if capitals else "none",
            "text-max-width": 12,
            "text-padding": 3,
            "symbol-sort-key": ["get", "rank"],
            **layout,
        },
        "paint": {"text-color": colour, "text-halo-color": HALO, "text-halo-width": 1.6},
    }


def label_layers(
    labels: Sequence[MapLabel], callouts: Sequence[Callout], scale: ScaleBar | None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The style's sources and layers for the labels, callouts and scale bar, bottom first."""
    rows = [
        {
            "key": label_key(label),
            "text": label.text,
            "status": label.status,
            "kind": label.kind,
            "rank": label.rank,
            "anchor": SIDES.get(label.side, SIDES["right"])[0],
            "radial": radial_offset(label.side),
            "lon": label.lon,
            "lat": label.lat,
        }
        for label in labels
    ]
    callout_rows = [
        {
            "text": callout.text,
            "rank": -1,
            "anchor": callout.anchor,
            "lon": callout.lon,
            "lat": callout.lat,
        }
        for callout in callouts
    ]
    leaders = [
        (callout.leader_from, callout.leader_to) for callout in callouts if callout.leader_to
    ]
    sources = {
        "labels": _points(rows),
        "callouts": _points(callout_rows),
        "callout-lines": _lines(leaders),
    }
    layers: list[dict[str, Any]] = [
        {
            "id": LABELS_BELOW,
            "type": "line",
            "source": "callout-lines",
            "maxzoom": CALLOUT_MAX_ZOOM,
            "paint": {"line-color": style.INK, "line-width": 1},
        },
        {
            "id": CITY_DOTS_LAYER,
            "type": "circle",
            "source": "labels",
            "filter": ["==", ["get", "kind"], "city"],
            "paint": {
                "circle-radius": CITY_DOT_RADIUS,
                "circle-color": style.INK,
                "circle-stroke-color": "#FFFFFF",
                "circle-stroke-width": 1,
            },
        },
        _text_layer("sea", "labels"),
        _text_layer("country", "labels"),
        _text_layer("region", "labels", **{"text-line-height": 1.15}),
        _text_layer(
            "city",
            "labels",
            **{"text-anchor": ["get", "anchor"], "text-radial-offset": ["get", "radial"]},
        ),
        _text_layer(
            "place",
            "labels",
            **{
                # The status line only where there is room for it: not at a phone's zoom.
                "text-field": [
                    "step",
                    ["zoom"],
                    ["get", "text"],
                    STATUS_MIN_ZOOM,
                    [
                        "format",
                        ["get", "text"],
                        {},
                        "\n",
                        {},
                        ["get", "status"],
                        {"font-scale": STATUS_SCALE, "text-color": "#333333"},
                    ],
                ],
                "text-anchor": ["get", "anchor"],
                "text-justify": "auto",
                "text-radial-offset": ["get", "radial"],
                "text-max-width": PLACE_MAX_WIDTH,
            },
        ),
        {
            "id": CALLOUT_LAYER,
            "type": "symbol",
            "source": "callouts",
            "maxzoom": CALLOUT_MAX_ZOOM,
            "layout": {
                "text-field": ["get", "text"],
                "text-font": FONT,
                "text-size": 13,
                "text-anchor": ["get", "anchor"],
                "text-justify": "left",
                "text-max-width": 30,
                "text-line-height": 1.25,
                # Written where nothing else is; they never push a name off the map.
                "text-allow-overlap": True,
                "text-ignore-placement": True,
                "symbol-sort-key": ["get", "rank"],
            },
            "paint": {"text-color": "#0B2E59", "text-halo-color": HALO, "text-halo-width": 2},
        },
    ]
    if scale is not None:
        sources["scale"] = _lines([(scale.start, scale.end)])
        sources["scale-label"] = _points(
            [{"text": scale.text, "lon": scale.start[0], "lat": scale.start[1]}]
        )
        layers += [
            {
                "id": "scale-bar",
                "type": "line",
                "source": "scale",
                "paint": {"line-color": style.INK, "line-width": 3},
            },
            {
                "id": "scale-label",
                "type": "symbol",
                "source": "scale-label",
                "layout": {
                    "text-field": ["get", "text"],
                    "text-font": FONT,
                    "text-size": 12,
                    "text-anchor": "bottom-left",
                    "text-offset": [0, -0.4],
                    # always drawn, and never the reason a name is left out
                    "text-allow-overlap": True,
                    "text-ignore-placement": True,
                },
                "paint": {"text-color": style.INK, "text-halo-color": HALO, "text-halo-width": 1.5},
            },
        ]
    return sources, layers


def labelled_style(
    background: str,
    labels: Sequence[MapLabel],
    callouts: Sequence[Callout] = (),
    scale: ScaleBar | None = None,
    areas: tuple[dict[str, dict[str, Any]], list[dict[str, Any]]] = ({}, []),
) -> dict[str, Any]:
    """The map's style object: the water background, the ``areas``, then the labels.

    ``areas`` are the areas' sources and layers (bottom first). Plotly's traces and layout
    layers are drawn above the whole style.
    """
    base = map_style(background)
    sources, layers = label_layers(labels, callouts, scale)
    area_sources, area_layers = areas
    return {
        **base,
        "sources": {**base["sources"], **area_sources, **sources},
        "layers": [*base["layers"], *area_layers, *layers],
    }
