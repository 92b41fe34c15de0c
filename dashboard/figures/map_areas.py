"""The map's areas, bottom first: neighbours, regions by status, control, the Donbas, outlines.

In the dashboard each area is a map-style layer (no hover, no clicks) with a legend swatch on
a hidden cartesian plot; on the static page it is a trace whose status fills take the clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.map_geometry import feature_ids, subset
from dashboard.views.map.drawing import MapLayers
from dashboard.views.map.selection import REGION

TRANSPARENT = "rgba(0,0,0,0)"
#: Statuses whose outline is drawn again above the control layer.
CLAIMED_STATUSES = ("annexed_2014", "annexed_2022")
#: The front line's width (px): above every fill, below the places.
FRONT_LINE_WIDTH = 2.2


def solid(colour: str) -> list[list[Any]]:
    """A colour scale of one colour (every value drawn alike)."""
    return [[0, colour], [1, colour]]


def area_trace(
    collection: dict[str, Any],
    *,
    name: str,
    fill: str,
    line: str,
    line_width: float,
    showlegend: bool = True,
    legendrank: int = 1000,
) -> go.Choroplethmap:
    """A non-interactive filled layer (hover and clicks pass through it)."""
    ids = feature_ids(collection)
    return go.Choroplethmap(
        geojson=collection,
        locations=ids,
        featureidkey="id",
        z=[0] * len(ids),
        colorscale=solid(fill),
        showscale=False,
        marker={"opacity": 1, "line": {"color": line, "width": line_width}},
        # Unchanged by a selection on the map (plotly would dim unselected layers).
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
        hoverinfo="skip",
        name=name,
        showlegend=showlegend,
        legendrank=legendrank,
    )


@dataclass(frozen=True)
class Area:
    """One area of the map: a trace on the static page, a style layer in the dashboard."""

    name: str
    collection: dict[str, Any]
    fill: str
    line: str
    line_width: float
    #: Its place in the legend; None for no legend entry.
    legendrank: int | None = None
    #: A status fill's units (``units`` rows): on the static page they take the clicks.
    rows: pd.DataFrame | None = None
    #: The legend swatch's marker (``line-ew-open`` for a line).
    symbol: str = "square"
    #: For an area cut from Ukraine's units: their ids (the style then draws it from one
    #: shared copy of the units, filtered, instead of a copy of its own).
    unit_ids: tuple[str, ...] | None = None


def map_areas(
    layers: MapLayers,
    units: pd.DataFrame,
    control_label: str,
    donbas_label: str,
    *,
    advance_label: str = "",
    front_label: str = "",
) -> list[Area]:
    """Every area of the map, bottom first.

    Neighbours, regions by status, control, Russia's gains since an earlier date, the Donbas
    remainder, the claimed regions' outlines again above the control layer, the front line.
    """
    context = (style.MAP_CONTEXT_FILL, style.MAP_CONTEXT_LINE, 0.8)
    areas = [
        Area("Neighbouring countries", layers.context, *context, legendrank=900),
        Area("Russian border regions", layers.border_regions, *context),
    ]
    for rank, status in enumerate(style.MAP_STATUS_ORDER):
        rows = units[units["status"] == status]
        if not rows.empty:
            areas.append(
                Area(
                    style.MAP_STATUS_LABELS[status],
                    subset(layers.units, rows["region_id"].tolist()),
                    style.MAP_STATUS_COLOURS[status],
                    *style.MAP_STATUS_LINES[status],
                    # Crimea and Sevastopol lie under the control layer: no legend entry for
                    # a fill a reader cannot see (their outline has one).
                    legendrank=None if status == "annexed_2014" else 300 - rank,
                    rows=rows,
                    unit_ids=tuple(rows["region_id"]),
                )
            )
    if layers.control and layers.control["features"]:
        colour = style.MAP_RUSSIAN_CONTROL
        name = control_label or "Under Russian control"
        areas.append(Area(name, layers.control, colour, colour, 0, legendrank=100))
    if layers.advance and layers.advance["features"]:
        colour = style.MAP_RUSSIAN_GAINS
        name = advance_label or "Taken by Russia since the earlier date"
        areas.append(Area(name, layers.advance, colour, colour, 0, legendrank=105))
    if layers.donbas and layers.donbas["features"]:
        colour = style.MAP_DONBAS_HELD
        name = donbas_label or "Rest of the Donbas, held by Ukraine"
        areas.append(Area(name, layers.donbas, colour, colour, 0, legendrank=110))
    for rank, status in enumerate(CLAIMED_STATUSES):
        ids = units.loc[units["status"] == status, "region_id"].tolist()
        if ids:
            areas.append(
                Area(
                    style.MAP_OUTLINE_LABELS[status],
                    subset(layers.units, ids),
                    TRANSPARENT,
                    *style.MAP_STATUS_LINES[status],
                    legendrank=320 + rank,
                    unit_ids=tuple(ids),
                )
            )
    if layers.front and layers.front["features"]:
        areas.append(
            Area(
                front_label or "Front line",
                layers.front,
                TRANSPARENT,
                style.MAP_FRONT_LINE,
                FRONT_LINE_WIDTH,
                legendrank=90,
                symbol="line-ew-open",
            )
        )
    return areas


def area_as_trace(area: Area) -> go.Choroplethmap:
    """An area as a trace of the static page: a status fill takes the clicks on its units."""
    if area.rows is None:
        return area_trace(
            area.collection,
            name=area.name,
            fill=area.fill,
            line=area.line,
            line_width=area.line_width,
            showlegend=area.legendrank is not None,
            legendrank=1000 if area.legendrank is None else area.legendrank,
        )
    ids = area.rows["region_id"].tolist()
    return go.Choroplethmap(
        geojson=area.collection,
        locations=ids,
        featureidkey="id",
        z=[0] * len(ids),
        colorscale=solid(area.fill),
        showscale=False,
        marker={"line": {"color": area.line, "width": area.line_width}},
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
        customdata=[[REGION, region_id] for region_id in ids],
        hovertext=area.rows["hover"].tolist(),
        hovertemplate="%{hovertext}<extra></extra>",
        name=area.name,
        showlegend=True,
        legendrank=area.legendrank,
    )


def style_layer(
    source: dict[str, Any], kind: str, colour: str, below: str = "traces", **options: Any
) -> dict[str, Any]:
    """A GeoJSON layer of the map style (``kind``: fill, line or circle).

    ``below="traces"`` draws it under every trace, ``""`` above everything.
    """
    return {
        "sourcetype": "geojson",
        "source": source,
        "type": kind,
        "color": colour,
        "below": below,
        **options,
    }


#: The style's shared copy of Ukraine's units (the areas cut from them filter it).
UNITS_SOURCE = "units"
#: A unit's ISO code in a style expression. Not ``["id"]``: MapLibre keeps only numeric
#: feature ids of a GeoJSON source, so the string ids (``UA-14``) read as nothing there and a
#: filter on them matched no unit. The property is in every unit's feature.
UNIT_ID: list[str] = ["get", "region_id"]
#: The map library cuts a GeoJSON source into tiles up to this zoom and enlarges those
#: beyond it. A zoom-4 tile holds positions to about 0.003° (its 8,192 units span 22.5°),
#: finer than our shapes' simplification (0.01°, about 1 km) and under a pixel at a
#: selection's closest zoom (7.5). So one tile covers the map at every zoom the reader sees
#: (four at zoom 5, where it was cut before), and a selection's zoom draws at once from it
#: instead of cutting every source again. The browser's scripts give plotly's own trace
#: sources the same maxzoom (``dashboard.figures.map_script.HOLD_PAINT_JS``).
SOURCE_MAX_ZOOM = 4
#: How far (screen px) the map library may simplify shapes in tiles below
#: :data:`SOURCE_MAX_ZOOM` (its default is 0.375; it never simplifies the maxzoom tiles, so
#: every view from zoom 4 on is exact). Only a view zoomed out beyond zoom 4 uses them.
SOURCE_TOLERANCE = 1.0


def geojson_source(data: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON source of the map's style, tiled only up to :data:`SOURCE_MAX_ZOOM`."""
    return {
        "type": "geojson",
        "data": data,
        "maxzoom": SOURCE_MAX_ZOOM,
        "tolerance": SOURCE_TOLERANCE,
    }


#: The one GeoJSON source of a style after :func:`one_source`, and the property that says
#: which of the former sources a feature came from.
SHAPES_SOURCE = "shapes"
SOURCE_TAG = "style_source"


def one_source(map_style: dict[str, Any]) -> dict[str, Any]:
    """``map_style`` with all its GeoJSON sources that layers use merged into one.

    The map library cuts every source into tiles of its own, in one worker, and draws the map
    again each time a source's tiles arrive. One source is one set of tiles: in software
    rendering the map loads in fewer, cheaper frames (see docs/BENCHMARKS.md). Each feature
    keeps the name of its source in :data:`SOURCE_TAG`, and each layer filters on it, so every
    layer draws exactly the features it drew before, in the same order.
    """
    used = {layer["source"] for layer in map_style["layers"] if "source" in layer}
    merged = [
        name
        for name, source in map_style["sources"].items()
        if name in used and source.get("type") == "geojson" and isinstance(source["data"], dict)
    ]
    if len(merged) < 2:
        return map_style
    features = [
        {**feature, "properties": {**(feature.get("properties") or {}), SOURCE_TAG: name}}
        for name in merged
        for feature in map_style["sources"][name]["data"]["features"]
    ]
    layers = []
    for layer in map_style["layers"]:
        if layer.get("source") in merged:
            own = ["==", ["get", SOURCE_TAG], layer["source"]]
            layer = {
                **layer,
                "source": SHAPES_SOURCE,
                "filter": ["all", own, layer["filter"]] if "filter" in layer else own,
            }
        layers.append(layer)
    sources = {name: source for name, source in map_style["sources"].items() if name not in merged}
    sources[SHAPES_SOURCE] = geojson_source({"type": "FeatureCollection", "features": features})
    return {**map_style, "sources": sources, "layers": layers}


def style_areas(
    areas: list[Area], units: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The areas as sources and layers of the map's own style, bottom first.

    In the style, under the labels (:mod:`~dashboard.figures.map_labels`) and under every
    plotly trace: the areas take no hover and no clicks, and plotly does not hand their
    GeoJSON to the map library again on a click. Areas cut from the units share one copy of
    them (fewer sources for the map library to cut into tiles at each zoom).
    """
    sources: dict[str, dict[str, Any]] = {UNITS_SOURCE: geojson_source(units)}
    layers = []
    for index, area in enumerate(areas):
        layer_id = f"area-{index}"
        layer: dict[str, Any] = {"id": layer_id}
        if area.unit_ids is not None:
            layer |= {
                "source": UNITS_SOURCE,
                "filter": ["in", UNIT_ID, ["literal", list(area.unit_ids)]],
            }
        else:
            sources[layer_id] = geojson_source(area.collection)
            layer["source"] = layer_id
        if area.fill == TRANSPARENT:
            layer |= {
                "type": "line",
                "paint": {"line-color": area.line, "line-width": area.line_width},
            }
        else:
            layer |= {
                "type": "fill",
                "paint": {"fill-color": area.fill, "fill-outline-color": area.line},
            }
        layers.append(layer)
    return sources, layers


@dataclass(frozen=True)
class LegendEntry:
    """One entry of the map's key: its words and a swatch drawn exactly as the map draws it.

    ``kind`` is ``fill`` (a square of ``fill`` with a ``line`` border), ``outline`` (a
    border only), ``line`` (a stroke) or ``dot`` (a place marker).
    """

    name: str
    kind: str
    fill: str
    line: str
    line_width: float


def legend_entries(areas: list[Area]) -> list[LegendEntry]:
    """The key's entries for the areas that have one, in legend order."""
    ranked = sorted((area for area in areas if area.legendrank is not None), key=_rank)
    entries = []
    for area in ranked:
        if area.symbol.startswith("line"):
            kind = "line"
        elif area.fill == TRANSPARENT:
            kind = "outline"
        else:
            kind = "fill"
        entries.append(LegendEntry(area.name, kind, area.fill, area.line, area.line_width))
    return entries


def _rank(area: Area) -> int:
    return area.legendrank if area.legendrank is not None else 0
