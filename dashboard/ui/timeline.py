"""Streamlit drawing of the Timeline's view model: event cards, their details and links."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.figures.style import kind_label, party_label
from dashboard.ui import link_or_note
from dashboard.views import timeline as tl

if TYPE_CHECKING:
    from dashboard.views.timeline.page import EventCard, TimelineSetup


def event_map_link(card: EventCard, map_page: str | None, key: str) -> None:
    """The link that opens the Map page on a timeline event (nothing without a location)."""
    if card.map_link is not None:
        missing = "The map page is not available in this build."
        link = card.map_link
        link_or_note(map_page, link.label, link.query, ":material/map:", missing, key)


def event_quote_and_source(card: EventCard) -> None:
    """A timeline event's supporting quote (attributed) and its linked source."""
    if card.quote:
        st.markdown(card.quote)
    st.caption(card.source)


def event_details(
    card: EventCard, note: str, map_page: str | None, on_close: Callable[..., None]
) -> None:
    """The selected timeline event in full, with its map link and a close button."""
    with st.container(border=True, key="timeline-details"):
        st.subheader(card.title, anchor=False)
        st.markdown(card.header)
        if card.claim_note:
            st.caption(card.claim_note)
        if card.description:
            st.markdown(card.description)
        if card.who_where:
            st.markdown(card.who_where)
        st.caption(card.context)
        event_quote_and_source(card)
        event_map_link(card, map_page, "timeline-details-map")
        if note:
            st.caption(note)
        st.button(
            "Close details",
            key="timeline_close",
            on_click=on_close,
            args=(None,),
            icon=":material/close:",
        )


def event_item(
    card: EventCard, selected: bool, map_page: str | None, on_pick: Callable[..., None]
) -> None:
    """One timeline event in the list, with its details button (or a note when selected)."""
    with st.container(border=True, key=f"timeline-item-{card.event_id}"):
        st.markdown(card.header)
        st.markdown(card.summary)
        if card.who_where:
            st.markdown(card.who_where)
        event_quote_and_source(card)
        with st.container(horizontal=True, vertical_alignment="center"):
            if selected:
                st.caption("Selected: its details are above, its mark outlined on the chart.")
            else:
                st.button(
                    card.details_label,
                    key=f"timeline_pick_{card.event_id}",
                    on_click=on_pick,
                    args=(card.event_id,),
                    icon=":material/info:",
                    type="tertiary",
                    wrap=True,
                )
            event_map_link(card, map_page, f"timeline-map-{card.event_id}")


#: On a phone the chart keeps the width its labels were placed for and scrolls sideways.
#: It opens on its right end, the weeks of the talks (the scroll box runs right to left).
CHART_CSS = """
<style>
.st-key-timeline-swipe-hint { display: none; }
@media (max-width: 700px) {
  .st-key-timeline-chart-box { overflow-x: auto; direction: rtl; }
  .st-key-timeline-chart-box > * { direction: ltr; }
  .st-key-timeline-chart-box [data-testid="stPlotlyChart"],
  .st-key-timeline-chart-box [data-testid="stElementContainer"] { min-width: 800px; }
  .st-key-timeline-swipe-hint { display: block; }
}
</style>
"""
SWIPE_HINT = "Swipe the chart sideways for the earlier weeks."


def chart_box_style() -> None:
    """The chart box's style (see :data:`CHART_CSS`) and, on a phone only, a swipe hint."""
    st.html(CHART_CSS)
    with st.container(key="timeline-swipe-hint"):
        st.caption(SWIPE_HINT)


#: How the lanes can be grouped, as the switch names them.
LANE_NAMES = {"kind": "Kind of event", "party": "Party"}


def filter_controls(
    setup: TimelineSetup,
    keys: Mapping[str, str],
    on_all_toggled: Callable[[], None],
    on_change: Callable[[], None],
) -> None:
    """The filter controls; their values land in the session state under ``keys``."""
    changed = {"on_change": on_change}
    dates = {"min_value": setup.bounds[0], "max_value": setup.bounds[1], "format": "YYYY-MM-DD"}
    dates |= {**changed, "disabled": st.session_state[keys["show_all"]]}
    first, second, third = st.columns([1, 1, 1.2], vertical_alignment="bottom")
    first.date_input("From", key=keys["start"], **dates)
    second.date_input("To", key=keys["end"], **dates)
    third.toggle(
        setup.background_label,
        key=keys["show_all"],
        on_change=on_all_toggled,
        help=setup.background_help,
    )
    left, right = st.columns(2)
    left.multiselect(
        "Parties",
        setup.parties,
        key=keys["parties"],
        **changed,
        format_func=party_label,
        placeholder="All parties",
        help="Events a party took part in or is the source of a claim about.",
    )
    right.multiselect(
        "Kinds of event",
        setup.kinds,
        key=keys["kinds"],
        **changed,
        format_func=kind_label,
        placeholder="All kinds",
    )
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    left.text_input(
        "Search titles and descriptions",
        key=keys["text"],
        **changed,
        max_chars=200,
        placeholder="e.g. Kupyansk, NATO, submarine",
        help="Plain text, not case-sensitive.",
    )
    right.radio(
        "Lanes by",
        tl.LANE_MODES,
        key=keys["lanes"],
        **changed,
        format_func=LANE_NAMES.get,
        horizontal=True,
    )
