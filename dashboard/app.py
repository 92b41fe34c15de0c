"""Entry point: ``streamlit run dashboard/app.py``. Page config and navigation only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.datasets.schema import DataError
from dashboard.page_scripts import PAGES
from dashboard.state import escape_markdown

st.set_page_config(
    page_title="Russia–Ukraine peace talks, December 2025",
    page_icon=str(Path(__file__).resolve().parent / "assets" / "favicon.png"),
    layout="wide",
)

navigation = st.navigation(
    [
        st.Page(
            page.path,
            title=page.title,
            icon=page.icon,
            url_path=page.url_path,
            default=page.default,
        )
        for page in PAGES
    ]
)
try:
    navigation.run()
except DataError as error:
    st.error(
        f"**The dashboard's data could not be loaded.** {escape_markdown(str(error))}\n\n"
        "An editor needs to fix that file and rebuild; nothing else was changed.",
        icon=":material/error:",
    )
