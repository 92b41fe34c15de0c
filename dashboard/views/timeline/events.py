"""Timeline events: date spans, labels, the events frame, windows and filters. Pure.

An event's *span* is the stretch of days it may have happened on: ``date`` … ``date_end``
when the data give a range, otherwise the week, month or year its ``date_precision`` names
(the ISO week Monday–Sunday, the calendar month, the calendar year), or the single day.
Filters, lanes and labels all work on that span, so an event known only to "the week of
1 December" is found by a search for 3 December and drawn as a bar across its week.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID, CLAIMANTS
from dashboard.datasets.spelling import search_aliases
from dashboard.wording import party_label, with_source_type

#: Diplomacy first, then the fighting, so the two read as two bands.
KIND_ORDER = ("talks", "statement", "political", "visit", "battlefield", "strike")
DIPLOMACY_KINDS = frozenset({"talks", "statement", "political", "visit"})
SHORT_DATE = "%-d %b %Y"


# --------------------------------------------------------------------------- spans and labels


def as_day(value: Any) -> date | None:
    """A pandas/ISO date cell as a :class:`datetime.date` (None when empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def text_or_none(value: Any) -> str | None:
    """A text cell as a string, or None when it is empty (None, NaN or blank)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def event_span(day: date, day_end: date | None, precision: str) -> tuple[date, date]:
    """First and last day an event may have happened on (both inclusive)."""
    if day_end is not None:
        return (day, day_end) if day_end >= day else (day_end, day)
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def is_point(day_end: date | None, precision: str) -> bool:
    """True for an event known to the day (drawn as a point, not a bar)."""
    return day_end is None and precision == "day"


def day_range_label(start: date, end: date) -> str:
    """``12–16 Dec 2025``, ``28 Nov – 3 Dec 2025`` or ``30 Dec 2025 – 2 Jan 2026``."""
    if start == end:
        return f"{start:{SHORT_DATE}}"
    if start.year != end.year:
        return f"{start:{SHORT_DATE}} – {end:{SHORT_DATE}}"
    if start.month != end.month:
        return f"{start:%-d %b} – {end:{SHORT_DATE}}"
    return f"{start:%-d}–{end:{SHORT_DATE}}"


def date_label(day: date, day_end: date | None, precision: str) -> str:
    """How precisely the date is known, in words: ``week of 1 Dec 2025``, ``December 2025``."""
    start, end = event_span(day, day_end, precision)
    if precision == "week":
        if day_end is None:
            return f"week of {start:{SHORT_DATE}}"
        return f"about {day_range_label(start, end)}"
    if precision == "month":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        if start.year == end.year:
            return f"{start:%B} – {end:%B %Y}"
        return f"{start:%B %Y} – {end:%B %Y}"
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return day_range_label(start, end)


def parties_label(parties: Iterable[str]) -> str:
    """``United States, Ukraine`` (empty when nobody is named)."""
    return ", ".join(party_label(party) for party in parties)


def claim_label(claimed_by: str | None) -> str:
    """``Claimed by Russia`` for a one-sided claim, empty otherwise."""
    return f"Claimed by {party_label(claimed_by)}" if claimed_by else ""


# --------------------------------------------------------------------------- the events frame


def involved(parties: Sequence[str], claimed_by: str) -> tuple[str, ...]:
    """The parties an event concerns: those named, plus the claimant when it is not one."""
    found = tuple(parties or ())
    if claimed_by and claimed_by not in found:
        found = (*found, claimed_by)
    return found


def source_name(sources: pd.DataFrame, source_id: str) -> str:
    """Short name of a source for source lines: its ``credit``, else its producer."""
    if source_id not in sources.index:
        return source_id
    entry = sources.loc[source_id]
    name = text_or_none(entry.get("credit")) or text_or_none(entry.get("producer")) or source_id
    return with_source_type(name, sources, source_id)


def source_credit(sources: pd.DataFrame, source_id: str) -> str:
    """``Kyiv Independent, “Title”`` — the short name, with the title when there is one."""
    name = source_name(sources, source_id)
    title = (
        text_or_none(sources.loc[source_id].get("title")) if source_id in sources.index else None
    )
    return f"{name}, “{title}”" if title else name


def source_url(sources: pd.DataFrame, source_id: str) -> str:
    """The web address of a source (empty when it has none)."""
    if source_id not in sources.index:
        return ""
    return text_or_none(sources.loc[source_id].get("url")) or ""


def prepare_events(catalog: Catalog) -> pd.DataFrame:
    """Events with their span, labels, place and region names and source, sorted by date.

    Missing texts and ids are empty strings (never None or NaN), so they test false.
    """
    events = catalog.events
    places = catalog.places.set_index("place_id")["name_en"]
    regions = catalog.regions.set_index("region_id")["name_en"]
    sources = catalog.sources
    records = []
    for record in events.to_dict("records"):
        day = as_day(record["date"])
        day_end = as_day(record["date_end"])
        precision = record["date_precision"]
        start, end = event_span(day, day_end, precision)
        parties = tuple(record["parties"]) if isinstance(record["parties"], tuple) else ()
        claimed_by = text_or_none(record["claimed_by"]) or ""
        place_id = text_or_none(record["place_id"]) or ""
        region_id = text_or_none(record["region_id"]) or ""
        source_id = record["source_id"]
        records.append(
            {
                "event_id": record["event_id"],
                "day": day,
                "day_end": day_end,
                "precision": precision,
                "date_basis": text_or_none(record["date_basis"]) or "",
                "date_note": text_or_none(record["date_note"]) or "",
                "start": start,
                "end": end,
                "point": is_point(day_end, precision),
                "date_label": date_label(day, day_end, precision),
                "kind": record["kind"],
                "title": record["title"],
                "chart_label": text_or_none(record.get("chart_label")) or "",
                "description": text_or_none(record["description"]) or "",
                "parties": parties,
                "involved": involved(parties, claimed_by),
                "claimed_by": claimed_by,
                "place_id": place_id,
                "place_name": str(places.get(place_id, "")) if place_id else "",
                "region_id": region_id,
                "region_name": str(regions.get(region_id, "")) if region_id else "",
                "in_article": bool(record["in_article"]),
                "source_id": source_id,
                "source_name": source_name(sources, source_id),
                "source_credit": source_credit(sources, source_id),
                "source_url": source_url(sources, source_id),
                "quote": text_or_none(record["quote"]) or "",
                "aliases": search_aliases(
                    f"{record['title']} {record['description'] or ''}", catalog.spelling
                ),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)
    kind_rank = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    frame["_kind_rank"] = frame["kind"].map(kind_rank)
    frame = frame.sort_values(["start", "end", "_kind_rank", "event_id"], kind="stable")
    return frame.drop(columns="_kind_rank").reset_index(drop=True)


EVENT_COLUMNS = [
    "event_id",
    "day",
    "day_end",
    "precision",
    "date_basis",
    "date_note",
    "start",
    "end",
    "point",
    "date_label",
    "kind",
    "title",
    "chart_label",
    "description",
    "parties",
    "involved",
    "claimed_by",
    "place_id",
    "place_name",
    "region_id",
    "region_name",
    "in_article",
    "source_id",
    "source_name",
    "source_credit",
    "source_url",
    "quote",
    "aliases",
]


# --------------------------------------------------------------------------- windows


def default_window(article_day: date) -> tuple[date, date]:
    """The weeks around the talks: the month before the article's and the article's month."""
    last = calendar.monthrange(article_day.year, article_day.month)[1]
    previous = (article_day.replace(day=1) - timedelta(days=1)).replace(day=1)
    return previous, article_day.replace(day=last)


def full_window(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day of all events' spans (None without events)."""
    if events.empty:
        return None
    return min(events["start"]), max(events["end"])


def date_bounds(events: pd.DataFrame, article_day: date) -> tuple[date, date]:
    """The widest range the date controls and the URL accept: all events and the default."""
    first, last = default_window(article_day)
    extent = full_window(events)
    if extent is not None:
        first, last = min(first, extent[0]), max(last, extent[1])
    return first, last


# --------------------------------------------------------------------------- filtering


@dataclass(frozen=True)
class TimelineFilter:
    """What the reader asked for; empty ``parties``/``kinds``/``text`` mean "any"."""

    start: date
    end: date
    parties: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""


def overlaps(events: pd.DataFrame, start: date, end: date) -> pd.Series:
    """True where an event's span shares at least one day with ``start`` … ``end``."""
    if events.empty:
        return pd.Series([], dtype=bool, index=events.index)
    return (events["start"] <= end) & (events["end"] >= start)


def text_matches(events: pd.DataFrame, text: str) -> pd.Series:
    """True where title or description contains ``text`` (plain text, any case).

    Old spellings of the names in an event (``aliases``: "Kupyansk" for "Kupiansk") match too.
    """
    needle = " ".join(text.split()).casefold()
    if not needle or events.empty:
        return pd.Series(True, index=events.index, dtype=bool)
    aliases = events["aliases"].fillna("") if "aliases" in events else ""
    haystack = (
        events["title"].fillna("") + "\n" + events["description"].fillna("") + "\n" + aliases
    ).map(searchable_text)
    return haystack.map(lambda value: needle in value).astype(bool)


def searchable_text(*texts: str) -> str:
    """What a search looks in (title, description, old spellings): one line, any case."""
    return " ".join("\n".join(texts).split()).casefold()


def filter_records(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Each event as the static site's filter reads it: id, kind, parties, span, search text."""
    return [
        {
            "id": row["event_id"],
            "kind": row["kind"],
            "involved": list(row["involved"]),
            "start": row["start"],
            "end": row["end"],
            "text": searchable_text(row["title"], row["description"], row["aliases"]),
        }
        for _, row in events.iterrows()
    ]


def filter_events(events: pd.DataFrame, wanted: TimelineFilter) -> pd.DataFrame:
    """The events matching every part of ``wanted`` (in the frame's order)."""
    start, end = sorted((wanted.start, wanted.end))
    keep = overlaps(events, start, end)
    if wanted.parties:
        chosen = set(wanted.parties)
        keep &= events["involved"].map(lambda parties: bool(chosen.intersection(parties)))
    if wanted.kinds:
        keep &= events["kind"].isin(wanted.kinds)
    keep &= text_matches(events, wanted.text)
    return events[keep.astype(bool)]


def party_options(events: pd.DataFrame) -> list[str]:
    """Parties that occur in the events, in the vocabulary's order."""
    present = {party for parties in events["involved"] for party in parties}
    return [party for party in CLAIMANTS if party in present]


def kind_options(events: pd.DataFrame) -> list[str]:
    """Event kinds that occur in the events, diplomacy first."""
    present = set(events["kind"])
    return [kind for kind in KIND_ORDER if kind in present]


def sources_line(events: pd.DataFrame) -> str:
    """One sentence naming the sources of the events shown (the article, with its title, first)."""
    if events.empty:
        return ""
    first = events.drop_duplicates("source_id")
    names = {
        source_id: credit if source_id == ARTICLE_SOURCE_ID else name
        for source_id, name, credit in zip(
            first["source_id"], first["source_name"], first["source_credit"], strict=True
        )
    }
    ordered = sorted(
        dict.fromkeys(names.values()),
        key=lambda name: (name != names.get(ARTICLE_SOURCE_ID), name.casefold()),
    )
    return "Sources: " + "; ".join(ordered) + "."
