"""The only home of Streamlit caching: every page reads its data through these functions.

Dataset modules stay free of streamlit; this module wraps them. A DataError propagates to
``app.py``, which shows it as a clear error page naming the file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.datasets import control, geo
from dashboard.datasets.catalog import Catalog, load_catalog


@st.cache_data(show_spinner="Loading the data tables…")
def catalog() -> Catalog:
    """All curated tables, validated."""
    return load_catalog()


@st.cache_data(show_spinner=False)
def control_by_region() -> pd.DataFrame:
    """Russian-controlled km² and share per region and snapshot date (DeepStateMap)."""
    return control.load_control_by_region()


@st.cache_data(show_spinner=False)
def control_history() -> pd.DataFrame:
    """Russian-controlled km² in Ukraine over time, monthly and daily."""
    return control.load_control_history()


@st.cache_data(show_spinner=False, ttl=600)
def snapshot_dates() -> list[date]:
    """Dates of the control snapshots in the local cache (may be empty)."""
    return control.available_snapshot_dates()


@st.cache_data(show_spinner="Drawing the control layer…", max_entries=32)
def control_layer(day: date) -> dict[str, Any] | None:
    """The simplified control polygon for ``day`` from the cache, or None."""
    return control.load_control_layer(day)


@st.cache_data(show_spinner=False)
def ukraine_units() -> dict[str, Any]:
    """Ukraine's 27 first-level units as GeoJSON."""
    return geo.ukraine_units_geojson()


@st.cache_data(show_spinner=False)
def russia_border_regions() -> dict[str, Any]:
    """Russian border regions as GeoJSON."""
    return geo.russia_border_geojson()


@st.cache_data(show_spinner=False)
def context_countries() -> dict[str, Any]:
    """Neighbouring countries as GeoJSON."""
    return geo.context_countries_geojson()


# Page-specific cached helpers go below, one section per page.


# --- Positions page ------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def positions_scores() -> pd.DataFrame:
    """Each party's effective score per issue (own statements before attributed ones)."""
    from dashboard.views.positions import effective_scores

    return effective_scores(catalog().positions)


@st.cache_data(show_spinner=False)
def positions_ranking() -> pd.DataFrame:
    """The issues ranked by the distance between the parties' scores."""
    from dashboard.views.positions import rank_sticking_points

    data = catalog()
    return rank_sticking_points(data.issues, data.positions)


# --- Map page -------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def map_base_layers() -> dict[str, dict[str, Any]]:
    """The map's fixed layers, lightened for drawing: ``units``, ``border_regions``, ``context``."""
    from dashboard.figures import maps

    return maps.base_layers(ukraine_units(), russia_border_regions(), context_countries())


@st.cache_data(show_spinner=False, max_entries=32)
def donbas_layer(day: date) -> dict[str, Any] | None:
    """The Ukrainian-held rest of Donetsk and Luhansk on ``day`` (None without a snapshot)."""
    from dashboard.datasets.donbas import donbas_held_layer

    return donbas_held_layer(ukraine_units(), control_layer(day))


# --- Timeline page --------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def timeline_events() -> pd.DataFrame:
    """Events with their date spans, date labels, place and region names and sources."""
    from dashboard.views.timeline import prepare_events

    return prepare_events(catalog())
