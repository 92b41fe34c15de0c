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


def map_areas(
    layers: MapLayers, units: pd.DataFrame, control_label: str, donbas_label: str
) -> list[Area]:
    """Every area of the map, bottom first.

    Neighbours, regions by status, control, the Donbas remainder, and the claimed regions'
    outlines again above the control layer.
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
                    legendrank=300 - rank,
                    rows=rows,
                )
            )
    if layers.control and layers.control["features"]:
        colour = style.MAP_RUSSIAN_CONTROL
        name = control_label or "Under Russian control"
        areas.append(Area(name, layers.control, colour, colour, 0, legendrank=100))
    if layers.donbas and layers.donbas["features"]:
        colour = style.MAP_DONBAS_HELD
        name = donbas_label or "Rest of the Donbas, held by Ukraine"
        areas.append(Area(name, layers.donbas, colour, colour, 0, legendrank=110))
    for status in CLAIMED_STATUSES:
        ids = units.loc[units["status"] == status, "region_id"].tolist()
        if ids:
            areas.append(
                Area(
                    f"{style.MAP_STATUS_LABELS[status]} (outline)",
                    subset(layers.units, ids),
                    TRANSPARENT,
                    *style.MAP_STATUS_LINES[status],
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


def area_layer(area: Area) -> dict[str, Any]:
    """An area as a dashboard style layer, under every trace.

    Style layers draw what the static page's area traces draw, but plotly leaves them alone
    when a point is clicked, while it hands every trace's GeoJSON to the map library again
    (``updateOnSelect``): as traces they cost a click about 50 ms more. They take no hover
    and no clicks; the legend shows a swatch for each (:func:`_legend_swatch`).
    """
    if area.fill == TRANSPARENT:
        return style_layer(area.collection, "line", area.line, line={"width": area.line_width})
    return style_layer(area.collection, "fill", area.fill, fill={"outlinecolor": area.line})


#: The legend's swatches for map-style layers sit on a hidden cartesian plot a pixel wide in
#: a corner: not on the map, so a click on the map leaves them alone.
LEGEND_AXES = {
    "xaxis": {"visible": False, "domain": [0, 0.001], "fixedrange": True},
    "yaxis": {"visible": False, "domain": [0, 0.001], "fixedrange": True},
}
LEGEND_SWATCH_SIZE = 13


def legend_swatch(
    name: str,
    fill: str,
    line: str,
    line_width: float,
    legendrank: int,
    *,
    symbol: str = "square",
    size: float = LEGEND_SWATCH_SIZE,
) -> go.Scatter:
    """A legend swatch for a map-style layer: a marker with no point to draw."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={
            "symbol": symbol,
            "size": size,
            "color": fill,
            "line": {"color": line, "width": line_width},
        },
        hoverinfo="skip",
        name=name,
        showlegend=True,
        legendrank=legendrank,
    )
