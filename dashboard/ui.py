"""Small Streamlit helpers shared by the pages: URL state, notices, source lines.

Pages stay thin by calling these; the parsing itself lives in :mod:`dashboard.state`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from dashboard.state import Notice, Param, escape_markdown, parse_params, serialise_params

SEEDED_KEY = "_url_state_seeded"


def query_lists() -> dict[str, list[str]]:
    """Every query parameter with all its values (repeated keys included)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_notices(notices: Iterable[Notice]) -> None:
    """Show each ignored URL value as a visible, escaped warning."""
    for notice in notices:
        st.warning(escape_markdown(notice.message), icon=":material/link_off:")


def read_url_state(page: str, params: Iterable[Param]) -> dict[str, Any]:
    """Parse the URL once per page visit; show notices for what was ignored.

    Returns the parsed values on the first run of ``page`` in this session (to seed the
    widgets), and an empty dict afterwards, when the widgets are the source of truth.
    """
    params = list(params)
    seeded = st.session_state.setdefault(SEEDED_KEY, set())
    if page in seeded:
        return {}
    seeded.add(page)
    values, notices = parse_params(query_lists(), params)
    st.session_state[f"_url_notices_{page}"] = notices
    return values


def page_notices(page: str) -> list[Notice]:
    """The notices found when this page's URL was read."""
    return st.session_state.get(f"_url_notices_{page}", [])


def write_url_state(values: Mapping[str, Any], params: Iterable[Param]) -> None:
    """Replace the URL's query with the page's current state (only when it changed)."""
    query = serialise_params(values, params)
    if query_lists() != {key: [value] for key, value in query.items()}:
        st.query_params.from_dict(query)


def source_line(text: str) -> None:
    """A figure's source line, in the caption style every page uses."""
    st.caption(text)
