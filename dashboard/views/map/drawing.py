"""What the map figure draws for a date and a selection: its layers, rows and labels. Pure.

:func:`map_drawing` gathers it from the data; :func:`dashboard.figures.maps.drawing_figure`
turns it into plotly. No plotly here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.views.map.selection import Selection
from dashboard.views.map.tables import (
    control_figures,
    control_legend,
    donbas_km2_on,
    donbas_legend,
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


def map_drawing(
    catalog: Catalog,
    control: pd.DataFrame,
    layers: Mapping[str, Any],
    day: date | None,
    drawn: Selection,
    control_geo: dict[str, Any] | None = None,
    donbas_geo: dict[str, Any] | None = None,
) -> MapDrawing:
    """What the map page's figure draws for ``day`` with ``drawn`` drawn into it.

    ``layers`` are the compacted base layers (``units``, ``border_regions``, ``context``,
    ``selectable``); ``control_geo`` and ``donbas_geo`` the day's control and Donbas layers
    (None where no snapshot is cached).
    """
    return MapDrawing(
        layers=MapLayers(
            units=layers["units"],
            border_regions=layers["border_regions"],
            context=layers["context"],
            control=control_geo,
            donbas=donbas_geo,
            selectable=layers.get("selectable"),
        ),
        units=unit_table(layers["units"], catalog.regions, control_figures(control, day)),
        places=place_table(catalog.places, catalog.sources),
        control_label=control_legend(day),
        donbas_label=donbas_legend(donbas_km2_on(control, day)),
        selected_region=drawn.region,
        selected_place=drawn.place,
        place_credit=place_credit(catalog.places, catalog.sources),
    )
