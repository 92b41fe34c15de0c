"""The only home of Streamlit caching: every page reads its data through these functions.

Dataset modules stay free of streamlit; this module wraps them. A DataError propagates to
``main.py``, which shows it as a clear error page naming the file.

``st.cache_data`` hands each caller a copy; ``st.cache_resource`` (the map page's built
figures, tables and panels) hands every session the same object, with nothing copied per
rerun: pages must treat those as read-only.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.datasets import control, geo
from dashboard.datasets.catalog import Catalog, load_catalog

if TYPE_CHECKING:
    from dashboard.datasets.costs import ProposalCost
    from dashboard.datasets.frontline import Advance
    from dashboard.figures.map_areas import LegendEntry
    from dashboard.verify import Share
    from dashboard.views.deal import DealPage, RegionStake
    from dashboard.views.map import MapDrawing, MapPage, MapTables, PlaceDetail, RegionDetail


def clear() -> None:
    """Forget every cached value, data and built views alike (tests; after editing data)."""
    st.cache_data.clear()
    st.cache_resource.clear()


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


@st.cache_data(show_spinner=False, ttl=600, max_entries=256)
def control_layer_readable(day: date) -> bool:
    """Whether the control layer of ``day`` can be drawn (without copying it per rerun)."""
    return control_layer(day) is not None


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
def positions_scores(include_later: bool = False) -> pd.DataFrame:
    """Each party's effective score per issue (own statements before attributed ones).

    Only positions on record by the article's date, unless ``include_later``.
    """
    from dashboard.views.positions import effective_scores, on_record

    data = catalog()
    return effective_scores(on_record(data.positions, data.sources, include_later))


@st.cache_data(show_spinner=False)
def positions_ranking(include_later: bool = False) -> pd.DataFrame:
    """The issues ranked by the distance between the parties' scores (see positions_scores)."""
    from dashboard.views.positions import on_record, rank_sticking_points

    data = catalog()
    return rank_sticking_points(data.issues, on_record(data.positions, data.sources, include_later))


# --- Map page -------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def map_base_layers() -> dict[str, dict[str, Any]]:
    """The map's fixed layers, lightened for drawing: ``units``, ``border_regions``, ``context``."""
    from dashboard.figures.map_geometry import base_layers

    return base_layers(ukraine_units(), russia_border_regions(), context_countries())


@st.cache_resource(show_spinner=False)
def map_unit_ids() -> frozenset[str]:
    """The ids of the map's first-level units (read on every run of the map page).

    A set of its own: reading them from :func:`map_base_layers` copied all of that GeoJSON
    for each run, about 13 ms of a page run of under 100 ms.
    """
    from dashboard.figures.map_geometry import feature_ids

    return frozenset(feature_ids(map_base_layers()["units"]))


@st.cache_data(show_spinner=False, max_entries=32)
def donbas_layer(day: date) -> dict[str, Any] | None:
    """The Ukrainian-held rest of Donetsk and Luhansk on ``day`` (None without a snapshot)."""
    from dashboard.datasets.donbas import donbas_held_layer

    return donbas_held_layer(ukraine_units(), control_layer(day))


#: Per-date tables and per-selection panels kept (small: a few kB each).
MAP_VIEWS_KEPT = 256
#: Frozen map figures kept (about 1.7 MB each): a few dates, each with a few selections.
MAP_FIGURES_KEPT = 40


@st.cache_data(show_spinner="Drawing the front line…", max_entries=32)
def front_line(day: date) -> dict[str, Any] | None:
    """The front line on ``day`` from the cached snapshot (None without it)."""
    from dashboard.datasets.frontline import front_line_geojson

    return front_line_geojson(day)


@st.cache_resource(show_spinner="Measuring Russia's gains…", max_entries=64)
def advance(since: date, day: date) -> tuple[dict[str, Any] | None, Advance | None]:
    """Ground Russia took between ``since`` and ``day`` (read-only; None without snapshots)."""
    from dashboard.datasets.frontline import advance_geojson

    return advance_geojson(since, day)


@st.cache_resource(show_spinner=False, max_entries=MAP_FIGURES_KEPT)
def map_drawing(
    day: date | None, drawn: str, with_control: bool, since: date | None = None
) -> MapDrawing:
    """What the map draws for ``day`` with the selection ``drawn`` (read-only).

    ``drawn`` is a selection's option string (``region:UA-14``, empty for none) and
    ``with_control`` whether the day's control snapshot is cached (part of the key, so a
    snapshot fetched later is drawn); ``since`` the earlier date of Russia's gains (None or
    not before ``day``: none drawn).
    """
    from dashboard.views.map import Selection
    from dashboard.views.map import map_drawing as build

    control_geo = control_layer(day) if with_control and day is not None else None
    donbas_geo = donbas_layer(day) if control_geo is not None else None
    front_geo = front_line(day) if control_geo is not None else None
    advance_geo, gains = (
        advance(since, day)
        if control_geo is not None and since is not None and since < day
        else (None, None)
    )
    return build(
        catalog(),
        control_by_region(),
        map_base_layers(),
        day,
        Selection.from_option(drawn),
        control_geo,
        donbas_geo,
        front_geo=front_geo,
        advance_geo=advance_geo,
        advance=gains,
    )


@st.cache_resource(show_spinner=False, max_entries=MAP_FIGURES_KEPT)
def map_figure(
    day: date | None, drawn: str, with_control: bool, since: date | None = None
) -> go.Figure:
    """The map page's figure of :func:`map_drawing`, frozen.

    Built once per view and shared by every session (``cache_resource``: nothing is copied
    per rerun); Streamlit only serialises it.
    """
    from dashboard.figures.frozen import freeze_map
    from dashboard.figures.maps import drawing_figure

    return freeze_map(drawing_figure(map_drawing(day, drawn, with_control, since)), selectable=True)


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_selection_bounds(option: str) -> tuple[float, float, float, float] | None:
    """West, south, east, north of the selection ``option`` (None for the overview)."""
    from dashboard.views.map import Selection, place_table, selection_bounds

    data = catalog()
    places = place_table(data.places, data.sources)
    return selection_bounds(Selection.from_option(option), map_base_layers()["units"], places)


@st.cache_data(show_spinner=False)
def map_zoom_targets() -> dict[str, tuple[float, float, float, float]]:
    """Every selectable region's and place's frame, by option (see ``zoom_targets``)."""
    from dashboard.views.map import place_table, zoom_targets

    data = catalog()
    return zoom_targets(map_base_layers()["units"], place_table(data.places, data.sources))


@st.cache_data(show_spinner=False)
def map_label_extents() -> list[dict[str, Any]]:
    """Where the map writes each name, for a narrow map to keep them inside its edges."""
    from dashboard.figures.map_labels import label_extents
    from dashboard.views.map.drawing import map_labels

    return label_extents(map_labels(catalog().map_labels))


@st.cache_data(show_spinner=False, max_entries=MAP_FIGURES_KEPT)
def map_callout_extents(
    day: date | None, with_control: bool, since: date | None = None
) -> list[dict[str, Any]]:
    """Where the map writes its callouts on ``day``, for the map to keep them inside its edges.

    From the same drawing as :func:`map_legend` (pass the same ``since``): nothing drawn again.
    """
    from dashboard.figures.map_labels import callout_extents

    return callout_extents(map_drawing(day, "", with_control, since).callouts)


@st.cache_resource(show_spinner=False, max_entries=MAP_FIGURES_KEPT)
def map_legend(
    day: date | None, with_control: bool, since: date | None = None
) -> tuple[LegendEntry, ...]:
    """The key under the map: the same areas and colours as :func:`map_figure`."""
    from dashboard.figures.maps import map_legend as legend

    return legend(map_drawing(day, "", with_control, since))


@st.cache_data(show_spinner=False, max_entries=MAP_FIGURES_KEPT)
def control_history_svg(article_day: date | None, day: date | None, title: str) -> str:
    """The small km²-over-time chart beside the map, with ``day`` marked: inline SVG."""
    from dashboard.figures.history import COLUMN_SIZES
    from dashboard.figures.history import control_history_svg as history_svg

    return str(history_svg(control_history(), article_day, day, title, COLUMN_SIZES, font_size=12))


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_tables(day: date | None) -> MapTables:
    """The map page's tables for ``day`` (a read-only :class:`~dashboard.views.map.MapTables`)."""
    from dashboard.views.map import map_tables as build

    return build(catalog(), control_by_region(), map_base_layers()["units"], day)


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_region_detail(region_id: str, day: date | None) -> RegionDetail:
    """The detail panel of one region on ``day`` (a frozen ``RegionDetail``)."""
    from dashboard.views.map import region_detail

    tables = map_tables(day)
    return region_detail(
        catalog(), region_id, map_base_layers()["units"], tables.figures, tables.donbas_km2
    )


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_place_detail(place_id: str) -> PlaceDetail:
    """The detail panel of one place (a frozen ``PlaceDetail``; it does not change by date)."""
    from dashboard.views.map import place_detail, region_names

    return place_detail(catalog(), place_id, region_names(map_tables(None).units))


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_page(day: date | None, has_layer: bool, any_snapshot: bool) -> MapPage:
    """The map page's view model for ``day`` (a frozen ``MapPage``).

    ``has_layer``: the day's control layer can be drawn; ``any_snapshot``: some snapshot
    is in the local cache (the notice differs).
    """
    from dashboard.summary import article_date, donbas_comparison
    from dashboard.views.map import map_page as build
    from dashboard.views.map import snapshot_days

    data = catalog()
    published = article_date(data).date()
    days = snapshot_days(control_by_region())
    return build(
        map_tables(day),
        published=published,
        days=days,
        history_summary=map_history_summary(day),
        donbas_note=donbas_comparison(data),
        any_snapshot=any_snapshot,
        has_layer=has_layer,
    )


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_history_summary(day: date | None) -> str:
    """The history chart beside the map in one sentence (its text equivalent)."""
    from dashboard.views.map import history_summary

    return history_summary(control_history(), day)


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_download(key: str, day: date | None) -> str:
    """The content of one of the map page's downloads (``control``, ``history``, ``regions``).

    Each CSV names its sources per row; the control figures are those of ``day``.
    """
    import json

    from dashboard.datasets.control import history_series
    from dashboard.views import downloads

    data = catalog()
    if key == "control" and day is not None:
        frame = downloads.control_on(control_by_region(), data.regions, day)
        return downloads.to_csv(
            downloads.with_sources(frame, data.sources),
            [
                "region_id",
                "name_en",
                "snapshot_date",
                "region_km2",
                "russian_km2",
                "russian_share",
                "ukrainian_km2",
            ],
        )
    if key == "history":
        frame = history_series(control_history())
        return downloads.to_csv(
            downloads.with_sources(frame, data.sources), ["date", "frequency", "russian_km2"]
        )
    if key == "regions":
        return json.dumps(map_base_layers()["units"], ensure_ascii=False)
    raise ValueError(f"no map download {key!r} for {day}")


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def map_column_notes(key: str, day: date | None, described_by: tuple[str, ...]) -> str:
    """What the columns of the map download ``key`` mean, as a small CSV."""
    from dashboard.views import downloads

    return downloads.column_notes_csv(map_download(key, day), described_by)


# --- Timeline page --------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def timeline_events() -> pd.DataFrame:
    """Events with their date spans, date labels, place and region names and sources."""
    from dashboard.views.timeline import prepare_events

    return prepare_events(catalog())


# --- Sources page ---------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def article_quote_share() -> Share | None:
    """How much of the article the data's quotes reproduce; None without the article's text."""
    from dashboard.datasets import paths
    from dashboard.verify import article_quotes, quoted_share

    article = paths.article_path()
    if not article.is_file():
        return None
    text = article.read_text(encoding="utf-8")
    return quoted_share(list(article_quotes(catalog())), text)


# --- What a deal would cost -----------------------------------------------------------------


@st.cache_resource(show_spinner="Measuring what each proposal would hand over…", max_entries=16)
def proposal_costs(day: date) -> tuple[ProposalCost, ...] | None:
    """Every proposal's cost on ``day`` from the cached snapshot (None without it; read-only)."""
    from dashboard.datasets.costs import costs_on

    data = catalog()
    return costs_on(day, data.proposals, data.towns)


@st.cache_resource(show_spinner=False)
def committed_proposal_costs() -> tuple[ProposalCost, ...]:
    """The committed costs of the article's date (no area to draw; read-only)."""
    from dashboard.datasets.costs import committed_costs

    return committed_costs(catalog().proposals)


@st.cache_resource(show_spinner=False, max_entries=64)
def deal_page(proposal_id: str, day: date | None, date_in_url: bool) -> DealPage:
    """The proposal page's view model: live from ``day``'s snapshot, else the committed figures."""
    from dashboard.views.deal import deal_page as build
    from dashboard.views.deal import region_areas

    live = proposal_costs(day) if day is not None else None
    costs = live if live is not None else committed_proposal_costs()
    return build(
        catalog(),
        costs,
        proposal_id,
        map_base_layers()["units"],
        region_areas(control_by_region()),
        live=live is not None,
        date_in_url=date_in_url,
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def deal_figure(day: date | None, date_in_url: bool) -> go.Figure:
    """Every proposal's map for ``day`` in one frozen figure (shared by every session).

    The same figure whatever the proposal: the page shows the chosen one's layers in the
    browser, so a switch does not resend the map.
    """
    from dashboard.figures.deal import deal_figure as figure
    from dashboard.figures.frozen import freeze_map
    from dashboard.views.deal import DEFAULT_PROPOSAL

    ids = list(catalog().proposals["proposal_id"])
    pages = {ident: deal_page(ident, day, date_in_url) for ident in ids}
    live = next(iter(pages.values())).live
    drawing = map_drawing(day, "", live, None)
    maps = {ident: page.map for ident, page in pages.items()}
    return freeze_map(figure(drawing, maps, DEFAULT_PROPOSAL), selectable=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def deal_legend(proposal_id: str, day: date | None, date_in_url: bool) -> tuple[LegendEntry, ...]:
    """The key under the proposal's map."""
    from dashboard.figures.deal import deal_legend as legend

    page = deal_page(proposal_id, day, date_in_url)
    return legend(map_drawing(day, "", page.live, None), page.map)


@st.cache_resource(show_spinner=False, max_entries=MAP_VIEWS_KEPT)
def region_stakes(region_id: str, day: date | None) -> tuple[tuple[RegionStake, ...], str]:
    """What each proposal would take in one oblast on ``day`` (else the committed date)."""
    from dashboard.views.deal import region_stakes as build

    live = proposal_costs(day) if day is not None else None
    costs = live if live is not None else committed_proposal_costs()
    day_text = f"{costs[0].day:%-d %b %Y}" if costs else ""
    return build(catalog(), costs, region_id), day_text
