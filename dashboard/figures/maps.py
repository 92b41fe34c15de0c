"""Map page figures: the clickable offline map and the small control-history chart. Pure.

The map is drawn with ``go.Choroplethmap`` and ``go.Scattermap`` on ``map_style="white-bg"``:
no tiles, no fonts, no network. Text is never drawn as a map layer (that would ask a font
server); names appear in hover labels, the legend and the page's detail panel.

Only two layers answer clicks, both on top: a transparent copy of Ukraine's units and a
transparent ring under each place marker. In the dashboard every area beneath them (the
neighbours, the regions by status, the control and Donbas layers, the claimed outlines) is a
GeoJSON layer of the map style (``layout.map.layers``), drawn below every trace: it takes no
hover or click, so a click inside the Russian-controlled area still selects the region
beneath it, and plotly does not hand its GeoJSON to the map library again on every click
(it does that for each trace). The place markers' dots and halos are circle layers above
everything, for the same reason. The legend's swatches for those layers are markers on a
hidden, one-pixel cartesian plot. The static export keeps the areas as traces, whose status
fills take the clicks. Each clickable point carries ``customdata = [kind, id]``
(``"region"`` or ``"place"``), which :func:`dashboard.views.map.selection_from_points` reads.

The selection is drawn by plotly itself: a clicked unit's copy shows a thick outline, a
clicked place its ring (``selected`` opacity 1, ``unselected`` 0). So the figure need not
change when the reader clicks, and Streamlit does not resend or remount it (a click's round
trip stays small). Every other layer keeps its look whatever is selected. A selection that
did not come from a click (a link, the "show details for" box) is drawn into the figure
instead, with the same look (``selected_region`` / ``selected_place``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.map_areas import (
    TRANSPARENT,
    LegendEntry,
    area_as_trace,
    legend_entries,
    map_areas,
    one_source,
    solid,
    style_areas,
    style_layer,
)
from dashboard.figures.map_geometry import feature_ids, subset
from dashboard.figures.map_labels import labelled_style
from dashboard.figures.map_style import shared_programs
from dashboard.views.map.drawing import Callout, MapDrawing, MapLabel, MapLayers, ScaleBar
from dashboard.views.map.selection import PLACE, REGION
from dashboard.wording import plotly_text

# --- The map's frame -----------------------------------------------------------------
#: The map is framed on the east and south, where the five claimed regions and the front
#: are: from Odesa and Kyiv in the west to the Russian border, from the Crimean coast to
#: Kharkiv. It may not be panned or zoomed out beyond these bounds, so the map library
#: zooms until the frame fills the map: at 820 × 600 px it shows 44.2–50.8° N across the
#: whole east-west range. A map too narrow for that (a phone) shows :data:`NARROW_VIEW`.
MAP_BOUNDS = {"west": 26.0, "east": 43.8, "south": 44.0, "north": 51.0}
MAP_CENTER = {"lon": 34.9, "lat": 47.5}
#: The same frame as (west, south, east, north): "back to overview" zooms out to it.
MAP_FRAME = (MAP_BOUNDS["west"], MAP_BOUNDS["south"], MAP_BOUNDS["east"], MAP_BOUNDS["north"])
#: What a map too narrow for the frame shows first, a phone's: the five regions Russia claims
#: (Sevastopol with Crimea) and the front, from Kherson to the Russian border, as (west,
#: south, east, north). The frame's height sets the zoom on any screen, so at 358 px the frame
#: showed only Odesa to Donetsk; a narrower map lets go of the frame and fits this instead
#: (``dashboard.figures.map_script.FIT_JS``), with its callouts' text smaller and shifted right
#: (:data:`NARROW_CALLOUT_SIZE`, :data:`NARROW_CALLOUT_SHIFT`) so that they stay inside it.
#: Desktop maps (820 px) already show it.
NARROW_VIEW = (31.5, 44.35, 40.6, 50.1)
#: The callouts' text size (px, the least a phone's map text may have) and shift (px, right
#: and down) on a narrow map; the style's own are for 820 px.
NARROW_CALLOUT_SIZE = 12
NARROW_CALLOUT_SHIFT = (30, 0)
#: Below the zoom the bounds enforce on any screen; the map library raises it to fit.
MAP_ZOOM = 4.0
MAP_HEIGHT = 600
#: Clicks snap to a point only within its own drawn radius plus this (px): a click beside a
#: place's dot selects the region under it (plotly's default is 20 px).
HOVER_DISTANCE = 1

CREDIT = "Control: DeepStateMap.Live · Boundaries: Natural Earth<br>Places: {places}"
#: The selected region's outline and the selected place's ring (px).
SELECTED_LINE_WIDTH = 4
RING_SIZE = 24
REGION_LAYER = "Ukrainian regions (click for details)"
PLACE_RING_LAYER = "Place (selection ring)"
PLACE_LABEL = "Place (click for who claims what)"
#: Marker sizes (px across): the white halo and the black dot on it.
PLACE_HALO_SIZE = 15
PLACE_DOT_SIZE = 10


def map_figure(
    layers: MapLayers,
    units: pd.DataFrame,
    places: pd.DataFrame,
    *,
    control_label: str = "",
    donbas_label: str = "",
    advance_label: str = "",
    front_label: str = "",
    selected_region: str | None = None,
    selected_place: str | None = None,
    place_credit: str = "",
    selection_layers: bool = False,
    labels: Sequence[MapLabel] = (),
    callouts: Sequence[Callout] = (),
    scale: ScaleBar | None = None,
) -> go.Figure:
    """The clickable map: regions by status, control, the Donbas remainder and places.

    Parameters
    ----------
    layers
        Compacted GeoJSON layers.
    units
        One row per Ukrainian unit: ``region_id``, ``status`` (a key of
        ``style.MAP_STATUS_COLOURS``) and ``hover`` (plain text; ``<br>`` breaks lines).
    places
        One row per place: ``place_id``, ``lat``, ``lon``, ``hover``.
    control_label, donbas_label, advance_label, front_label
        Legend entries of the control, Donbas, gains and front-line layers (they name date,
        area and source).
    selected_region, selected_place
        A selection to draw into the figure (None for nothing). Only for a selection that
        did not come from a click on this figure: plotly draws a clicked one itself.
    place_credit
        Who the place coordinates come from (``GeoNames, Wikipedia contributors``).
    labels, callouts, scale
        The names, notes and scale bar written on the map (:mod:`~dashboard.figures.map_labels`).
    selection_layers
        True for the dashboard: the areas are map-style layers and clicks go to
        transparent layers on top, which plotly outlines where clicked (see the module's
        docstring). False (a static page): the areas are traces, the status fills and the
        place dots themselves carry the click data, and a selection is not drawn.
    """
    figure = go.Figure()
    areas = map_areas(
        layers,
        units,
        control_label,
        donbas_label,
        advance_label=advance_label,
        front_label=front_label,
    )
    drawn_areas: tuple[dict[str, Any], list[dict[str, Any]]] = ({}, [])
    if selection_layers:
        # The key is written in HTML under the map (it wraps on a phone): see map_legend.
        map_layers = []
        drawn_areas = style_areas(areas, layers.units)
        _add_region_layer(figure, layers, units, selected_region)
    else:
        map_layers = []
        figure.add_traces([area_as_trace(area) for area in areas])
    map_layers += _add_places(
        figure, places, selected_place if selection_layers else None, selection_layers
    )
    credit = CREDIT.format(places=plotly_text(place_credit or "GeoNames"))
    figure.update_layout(
        hoverdistance=HOVER_DISTANCE,
        map={
            "style": labelled_style(style.MAP_WATER, labels, callouts, scale, drawn_areas),
            "center": MAP_CENTER,
            "zoom": MAP_ZOOM,
            "bounds": MAP_BOUNDS,
            "layers": map_layers,
        },
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="#FFFFFF",
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 13},
        showlegend=not selection_layers,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "top",
            "bgcolor": style.MAP_LEGEND_BACKGROUND,
            "font": {"size": 12},
            "entrywidth": 270,
            "itemclick": False,
            "itemdoubleclick": False,
            "traceorder": "normal",
        },
        hoverlabel={"bgcolor": "#FFFFFF", "font": {"size": 13, "color": style.INK}},
        dragmode="pan",
        annotations=[credit_annotation(credit)],
        uirevision="map",
    )
    return figure


def credit_annotation(text: str) -> dict[str, Any]:
    """The map's source line, written small in its bottom-left corner."""
    return {
        "text": text,
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


def _drawn_opacity(ids: Sequence[str], selected: str | None) -> list[float]:
    """1 for the selected id, 0 for every other (all 0 when nothing is drawn)."""
    return [1 if ident == selected else 0 for ident in ids]


def _add_region_layer(
    figure: go.Figure, layers: MapLayers, units: pd.DataFrame, selected: str | None
) -> None:
    """The clickable units: transparent, outlined thickly only where selected."""
    geometry = layers.selectable or layers.units
    ids = [ident for ident in units["region_id"] if ident in set(feature_ids(geometry))]
    if not ids:
        return
    hover = units.set_index("region_id").loc[ids, "hover"].tolist()
    figure.add_trace(
        go.Choroplethmap(
            geojson=subset(geometry, ids),
            locations=ids,
            featureidkey="id",
            z=[0] * len(ids),
            colorscale=solid(TRANSPARENT),
            showscale=False,
            marker={
                "opacity": _drawn_opacity(ids, selected),
                "line": {"color": style.MAP_SELECTED_LINE, "width": SELECTED_LINE_WIDTH},
            },
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 0}},
            customdata=[[REGION, region_id] for region_id in ids],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            name=REGION_LAYER,
            showlegend=False,
        )
    )


def _place_layers(lat: Sequence[float], lon: Sequence[float]) -> list[dict[str, Any]]:
    """The place markers as map-style circle layers above every trace: halo, then dot."""
    points = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
            for x, y in zip(lon, lat, strict=True)
        ],
    }
    return [
        style_layer(points, "circle", colour, below="", circle={"radius": diameter / 2})
        for diameter, colour in (
            (PLACE_HALO_SIZE, style.MAP_PLACE_HALO),
            (PLACE_DOT_SIZE, style.MAP_PLACE_COLOUR),
        )
    ]


def _add_places(
    figure: go.Figure, places: pd.DataFrame, selected: str | None, rings: bool
) -> list[dict[str, Any]]:
    """Black dots on white halos, above clickable rings (only the selected one shows).

    With ``rings`` (the dashboard) the dots and halos are map-style layers on top (returned,
    with a legend swatch for them) and the rings take the clicks; without, the dots
    themselves are traces that carry the click data.
    """
    if places.empty:
        return []
    lat, lon = places["lat"].tolist(), places["lon"].tolist()
    ids = places["place_id"].tolist()
    keep = {"marker": {"opacity": 1}}
    clicks = {
        "customdata": [[PLACE, place_id] for place_id in ids],
        "hovertext": places["hover"].tolist(),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    if rings:
        figure.add_trace(
            go.Scattermap(
                lat=lat,
                lon=lon,
                mode="markers",
                # A click counts on the dot's own halo only (plus HOVER_DISTANCE): the ring is
                # as large as the halo until selected, then it grows to show around it.
                marker={
                    "size": [RING_SIZE if ident == selected else PLACE_HALO_SIZE for ident in ids],
                    "color": style.MAP_SELECTED_LINE,
                    "opacity": _drawn_opacity(ids, selected),
                },
                selected={"marker": {"opacity": 1, "size": RING_SIZE}},
                unselected={"marker": {"opacity": 0}},
                name=PLACE_RING_LAYER,
                showlegend=False,
                **clicks,
            )
        )
        return _place_layers(lat, lon)
    figure.add_trace(
        go.Scattermap(
            lat=lat,
            lon=lon,
            mode="markers",
            marker={"size": PLACE_HALO_SIZE, "color": style.MAP_PLACE_HALO},
            hoverinfo="skip",
            selected=keep,
            unselected=keep,
            showlegend=False,
            name="Place halo",
        )
    )
    figure.add_trace(
        go.Scattermap(
            lat=lat,
            lon=lon,
            mode="markers",
            marker={"size": PLACE_DOT_SIZE, "color": style.MAP_PLACE_COLOUR},
            selected=keep,
            unselected=keep,
            **clicks,
            name=PLACE_LABEL,
            showlegend=True,
            legendrank=50,
        )
    )
    return []


def map_legend(drawing: MapDrawing) -> tuple[LegendEntry, ...]:
    """The key of :func:`drawing_figure`'s map: the same areas, the same colours, and places."""
    areas = map_areas(
        drawing.layers,
        drawing.units,
        drawing.control_label,
        drawing.donbas_label,
        advance_label=drawing.advance_label,
        front_label=drawing.front_label,
    )
    place = LegendEntry(PLACE_LABEL, "dot", style.MAP_PLACE_COLOUR, style.MAP_PLACE_HALO, 2)
    return (place, *legend_entries(areas))


def drawing_figure(drawing: MapDrawing) -> go.Figure:
    """The dashboard's map figure from its view model (clicks go to the selection layers).

    That of :func:`drawing_map_figure`, its style's shapes in one GeoJSON source
    (:func:`~dashboard.figures.map_areas.one_source`), drawn by the traces' shader programs
    (:func:`~dashboard.figures.map_style.shared_programs`).
    """
    figure = drawing_map_figure(drawing)
    figure.layout.map.style = shared_programs(one_source(figure.layout.map.style))
    return figure


def drawing_map_figure(drawing: MapDrawing) -> go.Figure:
    """:func:`map_figure` of everything ``drawing`` holds, before it is compacted.

    Its style as the areas and names build it (a source per area, constant paint values);
    :func:`drawing_figure` compacts it.
    """
    return map_figure(
        drawing.layers,
        drawing.units,
        drawing.places,
        control_label=drawing.control_label,
        donbas_label=drawing.donbas_label,
        advance_label=drawing.advance_label,
        front_label=drawing.front_label,
        selected_region=drawing.selected_region,
        selected_place=drawing.selected_place,
        place_credit=drawing.place_credit,
        selection_layers=True,
        labels=drawing.labels,
        callouts=drawing.callouts,
        scale=drawing.scale,
    )
