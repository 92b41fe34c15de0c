"""Streamlit drawing of the Positions view model: cards, cells, issue blocks, the legend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.figures.style import CLAIMED_ICON, STANCES_ORDER, stance_badge
from dashboard.ui import link_or_note
from dashboard.views.positions.records import STANCE_MEANINGS
from dashboard.wording import markdown_text

if TYPE_CHECKING:
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
