"""Small Streamlit helpers shared by the pages: URL state, notices, source lines.

Pages stay thin by calling these; the parsing itself lives in :mod:`dashboard.state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from dashboard.state import Notice, Param, parse_params, serialise_params
from dashboard.wording import markdown_text

if TYPE_CHECKING:
    from dashboard.views.timeline.page import EventCard


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


def reject_url_params(page: str) -> None:
    """For a page without settings: name every query parameter as ignored."""
    sync = UrlSync(page, [])
    sync.arrived()
    sync.show_notices()


def source_line(text: str) -> None:
    """A figure's source line, in the caption style every page uses."""
    st.caption(text)


# --------------------------------------------------------------------------- cards and links
# Streamlit layout of the timeline's and the positions' view models (texts come ready-made).


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


def event_map_link(card: EventCard, map_page: str | None, key: str) -> None:
    """The link that opens the Map page on a timeline event (nothing without a location)."""
    if card.map_link is not None:
        missing = "The map page is not available in this build."
        link = card.map_link
        link_or_note(map_page, link.label, link.query, ":material/map:", missing, key)


def event_quote_and_source(card: EventCard) -> None:
    """A timeline event's supporting quote (attributed) and its linked source."""
    if card.quote:
        st.markdown(card.quote)
    st.caption(card.source)


def event_details(
    card: EventCard, note: str, map_page: str | None, on_close: Callable[..., None]
) -> None:
    """The selected timeline event in full, with its map link and a close button."""
    with st.container(border=True, key="timeline-details"):
        st.subheader(card.title, anchor=False)
        st.markdown(card.header)
        if card.claim_note:
            st.caption(card.claim_note)
        if card.description:
            st.markdown(card.description)
        if card.who_where:
            st.markdown(card.who_where)
        st.caption(card.context)
        event_quote_and_source(card)
        event_map_link(card, map_page, "timeline-details-map")
        if note:
            st.caption(note)
        st.button(
            "Close details",
            key="timeline_close",
            on_click=on_close,
            args=(None,),
            icon=":material/close:",
        )


def event_item(
    card: EventCard, selected: bool, map_page: str | None, on_pick: Callable[..., None]
) -> None:
    """One timeline event in the list, with its details button (or a note when selected)."""
    with st.container(border=True, key=f"timeline-item-{card.event_id}"):
        st.markdown(card.header)
        st.markdown(card.summary)
        if card.who_where:
            st.markdown(card.who_where)
        event_quote_and_source(card)
        with st.container(horizontal=True, vertical_alignment="center"):
            if selected:
                st.caption("Selected: its details are above, its mark outlined on the chart.")
            else:
                st.button(
                    card.details_label,
                    key=f"timeline_pick_{card.event_id}",
                    on_click=on_pick,
                    args=(card.event_id,),
                    icon=":material/info:",
                    type="tertiary",
                    wrap=True,
                )
            event_map_link(card, map_page, f"timeline-map-{card.event_id}")


def csv_download(label: str, csv: str, file_name: str) -> None:
    """A CSV download button with the attribution line every download carries."""
    from dashboard.views import downloads

    st.download_button(label, csv, file_name=file_name, mime="text/csv", icon=":material/download:")
    st.caption(downloads.ATTRIBUTION)
