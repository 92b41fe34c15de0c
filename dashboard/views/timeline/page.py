"""The timeline page's view model: event cards, the chart's inputs, captions and labels. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote as url_quote

import pandas as pd

from dashboard.state import Param
from dashboard.views import downloads
from dashboard.views.labels import distinct, shortened
from dashboard.views.timeline.chart import ARTICLE_MARKER, TimelineChart, timeline_chart
from dashboard.views.timeline.events import (
    TimelineFilter,
    claim_label,
    date_bounds,
    default_window,
    filter_events,
    kind_options,
    parties_label,
    party_options,
    sources_line,
)
from dashboard.views.timeline.layout import LANE_MODES
from dashboard.views.timeline.state import TimelineState, url_params, url_values
from dashboard.wording import kind_label, markdown_text, party_label, quoted

#: A "Show details" button names its event by date and title, cut to this many characters.
DETAILS_TITLE_LENGTH = 64
TITLE = "Timeline: talks, claims and fighting"
INTRO = (
    "What happened in the weeks around the Berlin talks of December 2025, with the "
    "background since 2014 one switch away. Diplomacy and the battlefield run in separate "
    "lanes; a claim made by one side is drawn hollow and labelled with who makes it."
)
EMPTY_TITLE = "**No events match these filters.**"
EMPTY_HINT = (
    "Try a wider date range, the full background, fewer parties or kinds, or another search word."
)
OUTSIDE_FILTERS = "This event lies outside the current filters."
#: Columns of the "Download these events" CSV, in order.
DOWNLOAD_COLUMNS = (
    "event_id",
    "date",
    "date_end",
    "date_precision",
    "date_basis",
    "kind",
    "title",
    "description",
    "parties",
    "place_id",
    "region_id",
    "claimed_by",
    "in_article",
)


def map_link(event: Mapping[str, Any], snapshot_dates: Sequence[date]) -> dict[str, str] | None:
    """Query parameters that open the Map page on this event, or None without a location.

    The place is preferred to the region; the date is added only when the map has control
    snapshots around it (it ignores other dates with a notice).
    """
    if event.get("place_id"):
        query = {"place": str(event["place_id"])}
    elif event.get("region_id"):
        query = {"region": str(event["region_id"])}
    else:
        return None
    day = event.get("day")
    if day is not None and snapshot_dates and min(snapshot_dates) <= day <= max(snapshot_dates):
        query["date"] = day.isoformat()
    return query


def markdown_link(text: str, url: str) -> str:
    """A markdown link whose URL cannot break out of the link (``text`` must be escaped)."""
    if not url.startswith(("https://", "http://")):
        return text
    safe = url_quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    safe = safe.replace("(", "%28").replace(")", "%29").replace("[", "%5B").replace("]", "%5D")
    return f"[{text}]({safe})"


def details_label(title: str, when: str, limit: int | None = DETAILS_TITLE_LENGTH) -> str:
    """``Show details: Zelenskyy visits the Kupyansk front (12 Dec 2025)`` (plain text)."""
    shown = " ".join(title.split()) if limit is None else shortened(title, limit)
    return f"Show details: {shown} ({when})"


def details_labels(events: pd.DataFrame) -> dict[str, str]:
    """Each event's "Show details" label by event id, distinct for every event (plain text).

    The title is shortened; where two events would share a label, their full titles are used
    (then a number).
    """
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    dates = dict(zip(events["event_id"], events["date_label"], strict=True))
    short = {event_id: details_label(titles[event_id], dates[event_id]) for event_id in titles}
    return distinct(short, lambda event_id: details_label(titles[event_id], dates[event_id], None))


# --------------------------------------------------------------------------- the view model


@dataclass(frozen=True)
class TimelineSetup:
    """What the page knows before the reader sets anything: the events and the date limits.

    ``default`` is the window around the talks, ``bounds`` the widest the controls accept.
    """

    events: pd.DataFrame
    sources: pd.DataFrame
    article_day: date
    default: tuple[date, date]
    bounds: tuple[date, date]
    params: tuple[Param, ...]
    parties: tuple[str, ...]
    kinds: tuple[str, ...]
    details_labels: Mapping[str, str]

    @property
    def background_label(self) -> str:
        """The label of the switch that shows every event."""
        return f"Full background since {self.bounds[0].year}"

    @property
    def background_help(self) -> str:
        """What the background switch does."""
        return (
            "Widen the dates to every event in the data, back to "
            f"{self.bounds[0]:%-d %B %Y}. Switch off to return to the weeks around the talks."
        )


def timeline_setup(events: pd.DataFrame, sources: pd.DataFrame, article_day: date) -> TimelineSetup:
    """The page's setup from the prepared events (:func:`prepare_events`) and the article's day."""
    bounds = date_bounds(events, article_day)
    return TimelineSetup(
        events=events,
        sources=sources,
        article_day=article_day,
        default=default_window(article_day),
        bounds=bounds,
        params=tuple(url_params(events, bounds)),
        parties=tuple(party_options(events)),
        kinds=tuple(kind_options(events)),
        details_labels=details_labels(events),
    )


@dataclass(frozen=True)
class MapLink:
    """A link that opens the Map page on an event's place (or region) and date."""

    label: str
    query: Mapping[str, str]


@dataclass(frozen=True)
class EventCard:
    """One event as the page shows it. Every text is Streamlit markdown, the data escaped.

    ``header`` is the date, kind and claim badge; ``claim_note`` (details only) says whose
    account a claim is; ``context`` whether the article reports it and how it was dated.
    """

    event_id: str
    header: str
    title: str
    description: str
    who_where: str
    claim_note: str
    context: str
    quote: str
    source: str
    details_label: str
    map_link: MapLink | None

    @property
    def summary(self) -> str:
        """The title in bold, then the description, for the list."""
        text = f"**{self.title}**"
        return f"{text}  \n{self.description}" if self.description else text


def header_line(event: Mapping[str, Any]) -> str:
    """``**12 Dec 2025** · Visit · Claimed by Russia`` (escaped markdown)."""
    parts = [f"**{markdown_text(event['date_label'])}**", markdown_text(kind_label(event["kind"]))]
    if event["claimed_by"]:
        parts.append(f":orange-badge[{markdown_text(claim_label(event['claimed_by']))}]")
    return " · ".join(parts)


def who_and_where(event: Mapping[str, Any]) -> str:
    """``Who: Russia, Ukraine · Where: Kupyansk, Kharkiv`` (escaped markdown)."""
    parts = []
    if event["parties"]:
        parts.append(f"**Who:** {markdown_text(parties_label(event['parties']))}")
    where = ", ".join(name for name in (event["place_name"], event["region_name"]) if name)
    if where:
        parts.append(f"**Where:** {markdown_text(where)}")
    return " · ".join(parts)


def context_line(event: Mapping[str, Any]) -> str:
    """``Reported in the article. Date: …`` or ``Background event.`` (escaped markdown)."""
    context = "Reported in the article." if event["in_article"] else "Background event."
    if event["date_note"]:
        context += f" Date: {event['date_note']}."
    return markdown_text(context)


def claim_note(event: Mapping[str, Any]) -> str:
    """For a claim: whose account it is (escaped markdown); empty otherwise."""
    if not event["claimed_by"]:
        return ""
    return (
        f"This is {markdown_text(party_label(event['claimed_by']))}'s account; "
        "the source reports it as a claim, not as established fact."
    )


def page_map_link(event: Mapping[str, Any], snapshot_dates: Sequence[date]) -> MapLink | None:
    """The link to the Map page for an event with a place or region, else None."""
    query = map_link(event, snapshot_dates)
    if query is None:
        return None
    where = event["place_name"] or event["region_name"] or "the place"
    when = f" ({date.fromisoformat(query['date']):%-d %b %Y})" if "date" in query else ""
    return MapLink(f"Open {markdown_text(where)} on the map{when}", query)


def event_card(
    event: Mapping[str, Any], details: Mapping[str, str], snapshot_dates: Sequence[date]
) -> EventCard:
    """An event (a row of :func:`prepare_events`) as the page shows it."""
    quote = ""
    if event["quote"]:
        source = markdown_text(event["source_name"])
        quote = f"> {markdown_text(quoted(event['quote']))}  \n> — {source}"
    link = markdown_link(markdown_text(event["source_credit"]), event["source_url"])
    return EventCard(
        event_id=event["event_id"],
        header=header_line(event),
        title=markdown_text(event["title"]),
        description=markdown_text(event["description"]) if event["description"] else "",
        who_where=who_and_where(event),
        claim_note=claim_note(event),
        context=context_line(event),
        quote=quote,
        source=f"Source: {link}",
        details_label=markdown_text(details.get(event["event_id"], "")),
        map_link=page_map_link(event, snapshot_dates),
    )


@dataclass(frozen=True)
class TimelinePage:
    """Everything the timeline page shows for one state of its controls.

    ``range_note`` explains swapped dates; ``chart`` is None when no event matches;
    ``selected`` is the event whose details are open (``selected_note`` when the filters
    hide it); ``url`` is the state to write back into the link.
    """

    wanted: TimelineFilter
    lanes: str
    range_note: str
    count_line: str
    chart: TimelineChart | None
    chart_alt: str
    source_line: str
    cards: tuple[EventCard, ...]
    selected: EventCard | None
    selected_note: str
    csv: str
    url: Mapping[str, Any]

    @property
    def selected_id(self) -> str | None:
        """The selected event's id (None without a selection)."""
        return self.selected.event_id if self.selected is not None else None


def wanted_filter(state: TimelineState) -> tuple[TimelineFilter, str]:
    """The filter the state asks for, dates in order, and a note when they were swapped."""
    start, end, note = state.start, state.end, ""
    if start > end:
        note = f"“From” is after “To”: showing {end:%-d %b %Y} – {start:%-d %b %Y}."
        start, end = end, start
    wanted = TimelineFilter(start, end, state.parties, state.kinds, state.text or "")
    return wanted, note


def timeline_page(
    setup: TimelineSetup, state: TimelineState, snapshot_dates: Sequence[date]
) -> TimelinePage:
    """The page for ``state``: matching events, their chart and cards, the selection."""
    events = setup.events
    wanted, note = wanted_filter(state)
    lanes = state.lanes or LANE_MODES[0]
    selected = state.event if state.event in set(events["event_id"]) else None
    shown = filter_events(events, wanted)
    chart = None
    if not shown.empty:
        chart = timeline_chart(
            shown,
            lanes,
            (wanted.start, wanted.end),
            selected=selected,
            marker_day=setup.article_day,
            marker_label=ARTICLE_MARKER,
            parties=wanted.parties,
            talks=setup.default,
        )
    by = "party" if lanes == "party" else "kind of event"
    chosen = None
    if selected is not None:
        record = events[events["event_id"] == selected].iloc[0].to_dict()
        chosen = event_card(record, setup.details_labels, snapshot_dates)
    csv = ""
    if not shown.empty:
        csv = downloads.to_csv(downloads.with_sources(shown, setup.sources), list(DOWNLOAD_COLUMNS))
    return TimelinePage(
        wanted=wanted,
        lanes=lanes,
        range_note=note,
        count_line=f"{len(shown)} of {len(events)} events between {wanted.start:%-d %b %Y} "
        f"and {wanted.end:%-d %b %Y} match.",
        chart=chart,
        chart_alt=f"Timeline chart of the {len(shown)} events listed below, by date, in lanes "
        f"by {by}; the list below the chart holds the same events with their sources.",
        source_line=f"{sources_line(shown)} A point is an event known to the day; a bar one "
        "dated to a week, a month or a span of days; a hollow or hatched mark is one "
        "side's claim. Click a mark for its details.",
        cards=tuple(
            event_card(record, setup.details_labels, snapshot_dates)
            for record in shown.to_dict("records")
        ),
        selected=chosen,
        selected_note=OUTSIDE_FILTERS
        if selected and selected not in set(shown["event_id"])
        else "",
        csv=csv,
        url=url_values(
            wanted,
            default=setup.default,
            show_all=state.show_all,
            event_id=selected,
            lanes=lanes,
        ),
    )
