"""The proposal map: the land each deal would hand over, its km², its towns. Pure.

Built on the main map's drawing of the same date (:class:`~dashboard.views.map.MapDrawing`):
the same neighbours, regions, control layer and front line, as layers of the map style, and
the same orientation names. Every proposal's land, towns and km² label are in the one figure,
as style layers named ``deal-…--<proposal id>`` and hidden: the page shows the chosen
proposal's layers in the reader's browser (see ``dashboard.ui.deal``). So switching proposal
does not change the figure, and Streamlit neither resends nor remounts the map.

The land is drawn above the control layer in the colour of the Ukrainian-held Donbas on the
main map; towns are named biggest first, and MapLibre drops a name that would collide.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.map_areas import (
    Area,
    LegendEntry,
    geojson_source,
    legend_entries,
    map_areas,
    one_source,
    style_areas,
)
from dashboard.figures.map_labels import FONT, HALO, labelled_style
from dashboard.figures.maps import credit_annotation
from dashboard.views.deal import DealMap
from dashboard.views.map.drawing import MapDrawing

HEIGHT = 560
#: The width the figure's own zoom is fitted for; the page fits each proposal's frame in the
#: reader's browser, whatever the screen.
FIT_WIDTH = 480
AREA_LINE = "#0B2E59"
AREA_NAME = "Would change hands under this proposal"
#: Which of the main map's names stay: orientation, not the article's places.
KEPT_KINDS = ("country", "region", "sea", "city")
#: Prefix of every proposal layer; the proposal's id follows ``--`` at the end.
LAYER_PREFIX = "deal-"
CREDIT = "Control: DeepStateMap.Live · Boundaries: Natural Earth · Towns: GeoNames"


def layer_id(kind: str, proposal_id: str) -> str:
    """The style layer of one proposal's ``kind`` (``area``, ``dots``, ``names``, ``km2``)."""
    return f"{LAYER_PREFIX}{kind}--{proposal_id}"


def fitted_zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> float:
    """The Web Mercator zoom at which ``bounds`` fit a ``width`` × ``height`` px map."""
    west, south, east, north = bounds

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    # MapLibre's world is 512 px wide at zoom 0.
    lon_zoom = math.log2(width * 360 / (512 * max(east - west, 1e-6)))
    lat_span = max(mercator(north) - mercator(south), 1e-6)
    lat_zoom = math.log2(height * 2 * math.pi / (512 * lat_span))
    return round(min(lon_zoom, lat_zoom), 2)


def _base_areas(drawing: MapDrawing) -> list[Area]:
    layers = dataclasses.replace(drawing.layers, donbas=None, advance=None)
    return map_areas(
        layers, drawing.units, drawing.control_label, "", front_label=drawing.front_label
    )


def _with_land(areas: list[Area], deal: DealMap) -> list[Area]:
    if deal.area is None:
        return areas
    name = f"{AREA_NAME} ({deal.label})" if deal.label else AREA_NAME
    land = Area(name, deal.area, style.MAP_DONBAS_HELD, AREA_LINE, 1.5, legendrank=95)
    return [*areas, land]


def deal_legend(drawing: MapDrawing, deal: DealMap) -> tuple[LegendEntry, ...]:
    """The key under the map for one proposal: the same areas and colours, and the towns."""
    town = LegendEntry("Town of 10,000+ people", "dot", style.INK, "#FFFFFF", 2)
    entries = legend_entries(_with_land(_base_areas(drawing), deal))
    return (town, *entries) if deal.towns else tuple(entries)


def _point(lon: float, lat: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def _hidden(layer: dict[str, Any]) -> dict[str, Any]:
    return {**layer, "layout": {**layer.get("layout", {}), "visibility": "none"}}


def _proposal_layers(
    proposal_id: str, deal: DealMap, named: set[str]
) -> tuple[
    dict[str, dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]
]:
    """One proposal's sources; its land; its towns' dots and names; its km² label.

    The towns go under the map's own names (a regional capital keeps its name when a small
    town would collide with it); the km² goes on top of everything.
    """
    sources: dict[str, dict[str, Any]] = {}
    land: list[dict[str, Any]] = []
    text: list[dict[str, Any]] = []
    if deal.area is not None:
        sources[layer_id("area", proposal_id)] = geojson_source(deal.area)
        land.append(
            _hidden(
                {
                    "id": layer_id("area", proposal_id),
                    "type": "fill",
                    "source": layer_id("area", proposal_id),
                    "paint": {"fill-color": style.MAP_DONBAS_HELD, "fill-outline-color": AREA_LINE},
                }
            )
        )
    # A town the map already names as a city keeps that name and dot.
    towns = [town for town in deal.towns if town.name not in named]
    points = [
        _point(town.lon, town.lat, text=town.name, rank=index) for index, town in enumerate(towns)
    ]
    if deal.label and deal.label_at:
        points.append(_point(*deal.label_at, text=deal.label, rank=-1, area=True))
    if not points:
        return sources, land, text, []
    source = layer_id("points", proposal_id)
    sources[source] = {"type": "geojson", "data": {"type": "FeatureCollection", "features": points}}
    text += [
        _hidden(
            {
                "id": layer_id("dots", proposal_id),
                "type": "circle",
                "source": source,
                "filter": ["!", ["has", "area"]],
                "paint": {
                    "circle-radius": 3,
                    "circle-color": style.INK,
                    "circle-stroke-color": "#FFFFFF",
                    "circle-stroke-width": 1.2,
                },
            }
        ),
        _hidden(
            {
                "id": layer_id("names", proposal_id),
                "type": "symbol",
                "source": source,
                "filter": ["!", ["has", "area"]],
                "layout": {
                    "text-field": ["get", "text"],
                    "text-font": FONT,
                    "text-size": 13,
                    "text-anchor": "left",
                    "text-offset": [0.6, 0],
                    "text-padding": 2,
                    # The biggest towns first: a colliding name gives way.
                    "symbol-sort-key": ["get", "rank"],
                },
                "paint": {"text-color": style.INK, "text-halo-color": HALO, "text-halo-width": 1.8},
            }
        ),
    ]
    km2 = [
        _hidden(
            {
                "id": layer_id("km2", proposal_id),
                "type": "symbol",
                "source": source,
                "filter": ["has", "area"],
                "layout": {
                    "text-field": ["get", "text"],
                    "text-font": FONT,
                    "text-size": 16,
                    "text-allow-overlap": True,
                },
                "paint": {"text-color": AREA_LINE, "text-halo-color": HALO, "text-halo-width": 2},
            }
        )
    ]
    return sources, land, text, km2


def deal_figure(drawing: MapDrawing, maps: Mapping[str, DealMap], opens_on: str) -> go.Figure:
    """Every proposal's map in one figure, all proposal layers hidden.

    It opens on the frame of ``opens_on`` (the page's default proposal, whichever is chosen:
    the figure must not change with the choice); the page then shows the chosen proposal's
    layers and fits its frame in the browser.
    """
    named = {label.text for label in drawing.labels if label.kind == "city"}
    labels = [label for label in drawing.labels if label.kind in KEPT_KINDS]
    sources, layers = style_areas(_base_areas(drawing), drawing.layers.units)
    towns: list[dict[str, Any]] = []
    on_top: list[dict[str, Any]] = []
    front = next(
        (index for index, layer in enumerate(layers) if layer.get("type") == "line"), len(layers)
    )
    for proposal_id, deal in maps.items():
        own_sources, land, text, km2 = _proposal_layers(proposal_id, deal, named)
        sources |= own_sources
        layers[front:front] = land
        front += len(land)
        towns += text
        on_top += km2
    # Towns just above the areas, under the map's own names; the km² above everything.
    map_style = labelled_style(style.MAP_WATER, labels, (), None, (sources, [*layers, *towns]))
    map_style["layers"] += on_top
    map_style = one_source(map_style)
    frame = maps[opens_on].bounds if opens_on in maps else next(iter(maps.values())).bounds
    west, south, east, north = frame
    # One trace: without a trace on it, plotly draws no map at all.
    figure = go.Figure(go.Scattermap(lon=[], lat=[], hoverinfo="skip", showlegend=False))
    figure.update_layout(
        map={
            "style": map_style,
            "center": {"lon": (west + east) / 2, "lat": (south + north) / 2},
            "zoom": fitted_zoom(frame, FIT_WIDTH, HEIGHT),
        },
        height=HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="#FFFFFF",
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 13},
        showlegend=False,
        dragmode="pan",
        annotations=[credit_annotation(CREDIT)],
        uirevision="deal",
    )
    return figure
