"""Small Streamlit helpers shared by the pages: URL state, notices, source lines.

Pages stay thin by calling these; the parsing itself lives in :mod:`dashboard.state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from dashboard.figures.style import CLAIMED_ICON, STANCES_ORDER, stance_badge
from dashboard.state import Notice, Param, parse_params, serialise_params
from dashboard.views import downloads
from dashboard.views.positions.records import STANCE_MEANINGS
from dashboard.wording import markdown_text

if TYPE_CHECKING:
    from dashboard.views.positions.page import IssueBlock, PartyCell, PositionCard, PositionDetails
    from dashboard.views.positions.scores import Scale, StickingPoints
    from dashboard.views.timeline.page import EventCard


def query_lists() -> dict[str, list[str]]:
    """Every query parameter with all its values (repeated keys included)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_notices(notices: Iterable[Notice]) -> None:
    """Show each ignored URL value as a visible, escaped warning."""
    for notice in notices:
        st.warning(markdown_text(notice.message), icon=":material/link_off:")


class UrlSync:
    """One page's link to the URL: read a link on arrival, write the view back after.

    The URL is parsed (through :func:`dashboard.state.parse_params`) when the page is first
    shown in a session and whenever the query differs from what the page itself last wrote,
    i.e. when the reader arrives through a link. Notices about ignored values are kept until
    the reader changes the view.
    """

    def __init__(self, page: str, params: Sequence[Param]) -> None:
        self.page = page
        self.params = list(params)
        self._last_query = f"_url_last_query_{page}"
        self._notices = f"_url_notices_{page}"

    def arrived(self, seeded: bool = True) -> tuple[dict[str, Any], list[Notice]] | None:
        """Parsed values and notices when a link arrived, else None.

        ``seeded`` says whether the page's own state is already in the session; when it is
        not, the URL is read even if it is what the page last wrote.
        """
        query = query_lists()
        if seeded and st.session_state.get(self._last_query) == query:
            return None
        values, notices = parse_params(query, self.params)
        self.set_notices(notices)
        return values, notices

    def write(self, values: Mapping[str, Any]) -> None:
        """Put the view in the URL (only when it changed) and remember what was written."""
        query = serialise_params(values, self.params)
        if query_lists() != {key: [value] for key, value in query.items()}:
            st.query_params.from_dict(query)
        st.session_state[self._last_query] = {key: [value] for key, value in query.items()}

    def set_notices(self, notices: Iterable[Notice]) -> None:
        """Replace the notices shown for the last link."""
        st.session_state[self._notices] = list(notices)

    def forget_notices(self) -> None:
        """The reader changed the view: the link's notices no longer apply."""
        st.session_state[self._notices] = []

    @property
    def notices(self) -> list[Notice]:
        """The notices about the last link that are still shown."""
        return st.session_state.get(self._notices, [])

    def show_notices(self) -> None:
        """Show the notices about the last link."""
        show_notices(self.notices)


def reject_url_params(page: str) -> None:
    """For a page without settings: name every query parameter as ignored."""
    sync = UrlSync(page, [])
    sync.arrived()
    sync.show_notices()


def source_line(text: str) -> None:
    """A figure's source line, in the caption style every page uses."""
    st.caption(text)


# --------------------------------------------------------------------------- cards and links
# Streamlit layout of the timeline's and the positions' view models (texts come ready-made).


def link_or_note(
    path: str | None,
    label: str,
    query: Mapping[str, str],
    icon: str,
    missing: str,
    key: str | None = None,
) -> None:
    """A link to another page (``path``) with its query, or ``missing`` when it is not built.

    ``label`` and ``missing`` are markdown; with ``key`` the link sits in a keyed container.
    """
    if path is None:
        st.caption(missing)
        return
    if key is None:
        st.page_link(path, label=label, icon=icon, query_params=dict(query))
        return
    with st.container(key=key, width="content"):
        st.page_link(path, label=label, icon=icon, query_params=dict(query))


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


def csv_download(label: str, csv: str, file_name: str) -> None:
    """A CSV download button with the attribution line every download carries."""
    st.download_button(label, csv, file_name=file_name, mime="text/csv", icon=":material/download:")
    st.caption(downloads.ATTRIBUTION)


def later_badge(card: PositionCard) -> str:
    """A badge with the date of a statement made after the article (else empty)."""
    return (
        f" :violet-badge[:material/update: after the article: {card.later}]" if card.later else ""
    )


def position_source(card: PositionCard, pages: Mapping[str, str]) -> None:
    """Quote, speaker, date, source and event of one position."""
    if card.quote:
        st.markdown(f"> “{markdown_text(card.quote)}”")
    else:
        st.caption("No verbatim quote stored; the summary paraphrases the source.")
    when = markdown_text(card.when)
    st.markdown(
        f"**{markdown_text(card.speaker)}** · {when}" if card.speaker else when,
        help=f"Date: {markdown_text(card.date_note)}" if card.date_note else None,
    )
    if card.claimant:
        claimant = markdown_text(card.claimant)
        st.markdown(
            f":gray-badge[{CLAIMED_ICON} claimed by {claimant}] This is {claimant}’s account "
            f"of the {markdown_text(card.party)} position, not its own statement."
        )
    credit = card.credit
    title = f", “{markdown_text(credit.title)}”" if credit.title else ""
    link = f" ([link]({credit.url}))" if credit.url else ""
    st.caption(f"Source: {markdown_text(credit.producer)}{title}{link}")
    if card.event is not None:
        label = markdown_text(card.event.label)
        missing = f"{label} (the timeline page is not available)"
        link_or_note(pages.get("timeline"), label, card.event.query, ":material/event:", missing)


def position_card(card: PositionCard, pages: Mapping[str, str], heading: str = "") -> None:
    """Stance (after ``heading``), the summary in our words and a quote-and-source popover.

    A claim opens with who makes it, in plain text that wraps in a narrow column.
    """
    if card.claimant:
        st.markdown(f"{CLAIMED_ICON} **Claimed by {markdown_text(card.claimant)}**")
    st.markdown(f"{heading} {stance_badge(card.stance)}{later_badge(card)}".strip())
    st.markdown(markdown_text(card.summary))
    label = markdown_text(card.source_label)
    with st.popover(label, icon=":material/format_quote:", type="tertiary", wrap=True):
        position_source(card, pages)


def party_cell(cell: PartyCell, pages: Mapping[str, str]) -> None:
    """One matrix cell: the party, then every position (claims outlined), or an empty note."""
    name = f"**{markdown_text(cell.party)}**"
    if not cell.cards:
        st.markdown(f"{name} :gray[— no sourced position]")
        return
    for index, card in enumerate(cell.cards):
        if card.claimant:
            if index == 0:
                st.markdown(name)
            with st.container(border=True):
                position_card(card, pages)
        else:
            position_card(card, pages, heading=name if index == 0 else "")


def issue_block(block: IssueBlock, pages: Mapping[str, str]) -> None:
    """One issue of the positions matrix, a column per party."""
    with st.container(border=True):
        heading = f"#### {markdown_text(block.label)}"
        if block.sticking:
            heading += " :orange-badge[:material/warning: sticking point, says the article]"
        st.markdown(heading)
        for column, cell in zip(st.columns(len(block.cells)), block.cells, strict=True):
            with column:
                party_cell(cell, pages)


def stance_legend() -> None:
    """Every stance colour and the claim mark, explained."""
    with st.container(border=True):
        st.markdown(
            "**Key** "
            + " ".join(stance_badge(stance) for stance in STANCES_ORDER)
            + f" · {CLAIMED_ICON} **Claimed by …** (outlined) · :gray[— no sourced position]"
        )
        with st.expander("What the stances mean"):
            for stance in STANCES_ORDER:
                st.markdown(f"{stance_badge(stance)} the party {STANCE_MEANINGS[stance]}.")
            st.markdown(
                f"{CLAIMED_ICON} **Claimed by …** in an outlined box: another "
                "party’s account of this party’s position, not its own words. It is shown "
                "beside, never instead of, what the party said itself."
            )
            st.markdown(
                ":gray[— no sourced position]: no source reports one; nothing is filled in."
            )


def position_details(details: PositionDetails, pages: Mapping[str, str]) -> None:
    """Every position of a selection, with the issue's description, scale and map links."""
    st.header(f"Every position: {markdown_text(details.title)}", divider="gray")
    if details.issue:
        st.markdown(markdown_text(details.description))
        low, high = markdown_text(details.scale_low), markdown_text(details.scale_high)
        st.markdown(f"**Scale:** −2 = {low}; +2 = {high}")
        if details.places:
            st.markdown("**On the map**")
            with st.container(horizontal=True):
                for place in details.places:
                    label = markdown_text(place.label)
                    missing = f"{label} (the map page is not available)"
                    link_or_note(pages.get("map"), label, place.query, ":material/map:", missing)
    if details.nothing_found:
        st.info("No sourced position for this selection.", icon=":material/info:")
    for card in details.cards:
        with st.container(border=True):
            badges = stance_badge(card.stance) + later_badge(card)
            if card.claimant:
                badges += f" :gray-badge[{CLAIMED_ICON} claimed by {markdown_text(card.claimant)}]"
            who, where = markdown_text(card.party), markdown_text(card.issue)
            st.markdown(f"**{who}** on {where} {badges}")
            st.markdown(markdown_text(card.summary))
            position_source(card, pages)
    if details.silent:
        st.markdown(
            f":gray[— No sourced position on {markdown_text(details.issue)}: "
            f"{markdown_text(', '.join(details.silent))}.]"
        )


def sticking_points(points: StickingPoints) -> None:
    """The article's own sticking points, its credit, and our widest gap."""
    st.markdown("**What the article calls the remaining sticking points**")
    if not points.quotes:
        st.caption("The article names no sticking points.")
    for quote, labels in points.quotes:
        st.markdown(f"> “{markdown_text(quote)}”")
        st.markdown("Issues: " + ", ".join(markdown_text(label) for label in labels))
    credit = points.credit
    st.caption(f"Source: {markdown_text(credit.producer)}, “{markdown_text(credit.title)}”")
    widest = points.widest
    if widest is not None:
        st.markdown(
            f"By our scores the widest gap is on **{markdown_text(widest.label)}**: "
            f"{widest.distance} points between {markdown_text(widest.lowest)} and "
            f"{markdown_text(widest.highest)}{markdown_text(widest.named_too)}."
        )


def scale_line(scale: Scale) -> None:
    """What −2 and +2 mean on one issue."""
    st.markdown(
        f"**{markdown_text(scale.label)}** — −2: {markdown_text(scale.low)}; "
        f"+2: {markdown_text(scale.high)}"
    )
