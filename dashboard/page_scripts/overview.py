"""Overview: the story in a paragraph and its key figures, each with its source line."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
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
    "Every figure names its source; see the data files for quotes and fact checks."
)

figures = control_figures(catalog, cached.control_by_region(), published) + article_figures(catalog)
columns = st.columns(len(figures)) if figures else []
for column, figure in zip(columns, figures, strict=True):
    with column, st.container(border=True):
        st.metric(figure.label, figure.value, help=figure.detail)
        st.caption(f"{figure.detail}  \n{figure.source}")
