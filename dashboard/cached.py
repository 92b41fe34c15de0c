"""The only home of Streamlit caching: every page reads its data through these functions."""

from __future__ import annotations

import streamlit as st

from dashboard.datasets.catalog import Catalog, load_catalog


@st.cache_data(show_spinner="Loading the data tables…")
def catalog() -> Catalog:
    """All curated tables, validated (a DataError propagates to the page)."""
    return load_catalog()
