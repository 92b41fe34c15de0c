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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import mapping, shape

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.control import history_series
from dashboard.figures import style
from dashboard.views.map import (
    Selection,
    control_figures,
    control_legend,
    donbas_km2_on,
    donbas_legend,
    place_credit,
    place_table,
    unit_table,
)
from dashboard.wording import plotly_text

# --- The map's frame -----------------------------------------------------------------
#: The map may not be panned or zoomed out beyond these bounds. The east-west range is
#: Ukraine's with a small margin, the north-south range generous, so whatever the width of
#: the screen the map library zooms until Ukraine just fills the map's width (a fixed zoom
#: would crop it on a phone or leave it small on a desktop).
MAP_BOUNDS = {"west": 21.6, "east": 40.7, "south": 38.0, "north": 58.0}
MAP_CENTER = {"lon": 31.15, "lat": 48.4}
#: Below the zoom the bounds enforce on any screen; the map library raises it to fit.
MAP_ZOOM = 3.0
MAP_HEIGHT = 580
#: lon_min, lat_min, lon_max, lat_max: the context layers are clipped to this box.
VIEW_BOX = (17.0, 40.5, 46.5, 56.5)

# --- Geometry budgets (the whole figure must stay under 300 KB as JSON) -----------------
#: Degrees. About 1 km for Ukraine's units (a pixel is ~3 km at the default zoom).
UNIT_TOLERANCE = 0.01
BORDER_TOLERANCE = 0.02
#: The clickable copy of the units only shows a selected unit's thick outline: coarser.
SELECTABLE_TOLERANCE = 0.03
SELECTABLE_DECIMALS = 2
CONTEXT_TOLERANCE = 0.04
#: Decimal places kept in coordinates (~100 m).
DECIMALS = 3

REGION = "region"
PLACE = "place"
CREDIT = "Control: DeepStateMap.Live · Boundaries: Natural Earth<br>Places: {places}"
TRANSPARENT = "rgba(0,0,0,0)"
#: Statuses whose outline is drawn again above the control layer.
CLAIMED_STATUSES = ("annexed_2014", "annexed_2022")
#: The selected region's outline and the selected place's ring (px).
SELECTED_LINE_WIDTH = 4
RING_SIZE = 24
REGION_LAYER = "Ukrainian regions (click for details)"
PLACE_RING_LAYER = "Place (selection ring)"
PLACE_LABEL = "Place (click for who claims what)"
#: Marker sizes (px across): the white halo and the black dot on it.
PLACE_HALO_SIZE = 15
PLACE_DOT_SIZE = 10


# --------------------------------------------------------------------------- geometry


def _round(geometry: shapely.Geometry, decimals: int) -> shapely.Geometry:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
    rounded = shapely.remove_repeated_points(rounded)
    if not rounded.is_valid:
        rounded = shapely.make_valid(rounded, method="structure", keep_collapsed=False)
    return rounded


def _polygons_only(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(shapely.get_parts(geometry))
    parts = [part for part in parts if part.geom_type == "Polygon" and not part.is_empty]
    if not parts:
        return shapely.MultiPolygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def geometry_dict(geometry: shapely.Geometry) -> dict[str, Any]:
    """A (Multi)Polygon as a GeoJSON geometry with plain lists."""
    return {"type": geometry.geom_type, "coordinates": _plain(mapping(geometry)["coordinates"])}


def compact_layer(
    collection: dict[str, Any],
    *,
    id_property: str,
    properties: Sequence[str] = (),
    tolerance: float = UNIT_TOLERANCE,
    decimals: int = DECIMALS,
    coverage: bool = False,
    clip: tuple[float, float, float, float] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, Any]:
    """A lighter copy of a FeatureCollection for drawing.

    Parameters
    ----------
    collection
        GeoJSON FeatureCollection of (Multi)Polygons.
    id_property
        Property holding each feature's id; it becomes the feature's ``id``.
    properties
        Properties to keep (all others are dropped).
    tolerance
        Simplification tolerance in degrees.
    decimals
        Decimal places kept in coordinates.
    coverage
        Simplify as a coverage so neighbours keep identical shared edges.
    clip
        Optional ``(lon_min, lat_min, lon_max, lat_max)`` box to cut the features to.
    exclude
        Ids of features to leave out.
    """
    skip = set(exclude)
    kept = [
        feature
        for feature in collection["features"]
        if feature["properties"][id_property] not in skip
    ]
    geometries = np.asarray([shape(feature["geometry"]) for feature in kept], dtype=object)
    if clip is not None:
        geometries = shapely.intersection(geometries, shapely.box(*clip))
    if coverage:
        geometries = shapely.coverage_simplify(geometries, tolerance)
    else:
        geometries = shapely.simplify(geometries, tolerance, preserve_topology=True)
    features = []
    for feature, geometry in zip(kept, geometries, strict=True):
        geometry = _polygons_only(_round(geometry, decimals))
        if geometry.is_empty:
            continue
        source = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "id": source[id_property],
                "properties": {name: source[name] for name in (id_property, *properties)},
                "geometry": geometry_dict(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def base_layers(
    units: dict[str, Any], border_regions: dict[str, Any], context: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The three fixed layers of the map, compacted to the figure's size budget.

    Ukraine's units keep their names (for the detail panel); Ukraine itself is dropped from
    the context countries (its units are drawn instead) and the rest is cut to the view.
    """
    return {
        "units": compact_layer(
            units,
            id_property="region_id",
            properties=("name_en", "name_uk", "type_en"),
            tolerance=UNIT_TOLERANCE,
            coverage=True,
        ),
        "border_regions": compact_layer(
            border_regions,
            id_property="region_id",
            tolerance=BORDER_TOLERANCE,
            coverage=True,
        ),
        "context": compact_layer(
            context,
            id_property="country_id",
            tolerance=CONTEXT_TOLERANCE,
            clip=VIEW_BOX,
            exclude=("UKR",),
        ),
        "selectable": compact_layer(
            units,
            id_property="region_id",
            tolerance=SELECTABLE_TOLERANCE,
            decimals=SELECTABLE_DECIMALS,
            coverage=True,
        ),
    }


def feature_ids(collection: dict[str, Any] | None) -> list[str]:
    """The ``id`` of every feature (empty for None)."""
    if not collection:
        return []
    return [str(feature["id"]) for feature in collection["features"]]


def subset(collection: dict[str, Any], ids: Iterable[str]) -> dict[str, Any]:
    """The features of ``collection`` whose ``id`` is in ``ids``, in the collection's order."""
    wanted = set(ids)
    return {
        "type": "FeatureCollection",
        "features": [feature for feature in collection["features"] if feature["id"] in wanted],
    }


# --------------------------------------------------------------------------- map figure


@dataclass(frozen=True)
class MapLayers:
    """The GeoJSON layers of one map, already compacted (see :func:`compact_layer`).

    ``units`` and ``border_regions`` features have ``id`` = ISO 3166-2 code, ``context``
    features ``id`` = ISO 3166-1 alpha-3; ``control`` and ``donbas`` are one-feature
    collections or None when there is no snapshot for the date; ``selectable`` is a coarser
    copy of ``units`` for the clickable selection layer (``units`` when None).
    """

    units: dict[str, Any]
    border_regions: dict[str, Any]
    context: dict[str, Any]
    control: dict[str, Any] | None = None
    donbas: dict[str, Any] | None = None
    selectable: dict[str, Any] | None = None


def _solid(colour: str) -> list[list[Any]]:
    return [[0, colour], [1, colour]]


def _area_trace(
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
        colorscale=_solid(fill),
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


def map_figure(
    layers: MapLayers,
    units: pd.DataFrame,
    places: pd.DataFrame,
    *,
    control_label: str = "",
    donbas_label: str = "",
    selected_region: str | None = None,
    selected_place: str | None = None,
    place_credit: str = "",
    selection_layers: bool = False,
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
    control_label, donbas_label
        Legend entries of the control and Donbas layers (they name date and source).
    selected_region, selected_place
        A selection to draw into the figure (None for nothing). Only for a selection that
        did not come from a click on this figure: plotly draws a clicked one itself.
    place_credit
        Who the place coordinates come from (``GeoNames, Wikipedia contributors``).
    selection_layers
        True for the dashboard: the areas are map-style layers and clicks go to
        transparent layers on top, which plotly outlines where clicked (see the module's
        docstring). False (a static page): the areas are traces, the status fills and the
        place dots themselves carry the click data, and a selection is not drawn.
    """
    figure = go.Figure()
    areas = _areas(layers, units, control_label, donbas_label)
    if selection_layers:
        map_layers = [_area_layer(area) for area in areas]
        for area in areas:
            if area.legendrank is not None:
                figure.add_trace(
                    _legend_swatch(
                        area.name, area.fill, area.line, area.line_width, area.legendrank
                    )
                )
        _add_region_layer(figure, layers, units, selected_region)
    else:
        map_layers = []
        figure.add_traces([_area_as_trace(area) for area in areas])
    map_layers += _add_places(
        figure, places, selected_place if selection_layers else None, selection_layers
    )
    figure.update_layout(
        map={
            "style": "white-bg",
            "center": MAP_CENTER,
            "zoom": MAP_ZOOM,
            "bounds": MAP_BOUNDS,
            "layers": map_layers,
        },
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="#FFFFFF",
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 13},
        showlegend=True,
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
        annotations=[
            {
                "text": CREDIT.format(places=plotly_text(place_credit or "GeoNames")),
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 10, "color": "#444444"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        ],
        uirevision="map",
    )
    if selection_layers:
        figure.update_layout(**LEGEND_AXES)
    return figure


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


def _areas(
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


def _area_as_trace(area: Area) -> go.Choroplethmap:
    """An area as a trace of the static page: a status fill takes the clicks on its units."""
    if area.rows is None:
        return _area_trace(
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
        colorscale=_solid(area.fill),
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


def _style_layer(
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


def _area_layer(area: Area) -> dict[str, Any]:
    """An area as a dashboard style layer, under every trace.

    Style layers draw what the static page's area traces draw, but plotly leaves them alone
    when a point is clicked, while it hands every trace's GeoJSON to the map library again
    (``updateOnSelect``): as traces they cost a click about 50 ms more. They take no hover
    and no clicks; the legend shows a swatch for each (:func:`_legend_swatch`).
    """
    if area.fill == TRANSPARENT:
        return _style_layer(area.collection, "line", area.line, line={"width": area.line_width})
    return _style_layer(area.collection, "fill", area.fill, fill={"outlinecolor": area.line})


#: The legend's swatches for map-style layers sit on a hidden cartesian plot a pixel wide in
#: a corner: not on the map, so a click on the map leaves them alone.
LEGEND_AXES = {
    "xaxis": {"visible": False, "domain": [0, 0.001], "fixedrange": True},
    "yaxis": {"visible": False, "domain": [0, 0.001], "fixedrange": True},
}
LEGEND_SWATCH_SIZE = 13


def _legend_swatch(
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
            colorscale=_solid(TRANSPARENT),
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
        _style_layer(points, "circle", colour, below="", circle={"radius": diameter / 2})
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
                marker={
                    "size": RING_SIZE,
                    "color": style.MAP_SELECTED_LINE,
                    "opacity": _drawn_opacity(ids, selected),
                },
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 0}},
                name=PLACE_RING_LAYER,
                showlegend=False,
                **clicks,
            )
        )
        figure.add_trace(
            _legend_swatch(
                PLACE_LABEL,
                style.MAP_PLACE_COLOUR,
                style.MAP_PLACE_HALO,
                2,
                50,
                symbol="circle",
                size=PLACE_DOT_SIZE,
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


# --------------------------------------------------------------------------- history chart


def control_history_figure(
    history: pd.DataFrame, article_day: date | None, selected_day: date | None = None
) -> go.Figure:
    """Km² of Ukraine under Russian control over time, with the article's date marked.

    Parameters
    ----------
    history
        ``date`` (Timestamp), ``frequency`` and ``russian_km2`` (see ``control_history.csv``);
        the daily rows take precedence where both exist.
    article_day
        The article's publication date (a dashed line), or None.
    selected_day
        The date shown on the map (a dot), or None.
    """
    frame = history_series(history)
    figure = go.Figure(
        go.Scatter(
            x=frame["date"],
            y=frame["russian_km2"],
            mode="lines",
            line={"color": style.MAP_RUSSIAN_CONTROL, "width": 2},
            name="Under Russian control",
            hovertemplate="%{x|%-d %b %Y}: %{y:,.0f} km²<extra>DeepStateMap.Live</extra>",
        )
    )
    if article_day is not None:
        figure.add_vline(
            x=pd.Timestamp(article_day).timestamp() * 1000,
            line={"color": style.INK, "width": 1, "dash": "dash"},
            annotation={
                "text": f"Article, {article_day:%-d %b %Y}",
                "font": {"size": 11, "color": style.INK},
                "xanchor": "right",
                "yanchor": "top",
            },
            annotation_position="top left",
        )
    if selected_day is not None:
        match = frame[frame["date"] == pd.Timestamp(selected_day)]
        if not match.empty:
            figure.add_trace(
                go.Scatter(
                    x=match["date"],
                    y=match["russian_km2"],
                    mode="markers",
                    marker={
                        "size": 9,
                        "color": style.MAP_RUSSIAN_CONTROL,
                        "line": {"color": style.INK, "width": 1.5},
                    },
                    name="Date on the map",
                    hovertemplate="On the map, %{x|%-d %b %Y}: %{y:,.0f} km²<extra></extra>",
                )
            )
    figure.update_layout(
        height=180,
        margin={"l": 56, "r": 12, "t": 10, "b": 28},
        showlegend=False,
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 11},
        xaxis={"title": None, "showgrid": False, "fixedrange": True},
        yaxis={"title": None, "ticksuffix": " km²", "tickformat": "~s", "fixedrange": True},
        hovermode="x unified",
    )
    return figure


def page_map_figure(
    catalog: Catalog,
    control: pd.DataFrame,
    layers: Mapping[str, Any],
    day: date | None,
    drawn: Selection,
    control_geo: dict[str, Any] | None = None,
    donbas_geo: dict[str, Any] | None = None,
) -> go.Figure:
    """The map page's figure for ``day`` with ``drawn`` drawn into it.

    ``layers`` are the compacted base layers (``units``, ``border_regions``, ``context``,
    ``selectable``); ``control_geo`` and ``donbas_geo`` the day's control and Donbas layers
    (None where no snapshot is cached). Clicks go to the transparent selection layers.
    """
    units = unit_table(layers["units"], catalog.regions, control_figures(control, day))
    return map_figure(
        MapLayers(
            units=layers["units"],
            border_regions=layers["border_regions"],
            context=layers["context"],
            control=control_geo,
            donbas=donbas_geo,
            selectable=layers.get("selectable"),
        ),
        units,
        place_table(catalog.places, catalog.sources),
        control_label=control_legend(day),
        donbas_label=donbas_legend(donbas_km2_on(control, day)),
        selected_region=drawn.region,
        selected_place=drawn.place,
        place_credit=place_credit(catalog.places, catalog.sources),
        selection_layers=True,
    )
