"""Streamlit drawing of the Positions view model: cards, cells, issue blocks, the legend."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.figures.style import (
    CLAIMED_ICON,
    STANCE_BADGES,
    STANCE_ICONS,
    STANCES_ORDER,
    stance_badge,
)
from dashboard.ui import link_or_note
from dashboard.views.positions.records import STANCE_MEANINGS
from dashboard.wording import markdown_text, quoted

if TYPE_CHECKING:
    from dashboard.views.positions.grid import GridCell, GridEntry, GridRow, PositionGrid
    from dashboard.views.positions.page import IssueBlock, PartyCell, PositionCard, PositionDetails
    from dashboard.views.positions.scores import Scale, StickingPoints


def later_badge(card: PositionCard) -> str:
    """A badge with the date of a statement made after the article (else empty)."""
    return (
        f" :violet-badge[:material/update: after the article: {card.later}]" if card.later else ""
    )


def position_source(card: PositionCard, pages: Mapping[str, str]) -> None:
    """Quote, speaker, date, source and event of one position."""
    if card.quote:
        st.markdown(f"> {markdown_text(quoted(card.quote))}")
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
    for proposal_id, title in card.proposals:
        label = f"What it would cost: {markdown_text(title)}"
        missing = f"{label} (the proposal page is not available)"
        query = {"proposal": proposal_id}
        link_or_note(pages.get("deal"), label, query, ":material/handshake:", missing)


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
        heading = f"### {markdown_text(block.label)}"
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
        st.markdown(f"> {markdown_text(quoted(quote))}")
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


# --------------------------------------------------------------------------- the grid

#: The grid's look: compact entries, claims in a dashed box, stance words in colour; on a
#: phone each issue is a block of its own with the four parties side by side.
GRID_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
.st-key-positions-grid [data-testid="stHorizontalBlock"] { gap: 0.4rem; }
.st-key-positions-grid [data-testid="stVerticalBlock"] { gap: 0.25rem; }
.st-key-positions-grid [data-testid="stHorizontalBlock"]:not(:first-child) {
  border-top: 1px solid #E5E7EB; padding-top: 0.3rem; }
.st-key-positions-grid button {
  min-height: 0; padding: 0.15rem 0.4rem; justify-content: flex-start; text-align: left;
  width: 100%; line-height: 1.2; font-size: 0.8rem; }
.st-key-positions-grid button p { font-size: 0.8rem; text-align: left; }
.st-key-positions-grid [class*="st-key-grid-own-"] button {
  border: 1px solid #D1D5DB; background: #FFFFFF; }
.st-key-positions-grid [class*="st-key-grid-claim-"] button {
  border: 1.5px dashed #6B7280; background: #F9FAFB; font-style: italic; }
.st-key-positions-grid [class*="st-key-grid-party-"] { display: none; }
.st-key-positions-grid .stCaption p, .st-key-positions-grid [data-testid="stCaptionContainer"] {
  font-size: 0.8rem; margin: 0; }
@media (max-width: 640px) {
  .st-key-positions-grid [data-testid="stHorizontalBlock"] {
    flex-wrap: wrap !important; gap: 0.25rem !important; }
  .st-key-positions-grid [data-testid="stColumn"] {
    min-width: 0 !important; flex: 1 1 0 !important; width: auto !important; }
  .st-key-positions-grid [data-testid="stColumn"]:first-child {
    flex: 1 1 100% !important; }
  .st-key-positions-grid .st-key-grid-head { display: none; }
  .st-key-positions-grid [class*="st-key-grid-party-"] { display: block; }
  .st-key-positions-grid button, .st-key-positions-grid button p {
    font-size: 0.74rem; padding: 0.1rem 0.2rem; }
  .st-key-positions-grid button span:has(> [data-testid="stIconMaterial"]) { display: none; }
  .st-key-positions-grid button p { word-break: normal; overflow-wrap: normal; hyphens: auto; }
  .st-key-positions-grid .stMarkdownBadge {
    font-size: 0.68rem !important; padding: 0 0.15rem; overflow: visible; }
}
</style>
"""

#: Scrolls the opened card into view (once, after a click on the grid).
SCROLL_SCRIPT = """
(() => { let tries = 0; const go = () => {
  const card = document.querySelector('.st-key-positions-opened');
  if (card) { card.scrollIntoView({behavior: 'instant', block: 'nearest'}); }
  else if (tries++ < 30) { setTimeout(go, 100); } }; setTimeout(go, 50); })();
"""


def grid_entry_label(entry: GridEntry) -> str:
    """An entry's button text: stance badge, gist, and who claims it (markdown)."""
    # The stance's icon is the button's own (hidden from screen readers); the word is in a badge.
    colour = STANCE_BADGES.get(entry.stance, "gray")
    text = f":{colour}-badge[{markdown_text(entry.stance)}] {markdown_text(entry.gist)}"
    if entry.claimant:
        text = f"{markdown_text(entry.claimant)} claims: {text}"
    if entry.later:
        text += f" ({markdown_text(entry.later)})"
    return text


def grid_cell(cell: GridCell, row: GridRow, empty_note: str, on_open: Callable[..., None]) -> None:
    """One cell: the party's name (phone only), then one button a position, or the empty note."""
    with st.container(key=f"grid-party-{row.issue_id}-{cell.party_key}"):
        st.caption(f"**{markdown_text(cell.party)}**")
    if cell.empty:
        st.caption(f":gray[{markdown_text(empty_note)}]")
    for entry in cell.entries:
        kind = "claim" if entry.claim else "own"
        st.button(
            grid_entry_label(entry),
            key=f"grid-{kind}-{entry.position_id}",
            on_click=on_open,
            args=(entry.position_id,),
            help=f"Open the card: {entry.label}",
            icon=STANCE_ICONS.get(entry.stance),
            type="secondary",
            wrap=True,
        )


def position_grid(grid: PositionGrid, on_open: Callable[..., None]) -> None:
    """Issues × parties: each cell's stances and gists, a click opens a position's card."""
    st.html(GRID_CSS)
    widths = [0.8] + [1] * len(grid.parties)
    with st.container(key="positions-grid"):
        with st.container(key="grid-head"):
            for column, (_, name) in zip(
                st.columns(widths), [("", ""), *grid.parties], strict=True
            ):
                column.markdown(f"**{markdown_text(name)}**" if name else "**Issue**")
        for row in grid.rows:
            columns = st.columns(widths)
            with columns[0]:
                label = f"**{markdown_text(row.label)}**"
                if row.sticking:
                    label += "  \n:orange-badge[:material/warning: sticking point]"
                st.markdown(label)
            for column, cell in zip(columns[1:], row.cells, strict=True):
                with column:
                    grid_cell(cell, row, grid.empty_note, on_open)
    st.caption(f"{markdown_text(grid.key)} {markdown_text(grid.source)}")


def opened_card(
    card: PositionCard, pages: Mapping[str, str], on_close: Callable[..., None], scroll: bool
) -> None:
    """The position opened from the grid: stance, summary, quote, speaker, date, source."""
    with st.container(border=True, key="positions-opened"):
        badges = stance_badge(card.stance) + later_badge(card)
        if card.claimant:
            badges += f" :gray-badge[{CLAIMED_ICON} claimed by {markdown_text(card.claimant)}]"
        st.markdown(f"**{markdown_text(card.party)}** on {markdown_text(card.issue)} {badges}")
        st.markdown(markdown_text(card.summary))
        position_source(card, pages)
        st.button(
            "Close", key="positions_close", on_click=on_close, args=(None,), icon=":material/close:"
        )
    if scroll:
        st.html(f"<script>{SCROLL_SCRIPT}</script>", unsafe_allow_javascript=True)
