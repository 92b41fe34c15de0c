"""Timeline: diplomacy and fighting around the talks, filterable, each event linked to the map."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.style import kind_label, party_label
from dashboard.figures.timeline import timeline_figure
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date
from dashboard.views import downloads
from dashboard.views import timeline as tl
from dashboard.wording import markdown_text

FROM, TO, ALL = "timeline_from", "timeline_to", "timeline_all"
PARTIES, KINDS, TEXT, LANES = "timeline_party", "timeline_kind", "timeline_q", "timeline_lanes"
EVENT, CHART = "timeline_event", "timeline_chart"
WIDGET_KEYS = (FROM, TO, ALL, PARTIES, KINDS, TEXT, LANES)
LANE_NAMES = {"kind": "Kind of event", "party": "Party"}
MAP_PAGE = next((spec for spec in PAGES if spec.file_name == "map.py"), None)

catalog = cached.catalog()
events = cached.timeline_events()
article_day = article_date(catalog).date()
default = tl.default_window(article_day)
bounds = tl.date_bounds(events, article_day)
url = ui.UrlSync("timeline", tl.url_params(events, bounds))
known_ids = set(events["event_id"])
details_labels = tl.details_labels(events)
by_id = events.set_index("event_id", drop=False)


# --------------------------------------------------------------------------- state


def sync_from_url() -> None:
    """Set the widgets from the link on arrival (first visit, a link, a changed URL).

    Afterwards the widgets hold the state, and the page writes it back to the URL.
    """
    link = url.arrived(seeded=all(key in st.session_state for key in WIDGET_KEYS))
    if link is None:
        return
    values, notices = link
    values, order_notices = tl.check_date_order(values)
    url.set_notices([*notices, *order_notices])
    st.session_state[FROM], st.session_state[TO] = tl.initial_range(values, default, bounds)
    st.session_state[ALL] = bool(values.get("all"))
    st.session_state[PARTIES] = values.get("party", [])
    st.session_state[KINDS] = values.get("kind", [])
    st.session_state[TEXT] = values.get("q", "")
    st.session_state[LANES] = values.get("lanes", tl.LANE_MODES[0])
    st.session_state[EVENT] = values.get("event")


def on_all_toggled() -> None:
    """The background switch sets the dates: everything, or back to the weeks of the talks."""
    st.session_state[FROM], st.session_state[TO] = bounds if st.session_state[ALL] else default
    url.forget_notices()


def reset_filters() -> None:
    """Back to the default view (the selected event stays)."""
    st.session_state[FROM], st.session_state[TO] = default
    st.session_state[ALL] = False
    st.session_state[PARTIES] = []
    st.session_state[KINDS] = []
    st.session_state[TEXT] = ""
    url.forget_notices()


def on_chart_select() -> None:
    """A click on a mark selects its event (an emptied selection keeps the current one)."""
    picked = tl.event_from_selection(st.session_state.get(CHART), known_ids)
    if picked:
        st.session_state[EVENT] = picked


def select_event(event_id: str | None) -> None:
    """Select an event from the list (None closes the details)."""
    st.session_state[EVENT] = event_id


# --------------------------------------------------------------------------- pieces


def filters() -> tl.TimelineFilter:
    """The filter controls; returns what they ask for."""
    show_all = st.session_state[ALL]
    first, second, third = st.columns([1, 1, 1.2], vertical_alignment="bottom")
    first.date_input(
        "From",
        key=FROM,
        on_change=url.forget_notices,
        min_value=bounds[0],
        max_value=bounds[1],
        format="YYYY-MM-DD",
        disabled=show_all,
    )
    second.date_input(
        "To",
        key=TO,
        on_change=url.forget_notices,
        min_value=bounds[0],
        max_value=bounds[1],
        format="YYYY-MM-DD",
        disabled=show_all,
    )
    third.toggle(
        f"Full background since {bounds[0].year}",
        key=ALL,
        on_change=on_all_toggled,
        help="Widen the dates to every event in the data, back to "
        f"{bounds[0]:%-d %B %Y}. Switch off to return to the weeks around the talks.",
    )
    left, right = st.columns(2)
    left.multiselect(
        "Parties",
        tl.party_options(events),
        key=PARTIES,
        on_change=url.forget_notices,
        format_func=party_label,
        placeholder="All parties",
        help="Events a party took part in or is the source of a claim about.",
    )
    right.multiselect(
        "Kinds of event",
        tl.kind_options(events),
        key=KINDS,
        on_change=url.forget_notices,
        format_func=kind_label,
        placeholder="All kinds",
    )
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    left.text_input(
        "Search titles and descriptions",
        key=TEXT,
        on_change=url.forget_notices,
        max_chars=200,
        placeholder="e.g. Kupyansk, NATO, submarine",
        help="Plain text, not case-sensitive.",
    )
    right.radio(
        "Lanes by",
        tl.LANE_MODES,
        key=LANES,
        on_change=url.forget_notices,
        format_func=LANE_NAMES.get,
        horizontal=True,
    )
    start, end = st.session_state[FROM], st.session_state[TO]
    if start > end:
        st.caption(f"“From” is after “To”: showing {end:%-d %b %Y} – {start:%-d %b %Y}.")
        start, end = end, start
    return tl.TimelineFilter(
        start=start,
        end=end,
        parties=tuple(st.session_state[PARTIES]),
        kinds=tuple(st.session_state[KINDS]),
        text=st.session_state[TEXT] or "",
    )


def who_and_where(event: dict[str, Any]) -> str:
    """``Who: Russia, Ukraine · Where: Kupyansk, Kharkiv`` (escaped markdown)."""
    parts = []
    if event["parties"]:
        parts.append(f"**Who:** {markdown_text(tl.parties_label(event['parties']))}")
    where = ", ".join(name for name in (event["place_name"], event["region_name"]) if name)
    if where:
        parts.append(f"**Where:** {markdown_text(where)}")
    return " · ".join(parts)


def quote_and_source(event: dict[str, Any]) -> None:
    """The supporting quote (attributed) and the linked source."""
    if event["quote"]:
        st.markdown(
            f"> “{markdown_text(event['quote'])}”  \n> — {markdown_text(event['source_name'])}"
        )
    link = tl.markdown_link(markdown_text(event["source_credit"]), event["source_url"])
    st.caption(f"Source: {link}")


def map_link(event: dict[str, Any], key: str) -> None:
    """A link that opens the Map page on the event's place (or region) and date."""
    query = tl.map_link(event, cached.snapshot_dates())
    if query is None:
        return
    if MAP_PAGE is None:
        st.caption("The map page is not available in this build.")
        return
    where = event["place_name"] or event["region_name"] or "the place"
    when = f" ({date.fromisoformat(query['date']):%-d %b %Y})" if "date" in query else ""
    with st.container(key=key, width="content"):
        st.page_link(
            MAP_PAGE.path,
            label=f"Open {markdown_text(where)} on the map{when}",
            icon=":material/map:",
            query_params=query,
        )


def header_line(event: dict[str, Any]) -> str:
    """``**12 Dec 2025** · Visit · Claimed by Russia`` (escaped markdown)."""
    parts = [f"**{markdown_text(event['date_label'])}**", markdown_text(kind_label(event["kind"]))]
    if event["claimed_by"]:
        parts.append(f":orange-badge[{markdown_text(tl.claim_label(event['claimed_by']))}]")
    return " · ".join(parts)


def details(event: dict[str, Any], shown_ids: set[str]) -> None:
    """The selected event in full, with its map link."""
    with st.container(border=True, key="timeline-details"):
        st.subheader(markdown_text(event["title"]), anchor=False)
        st.markdown(header_line(event))
        if event["claimed_by"]:
            st.caption(
                f"This is {markdown_text(party_label(event['claimed_by']))}'s account; "
                "the source reports it as a claim, not as established fact."
            )
        if event["description"]:
            st.markdown(markdown_text(event["description"]))
        line = who_and_where(event)
        if line:
            st.markdown(line)
        context = "Reported in the article." if event["in_article"] else "Background event."
        if event["date_note"]:
            context += f" Date: {event['date_note']}."
        st.caption(markdown_text(context))
        quote_and_source(event)
        map_link(event, "timeline-details-map")
        if event["event_id"] not in shown_ids:
            st.caption("This event lies outside the current filters.")
        st.button(
            "Close details",
            key="timeline_close",
            on_click=select_event,
            args=(None,),
            icon=":material/close:",
        )


def event_list(shown: list[dict[str, Any]], selected: str | None) -> None:
    """Every matching event, oldest first, with its source and buttons."""
    st.subheader("The events", anchor=False)
    for event in shown:
        event_id = event["event_id"]
        with st.container(border=True, key=f"timeline-item-{event_id}"):
            st.markdown(header_line(event))
            text = f"**{markdown_text(event['title'])}**"
            if event["description"]:
                text += f"  \n{markdown_text(event['description'])}"
            st.markdown(text)
            line = who_and_where(event)
            if line:
                st.markdown(line)
            quote_and_source(event)
            with st.container(horizontal=True, vertical_alignment="center"):
                if event_id == selected:
                    st.caption("Selected: its details are above, its mark outlined on the chart.")
                else:
                    st.button(
                        markdown_text(details_labels[event_id]),
                        key=f"timeline_pick_{event_id}",
                        on_click=select_event,
                        args=(event_id,),
                        icon=":material/info:",
                        type="tertiary",
                        wrap=True,
                    )
                map_link(event, f"timeline-map-{event_id}")


# --------------------------------------------------------------------------- the page

sync_from_url()

st.title("Timeline: talks, claims and fighting")
st.markdown(
    "What happened in the weeks around the Berlin talks of December 2025, with the "
    "background since 2014 one switch away. Diplomacy and the battlefield run in separate "
    "lanes; a claim made by one side is drawn hollow and labelled with who makes it."
)
url.show_notices()

wanted = filters()
show_all = st.session_state[ALL]
lanes_by = st.session_state[LANES] or tl.LANE_MODES[0]
selected = st.session_state[EVENT] if st.session_state[EVENT] in known_ids else None
shown_frame = tl.filter_events(events, wanted)
shown_ids = set(shown_frame["event_id"])

url.write(
    tl.url_values(wanted, default=default, show_all=show_all, event_id=selected, lanes=lanes_by)
)

window = (wanted.start, wanted.end)
count = len(shown_frame)
st.caption(
    f"{count} of {len(events)} events between {wanted.start:%-d %b %Y} and "
    f"{wanted.end:%-d %b %Y} match."
)

if shown_frame.empty:
    with st.container(border=True, key="timeline-empty"):
        st.markdown("**No events match these filters.**")
        st.markdown(
            "Try a wider date range, the full background, fewer parties or kinds, "
            "or another search word."
        )
        st.button("Reset the filters", key="timeline_reset", on_click=reset_filters)
else:
    marks, lanes = tl.lay_out(shown_frame, lanes_by, window)
    figure = timeline_figure(
        marks,
        lanes,
        window,
        selected=selected,
        marker_day=article_day,
        marker_label="Article published",
    )
    st.plotly_chart(
        figure,
        key=CHART,
        on_select=on_chart_select,
        selection_mode="points",
        config={"displayModeBar": False, "scrollZoom": False},
        alt=f"Timeline chart of the {count} events listed below, by date, in lanes by "
        f"{'party' if lanes_by == 'party' else 'kind of event'}; the list below the chart "
        "holds the same events with their sources.",
    )
    ui.source_line(
        f"{tl.sources_line(shown_frame)} A point is an event known to the day; a bar one "
        "dated to a week, a month or a span of days; a hollow or hatched mark is one "
        "side's claim. Click a mark for its details."
    )

if selected is not None:
    details(by_id.loc[selected].to_dict(), shown_ids)

if not shown_frame.empty:
    st.download_button(
        "Download these events (CSV)",
        downloads.to_csv(
            downloads.with_sources(shown_frame, catalog.sources),
            [
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
            ],
        ),
        file_name="timeline_events.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.caption(downloads.ATTRIBUTION)
    event_list(shown_frame.to_dict("records"), selected)
