"""The proposal map: the land a deal would hand over, its km², its towns. Pure.

Built on the main map's drawing of the same date (:class:`~dashboard.views.map.MapDrawing`):
the same neighbours, regions, control layer and front line, as layers of the map style, and
the same names. The land that would change hands is drawn above the control layer in the
colour of the Ukrainian-held Donbas on the main map, outlined; its km² is written on it and its
towns are named (MapLibre drops a name that would collide with another, biggest towns first).
Hovering a town gives its population and distance from the front.
"""

from __future__ import annotations

import dataclasses
import math

import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.map_areas import Area, LegendEntry, legend_entries, map_areas, style_areas
from dashboard.figures.map_labels import labelled_style
from dashboard.figures.map_style import TRACE_FONT_STACK
from dashboard.views.deal import DealMap
from dashboard.views.map.drawing import MapDrawing, MapLabel
from dashboard.wording import plotly_text

HEIGHT = 560
#: The map's width the figure's own zoom is fitted for (the map column at a 1280 px window);
#: the page then fits the frame in the reader's browser, whatever the screen.
FIT_WIDTH = 480
AREA_LINE = "#0B2E59"
AREA_NAME = "Would change hands under this proposal"
#: Which of the main map's names stay: orientation, not the article's places (their status
#: lines belong to the main map).
KEPT_KINDS = ("country", "region", "sea", "city")
CREDIT = "Control: DeepStateMap.Live · Boundaries: Natural Earth · Towns: GeoNames"


def _zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> float:
    """The Web Mercator zoom at which ``bounds`` fit a ``width`` × ``height`` px map."""
    west, south, east, north = bounds

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    # MapLibre's world is 512 px wide at zoom 0.
    lon_zoom = math.log2(width * 360 / (512 * max(east - west, 1e-6)))
    lat_span = max(mercator(north) - mercator(south), 1e-6)
    lat_zoom = math.log2(height * 2 * math.pi / (512 * lat_span))
    return round(min(lon_zoom, lat_zoom), 2)


def _areas(drawing: MapDrawing, deal: DealMap) -> list[Area]:
    layers = dataclasses.replace(drawing.layers, donbas=None, advance=None)
    areas = map_areas(
        layers, drawing.units, drawing.control_label, "", front_label=drawing.front_label
    )
    if deal.area is not None:
        name = f"{AREA_NAME} ({deal.label})" if deal.label else AREA_NAME
        land = Area(name, deal.area, style.MAP_DONBAS_HELD, AREA_LINE, 1.5, legendrank=95)
        front = [index for index, area in enumerate(areas) if area.symbol == "line-ew-open"]
        areas.insert(front[0] if front else len(areas), land)
    return areas


def deal_legend(drawing: MapDrawing, deal: DealMap) -> tuple[LegendEntry, ...]:
    """The key of :func:`deal_figure`: the same areas and colours, and the towns."""
    town = LegendEntry("Town of 10,000+ people (hover for details)", "dot", style.INK, "#FFFFFF", 2)
    entries = legend_entries(_areas(drawing, deal))
    return (town, *entries) if deal.towns else tuple(entries)


def _labels(drawing: MapDrawing, deal: DealMap) -> list[MapLabel]:
    town_names = {town.name for town in deal.towns}
    kept = [
        label
        for label in drawing.labels
        if label.kind in KEPT_KINDS and not (label.kind == "city" and label.text in town_names)
    ]
    towns = [
        MapLabel(town.name, "city", town.lon, town.lat, rank=100 + index)
        for index, town in enumerate(deal.towns)
    ]
    # The area's km² first of all: a town name that would collide with it gives way.
    area = (
        [MapLabel(deal.label, "region", *deal.label_at, rank=-1)]
        if deal.label and deal.label_at
        else []
    )
    return [*area, *kept, *towns]


def deal_figure(drawing: MapDrawing, deal: DealMap) -> go.Figure:
    """The proposal's map, framed on the land it would hand over (or its oblasts)."""
    areas = _areas(drawing, deal)
    # Always one trace: without a trace on it, plotly draws no map at all.
    figure = go.Figure(
        go.Scattermap(
            lon=[town.lon for town in deal.towns],
            lat=[town.lat for town in deal.towns],
            mode="markers",
            marker={"size": 14, "color": "rgba(0,0,0,0)"},
            hovertext=[
                "<br>".join(
                    plotly_text(line)
                    for line in (
                        f"{town.name} ({town.oblast} oblast)",
                        f"{town.population:,} people on 1 Jan 2022",
                        f"{town.km_to_front:.0f} km from the front",
                    )
                )
                for town in deal.towns
            ],
            hoverinfo="text",
            name="Towns",
            showlegend=False,
            textfont={"family": TRACE_FONT_STACK},
        )
    )
    west, south, east, north = deal.bounds
    figure.update_layout(
        map={
            "style": labelled_style(
                style.MAP_WATER,
                _labels(drawing, deal),
                (),
                None,
                style_areas(areas, drawing.layers.units),
            ),
            "center": {"lon": (west + east) / 2, "lat": (south + north) / 2},
            "zoom": _zoom(deal.bounds, FIT_WIDTH, HEIGHT),
        },
        height=HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="#FFFFFF",
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 13},
        showlegend=False,
        hoverlabel={"bgcolor": "#FFFFFF", "font": {"size": 13, "color": style.INK}},
        dragmode="pan",
        annotations=[
            {
                "text": CREDIT,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 10, "color": "#444444"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        ],
        uirevision="deal",
    )
    return figure
