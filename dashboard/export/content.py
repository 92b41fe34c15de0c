"""What the exported pages show: figures and embedded data, from the pages' own builders.

Built from the same views and figure builders as the Streamlit pages. Pure (no streamlit,
no files written).

The map page's content is in :mod:`dashboard.export.map_content` (with the licence rule
for DeepStateMap's geometry).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.datasets.sources import article_published
from dashboard.figures.positions import distance_figure
from dashboard.figures.timeline import timeline_figure
from dashboard.summary import article_date
from dashboard.views import map as map_view
from dashboard.views import positions as positions_view
from dashboard.views import timeline as timeline_view
from dashboard.views.deal import DealPage
from dashboard.views.positions.grid import PositionGrid, position_grid
from dashboard.views.timeline.chart import TimelineChart, chart_periods
from dashboard.wording import LONG_DATE, format_day, short_producer

#: Credits named on every page: (source id, what it gives the site).
SITE_CREDITS: tuple[tuple[str, str], ...] = (
    (ARTICLE_SOURCE_ID, "The article this site is about; quotes of at most 30 words"),
    (
        "deepstatemap",
        "Russian-controlled area and shares per region, computed from its daily maps "
        "(the map geometry itself is not published here)",
    ),
    ("natural_earth", "Region and country boundaries; areas"),
    ("geonames", "Coordinates of the places"),
)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Inputs:
    """Everything the export reads: the catalog, the derived control figures, map layers."""

    catalog: Catalog
    control: pd.DataFrame
    history: pd.DataFrame
    layers: Mapping[str, dict[str, Any]]

    @property
    def article_day(self) -> date:
        """The article's publication date (``sources.yml``)."""
        return article_date(self.catalog).date()

    @property
    def snapshot_day(self) -> date | None:
        """The control snapshot shown: the latest on or before the article's date."""
        return map_view.on_or_before(self.article_day, map_view.snapshot_days(self.control))


def https_url(value: Any) -> str:
    """``value`` when it is a plain https address, else '' (never a ``javascript:`` link)."""
    url = str(value or "").strip()
    if not url.startswith("https://") or any(c in url for c in " \"'<>`\\") or len(url) > 2000:
        return ""
    return url


def source_entry(catalog: Catalog, source_id: str) -> dict[str, str]:
    """Name, title, link and licence of a source for the credits."""
    sources = catalog.sources
    if source_id not in sources.index:
        return {"id": source_id, "name": source_id, "title": "", "url": "", "licence": ""}
    entry = sources.loc[source_id]
    credit = entry.get("credit")
    name = (
        credit
        if isinstance(credit, str) and credit
        else short_producer(str(entry.get("producer") or source_id))
    )
    published = format_day(entry.get("date_published"), LONG_DATE)
    return {
        "id": source_id,
        "name": str(name),
        "title": str(entry.get("title") or ""),
        "published": published,
        "url": https_url(entry.get("url")),
        "licence": str(entry.get("licence") or ""),
    }


def site_credits(catalog: Catalog) -> list[dict[str, str]]:
    """The credits every page shows, with what each source contributes."""
    credits = []
    for source_id, role in SITE_CREDITS:
        if source_id in catalog.sources.index:
            credits.append({**source_entry(catalog, source_id), "role": role})
    return credits


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Period:
    """A window the timeline chart can show, with its figure."""

    key: str
    label: str
    start: date
    end: date
    figure: go.Figure


@dataclass(frozen=True)
class TimelineContent:
    """The timeline page: events (for the list and the filters) and one figure per period."""

    events: pd.DataFrame
    periods: tuple[Period, ...]
    kinds: list[str]
    parties: list[str]
    records: list[dict[str, Any]]


def period_figure(chart: TimelineChart) -> go.Figure:
    """A period's timeline figure, its marks clickable but not selectable."""
    figure = timeline_figure(chart)
    figure.update_layout(clickmode="event", dragmode=False)
    return figure


def timeline_content(inputs: Inputs) -> TimelineContent:
    """Build the timeline page's events, filters and figures from the timeline views."""
    events = timeline_view.prepare_events(inputs.catalog)
    periods = tuple(
        Period(period.key, period.label, period.start, period.end, period_figure(period.chart))
        for period in chart_periods(events, inputs.article_day)
    )
    return TimelineContent(
        events=events,
        periods=periods,
        kinds=timeline_view.kind_options(events),
        parties=timeline_view.party_options(events),
        records=timeline_view.filter_records(events),
    )


# --------------------------------------------------------------------------- positions


@dataclass(frozen=True)
class PositionsContent:
    """The positions page: the matrix, the distance chart and its table."""

    matrix: list[positions_view.MatrixRow]
    figure: go.Figure
    ranking: pd.DataFrame
    scores: pd.DataFrame
    sticking: pd.DataFrame
    event_titles: dict[str, str]
    later: pd.DataFrame
    published: pd.Timestamp
    grid: PositionGrid | None = None


def positions_content(inputs: Inputs) -> PositionsContent:
    """Build the positions page from the positions views and figure builder."""
    catalog = inputs.catalog
    shown = positions_view.on_record(catalog.positions, catalog.sources)
    ranking = positions_view.rank_sticking_points(catalog.issues, shown)
    scores = positions_view.effective_scores(shown)
    return PositionsContent(
        matrix=positions_view.build_matrix(catalog.issues, shown),
        figure=distance_figure(positions_view.distance_chart(ranking, scores)),
        ranking=ranking,
        scores=scores,
        sticking=positions_view.article_sticking_points(catalog.issues),
        event_titles=positions_view.event_titles(catalog.events),
        later=positions_view.said_later(catalog.positions, catalog.sources),
        published=article_published(catalog.sources),
        grid=position_grid(catalog.issues, shown),
    )


#: A party's effective score on an issue as text (the export's score table).
score_cell = positions_view.score_cell


# --------------------------------------------------------------------------- what a deal costs


def deal_pages(inputs: Inputs) -> list[DealPage]:
    """Every proposal's view with the committed figures (no area: DeepStateMap's licence)."""
    from dashboard.datasets.costs import committed_costs
    from dashboard.views.deal import deal_page, region_areas

    catalog = inputs.catalog
    costs = committed_costs(catalog.proposals)
    region_km2 = region_areas(inputs.control)
    return [
        deal_page(catalog, costs, ident, inputs.layers["units"], region_km2, live=False)
        for ident in catalog.proposals["proposal_id"]
    ]
