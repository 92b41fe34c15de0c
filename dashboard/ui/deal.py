"""Drawing the proposal page's view model with Streamlit (see :mod:`dashboard.views.deal`)."""

from __future__ import annotations

import json

import streamlit as st

from dashboard.figures.deal import LAYER_PREFIX
from dashboard.figures.map_script import MAP_JS
from dashboard.views.deal import DealPage, RegionStake, Voice
from dashboard.wording import html_text, markdown_text, quoted


def voice_card(voice: Voice, heading: str) -> None:
    """One party's word: who, when, the quote and where it was reported."""
    with st.container(border=True):
        st.markdown(f"**{markdown_text(heading)}: {markdown_text(voice.party)}**")
        st.markdown(markdown_text(voice.summary))
        if voice.quote:
            who = f" — {markdown_text(voice.who)}" if voice.who else ""
            st.markdown(f"> {markdown_text(quoted(voice.quote))}{who}")
        credit = markdown_text(voice.credit)
        source = f"[{credit}]({voice.url})" if voice.url else credit
        st.caption(f"{markdown_text(voice.when)} · Source: {source}")


def headline(text: str) -> None:
    """The result in one sentence, large (a paragraph: the page's headings stay in order)."""
    st.html(
        '<p style="font-size:1.35rem;font-weight:600;line-height:1.35;margin:0.25rem 0 0.5rem;'
        f'color:#1F1F1F">{html_text(text)}</p>'
    )


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


#: The town table's columns: heading, and whether it holds a number (set right).
TOWN_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("Town", False),
    ("Oblast", False),
    ("People (1 Jan 2022)", True),
    ("Distance from the front (km)", True),
    ("Near the front", False),
)
#: What the town table is called for a screen reader (its box scrolls, so it is a region).
TOWN_TABLE_NAME = "Towns in the land that would change hands, biggest first"


def town_table_html(page: DealPage) -> str:
    """The towns inside as an HTML table in a box that scrolls, its header row kept in view.

    A real table, not ``st.dataframe``'s canvas grid: a screen reader can name and walk it,
    and the page does not load the grid's code (its data frame and Arrow chunks, about
    1.2 MB of JavaScript) for a list of a few dozen rows.
    """
    number_class = ' class="num"'
    head = "".join(
        f'<th scope="col"{number_class if number else ""}>{html_text(name)}</th>'
        for name, number in TOWN_COLUMNS
    )
    rows = "".join(
        f'<tr><th scope="row">{html_text(town.name)}</th><td>{html_text(town.oblast)}</td>'
        f'<td class="num">{town.population:,}</td><td class="num">{round(town.km_to_front):,}</td>'
        f"<td>{'yes' if town.near_front else ''}</td></tr>"
        for town in page.towns
    )
    return (
        f'<div class="deal-towns" role="region" tabindex="0" aria-label="{TOWN_TABLE_NAME}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def town_table(page: DealPage) -> None:
    """The towns inside, biggest first (an empty state when there are none)."""
    if not page.towns:
        st.info("No town of 10,000 people or more lies in the land that would change hands.")
        return
    st.html(town_table_html(page))


def region_stakes(stakes: tuple[RegionStake, ...], day_text: str, deal_path: str | None) -> None:
    """In the map's region panel: what each proposal would take there, linked to its page."""
    if not stakes:
        return
    st.markdown(f"#### What each proposal would take here ({markdown_text(day_text)})")
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


#: Showing one proposal on the map, in the reader's browser: its layers visible, every other
#: proposal's hidden, its frame fitted (MapLibre's own calls on the map already drawn; the
#: figure is the same for every proposal, so it is not resent). The frame is fitted only where
#: the view does not already show it (the figure opens on the default proposal's frame, fitted
#: for a desktop column), since every re-framing makes MapLibre re-cut its tiles. It waits for
#: the map, and looks again a little later in case the chart was remounted or re-framed by
#: plotly meanwhile.
SHOW_SCRIPT = """
(() => {
  const id = %(id)s, box = %(bounds)s, prefix = %(prefix)s;  // %(version)s
  MAP_JS
  const token = window.__dealToken = (window.__dealToken || 0) + 1;
  const current = () => window.__dealToken === token;
  const fit = {padding: 24};
  // Loose: the figure's own view of the default proposal counts (no re-framing on a desktop).
  const about = {zoom: 0.2, degrees: 0.3};
  const mine = (layer) => layer.id.endsWith('--' + id);
  const ours = (map) => map.getStyle().layers.filter(layer => layer.id.startsWith(prefix));
  const visible = (map, layer) => map.getLayoutProperty(layer.id, 'visibility') !== 'none';
  const shown = (map) => ours(map).every(layer => visible(map, layer) === mine(layer));
  let tries = 0, looks = 0;
  const apply = () => {
    if (!current()) return;
    const [, map] = findMap();
    if (!map || !map.isStyleLoaded()) { if (tries++ < 150) setTimeout(apply, 100); return; }
    for (const layer of ours(map)) {
      if (visible(map, layer) !== mine(layer)) {
        map.setLayoutProperty(layer.id, 'visibility', mine(layer) ? 'visible' : 'none');
      }
    }
    if (!framed(map, box, fit, about)) {
      map.fitBounds([[box[0], box[1]], [box[2], box[3]]], {...fit, duration: 0});
    }
    // Plotly may redraw or re-frame the map as the chart settles to its width: look again.
    setTimeout(() => {
      if (!current()) return;
      const [, now] = findMap();
      const off = !now || now !== map || !shown(now) || !framed(now, box, fit, about);
      if (off && looks++ < 5) { tries = 0; apply(); }
    }, 1200);
  };
  setTimeout(apply, 0);
})();
""".replace("MAP_JS", MAP_JS)


def show_proposal(proposal_id: str, bounds: tuple[float, ...], version: str) -> None:
    """Show ``proposal_id``'s layers on the proposal map and fit its frame (see SHOW_SCRIPT).

    ``version`` (the date) makes the script run again when the figure changes under it.
    """
    script = SHOW_SCRIPT % {
        "id": json.dumps(proposal_id),
        "bounds": json.dumps(list(bounds)),
        "prefix": json.dumps(LAYER_PREFIX),
        "version": version.replace("*/", ""),
    }
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)
