"""Overview: the story in one sentence, the map of what is at stake, the key figures.

Wiring only: the words come from :mod:`dashboard.views.overview`, the map from the map page's
own cached figure and key. A click on the map opens the Map page on what was clicked.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.maps import MAP_FRAME
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date
from dashboard.ui import map_panel as panel
from dashboard.views import map as map_view
from dashboard.views.overview import overview_page
from dashboard.wording import markdown_text

FIGURES_PER_ROW = 3

catalog = cached.catalog()
page = overview_page(catalog, cached.control_by_region())
pages = {spec.url_path: spec for spec in PAGES}
ui.reject_url_params("overview")

st.title(page.title)
st.markdown(markdown_text(page.story))

days = map_view.snapshot_days(cached.control_by_region())
day = map_view.on_or_before(article_date(catalog).date(), days)
has_layer = day is not None and day in set(cached.snapshot_dates())
has_layer = has_layer and cached.control_layer_readable(day)
since = map_view.gains_since(None, days, day)
map_page = cached.map_page(day, has_layer, bool(cached.snapshot_dates()))
clicked = st.plotly_chart(
    cached.map_figure(day, "", has_layer, since),
    on_select="rerun",
    selection_mode="points",
    key="overview_map",
    theme=None,
    config={"scrollZoom": False, "displaylogo": False},
    alt=page.map_alt,
)
panel.load_map_library()
panel.frame_narrow_map(
    MAP_FRAME, "", cached.map_label_extents(), cached.map_callout_extents(day, has_layer, since)
)
points = map_view.event_points(clicked)
if points and "map" in pages:
    regions = set(map_view.region_names(cached.map_tables(day).units))
    chosen = map_view.selection_from_points(
        points, map_view.NOTHING, regions, set(catalog.places["place_id"])
    )
    if not chosen.empty:
        link = {key: value for key, value in map_view.url_values(chosen, None).items() if value}
        st.switch_page(pages["map"].path, query_params=link)
panel.render_legend(cached.map_legend(day, has_layer, since))
ui.source_line(
    markdown_text(page.story_source) + "  \n" + markdown_text(map_page.map_source) + "  \n"
    "Click a region or a place to open it on the Map page."
)

if not page.figures:
    st.info(page.empty_note)
for start in range(0, len(page.figures), FIGURES_PER_ROW):
    row = page.figures[start : start + FIGURES_PER_ROW]
    for column, figure in zip(st.columns(FIGURES_PER_ROW), row, strict=False):
        with column, st.container(border=True):
            st.metric(figure.label, figure.value)
            st.caption(f"{figure.detail}  \n{figure.source}")
st.caption(markdown_text(page.based_on))

st.header("Explore")
for url_path, label in page.explore:
    if url_path in pages:
        st.page_link(pages[url_path].path, label=label, icon=pages[url_path].icon)
