"""Streamlit helpers the pages share: URL state, notices, source lines, links, downloads.

Also our styles over the theme and headings for the page outline. Pages stay thin by
calling these; the parsing itself lives in :mod:`dashboard.state`. Each page's own drawing
of its view model is a module of this package (:mod:`.timeline`, :mod:`.positions`,
:mod:`.map_panel`, :mod:`.map_session`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.state import Notice, Param, parse_params, serialise_params
from dashboard.views import downloads
from dashboard.wording import html_text, markdown_text

#: Our CSS over the theme (caption and quote contrast); see the file's comments.
READER_CSS = Path(__file__).resolve().with_name("reader.css")


def reader_styles() -> None:
    """Send our CSS (style only: it takes no space on the page); call on every run."""
    st.html(READER_CSS)


def query_lists() -> dict[str, list[str]]:
    """Every query parameter with all its values (repeated keys included)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_notices(notices: Iterable[Notice]) -> None:
    """Show each ignored URL value as a visible, escaped warning."""
    for notice in notices:
        st.warning(markdown_text(notice.message), icon=":material/link_off:")


class UrlSync:
    """One page's link to the URL: read a link on arrival, write the view back after.

    The URL is parsed (through :func:`dashboard.state.parse_params`) when the page is first
    shown in a session and whenever the query differs from what the page itself last wrote,
    i.e. when the reader arrives through a link. Notices about ignored values are kept until
    the reader changes the view.
    """

    def __init__(self, page: str, params: Sequence[Param]) -> None:
        self.page = page
        self.params = list(params)
        self._last_query = f"_url_last_query_{page}"
        self._notices = f"_url_notices_{page}"

    def arrived(self, seeded: bool = True) -> tuple[dict[str, Any], list[Notice]] | None:
        """Parsed values and notices when a link arrived, else None.

        ``seeded`` says whether the page's own state is already in the session; when it is
        not, the URL is read even if it is what the page last wrote.
        """
        query = query_lists()
        if seeded and st.session_state.get(self._last_query) == query:
            return None
        values, notices = parse_params(query, self.params)
        self.set_notices(notices)
        return values, notices

    def write(self, values: Mapping[str, Any]) -> None:
        """Put the view in the URL (only when it changed) and remember what was written."""
        query = serialise_params(values, self.params)
        if query_lists() != {key: [value] for key, value in query.items()}:
            st.query_params.from_dict(query)
        st.session_state[self._last_query] = {key: [value] for key, value in query.items()}

    def set_notices(self, notices: Iterable[Notice]) -> None:
        """Replace the notices shown for the last link."""
        st.session_state[self._notices] = list(notices)

    def forget_notices(self) -> None:
        """The reader changed the view: the link's notices no longer apply."""
        st.session_state[self._notices] = []

    @property
    def notices(self) -> list[Notice]:
        """The notices about the last link that are still shown."""
        return st.session_state.get(self._notices, [])

    def show_notices(self) -> None:
        """Show the notices about the last link."""
        show_notices(self.notices)


def outline_heading(text: str, level: int = 2) -> None:
    """A heading for the page's outline only: screen readers list it, the screen shows nothing.

    It fills a level the visible headings skip (an h1 followed by h3s), so the outline that
    assistive technology builds from the headings stays in order (axe's heading-order rule).
    """
    st.html(f'<h{level} class="reader-outline">{html_text(text)}</h{level}>')


def reject_url_params(page: str) -> None:
    """For a page without settings: name every query parameter as ignored."""
    sync = UrlSync(page, [])
    sync.arrived()
    sync.show_notices()


def source_line(text: str) -> None:
    """A figure's source line, in the caption style every page uses."""
    st.caption(text)


def link_or_note(
    path: str | None,
    label: str,
    query: Mapping[str, str],
    icon: str,
    missing: str,
    key: str | None = None,
) -> None:
    """A link to another page (``path``) with its query, or ``missing`` when it is not built.

    ``label`` and ``missing`` are markdown; with ``key`` the link sits in a keyed container.
    """
    if path is None:
        st.caption(missing)
        return
    if key is None:
        st.page_link(path, label=label, icon=icon, query_params=dict(query))
        return
    with st.container(key=key, width="content"):
        st.page_link(path, label=label, icon=icon, query_params=dict(query))


def download_button(
    label: str,
    data: str | bytes,
    file_name: str,
    mime: str = "text/csv",
    icon: str | None = ":material/download:",
) -> None:
    """A download button whose file is made when it is clicked, not stored on every run.

    With the data itself, Streamlit stores the file under ``/media/`` and keeps it only while
    the session's current run refers to it: a rerun lets go of it when it starts, and the end
    of any session's run may then delete it. Under load the button's own check of its address,
    or a reader's click, met a 404 while the page was being redrawn. Given a function instead,
    the button holds a token; a click asks the server for the file over the websocket, the
    file is made then and fetched at once. ``on_click="ignore"``: the click does not rerun the
    page either (nothing on it depends on a download). The function and the file it makes
    outlive a redraw for a grace period (:mod:`dashboard.ui.media_grace`, installed by the app).
    """

    def content() -> str | bytes:
        return data

    st.download_button(label, content, file_name=file_name, mime=mime, icon=icon, on_click="ignore")


def csv_download(label: str, csv: str, file_name: str) -> None:
    """A CSV download button with the attribution line every download carries."""
    download_button(label, csv, file_name)
    st.caption(downloads.ATTRIBUTION)


def column_notes_download(
    what: str, data_csv: str, file_name: str, described_by: Sequence[str]
) -> None:
    """Beside a CSV download: what its columns mean, from ``data/datapackage.json``."""
    download_button(
        f"What the columns of {what} mean (CSV)",
        downloads.column_notes_csv(data_csv, described_by),
        downloads.notes_file_name(file_name),
        icon=":material/description:",
    )
