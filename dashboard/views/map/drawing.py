"""What the map figure draws for a date and a selection: its layers, rows and labels. Pure.

:func:`map_drawing` gathers it from the data; :func:`dashboard.figures.maps.drawing_figure`
turns it into plotly. No plotly here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import shapely

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.frontline import Advance
from dashboard.views.map.selection import PLACE, REGION, Selection
from dashboard.views.map.tables import (
    advance_legend,
    control_figures,
    control_legend,
    donbas_km2_on,
    donbas_legend,
    front_legend,
    place_credit,
    place_table,
    unit_table,
)


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
    #: The front line on the date and Russia's gains since an earlier date (None: not drawn).
    front: dict[str, Any] | None = None
    advance: dict[str, Any] | None = None


@dataclass(frozen=True)
class MapLabel:
    """One name on the map (see ``data/map_labels.csv``); a place also has a status line."""

    text: str
    kind: str
    lon: float
    lat: float
    rank: int
    status: str = ""
    #: Which side of its dot a city's or place's name goes (``right``, ``left``, …).
    side: str = "right"


@dataclass(frozen=True)
class Callout:
    """A note written on the map, anchored at (lon, lat), with an optional leader line."""

    text: str
    lon: float
    lat: float
    #: MapLibre text anchor: which side of the text sits at the point (``right``, ``top``).
    anchor: str = "center"
    leader_to: tuple[float, float] | None = None

    @property
    def leader_from(self) -> tuple[float, float]:
        """Where the leader line starts: the anchor point."""
        return (self.lon, self.lat)


@dataclass(frozen=True)
class ScaleBar:
    """A bar of a round length drawn on the map (true length at its latitude)."""

    start: tuple[float, float]
    end: tuple[float, float]
    text: str


#: Where the Donbas callout is written (west of the remainder, clear of the city names)
#: and the scale bar drawn: at sea south-east of Crimea, in view on a desktop, a tablet and a
#: phone, and east of the source line in the map's bottom-left corner (further west, a
#: 600 px map drew it under that line).
DONBAS_CALLOUT_AT = (36.1, 49.3)
CRIMEA_CALLOUT_AT = (34.25, 45.2)
SCALE_AT = (34.6, 44.22)
SCALE_KM = 100
KM_PER_DEGREE = 111.32


#: How far around a place the map zooms when it is selected (degrees lon, lat).
PLACE_ZOOM_BOX = (0.9, 0.6)


def selection_bounds(
    selection: Selection, units_geo: Mapping[str, Any], places: pd.DataFrame
) -> tuple[float, float, float, float] | None:
    """West, south, east, north of what ``selection`` selects (None: nothing, or unknown)."""
    if selection.region:
        for feature in units_geo.get("features", []):
            if feature.get("id") == selection.region:
                bounds = shapely.geometry.shape(feature["geometry"]).bounds
                return tuple(round(value, 3) for value in bounds)  # type: ignore[return-value]
        return None
    if selection.place:
        rows = places[places["place_id"] == selection.place]
        if rows.empty:
            return None
        lon, lat = float(rows.iloc[0]["lon"]), float(rows.iloc[0]["lat"])
        dx, dy = PLACE_ZOOM_BOX
        return (round(lon - dx, 3), round(lat - dy, 3), round(lon + dx, 3), round(lat + dy, 3))
    return None


def zoom_targets(
    units_geo: Mapping[str, Any], places: pd.DataFrame
) -> dict[str, tuple[float, float, float, float]]:
    """Every selectable region's and place's frame, by selection option (``kind:id``).

    The browser zooms with these the moment a shape is clicked, while the page reruns.
    """
    options = [
        Selection(REGION, str(feature["id"]))
        for feature in units_geo.get("features", [])
        if feature.get("id")
    ]
    options += [Selection(PLACE, str(ident)) for ident in places["place_id"]]
    targets = {}
    for selection in options:
        bounds = selection_bounds(selection, units_geo, places)
        if bounds is not None:
            targets[selection.option] = bounds
    return targets


def map_labels(labels: pd.DataFrame) -> tuple[MapLabel, ...]:
    """The names to write on the map, most important first."""
    return tuple(
        MapLabel(
            text=str(row["text"]),
            kind=str(row["kind"]),
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            rank=int(row["rank"]),
            status=str(row["status"] or ""),
            side=str(row["side"] or "right"),
        )
        for _, row in labels.sort_values("rank", kind="stable").iterrows()
    )


def scale_bar(lon: float = SCALE_AT[0], lat: float = SCALE_AT[1], km: int = SCALE_KM) -> ScaleBar:
    """A ``km``-long bar starting at (lon, lat), true to scale at that latitude."""
    degrees = km / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    return ScaleBar((lon, lat), (round(lon + degrees, 4), lat), f"{km} km")


def inside_point(collection: dict[str, Any] | None) -> tuple[float, float] | None:
    """A point inside the largest polygon of a one-feature collection (None if empty)."""
    if not collection or not collection.get("features"):
        return None
    geometry = shapely.geometry.shape(collection["features"][0]["geometry"])
    parts = list(getattr(geometry, "geoms", [geometry]))
    if not parts:
        return None
    largest = max(parts, key=lambda part: part.area)
    point = largest.representative_point()
    return (round(point.x, 3), round(point.y, 3))


def callouts(
    day: date | None, donbas_km2: float | None, donbas_geo: dict[str, Any] | None
) -> tuple[Callout, ...]:
    """The point of the story on the map: the Donbas Russia demands, and Crimea."""
    notes = [
        Callout(
            "Annexed by Russia in 2014",
            *CRIMEA_CALLOUT_AT,
            anchor="top",
        )
    ]
    if donbas_km2 is not None and day is not None:
        notes.append(
            Callout(
                "Rest of the Donbas, held by Ukraine\n"
                f"{donbas_km2:,.0f} km² on {day:%-d %b %Y}\n"
                "Russia demands it; Kyiv refuses",
                *DONBAS_CALLOUT_AT,
                anchor="right",
                leader_to=inside_point(donbas_geo),
            )
        )
    return tuple(notes)


@dataclass(frozen=True)
class MapDrawing:
    """The map figure's input for one date and one drawn selection.

    ``units``: one row per Ukrainian unit with ``region_id``, ``status`` and ``hover``;
    ``places``: one row per place with ``place_id``, ``lat``, ``lon``, ``hover``; the labels
    name the control and Donbas layers in the legend (with date and source).
    """

    layers: MapLayers
    units: pd.DataFrame
    places: pd.DataFrame
    control_label: str
    donbas_label: str
    selected_region: str | None
    selected_place: str | None
    place_credit: str
    advance_label: str = ""
    front_label: str = ""
    labels: tuple[MapLabel, ...] = ()
    callouts: tuple[Callout, ...] = ()
    scale: ScaleBar | None = None


def map_drawing(
    catalog: Catalog,
    control: pd.DataFrame,
    layers: Mapping[str, Any],
    day: date | None,
    drawn: Selection,
    control_geo: dict[str, Any] | None = None,
    donbas_geo: dict[str, Any] | None = None,
    *,
    front_geo: dict[str, Any] | None = None,
    advance_geo: dict[str, Any] | None = None,
    advance: Advance | None = None,
) -> MapDrawing:
    """What the map page's figure draws for ``day`` with ``drawn`` drawn into it.

    ``layers`` are the compacted base layers (``units``, ``border_regions``, ``context``,
    ``selectable``); ``control_geo`` and ``donbas_geo`` the day's control and Donbas layers
    (None where no snapshot is cached); ``front_geo`` the day's front line and
    ``advance_geo`` with ``advance`` Russia's gains since an earlier date (None: not drawn).
    """
    return MapDrawing(
        layers=MapLayers(
            units=layers["units"],
            border_regions=layers["border_regions"],
            context=layers["context"],
            control=control_geo,
            donbas=donbas_geo,
            selectable=layers.get("selectable"),
            front=front_geo,
            advance=advance_geo,
        ),
        units=unit_table(
            layers["units"], catalog.regions, control_figures(control, day, catalog.regions)
        ),
        places=place_table(catalog.places, catalog.sources),
        control_label=control_legend(day),
        donbas_label=donbas_legend(donbas_km2_on(control, day)),
        selected_region=drawn.region,
        selected_place=drawn.place,
        place_credit=place_credit(catalog.places, catalog.sources),
        advance_label=advance_legend(advance) if advance_geo is not None else "",
        front_label=front_legend(day) if front_geo is not None else "",
        labels=map_labels(catalog.map_labels),
        callouts=callouts(day, donbas_km2_on(control, day), donbas_geo),
        scale=scale_bar(),
    )
