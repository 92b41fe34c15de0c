"""Drawing the proposal page's view model with Streamlit (see :mod:`dashboard.views.deal`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.views.deal import DealPage, RegionStake, Voice
from dashboard.wording import markdown_text


def voice_card(voice: Voice, heading: str) -> None:
    """One party's word: who, when, the quote and where it was reported."""
    with st.container(border=True):
        st.markdown(f"**{markdown_text(heading)}: {markdown_text(voice.party)}**")
        st.markdown(markdown_text(voice.summary))
        if voice.quote:
            who = f" — {markdown_text(voice.who)}" if voice.who else ""
            quote = markdown_text(voice.quote)
            st.markdown(f"> “{quote}”{who}")
        credit = markdown_text(voice.credit)
        source = f"[{credit}]({voice.url})" if voice.url else credit
        st.caption(f"{markdown_text(voice.when)} · Source: {source}")


def key_figures(page: DealPage) -> None:
    """The four figures, one under the other: land, towns, their people, towns near the front."""
    for label, value in page.figures:
        st.metric(label, value)


def region_table(page: DealPage) -> None:
    """Land per oblast."""
    if not page.regions:
        return
    lines = "\n".join(
        f"- **{markdown_text(region.name)}**: {region.km2:,.0f} km²"
        + (f" ({markdown_text(region.share_text)})" if region.share_text else "")
        for region in page.regions
    )
    st.markdown(lines)


def town_table(page: DealPage) -> None:
    """The towns inside, biggest first (an empty state when there are none)."""
    if not page.towns:
        st.info("No town of 10,000 people or more lies in the land that would change hands.")
        return
    frame = pd.DataFrame(
        {
            "Town": [town.name for town in page.towns],
            "Oblast": [town.oblast for town in page.towns],
            "People (1 Jan 2022)": [town.population for town in page.towns],
            "Distance from the front (km)": [round(town.km_to_front) for town in page.towns],
            "Near the front": ["yes" if town.near_front else "" for town in page.towns],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "People (1 Jan 2022)": st.column_config.NumberColumn(format="localized"),
        },
    )


def region_stakes(stakes: tuple[RegionStake, ...], day_text: str, deal_path: str | None) -> None:
    """In the map's region panel: what each proposal would take there, linked to its page."""
    if not stakes:
        return
    st.markdown(f"##### What each proposal would take here ({markdown_text(day_text)})")
    for stake in stakes:
        line = f"**{markdown_text(stake.title)}**: {markdown_text(stake.text)}"
        st.markdown(line)
        if deal_path is not None:
            st.page_link(
                deal_path,
                label="See it on the map of what a deal would cost",
                icon=":material/handshake:",
                query_params={"proposal": stake.proposal_id},
            )
