"""What a deal would cost: one territorial proposal, its land, its towns and its people. Pure.

:func:`deal_page` builds the page's view model from the catalog and the costs of one date
(:mod:`dashboard.datasets.costs`): computed from the cached snapshot when there is one, else
the committed figures of the article's date (then without an area to draw). The Streamlit
page and the static export draw the same :class:`DealPage`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.costs import NEAR_FRONT_KM, ProposalCost, area_geojson
from dashboard.state import Param, date_between, one_of
from dashboard.views import downloads
from dashboard.views.positions import records
from dashboard.wording import (
    SHORT_DATE,
    bare_quote,
    format_share,
    party_label,
    source_credit,
)

TITLE = "What a deal would cost"
INTRO = (
    "Each side's proposal on territory, measured on the map: the land Ukraine would give up, "
    "the towns in it and how many people lived there before the full-scale invasion."
)
#: The map's text alternative. The same for every proposal: the chart's alt is part of its identity
#: in Streamlit, and a new one would rebuild the map on every switch. What the chosen proposal
#: shows is said in the headline above the map and the figures and town list around it.
MAP_ALT = (
    "Map of eastern and southern Ukraine: the Ukrainian-held land the chosen proposal would hand "
    "over, with its area in km² and its towns of 10,000 people or more. The headline above says "
    "what it shows; the figures and the town list beside and below give the details."
)
PROPOSAL_PARAM = "proposal"
DATE_PARAM = "date"
DEFAULT_PROPOSAL = "russia_donbas"
NO_LAYER_NOTE = (
    "The area cannot be drawn for this date: the map's control snapshots are not on this "
    "computer. The figures below are the ones committed for {day}, computed from the same "
    "snapshot."
)
METHOD_NOTE = (
    "Land in the main body of Ukraine-held territory only; thin strips along the coast and the "
    "Russian border, and islands, are left out ({detached} here). The grey zone counts as "
    "Ukrainian-held. Towns: every town of at least 10,000 people before the war that we list; "
    "within {near:.0f} km of the front line counts as near it."
)
SOURCE_LINE = (
    "Land: DeepStateMap.Live snapshot of {day}, measured in an equal-area projection over "
    "Natural Earth boundaries. Pre-war populations: State Statistics Service of Ukraine "
    "estimates for 1 January 2022, as cited by Wikipedia and City Population. Proposal: {credit}."
)


@dataclass(frozen=True)
class Voice:
    """One party's word on the proposal: who, when, what, where it was reported."""

    party: str
    who: str
    when: str
    summary: str
    quote: str
    credit: str
    url: str


@dataclass(frozen=True)
class RegionFigure:
    """Land one oblast would hand over."""

    name: str
    km2: float
    share_text: str


@dataclass(frozen=True)
class TownLine:
    """A town inside the land that would change hands."""

    name: str
    oblast: str
    population: int
    km_to_front: float
    near_front: bool
    lon: float
    lat: float


@dataclass(frozen=True)
class DealMap:
    """What the proposal's map draws: the area (None: not drawable), towns, label, frame."""

    area: dict[str, Any] | None
    towns: tuple[TownLine, ...]
    label: str
    label_at: tuple[float, float] | None
    bounds: tuple[float, float, float, float]


@dataclass(frozen=True)
class DealPage:
    """Everything the page shows for one proposal and date."""

    proposal_id: str
    title: str
    summary: str
    note: str
    proposer: Voice
    rejecters: tuple[Voice, ...]
    day: date
    day_text: str
    live: bool
    notice: str
    total_km2: float
    headline: str
    figures: tuple[tuple[str, str], ...]
    regions: tuple[RegionFigure, ...]
    towns: tuple[TownLine, ...]
    method: str
    source_line: str
    map: DealMap
    figures_csv: str
    towns_csv: str
    url: dict[str, Any]


def region_areas(control: pd.DataFrame) -> dict[str, float]:
    """Each unit's area (km²) from the control figures (the same on every date)."""
    first = control.drop_duplicates("region_id")
    return dict(zip(first["region_id"], first["region_km2"].astype(float), strict=True))


def proposal_ids(catalog: Catalog) -> list[str]:
    """The proposals in file order."""
    return list(catalog.proposals["proposal_id"])


def url_params(catalog: Catalog, days: Sequence[date]) -> list[Param]:
    """The page's URL parameters: the proposal and, when snapshots exist, the date."""
    params = [Param(PROPOSAL_PARAM, one_of(proposal_ids(catalog), "proposal"))]
    if days:
        params.append(Param(DATE_PARAM, date_between(min(days), max(days)), date.isoformat))
    return params


def _when(value: Any) -> str:
    return f"{pd.Timestamp(value):{SHORT_DATE}}" if value is not None else ""


def _url(sources: pd.DataFrame, source_id: str) -> str:
    """The source's web address when it is a plain https link (else empty)."""
    return records.source_credit(sources, source_id).url


def _position_voice(position: Mapping[str, Any], sources: pd.DataFrame) -> Voice:
    return Voice(
        party=party_label(position["party"]),
        who=records.speaker_line(position),
        when=_when(position["date"]),
        summary=str(position["summary"]),
        quote=bare_quote(position.get("quote")),
        credit=source_credit(sources, position["source_id"]),
        url=_url(sources, position["source_id"]),
    )


def _proposer(proposal: Mapping[str, Any], positions: pd.DataFrame, sources: pd.DataFrame) -> Voice:
    first = positions.loc[positions["position_id"] == proposal["position_ids"][0]]
    who = records.speaker_line(first.iloc[0]) if not first.empty else ""
    return Voice(
        party=party_label(proposal["party"]),
        who=who,
        when=_when(proposal["date"]),
        summary=str(proposal["summary"]),
        quote=bare_quote(proposal.get("quote")),
        credit=source_credit(sources, proposal["source_id"]),
        url=_url(sources, proposal["source_id"]),
    )


def _bounds(
    collection: dict[str, Any] | None, units_geo: Mapping[str, Any], region_ids: Sequence[str]
) -> tuple[float, float, float, float]:
    """The frame: the area's bounds, else its oblasts' (else four oblasts), with some context."""
    geometry = None
    if collection and collection.get("features"):
        geometry = shape(collection["features"][0]["geometry"])
    else:
        wanted = set(region_ids) or {"UA-14", "UA-09", "UA-23", "UA-65"}
        shapes = [
            shape(feature["geometry"])
            for feature in units_geo.get("features", [])
            if feature.get("id") in wanted
        ]
        geometry = shapely.union_all(shapes) if shapes else None
    if geometry is None or geometry.is_empty:
        return (32.0, 45.5, 40.3, 50.2)
    west, south, east, north = geometry.bounds
    pad_x, pad_y = (east - west) * 0.15 + 0.4, (north - south) * 0.15 + 0.3
    return (
        round(west - pad_x, 3),
        round(south - pad_y, 3),
        round(east + pad_x, 3),
        round(north + pad_y, 3),
    )


#: How far (degrees) the km² label keeps from the towns' dots, where the land leaves room.
LABEL_CLEARANCE = 0.12


def _label_point(
    collection: dict[str, Any] | None, towns: Sequence[TownLine] = ()
) -> tuple[float, float] | None:
    """Where the km² goes: deep inside the largest piece of land, clear of the towns' names."""
    if not collection or not collection.get("features"):
        return None
    geometry = shape(collection["features"][0]["geometry"])
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda part: part.area)
    room = largest
    if towns:
        dots = shapely.MultiPoint([(town.lon, town.lat) for town in towns])
        clear = largest.difference(dots.buffer(LABEL_CLEARANCE))
        if not clear.is_empty:
            pieces = list(getattr(clear, "geoms", [clear]))
            room = max(pieces, key=lambda piece: piece.area)
    point = polylabel(room, tolerance=0.01) if room.geom_type == "Polygon" else room.centroid
    if not largest.contains(point):
        point = largest.representative_point()
    return (round(point.x, 3), round(point.y, 3))


def _town_lines(cost: ProposalCost, towns: pd.DataFrame, names: Mapping[str, str]) -> list:
    table = towns.set_index("town_id")
    lines = []
    for record in cost.towns.to_dict("records"):
        town = table.loc[record["town_id"]]
        lines.append(
            TownLine(
                name=str(town["name_en"]),
                oblast=names.get(record["region_id"], record["region_id"]),
                population=int(record["population"]),
                km_to_front=float(record["km_to_front"]),
                near_front=bool(record["near_front"]),
                lon=float(town["lon"]),
                lat=float(town["lat"]),
            )
        )
    return lines


def _figures_csv(page_rows: list[dict[str, Any]], sources: pd.DataFrame) -> str:
    columns = ["proposal_id", "snapshot_date", "region_id", "oblast", "km2", "detached_km2"]
    frame = pd.DataFrame(page_rows, columns=[*columns, "source_id"])
    return downloads.to_csv(downloads.with_sources(frame, sources), columns)


def _towns_csv(page_rows: list[dict[str, Any]], sources: pd.DataFrame) -> str:
    columns = [
        "proposal_id",
        "snapshot_date",
        "town_id",
        "town",
        "region_id",
        "oblast",
        "population",
        "population_source_id",
        "km_to_front",
        "near_front",
    ]
    frame = pd.DataFrame(page_rows, columns=[*columns, "source_id"])
    frame = downloads.with_sources(frame, sources)
    return downloads.to_csv(frame, columns)


def deal_page(
    catalog: Catalog,
    costs: Sequence[ProposalCost],
    proposal_id: str | None,
    units_geo: Mapping[str, Any],
    region_km2: Mapping[str, float],
    *,
    live: bool,
    date_in_url: bool = False,
) -> DealPage:
    """The view model of one proposal on the costs' date.

    Parameters
    ----------
    catalog
        The curated tables (proposals, positions, towns, regions, sources).
    costs
        Every proposal's cost on one date (:func:`~dashboard.datasets.costs.costs_on` or the
        committed figures).
    proposal_id
        The chosen proposal (None or unknown: :data:`DEFAULT_PROPOSAL`).
    units_geo
        Ukraine's units (GeoJSON with ISO ids) to frame a proposal without a drawable area.
    region_km2
        Each oblast's area (km²), for the share of it that would change hands.
    live
        True when the costs were computed from a cached snapshot (the area can be drawn).
    date_in_url
        Whether the date goes into the page's URL (it does when the reader can choose it).
    """
    ids = proposal_ids(catalog)
    chosen = proposal_id if proposal_id in ids else DEFAULT_PROPOSAL
    if chosen not in ids:
        chosen = ids[0]
    proposals = catalog.proposals.set_index("proposal_id", drop=False)
    proposal = proposals.loc[chosen]
    cost = next(item for item in costs if item.proposal_id == chosen)
    sources = catalog.sources
    positions = catalog.positions
    names = dict(zip(catalog.regions["region_id"], catalog.regions["name_en"], strict=True))
    rejecters = tuple(
        _position_voice(row, sources)
        for row in positions[positions["position_id"].isin(proposal["rejected_by"] or ())].to_dict(
            "records"
        )
    )
    day_text = f"{cost.day:{SHORT_DATE}}"
    regions = tuple(
        RegionFigure(
            name=names.get(region_id, region_id),
            km2=km2,
            share_text=(
                f"{format_share(km2 / region_km2[region_id])} of the oblast"
                if region_km2.get(region_id)
                else ""
            ),
        )
        for region_id, km2 in cost.km2.items()
    )
    towns = tuple(_town_lines(cost, catalog.towns, names))
    total = cost.total_km2
    if total:
        headline = (
            f"{total:,.0f} km² would change hands, with {len(towns)} towns of at least "
            f"10,000 people, home to {cost.population:,} before the war."
        )
    else:
        headline = "No land would change hands: the armies would stop where they stand."
    figures = (
        ("Land that would change hands", f"{total:,.0f} km²"),
        ("Towns in it (10,000+ people)", f"{len(towns)}"),
        ("Their pre-war population", f"{cost.population:,}"),
        (f"Towns within {NEAR_FRONT_KM:.0f} km of the front", f"{cost.towns_near_front}"),
    )
    detached = sum(cost.detached_km2.values())
    collection = area_geojson(cost) if live else None
    drawable = collection if collection and collection["features"] else None
    map_label = f"{total:,.0f} km²" if total else ""
    deal_map = DealMap(
        area=drawable,
        towns=towns,
        label=map_label,
        label_at=_label_point(drawable, towns),
        bounds=_bounds(drawable, units_geo, tuple(proposal["hand_over"] or ())),
    )
    notice = "" if live or not total else NO_LAYER_NOTE.format(day=day_text)
    population_sources = catalog.towns.set_index("town_id")["population_source_id"]
    figure_rows = [
        {
            "proposal_id": chosen,
            "snapshot_date": cost.day.isoformat(),
            "region_id": region_id,
            "oblast": names.get(region_id, region_id),
            "km2": km2,
            "detached_km2": cost.detached_km2.get(region_id, 0.0),
            "source_id": "deepstatemap",
        }
        for region_id, km2 in cost.km2.items()
    ]
    town_rows = [
        {
            "proposal_id": chosen,
            "snapshot_date": cost.day.isoformat(),
            "town_id": record["town_id"],
            "town": line.name,
            "region_id": record["region_id"],
            "oblast": line.oblast,
            "population": record["population"],
            "population_source_id": population_sources.get(record["town_id"], ""),
            "km_to_front": record["km_to_front"],
            "near_front": "true" if record["near_front"] else "false",
            "source_id": "deepstatemap",
        }
        for record, line in zip(cost.towns.to_dict("records"), towns, strict=True)
    ]
    url: dict[str, Any] = {PROPOSAL_PARAM: chosen}
    if date_in_url:
        url[DATE_PARAM] = cost.day
    return DealPage(
        proposal_id=chosen,
        title=str(proposal["title"]),
        summary=str(proposal["summary"]),
        note=str(proposal["note"] or ""),
        proposer=_proposer(proposal, positions, sources),
        rejecters=rejecters,
        day=cost.day,
        day_text=day_text,
        live=live,
        notice=notice,
        total_km2=total,
        headline=headline,
        figures=figures,
        regions=regions,
        towns=towns,
        method=METHOD_NOTE.format(detached=f"{detached:,.0f} km²", near=NEAR_FRONT_KM),
        source_line=SOURCE_LINE.format(
            day=day_text, credit=source_credit(sources, proposal["source_id"])
        ),
        map=deal_map,
        figures_csv=_figures_csv(figure_rows, sources),
        towns_csv=_towns_csv(town_rows, sources),
        url=url,
    )


@dataclass(frozen=True)
class RegionStake:
    """What one proposal would take in one oblast (for the map's region panel)."""

    proposal_id: str
    title: str
    text: str


def region_stakes(
    catalog: Catalog, costs: Sequence[ProposalCost], region_id: str
) -> tuple[RegionStake, ...]:
    """For each proposal, what it would take in ``region_id`` on the costs' date.

    Empty for an oblast no proposal is about (outside Donetsk, Luhansk, Zaporizhzhia and
    Kherson).
    """
    if not any(region_id in (row or ()) for row in catalog.proposals["hand_over"]):
        return ()
    names = catalog.towns.set_index("town_id")["name_en"]
    stakes = []
    for record in catalog.proposals.to_dict("records"):
        cost = next((item for item in costs if item.proposal_id == record["proposal_id"]), None)
        if cost is None:
            continue
        if region_id not in cost.km2:
            text = "Nothing here would change hands."
        else:
            towns = cost.towns[cost.towns["region_id"] == region_id]
            listed = ", ".join(str(names.get(ident, ident)) for ident in towns["town_id"][:4])
            more = len(towns) - 4
            town_text = (
                f"; towns: {listed}{f' and {more} more' if more > 0 else ''}"
                if len(towns)
                else "; no town of 10,000 people or more"
            )
            text = f"{cost.km2[region_id]:,.0f} km² held by Ukraine would change hands{town_text}."
        stakes.append(RegionStake(record["proposal_id"], str(record["title"]), text))
    return tuple(stakes)
