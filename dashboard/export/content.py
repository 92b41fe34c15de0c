"""What the exported pages show: figures and embedded data, from the pages' own builders.

Built from the same views and figure builders as the Streamlit pages. Pure (no streamlit,
no files written).

Licence rule: DeepStateMap geometry is not openly licensed, so the exported map never draws
the control polygon (nor the Donbas remainder cut out of it). Each Ukrainian unit is filled
by the *share* of it under Russian control on the snapshot of the article's date, a figure
computed from DeepStateMap and committed in ``data/derived/control_by_region.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.control import donbas_remaining_km2
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.datasets.sources import article_published
from dashboard.figures import maps, style
from dashboard.figures.history import control_history_figure
from dashboard.figures.positions import distance_figure
from dashboard.figures.timeline import timeline_figure
from dashboard.summary import article_date, donbas_comparison
from dashboard.views import map as map_view
from dashboard.views import positions as positions_view
from dashboard.views import timeline as timeline_view
from dashboard.views.timeline.chart import TimelineChart, chart_periods
from dashboard.wording import LONG_DATE, SHORT_DATE, STATUS_SENTENCES, format_day, short_producer

#: White (none) to Russia's party colour (all): the fill of a unit by its controlled share.
SHARE_SCALE: list[list[Any]] = [[0.0, "#FFFFFF"], [1.0, style.MAP_RUSSIAN_CONTROL]]
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


# --------------------------------------------------------------------------- map


def is_clickable(customdata: Any, kind: str) -> bool:
    """True for a trace whose points carry ``[kind, id]`` (the map builder's click data)."""
    if customdata is None or len(customdata) == 0:
        return False
    first = customdata[0]
    if isinstance(first, str) or not hasattr(first, "__len__") or len(first) < 2:
        return False
    return first[0] == kind


def share_map_figure(
    inputs: Inputs, units: pd.DataFrame, places: pd.DataFrame, shares: Mapping[str, float]
) -> go.Figure:
    """The map page's figure with each Ukrainian unit filled by its controlled share.

    Built by :func:`dashboard.figures.maps.map_figure` without the control and Donbas layers
    (their geometry is DeepStateMap's); the clickable unit traces are then recoloured by
    ``shares`` on :data:`SHARE_SCALE`. The key is written in HTML next to the map (it wraps
    on a phone), so plotly's legend and colour bar are off.
    """
    layers = map_view.MapLayers(
        units=inputs.layers["units"],
        border_regions=inputs.layers["border_regions"],
        context=inputs.layers["context"],
    )
    figure = maps.map_figure(layers, units, places)
    for trace in figure.data:
        custom = trace.customdata
        if trace.type == "choroplethmap" and is_clickable(custom, maps.REGION):
            trace.update(
                z=[float(shares.get(region_id, 0.0)) for region_id in trace.locations],
                zmin=0,
                zmax=1,
                colorscale=SHARE_SCALE,
                showscale=False,
                showlegend=False,
                marker={"opacity": 1},
            )
    figure.update_layout(
        height=None,
        autosize=True,
        showlegend=False,
        annotations=[
            {
                **annotation.to_plotly_json(),
                "text": "Shares: DeepStateMap.Live · Boundaries: Natural Earth · Places: GeoNames",
            }
            for annotation in figure.layout.annotations
        ],
    )
    return figure


def _item(item: map_view.Item) -> dict[str, Any]:
    return {
        "label": item.label,
        "heading": item.heading,
        "body": item.body,
        "when": item.when,
        "source": item.source,
        "quote": item.quote,
        "checks": [_item(check) for check in item.checks],
    }


def _section(
    title: str,
    empty: str,
    items: Iterable[map_view.Item | None] = (),
    groups: Iterable[map_view.Group] = (),
) -> dict[str, Any]:
    return {
        "title": title,
        "empty": empty,
        "items": [_item(item) for item in items if item is not None],
        "groups": [
            {"title": group.title, "items": [_item(item) for item in group.items]}
            for group in groups
        ],
    }


def region_payload(detail: map_view.RegionDetail, donbas_note: str = "") -> dict[str, Any]:
    """A region's detail panel as plain data for the page's script (rendered as text).

    ``donbas_note`` sets the Donbas figure beside a published estimate.
    """
    facts = [{"text": f"Status: {detail.status_text}", "source": ""}]
    if detail.control is not None:
        figure = detail.control
        facts.append(
            {
                "text": f"Under Russian control on {figure.day:{SHORT_DATE}}: {figure.share_text} "
                f"({figure.russian_km2:,.0f} of {figure.region_km2:,.0f} km²; "
                f"{figure.ukrainian_km2:,.0f} km² held by Ukraine)",
                "source": "DeepStateMap.Live (grey zone excluded); areas from Natural Earth "
                "(EPSG:3035)",
            }
        )
    else:
        facts.append({"text": "No control figures for this date.", "source": ""})
    if detail.donbas_km2 is not None:
        facts.append(
            {
                "text": f"Rest of the Donbas still held by Ukraine: {detail.donbas_km2:,.0f} km² "
                "(Donetsk and Luhansk together)",
                "source": "DeepStateMap.Live (grey zone counted as not Russian-held); areas "
                "from Natural Earth (EPSG:3035)",
            }
        )
        if donbas_note:
            facts.append({"text": donbas_note, "source": ""})
    if not detail.in_regions_table:
        facts.append({"text": "The article does not discuss this region.", "source": ""})
    return {
        "kind": map_view.REGION,
        "id": detail.region_id,
        "title": detail.name,
        "subtitle": " · ".join(part for part in (detail.name_uk, detail.kind) if part),
        "facts": facts,
        "sections": [
            _section("Annexation claim", "", [detail.annexation]),
            _section("What Russia demands", "", [detail.demand]),
            _section("In the story", "", [detail.statement]),
            _section(
                f"What each side says about {detail.name}",
                "No party's position on record names this region.",
                groups=detail.positions,
            ),
            _section(
                f"Events in {detail.name}", "No event on record took place here.", detail.events
            ),
            _section("Fact checks", "No fact check is about this region.", detail.fact_checks),
        ],
    }


def place_payload(detail: map_view.PlaceDetail) -> dict[str, Any]:
    """A place's detail panel (who claims what about it) as plain data."""
    local = detail.name_local if detail.name_local and detail.name_local != detail.name else ""
    return {
        "kind": map_view.PLACE,
        "id": detail.place_id,
        "title": detail.name,
        "subtitle": " · ".join(part for part in (local, detail.kind, detail.where) if part),
        "facts": [
            {
                "text": f"Location {detail.lat:.3f}° N, {detail.lon:.3f}° E",
                "source": detail.location_source,
            }
        ],
        "sections": [
            _section("In the story", "", [detail.statement]),
            _section(
                f"Who claims what about {detail.name}",
                "No claim about this place is on record.",
                groups=detail.claims,
            ),
            _section(f"Positions on {detail.name}", "", groups=detail.positions),
            _section(
                "Fact checks", "No fact check is about this place itself.", detail.fact_checks
            ),
        ],
    }


@dataclass(frozen=True)
class MapContent:
    """The map page: its figures, the details of every region and place, the tables."""

    figure: go.Figure
    history_figure: go.Figure
    details: dict[str, dict[str, Any]]
    options: dict[str, str]
    unit_rows: list[dict[str, Any]]
    place_rows: list[dict[str, Any]]
    history_rows: list[dict[str, Any]]
    snapshot_day: date | None


def map_content(inputs: Inputs) -> MapContent:
    """Build the map page's figures and data from the map views."""
    catalog, control = inputs.catalog, inputs.control
    day = inputs.snapshot_day
    figures = map_view.control_figures(control, day, inputs.catalog.regions)
    units_geo = inputs.layers["units"]
    units = map_view.unit_table(units_geo, catalog.regions, figures)
    places = map_view.place_table(catalog.places, catalog.sources)
    shares = {region_id: figure.share for region_id, figure in figures.items()}
    figure = share_map_figure(inputs, units, places, shares)
    try:
        donbas_km2 = donbas_remaining_km2(day, control) if day else None
    except KeyError:
        donbas_km2 = None
    details: dict[str, dict[str, Any]] = {}
    for region_id in units["region_id"]:
        detail = map_view.region_detail(catalog, region_id, units_geo, figures, donbas_km2)
        details[map_view.Selection(map_view.REGION, region_id).option] = region_payload(
            detail, donbas_comparison(catalog)
        )
    names = map_view.region_names(units)
    for place_id in places["place_id"]:
        detail = map_view.place_detail(catalog, place_id, names)
        details[map_view.Selection(map_view.PLACE, place_id).option] = place_payload(detail)
    options = map_view.pick_options(units, places, catalog.regions)
    regions = catalog.regions.set_index("region_id")
    unit_rows = []
    for _, unit in units.iterrows():
        control_figure = figures.get(unit["region_id"])
        unit_rows.append(
            {
                "option": map_view.Selection(map_view.REGION, unit["region_id"]).option,
                "name": unit["name"],
                "name_uk": unit["name_uk"],
                "status": STATUS_SENTENCES.get(unit["status"], "").rstrip("."),
                "in_article": bool(
                    unit["region_id"] in regions.index
                    and regions.loc[unit["region_id"], "in_article"]
                ),
                "share": control_figure.share if control_figure else None,
                "share_text": control_figure.share_text if control_figure else "no figure",
                "russian_km2": control_figure.russian_km2 if control_figure else None,
                "region_km2": control_figure.region_km2 if control_figure else None,
            }
        )
    unit_rows.sort(key=lambda row: (-(row["share"] or 0), row["name"]))
    place_rows = [
        {
            "option": map_view.Selection(map_view.PLACE, row["place_id"]).option,
            "name": row["name"],
            "subtitle": details[map_view.Selection(map_view.PLACE, row["place_id"]).option][
                "subtitle"
            ],
            "lat": row["lat"],
            "lon": row["lon"],
        }
        for _, row in places.sort_values("name").iterrows()
    ]
    history = inputs.history
    history_figure = control_history_figure(history, inputs.article_day, day)
    history_figure.update_layout(height=None, autosize=True, template="plotly_white")
    monthly = history[history["frequency"] == "monthly"].sort_values("date")
    history_rows = [
        {"date": f"{row['date']:%B %Y}", "km2": f"{row['russian_km2']:,.0f}"}
        for _, row in monthly.iterrows()
    ]
    if day is not None:
        on_day = history[history["date"] == pd.Timestamp(day)]
        if not on_day.empty:
            history_rows.append(
                {
                    "date": f"{day:{LONG_DATE}} (map date)",
                    "km2": f"{on_day['russian_km2'].iloc[0]:,.0f}",
                }
            )
    return MapContent(
        figure=figure,
        history_figure=history_figure,
        details=details,
        options=options,
        unit_rows=unit_rows,
        place_rows=place_rows,
        history_rows=history_rows,
        snapshot_day=day,
    )


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
    )


#: A party's effective score on an issue as text (the export's score table).
score_cell = positions_view.score_cell
