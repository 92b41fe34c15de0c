"""Map page logic: URL state, the selection, the map's tables and the detail panel. Pure.

The view state is a :class:`Selection` (a region, a place or nothing) plus the date of the
control snapshot. A click on the map arrives as Streamlit's selection event; the pure
:func:`selection_from_points` turns it into the next :class:`Selection` (clicking the
selected shape again returns to the overview). The map figure stays identical across
clicks (plotly draws the clicked selection itself); :func:`needs_redraw` says when a click
leaves the chart showing something else, so the page rebuilds the figure.

Wording follows ``data/README.md``: ``claimed_by`` names the party asserting a row about
someone else; an empty ``claimed_by`` with one party means that party speaking or acting
for itself; anything else is reported by the source in its own voice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.control import donbas_remaining_km2, history_series
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.datasets.sources import article_published
from dashboard.state import Notice, Param, date_between, one_of
from dashboard.views.positions import is_later
from dashboard.wording import party_label, plotly_text, with_source_type

PAGE = "map"
REGION = "region"
PLACE = "place"
DONBAS = ("UA-14", "UA-09")
SHORT_DATE = "%-d %b %Y"
LONG_DATE = "%-d %B %Y"
REPORTED = "reported"
#: Group key of the positions stated after the article was published.
LATER = "later"

UNIT_TYPES = {
    "Region": "oblast",
    "City with special status": "city with special status",
    "Autonomous Republic": "autonomous republic",
}
REGION_TYPES = {
    "oblast": "oblast",
    "city": "city with special status",
    "autonomous_republic": "autonomous republic",
}
PLACE_TYPES = {
    "city": "City",
    "town": "Town",
    "port": "Port",
    "nuclear_plant": "Nuclear power plant",
    "capital": "Capital city",
}
PLACE_ROLES = {
    "frontline": "on the front line",
    "strike": "a strike target",
    "nuclear_plant": "the nuclear plant",
    "venue": "where the diplomacy happened",
}
STATUS_SENTENCES = {
    "annexed_2022": "Russia claims to have annexed it (2022).",
    "annexed_2014": "Russia claims to have annexed it (2014).",
    "other": "No annexation claim by Russia on record.",
}
COUNTRIES = {"UA": "Ukraine", "RU": "Russia", "DE": "Germany", "US": "United States"}
VERDICTS = {
    "confirmed": "Confirmed",
    "incorrect": "Incorrect",
    "inconsistent": "Inconsistent",
    "imprecise": "Imprecise",
    "unverified": "Unverified",
}
STANCES = {
    "demands": "demands",
    "offers": "offers",
    "accepts": "accepts",
    "rejects": "rejects",
    "open": "is open",
}


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Selection:
    """What the detail panel shows: a region (ISO code), a place (place_id) or nothing."""

    kind: str | None = None
    id: str | None = None

    @property
    def empty(self) -> bool:
        """True for the overview (nothing selected)."""
        return self.kind is None or not self.id

    @property
    def region(self) -> str | None:
        """The selected region's ISO code, or None."""
        return self.id if self.kind == REGION else None

    @property
    def place(self) -> str | None:
        """The selected place's id, or None."""
        return self.id if self.kind == PLACE else None

    @property
    def option(self) -> str:
        """The selection as one string (``region:UA-14``; empty for nothing)."""
        return "" if self.empty else f"{self.kind}:{self.id}"

    @classmethod
    def from_option(cls, option: str | None) -> Selection:
        """Inverse of :attr:`option`."""
        kind, _, ident = (option or "").partition(":")
        if kind in (REGION, PLACE) and ident:
            return cls(kind, ident)
        return NOTHING


NOTHING = Selection()


def _point_selection(point: Mapping[str, Any]) -> Selection | None:
    """The region or place a clicked map point stands for (None for anything else)."""
    data = point.get("customdata")
    if isinstance(data, (list, tuple)) and len(data) >= 2 and data[0] in (REGION, PLACE):
        return Selection(str(data[0]), str(data[1]))
    return None


def selection_from_points(
    points: Sequence[Mapping[str, Any]] | None,
    current: Selection,
    region_ids: Collection[str] | None = None,
    place_ids: Collection[str] | None = None,
) -> Selection:
    """The next selection after a map click.

    Parameters
    ----------
    points
        ``event.selection.points`` of the map chart (empty when the chart was deselected).
    current
        What is selected now.
    region_ids, place_ids
        Ids that may be selected (anything else is ignored); None accepts any id.

    Returns
    -------
    Selection
        Nothing when the chart reports no points or the click hit what is already selected
        (click again to deselect); the clicked place when a place marker is among the points
        (markers sit above regions), else the clicked region; ``current`` unchanged when the
        points name nothing selectable.
    """
    if not points:
        return NOTHING
    candidates = [sel for sel in map(_point_selection, points) if sel is not None]
    allowed = {REGION: region_ids, PLACE: place_ids}
    candidates = [
        sel for sel in candidates if allowed[sel.kind] is None or sel.id in allowed[sel.kind]
    ]
    if not candidates:
        return current
    chosen = next((sel for sel in candidates if sel.kind == PLACE), candidates[0])
    return NOTHING if chosen == current else chosen


def chart_shows(points: Sequence[Mapping[str, Any]] | None) -> Selection | None:
    """What the map draws as selected by itself after a click event with these points.

    Plotly outlines the clicked point: nothing for no points, the region or place of a
    single selectable point; None when it is not one of those (several points, or a point
    that names nothing selectable).
    """
    if not points:
        return NOTHING
    if len(points) != 1:
        return None
    return _point_selection(points[0])


def needs_redraw(
    points: Sequence[Mapping[str, Any]] | None, selection: Selection, drawn: Selection
) -> bool:
    """Whether the map figure must be rebuilt after a click to show ``selection`` right.

    A click normally needs no new figure: plotly already outlines what was clicked (or
    nothing, after a second click on the same shape), and that is the new selection. The
    figure must be rebuilt (and the chart remounted, which clears plotly's own outline) when
    a selection is drawn into it (``drawn``: from a link or the details box) or when what
    plotly shows differs from ``selection``, as when a click deselects a region selected
    through a link: plotly then outlines it while the page shows the overview.
    """
    return not drawn.empty or chart_shows(points) != selection


def event_points(event: Any) -> list[Mapping[str, Any]]:
    """The ``selection.points`` of a plotly chart's state (attribute or dict access)."""
    if event is None:
        return []
    inner = event.get("selection") if isinstance(event, Mapping) else None
    if inner is None:
        inner = getattr(event, "selection", None)
    if inner is None:
        return []
    points = inner.get("points") if isinstance(inner, Mapping) else getattr(inner, "points", None)
    return list(points or [])


# --------------------------------------------------------------------------- URL state


def url_params(
    region_ids: Iterable[str], place_ids: Iterable[str], first: date, last: date
) -> list[Param]:
    """The page's URL parameters: ``region`` (ISO code), ``place`` (place_id), ``date``."""
    return [
        Param(REGION, one_of(tuple(region_ids), "region on the map")),
        Param(PLACE, one_of(tuple(place_ids), "place on the map")),
        Param("date", date_between(first, last), date.isoformat),
    ]


def selection_from_url(values: Mapping[str, Any]) -> tuple[Selection, list[Notice]]:
    """The selection a parsed link asks for.

    A link naming both a region and a place keeps the region and says so in a notice.
    """
    region, place = values.get(REGION), values.get(PLACE)
    if region and place:
        notice = Notice(
            PLACE, str(place), "a link selects one region or one place; showing the region"
        )
        return Selection(REGION, region), [notice]
    if region:
        return Selection(REGION, region), []
    if place:
        return Selection(PLACE, place), []
    return NOTHING, []


def url_values(selection: Selection, day: date | None) -> dict[str, Any]:
    """The view state as URL values (see :func:`url_params`)."""
    return {REGION: selection.region, PLACE: selection.place, "date": day}


# --------------------------------------------------------------------------- dates


def snapshot_days(control: pd.DataFrame) -> list[date]:
    """The dates with control figures, oldest first."""
    if control.empty:
        return []
    return sorted({pd.Timestamp(day).date() for day in control["snapshot_date"].unique()})


def on_or_before(day: date, days: Sequence[date]) -> date | None:
    """The latest of ``days`` on or before ``day``; the first one when all are later."""
    if not days:
        return None
    earlier = [candidate for candidate in days if candidate <= day]
    return max(earlier) if earlier else min(days)


# --------------------------------------------------------------------------- formatting


def present(value: Any) -> bool:
    """True for a non-empty cell (not None, NaN, NaT or blank text)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (tuple, list)):
        return bool(value)
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


def text(value: Any) -> str:
    """A cell as text ('' when empty)."""
    return str(value).strip() if present(value) else ""


def format_day(value: Any, pattern: str = SHORT_DATE) -> str:
    """``15 Dec 2025`` ('' when empty)."""
    return pd.Timestamp(value).strftime(pattern) if present(value) else ""


def format_when(start: Any, end: Any = None, precision: Any = "day") -> str:
    """A date or range only as precise as it is known."""
    if not present(start):
        return ""
    first = pd.Timestamp(start)
    if present(end) and pd.Timestamp(end) != first:
        last = pd.Timestamp(end)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last:%-d %b %Y}"
        return f"{first:%-d %b} – {last:%-d %b %Y}"
    if precision == "week":
        return f"week of {first:{SHORT_DATE}}"
    if precision == "month":
        return f"{first:%B %Y}"
    if precision == "year":
        return f"{first:%Y}"
    return f"{first:{SHORT_DATE}}"


def format_share(share: float) -> str:
    """A 0–1 share as a percentage (one decimal below 1 %, '0%' for none)."""
    percent = share * 100
    if percent == 0:
        return "0%"
    if percent < 1:
        return f"{percent:.1f}%"
    return f"{percent:.0f}%"


def short_producer(producer: str) -> str:
    """The first part of a producer's name (before any parenthesis, semicolon or comma)."""
    for mark in (" (", ";", ","):
        producer = producer.split(mark)[0]
    return producer.strip()


def source_credit(sources: pd.DataFrame, source_id: Any) -> str:
    """``Producer, “Title”`` for a source id; the article is named as such."""
    if not present(source_id):
        return ""
    source_id = str(source_id)
    if source_id not in sources.index:
        return source_id
    entry = sources.loc[source_id]
    producer = text(entry.get("credit")) or short_producer(text(entry.get("producer"))) or source_id
    title = text(entry.get("title"))
    published = format_day(entry.get("date_published"))
    if source_id == ARTICLE_SOURCE_ID:
        return f"the article ({producer}{', ' + published if published else ''})"
    parts = [with_source_type(producer, sources, source_id)]
    if title:
        parts.append(f"“{title}”")
    if published:
        parts.append(published)
    return ", ".join(parts)


# --------------------------------------------------------------------------- map tables


@dataclass(frozen=True)
class ControlFigure:
    """Russian-controlled area of one region on one snapshot date."""

    day: date
    region_km2: float
    russian_km2: float
    ukrainian_km2: float
    share: float

    @property
    def share_text(self) -> str:
        """The share as a percentage."""
        return format_share(self.share)


def control_figures(control: pd.DataFrame, day: date | None) -> dict[str, ControlFigure]:
    """Control figures per region on ``day`` (empty when there are none)."""
    if day is None or control.empty:
        return {}
    rows = control[control["snapshot_date"] == pd.Timestamp(day)]
    return {
        str(row["region_id"]): ControlFigure(
            day=day,
            region_km2=float(row["region_km2"]),
            russian_km2=float(row["russian_km2"]),
            ukrainian_km2=float(row["ukrainian_km2"]),
            share=float(row["russian_share"]),
        )
        for _, row in rows.iterrows()
    }


def unit_name(properties: Mapping[str, Any]) -> str:
    """English name of a Natural Earth unit, with "Oblast" or "(city)" where it helps."""
    name = text(properties.get("name_en")) or text(properties.get("region_id"))
    kind = text(properties.get("type_en"))
    if kind == "Region":
        return f"{name} Oblast"
    if kind == "City with special status":
        return f"{name} (city)"
    return name


def status_of(region: Mapping[str, Any] | None) -> str:
    """``annexed_2022``, ``annexed_2014`` or ``other`` from a regions.csv row."""
    if region is None or not present(region.get("annexation_claimed")):
        return "other"
    year = pd.Timestamp(region["annexation_claimed"]).year
    return "annexed_2014" if year < 2022 else "annexed_2022"


def unit_table(
    units: Mapping[str, Any],
    regions: pd.DataFrame,
    figures: Mapping[str, ControlFigure],
) -> pd.DataFrame:
    """One row per unit on the map: ``region_id``, ``name``, ``name_uk``, ``status``, ``hover``.

    Names come from regions.csv where the region is there, else from Natural Earth. The hover
    text names the sources of what it says.
    """
    by_id = regions.set_index("region_id") if not regions.empty else pd.DataFrame()
    rows = []
    for feature in units["features"]:
        properties = feature.get("properties") or {}
        region_id = str(feature.get("id") or properties.get("region_id"))
        region = by_id.loc[region_id] if region_id in by_id.index else None
        name = text(region["name_en"]) if region is not None else unit_name(properties)
        name_uk = text(region["name_uk"]) if region is not None else text(properties.get("name_uk"))
        status = status_of(region)
        lines = [f"<b>{plotly_text(name)}</b> · {plotly_text(name_uk)}"]
        if status != "other":
            claimed = format_day(region["annexation_claimed"], SHORT_DATE)
            lines.append(f"Russia claims to have annexed it ({claimed})")
        figure = figures.get(region_id)
        if figure is not None:
            lines.append(
                f"Under Russian control on {figure.day:{SHORT_DATE}}: {figure.share_text} "
                f"({figure.russian_km2:,.0f} of {figure.region_km2:,.0f} km²)"
            )
            lines.append("Sources: DeepStateMap.Live; Natural Earth")
        else:
            lines.append("Source: Natural Earth")
        lines.append("<i>Click for details</i>")
        rows.append(
            {
                "region_id": region_id,
                "name": name,
                "name_uk": name_uk,
                "status": status,
                "hover": "<br>".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=["region_id", "name", "name_uk", "status", "hover"])


def place_table(places: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per place marker: ``place_id``, ``name``, ``lat``, ``lon``, ``hover``."""
    rows = []
    for _, place in places.iterrows():
        name = text(place["name_en"])
        local = text(place.get("name_local"))
        kind = PLACE_TYPES.get(text(place["place_type"]), text(place["place_type"]))
        credit = (
            short_producer(text(sources.loc[place["coord_source_id"], "producer"]))
            if (present(place.get("coord_source_id")) and place["coord_source_id"] in sources.index)
            else text(place.get("coord_source_id"))
        )
        title = f"<b>{plotly_text(name)}</b>"
        if local and local != name:
            title += f" · {plotly_text(local)}"
        lines = [
            title,
            f"{kind}, {PLACE_ROLES.get(text(place['role']), text(place['role']))}",
            f"Location: {plotly_text(credit)}",
            "<i>Click for who claims what</i>",
        ]
        rows.append(
            {
                "place_id": text(place["place_id"]),
                "name": name,
                "lat": float(place["lat"]),
                "lon": float(place["lon"]),
                "hover": "<br>".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=["place_id", "name", "lat", "lon", "hover"])


def place_credit(places: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Who the place coordinates come from, most used first (``GeoNames, Wikipedia …``)."""
    if places.empty:
        return ""
    counts = places["coord_source_id"].value_counts(sort=True)
    names = [
        short_producer(text(sources.loc[source_id, "producer"]))
        if source_id in sources.index
        else str(source_id)
        for source_id in counts.index
    ]
    return ", ".join(dict.fromkeys(names))


def donbas_km2_on(control: pd.DataFrame, day: date | None) -> float | None:
    """Ukrainian-held km² of Donetsk and Luhansk on ``day``, or None without figures."""
    if day is None:
        return None
    try:
        return donbas_remaining_km2(day, control)
    except KeyError:
        return None


def history_summary(history: pd.DataFrame, day: date | None) -> str:
    """The history chart in one sentence: first figure, peak, low since the peak, the day's."""
    series = history_series(history)
    if series.empty:
        return "No control figures over time are available."
    first = series.iloc[0]
    peak = series.loc[series["russian_km2"].idxmax()]
    after = series[series["date"] >= peak["date"]]
    low = after.loc[after["russian_km2"].idxmin()]

    def point(row: pd.Series) -> str:
        return f"{row['russian_km2']:,.0f} km² on {row['date']:{SHORT_DATE}}"

    parts = [
        f"Russian-controlled area: {point(first)} (first figure)",
        f"at most {point(peak)}",
    ]
    if low["date"] > peak["date"]:
        parts.append(f"at least {point(low)} after that")
    shown = series[series["date"] == pd.Timestamp(day)] if day is not None else series.iloc[0:0]
    if not shown.empty:
        parts.append(f"{point(shown.iloc[0])} (the map's date)")
    return "; ".join(parts) + "."


def control_legend(day: date | None) -> str:
    """Legend entry of the control layer: what, when, whose map."""
    when = f" on {day:{SHORT_DATE}}" if day else ""
    return f"Under Russian control{when}<br>(source: DeepStateMap.Live)"


def donbas_legend(km2: float | None) -> str:
    """Legend entry of the Donbas layer, with its area."""
    area = f"{km2:,.0f} km², " if km2 is not None else ""
    return f"Rest of the Donbas still held by Ukraine:<br>{area}which Russia demands"


# --------------------------------------------------------------------------- detail panel


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
    verdict = VERDICTS.get(text(check["verdict"]), text(check["verdict"]))
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
            stance = STANCES.get(text(row["stance"]), text(row["stance"]))
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
    country = COUNTRIES.get(text(place["country"]), text(place["country"]))
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


def region_names(units: pd.DataFrame) -> dict[str, str]:
    """Region id → display name, from :func:`unit_table`."""
    return dict(zip(units["region_id"], units["name"], strict=True))


def pick_options(
    units: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame
) -> dict[str, str]:
    """Options of the "show details for" box: option string → label, overview first.

    The article's regions come first, then its places, then the other units A–Z.
    """
    options = {"": "Overview (nothing selected)"}
    discussed = set(regions["region_id"]) if not regions.empty else set()
    named = units[units["region_id"].isin(discussed)]
    others = units[~units["region_id"].isin(discussed)].sort_values("name")
    for _, row in named.sort_values("name").iterrows():
        options[Selection(REGION, row["region_id"]).option] = f"{row['name']} (region)"
    for _, row in places.sort_values("name").iterrows():
        options[Selection(PLACE, row["place_id"]).option] = f"{row['name']} (place)"
    for _, row in others.iterrows():
        options[Selection(REGION, row["region_id"]).option] = f"{row['name']} (region)"
    return options


def overview_rows(
    units: pd.DataFrame, regions: pd.DataFrame, figures: Mapping[str, ControlFigure]
) -> list[str]:
    """One line per region of regions.csv: name, annexation claim, share under control."""
    names = region_names(units)
    lines = []
    for _, region in regions.iterrows():
        region_id = str(region["region_id"])
        parts = [names.get(region_id, text(region["name_en"]))]
        if present(region["annexation_claimed"]):
            parts.append(f"annexation claimed {format_day(region['annexation_claimed'])}")
        figure = figures.get(region_id)
        if figure is not None:
            parts.append(f"{figure.share_text} under Russian control")
        lines.append(" — ".join(parts))
    return lines


@dataclass(frozen=True)
class MapTables:
    """What the map page shows for one date whatever is selected (read-only)."""

    day: date | None
    units: pd.DataFrame
    places: pd.DataFrame
    place_credit: str
    options: dict[str, str]
    figures: dict[str, ControlFigure]
    overview: tuple[str, ...]
    donbas_km2: float | None


def map_tables(
    catalog: Catalog, control: pd.DataFrame, units_geo: Mapping[str, Any], day: date | None
) -> MapTables:
    """The map page's tables for ``day`` (see :class:`MapTables`)."""
    figures = control_figures(control, day)
    units = unit_table(units_geo, catalog.regions, figures)
    places = place_table(catalog.places, catalog.sources)
    return MapTables(
        day=day,
        units=units,
        places=places,
        place_credit=place_credit(catalog.places, catalog.sources),
        options=pick_options(units, places, catalog.regions),
        figures=figures,
        overview=tuple(overview_rows(units, catalog.regions, figures)),
        donbas_km2=donbas_km2_on(control, day),
    )
