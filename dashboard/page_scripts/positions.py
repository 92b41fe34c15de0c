"""Positions: what each side wants on each issue, who says so, and how far apart they are."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.positions import distance_figure
from dashboard.figures.style import party_label
from dashboard.page_scripts import PAGES
from dashboard.ui import positions as positions_ui
from dashboard.views.positions import PARTIES
from dashboard.views.positions import page as view
from dashboard.views.positions.scores import distance_chart, sticking_points

ISSUE_KEY = "positions_issue"
PARTY_KEY = "positions_party"
LATER_KEY = "positions_later"
POSITION_KEY = "positions_position"
SCROLL_KEY = "_positions_scroll"
ALL = ""
LINKED_PAGES = {spec.url_path: spec.path for spec in PAGES}

catalog = cached.catalog()
setup = view.positions_setup(catalog)
url = ui.UrlSync("positions", setup.params)


def sync_from_url() -> None:
    """Seed the selection from the URL on arrival (first visit, a link, a changed URL)."""
    seeded = all(key in st.session_state for key in (ISSUE_KEY, PARTY_KEY, LATER_KEY, POSITION_KEY))
    link = url.arrived(seeded=seeded)
    if link is not None:
        values, _ = link
        st.session_state[ISSUE_KEY] = values.get("issue", ALL)
        st.session_state[PARTY_KEY] = values.get("party", ALL)
        st.session_state[LATER_KEY] = values.get("later") == "1"
        st.session_state[POSITION_KEY] = values.get("position")


def open_position(position_id: str | None) -> None:
    """Open a position's card from the grid (None closes it)."""
    st.session_state[POSITION_KEY] = position_id
    st.session_state[SCROLL_KEY] = position_id is not None
    url.forget_notices()


sync_from_url()

st.title(view.TITLE)
st.markdown(view.INTRO)
url.show_notices()

# The controls first (they narrow the grid and the cards alike), then the grid.
left, middle, right = st.columns([1, 1, 1.1], vertical_alignment="bottom")
with left:
    issue = st.selectbox(
        "Issue",
        [ALL, *setup.issue_labels],
        format_func=lambda value: setup.issue_labels.get(value, "All issues"),
        key=ISSUE_KEY,
        on_change=url.forget_notices,
    )
with middle:
    party = st.selectbox(
        "Party",
        [ALL, *PARTIES],
        format_func=lambda value: party_label(value) or "All parties",
        key=PARTY_KEY,
        on_change=url.forget_notices,
    )
with right:
    include_later = st.toggle(
        "Include statements made after the article",
        key=LATER_KEY,
        on_change=url.forget_notices,
        help=setup.later_help,
    )
page = view.positions_page(
    setup, issue or None, party or None, include_later, st.session_state.get(POSITION_KEY)
)
url.write(page.url)
if page.grid is not None:
    positions_ui.position_grid(page.grid, open_position)
if page.opened is not None:
    scroll = st.session_state.pop(SCROLL_KEY, False)
    positions_ui.opened_card(page.opened, LINKED_PAGES, open_position, scroll)
if page.later_caption:
    st.caption(page.later_caption)

ui.outline_heading("Every issue, party by party")
positions_ui.stance_legend()
for block in page.issues:
    positions_ui.issue_block(block, LINKED_PAGES)
st.caption(view.MATRIX_SOURCES)
ui.csv_download("Download these positions (CSV)", page.csv, "positions.csv")
ui.column_notes_download("these positions", page.csv, "positions.csv", ("positions",))

if page.details is not None:
    positions_ui.position_details(page.details, LINKED_PAGES)
else:
    st.info(view.PICK_HINT, icon=":material/touch_app:")

st.header("How far apart are they?", divider="gray")
ranking = cached.positions_ranking(include_later)
notes = sticking_points(catalog, ranking)
chart_column, article_column = st.columns([3, 2])
with chart_column:
    st.markdown(view.DISTANCE_INTRO)
    st.plotly_chart(
        distance_figure(distance_chart(ranking, cached.positions_scores(include_later))),
        config={"displayModeBar": False, "scrollZoom": False},
        theme=None,
        key="positions_distance",
        alt=view.DISTANCE_ALT,
    )
    st.caption(view.DISTANCE_SOURCE)
    with st.expander("What −2 and +2 mean on each issue"):
        for scale in notes.scales:
            positions_ui.scale_line(scale)
with article_column, st.container(border=True):
    positions_ui.sticking_points(notes)
