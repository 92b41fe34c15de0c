"""The map's detail panel: one region or one place, as frozen, sourced items. Pure.

Wording follows ``data/README.md``: ``claimed_by`` names the party asserting a row about
someone else; an empty ``claimed_by`` with one party means that party speaking or acting
for itself; anything else is reported by the source in its own voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.datasets.sources import article_published
from dashboard.views.map.tables import DONBAS, ControlFigure, status_of, unit_name
from dashboard.views.positions import is_later
from dashboard.wording import (
    COUNTRY_NAMES,
    LONG_DATE,
    PLACE_TYPES,
    REGION_TYPES,
    STANCE_VERBS,
    STATUS_SENTENCES,
    UNIT_TYPES,
    VERDICT_LABELS,
    format_day,
    format_when,
    party_label,
    present,
    source_credit,
    text,
)

REPORTED = "reported"
#: Group key of the positions stated after the article was published.
LATER = "later"

# --------------------------------------------------------------------------- detail panel


#: Where the panel's "rest of the Donbas" figure comes from (the dashboard and the export).
DONBAS_SOURCE = (
    "DeepStateMap.Live (grey zone counted as not Russian-held); areas from Natural Earth "
    "(EPSG:3035)"
)


@dataclass(frozen=True)
class Item:
    """One sourced line of the detail panel.

    ``label`` says whose voice it is (``Russia's demand``, ``Claim by Russia``,
    ``Reported``), ``heading`` what it is, ``body`` the text in our words, ``meta`` who
    said it and on which issue, ``dating`` a short note on how its date was established;
    ``source`` and ``quote`` where it comes from; ``checks`` fact checks attached to it.
    """

    heading: str
    body: str = ""
    when: str = ""
    label: str = ""
    meta: str = ""
    dating: str = ""
    source: str = ""
    quote: str = ""
    checks: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Group:
    """Items under one heading (a party, or "Reported by the sources")."""

    key: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class RegionDetail:
    """Everything the panel says about one region."""

    region_id: str
    name: str
    name_uk: str
    kind: str
    status: str
    status_text: str
    in_regions_table: bool
    control: ControlFigure | None = None
    donbas_km2: float | None = None
    annexation: Item | None = None
    demand: Item | None = None
    statement: Item | None = None
    positions: tuple[Group, ...] = ()
    events: tuple[Item, ...] = ()
    fact_checks: tuple[Item, ...] = ()


@dataclass(frozen=True)
class PlaceDetail:
    """Everything the panel says about one place."""

    place_id: str
    name: str
    name_local: str
    kind: str
    where: str
    location_source: str
    statement: Item | None = None
    claims: tuple[Group, ...] = ()
    positions: tuple[Group, ...] = ()
    fact_checks: tuple[Item, ...] = ()
    region_id: str | None = None
    lat: float = 0.0
    lon: float = 0.0


def _quote(record: Mapping[str, Any], column: str = "quote") -> str:
    return text(record.get(column))


def fact_check_item(check: Mapping[str, Any], sources: pd.DataFrame) -> Item:
    """A fact check as an item: the verdict, what was claimed, what we found."""
    verdict = VERDICT_LABELS.get(text(check["verdict"]), text(check["verdict"]))
    return Item(
        heading=f"{verdict}: {text(check['claim'])}",
        body=text(check["finding"]),
        label="Fact check",
        source=f"Checked against {source_credit(sources, check['source_id'])}",
        quote=_quote(check, "article_quote"),
    )


def fact_checks_about(catalog: Catalog, subject_type: str, subject_id: str) -> tuple[Item, ...]:
    """Fact checks whose subject is this region, place or event."""
    checks = catalog.fact_checks
    rows = checks[(checks["subject_type"] == subject_type) & (checks["subject_id"] == subject_id)]
    return tuple(fact_check_item(row, catalog.sources) for _, row in rows.iterrows())


def voice(record: Mapping[str, Any]) -> tuple[str, str]:
    """Whose voice an event is: ``(group key, label)``.

    ``claimed_by`` set: that party's claim. Empty with exactly one party involved: that party
    speaking or acting for itself. Otherwise the source reports it in its own voice.
    """
    claimant = text(record.get("claimed_by"))
    if claimant:
        return claimant, f"Claim by {party_label(claimant)}"
    parties = record.get("parties") or ()
    if len(parties) == 1:
        return parties[0], f"Said or done by {party_label(parties[0])}"
    return REPORTED, "Reported by the source"


def event_item(event: Mapping[str, Any], catalog: Catalog) -> Item:
    """An event with its date, voice, source, quote and fact checks."""
    _, label = voice(event)
    return Item(
        heading=text(event["title"]),
        body=text(event.get("description")),
        when=format_when(event["date"], event.get("date_end"), event.get("date_precision")),
        label=label,
        dating=text(event.get("date_note")),
        source=source_credit(catalog.sources, event["source_id"]),
        quote=_quote(event),
        checks=fact_checks_about(catalog, "event", text(event["event_id"])),
    )


def _sorted_events(events: pd.DataFrame) -> pd.DataFrame:
    return events.sort_values(["date", "event_id"], kind="stable")


def position_groups(catalog: Catalog, issue_ids: Iterable[str]) -> tuple[Group, ...]:
    """Positions on these issues grouped by party; attributed ones say who attributes them."""
    wanted = list(dict.fromkeys(issue_ids))
    if not wanted:
        return ()
    issues = catalog.issues.set_index("issue_id")
    positions = catalog.positions[catalog.positions["issue_id"].isin(wanted)]
    published = article_published(catalog.sources)
    later = is_later(positions, published)
    groups = _party_groups(catalog, positions[~later], issues)
    if later.any():
        later_items = tuple(
            item
            for group in _party_groups(catalog, positions[later], issues)
            for item in group.items
        )
        groups.append(Group(LATER, f"Said after the article ({published:%-d %b %Y})", later_items))
    return tuple(groups)


def _party_groups(catalog: Catalog, positions: pd.DataFrame, issues: pd.DataFrame) -> list[Group]:
    """One group per party (Russia, Ukraine, US, Europe), own statements first."""
    groups = []
    for party, rows in positions.groupby("party", sort=False):
        items = []
        ordered = rows.assign(_claimed=rows["claimed_by"].map(present)).sort_values(
            ["_claimed", "date", "position_id"], kind="stable"
        )
        for _, row in ordered.iterrows():
            speaker = text(row.get("speaker"))
            role = text(row.get("speaker_role"))
            who = f"{speaker} ({role})" if speaker and role else speaker or role
            claimant = text(row.get("claimed_by"))
            stance = STANCE_VERBS.get(text(row["stance"]), text(row["stance"]))
            issue = (
                text(issues.loc[row["issue_id"], "label"])
                if row["issue_id"] in issues.index
                else ""
            )
            if claimant:
                label = f"According to {party_label(claimant)}"
            else:
                label = f"{party_label(party)} {stance}"
            items.append(
                Item(
                    heading=text(row["summary"]),
                    when=format_when(row["date"], None, row.get("date_precision")),
                    label=label,
                    meta=" · ".join(part for part in (who, issue) if part),
                    dating=text(row.get("date_note")),
                    source=source_credit(catalog.sources, row["source_id"]),
                    quote=_quote(row),
                )
            )
        groups.append(Group(str(party), party_label(str(party)), tuple(items)))
    order = {party: rank for rank, party in enumerate(("russia", "ukraine", "us", "europe"))}
    return sorted(groups, key=lambda group: order.get(group.key, len(order)))


def statement_item(row: Mapping[str, Any], sources: pd.DataFrame) -> Item:
    """What the source says about a region or place, as a sourced detail item."""
    return Item(
        heading=text(row["statement"]),
        label="In the article" if row["source_id"] == ARTICLE_SOURCE_ID else "Background",
        source=source_credit(sources, row["source_id"]),
        quote=_quote(row),
    )


def issues_about(issues: pd.DataFrame, column: str, subject_id: str) -> list[str]:
    """Ids of the issues whose ``column`` (region_ids or place_ids) names ``subject_id``."""
    return [
        issue_id
        for issue_id, ids in zip(issues["issue_id"], issues[column], strict=True)
        if subject_id in (ids or ())
    ]


def region_detail(
    catalog: Catalog,
    region_id: str,
    units: Mapping[str, Any],
    figures: Mapping[str, ControlFigure],
    donbas_km2: float | None = None,
) -> RegionDetail:
    """The detail panel of one region (any of the 27 units; richest for regions.csv rows)."""
    properties = next(
        (f.get("properties") or {} for f in units["features"] if f.get("id") == region_id),
        {"region_id": region_id},
    )
    regions = catalog.regions.set_index("region_id")
    region = regions.loc[region_id] if region_id in regions.index else None
    sources = catalog.sources
    status = status_of(region)
    if region is not None:
        name, name_uk = text(region["name_en"]), text(region["name_uk"])
        kind = REGION_TYPES.get(text(region["unit_type"]), text(region["unit_type"]))
    else:
        name, name_uk = unit_name(properties), text(properties.get("name_uk"))
        kind = UNIT_TYPES.get(text(properties.get("type_en")), text(properties.get("type_en")))
    annexation = demand = statement = None
    if region is not None and status != "other":
        annexation = Item(
            heading=f"Russia claims to have annexed it on "
            f"{format_day(region['annexation_claimed'], LONG_DATE)}",
            label="Claim by Russia",
            source=source_credit(sources, region["annexation_source_id"]),
        )
    if region is not None and present(region["russia_demand"]):
        claimant = text(region["demand_claimed_by"])
        demand = Item(
            heading=text(region["russia_demand"]),
            label="Russia's demand"
            + (f", according to {party_label(claimant)}" if claimant else ""),
            source=source_credit(sources, region["demand_source_id"]),
            quote=_quote(region, "demand_quote"),
        )
    if region is not None and present(region["statement"]):
        statement = statement_item(region, sources)
    issue_ids = issues_about(catalog.issues, "region_ids", region_id)
    places_here = set(catalog.places.loc[catalog.places["region_id"] == region_id, "place_id"])
    events = catalog.events
    located = events[(events["region_id"] == region_id) | events["place_id"].isin(places_here)]
    return RegionDetail(
        region_id=region_id,
        name=name,
        name_uk=name_uk,
        kind=kind,
        status=status,
        status_text=STATUS_SENTENCES[status],
        in_regions_table=region is not None,
        control=figures.get(region_id),
        donbas_km2=donbas_km2 if region_id in DONBAS else None,
        annexation=annexation,
        demand=demand,
        statement=statement,
        positions=position_groups(catalog, issue_ids),
        events=tuple(event_item(row, catalog) for _, row in _sorted_events(located).iterrows()),
        fact_checks=fact_checks_about(catalog, "region", region_id),
    )


def claim_groups(events: pd.DataFrame, catalog: Catalog) -> tuple[Group, ...]:
    """Events grouped by whose voice they are, for a side-by-side comparison."""
    groups: dict[str, list[Item]] = {}
    for _, row in _sorted_events(events).iterrows():
        key, _ = voice(row)
        groups.setdefault(key, []).append(event_item(row, catalog))
    order = {party: rank for rank, party in enumerate(("russia", "ukraine", "ukrainian_media"))}
    keys = sorted(groups, key=lambda key: (key == REPORTED, order.get(key, len(order)), key))
    return tuple(
        Group(
            key,
            "Reported by the sources" if key == REPORTED else f"{party_label(key)} says",
            tuple(groups[key]),
        )
        for key in keys
    )


def place_detail(catalog: Catalog, place_id: str, region_names: Mapping[str, str]) -> PlaceDetail:
    """The detail panel of one place: who claims what about it, and when."""
    place = catalog.places.set_index("place_id").loc[place_id]
    sources = catalog.sources
    region_id = text(place["region_id"])
    country = COUNTRY_NAMES.get(text(place["country"]), text(place["country"]))
    region_name = region_names.get(region_id, "")
    where = f"{region_name}, {country}" if region_name else country
    statement = None
    if present(place["statement"]):
        statement = statement_item(place, sources)
    issue_ids = issues_about(catalog.issues, "place_ids", place_id)
    events = catalog.events[catalog.events["place_id"] == place_id]
    kind = PLACE_TYPES.get(text(place["place_type"]), text(place["place_type"]))
    return PlaceDetail(
        place_id=place_id,
        name=text(place["name_en"]),
        name_local=text(place["name_local"]),
        kind=kind,
        where=where,
        location_source=source_credit(sources, place["coord_source_id"]),
        statement=statement,
        claims=claim_groups(events, catalog),
        positions=position_groups(catalog, issue_ids),
        fact_checks=fact_checks_about(catalog, "place", place_id),
        region_id=region_id or None,
        lat=float(place["lat"]),
        lon=float(place["lon"]),
    )
