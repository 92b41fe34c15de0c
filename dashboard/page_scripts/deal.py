"""What a deal would cost: pick a proposal, see the land, the towns and the people it involves."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.summary import article_date
from dashboard.ui import deal as deal_ui
from dashboard.ui import map_panel as panel
from dashboard.views import deal as view
from dashboard.views import map as map_view
from dashboard.wording import markdown_text

PROPOSAL_KEY = "deal_proposal"
DATE_KEY = "deal_date"

catalog = cached.catalog()
published = article_date(catalog).date()
cached_days = set(cached.snapshot_dates())
days = [day for day in map_view.snapshot_days(cached.control_by_region()) if day in cached_days]
url = ui.UrlSync("deal", view.url_params(catalog, days))
options = view.proposal_ids(catalog)
titles = dict(zip(catalog.proposals["proposal_id"], catalog.proposals["title"], strict=True))


def sync_from_url() -> None:
    """Seed the choice from the URL on arrival (first visit, a link, a changed URL)."""
    seeded = PROPOSAL_KEY in st.session_state and (not days or DATE_KEY in st.session_state)
    link = url.arrived(seeded=seeded)
    if link is not None:
        values, _ = link
        st.session_state[PROPOSAL_KEY] = values.get(view.PROPOSAL_PARAM, view.DEFAULT_PROPOSAL)
        if days:
            wanted = values.get(view.DATE_PARAM) or published
            st.session_state[DATE_KEY] = map_view.on_or_before(wanted, days)


sync_from_url()

st.title(view.TITLE)
st.markdown(view.INTRO)
url.show_notices()

proposal_id = st.radio(
    "Proposal",
    options,
    format_func=lambda ident: titles.get(ident, ident),
    horizontal=True,
    key=PROPOSAL_KEY,
    on_change=url.forget_notices,
)
day = st.session_state.get(DATE_KEY) if days else None
page = cached.deal_page(proposal_id, day, bool(days))
url.write(page.url)

deal_ui.headline(page.headline)
if page.notice:
    st.info(page.notice, icon=":material/info:")

left, right = st.columns([3, 2], gap="medium")
with left:
    st.plotly_chart(
        cached.deal_figure(day, bool(days)),
        key="deal_map",
        theme=None,
        config={"scrollZoom": False, "displaylogo": False},
        alt=view.MAP_ALT,
    )
    # This proposal's layers and frame, set in the reader's browser (the figure stays the same).
    deal_ui.show_proposal(page.proposal_id, page.map.bounds, page.day.isoformat())
    panel.render_legend(cached.deal_legend(proposal_id, day, bool(days)))
    ui.source_line(markdown_text(page.source_line))
    if days:
        st.select_slider(
            "Front line and control on",
            options=days,
            key=DATE_KEY,
            format_func=lambda value: f"{value:%-d %b %Y}",
            on_change=url.forget_notices,
            help="Recomputes the land, the towns and their distance from the front for that day.",
        )
with right:
    deal_ui.key_figures(page)
    deal_ui.region_table(page)
    deal_ui.voice_card(page.proposer, "Proposed by")
    for voice in page.rejecters:
        deal_ui.voice_card(voice, "Rejected by")

st.header("Towns in the land that would change hands", anchor=False)
deal_ui.town_table(page)
st.caption(markdown_text(page.method))
if page.note:
    st.caption(f"How we read this proposal: {markdown_text(page.note)}")

ui.csv_download("Download the figures (CSV)", page.figures_csv, f"{page.proposal_id}_land.csv")
ui.csv_download("Download the town list (CSV)", page.towns_csv, f"{page.proposal_id}_towns.csv")
ui.column_notes_download(
    "the town list",
    page.towns_csv,
    f"{page.proposal_id}_towns.csv",
    ("proposal_towns", "towns"),
)
