"""The script every session runs: page config and navigation only.

Served by ``dashboard/app.py`` (``streamlit run dashboard/app.py``), which adds the server's
middleware; ``streamlit run dashboard/main.py`` serves it without.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import streamlit as st

# Streamlit puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.datasets.schema import DataError
from dashboard.page_scripts import PAGES
from dashboard.ui import media_grace, reader_styles
from dashboard.ui.map_panel import hold_map_paint
from dashboard.wording import markdown_text

# Files behind the download buttons outlive a redraw beside other readers' runs (see there).
media_grace.install()

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"
#: Sent once per session: the browser keeps the page config across reruns and pages, and
#: sent again it would reset the tab icon on every rerun.
PAGE_CONFIG_SENT = "_page_config_sent"
if not st.session_state.get(PAGE_CONFIG_SENT):
    st.set_page_config(
        page_title="Russia–Ukraine peace talks, December 2025",
        # A data URL: a file path would be served as a media file, which the browser fetched
        # again after every rerun (~50 ms a click) and which the next run removed.
        page_icon="data:image/png;base64," + base64.b64encode(FAVICON.read_bytes()).decode(),
        layout="wide",
    )
    st.session_state[PAGE_CONFIG_SENT] = True

reader_styles()
# Before any page's chart: a new map paints once it has its data (see there).
hold_map_paint()
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
        f"**The dashboard's data could not be loaded.** {markdown_text(str(error))}\n\n"
        "An editor needs to fix that file and rebuild; nothing else was changed.",
        icon=":material/error:",
    )
