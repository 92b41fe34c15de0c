"""Entry point: ``streamlit run dashboard/app.py`` serves the dashboard.

This file is the server, not a page: ``streamlit run`` finds the ``st.App`` below and serves
it. Every session runs ``dashboard/main.py`` (page config and navigation), with our
middleware in front of Streamlit's own. Unlike anything the script does (it first runs when
a reader has connected), the middleware is in place before the server answers its first
request. ``streamlit run dashboard/main.py`` serves the same pages without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.ui.backend_base_url import BackendBaseUrl

#: Every page's HTML names the server's root, so the frontend does not first ask the page's
#: own path for it, a 404 in the browser's console (see the module).
app = st.App(Path(__file__).with_name("main.py"), middleware=[Middleware(BackendBaseUrl)])
