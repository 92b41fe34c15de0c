"""Overview: the story in a paragraph and its key figures, each with its source line."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date, article_figures, control_figures, source_name

catalog = cached.catalog()
published = article_date(catalog)

st.title("Russia–Ukraine peace talks: what is at stake")
st.markdown(
    "In mid-December 2025 US negotiators met Ukrainian and European leaders in Berlin, "
    "and Moscow said Washington accepted that Ukraine would give up land. This dashboard "
    "sets what each side wants beside the map of who holds what, and the days of "
    "diplomacy and fighting around the talks."
)
st.caption(
    f"Based on {source_name(catalog, 'article')}, published {published:%-d %B %Y}. "
    "Every figure names its source; the Sources page lists them all, with the fact checks."
)

FIGURES_PER_ROW = 3
EXPLORE = (
    ("map", "Map: who holds what, and what Russia demands"),
    ("timeline", "Timeline: talks, statements and fighting, day by day"),
    ("positions", "Positions: what each side wants, issue by issue"),
    ("sources", "Sources, fact checks and methodology"),
)

ui.reject_url_params("overview")

figures = control_figures(catalog, cached.control_by_region(), published) + article_figures(catalog)
if not figures:
    st.info("No key figures: the data tables are empty.")
for start in range(0, len(figures), FIGURES_PER_ROW):
    row = figures[start : start + FIGURES_PER_ROW]
    for column, figure in zip(st.columns(FIGURES_PER_ROW), row, strict=False):
        with column, st.container(border=True):
            st.metric(figure.label, figure.value)
            st.caption(f"{figure.detail}  \n{figure.source}")

st.subheader("Explore")
pages = {spec.url_path: spec for spec in PAGES}
for url_path, label in EXPLORE:
    if url_path in pages:
        st.page_link(pages[url_path].path, label=label, icon=pages[url_path].icon)
