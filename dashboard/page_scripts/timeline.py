"""Timeline: diplomacy and fighting around the talks, filterable, each event linked to the map."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.timeline import timeline_figure
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date
from dashboard.ui import timeline as timeline_ui
from dashboard.views import timeline as tl
from dashboard.views.timeline import page as view
from dashboard.views.timeline.state import TimelineState, reset_filters, state_from_link

#: The session key of each field of the reader's state (the widgets', and the selected event).
KEYS = {
    "start": "timeline_from",
    "end": "timeline_to",
    "show_all": "timeline_all",
    "parties": "timeline_party",
    "kinds": "timeline_kind",
    "text": "timeline_q",
    "lanes": "timeline_lanes",
    "event": "timeline_event",
}
CHART = "timeline_chart"
MAP_PAGE = next((spec.path for spec in PAGES if spec.file_name == "map.py"), None)

catalog = cached.catalog()
setup = view.timeline_setup(cached.timeline_events(), catalog.sources, article_date(catalog).date())
url = ui.UrlSync("timeline", setup.params)


def put(state: TimelineState) -> None:
    """Set every widget (and the selected event) from ``state``."""
    for field in fields(state):
        value = getattr(state, field.name)
        st.session_state[KEYS[field.name]] = list(value) if isinstance(value, tuple) else value


def read() -> TimelineState:
    """The reader's state, from the widgets."""
    values = {name: st.session_state[key] for name, key in KEYS.items()}
    return TimelineState(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def sync_from_url() -> None:
    """Set the widgets from the link on arrival; afterwards the page writes them to the URL."""
    link = url.arrived(seeded=all(key in st.session_state for key in KEYS.values()))
    if link is not None:
        state, order_notices = state_from_link(link[0], setup.default, setup.bounds)
        url.set_notices([*link[1], *order_notices])
        put(state)


def on_all_toggled() -> None:
    """The background switch sets the dates: everything, or back to the weeks of the talks."""
    window = setup.bounds if st.session_state[KEYS["show_all"]] else setup.default
    st.session_state[KEYS["start"]], st.session_state[KEYS["end"]] = window
    url.forget_notices()


def on_reset() -> None:
    """Back to the default view (the selected event stays)."""
    put(reset_filters(read(), setup.default))
    url.forget_notices()


def on_chart_select() -> None:
    """A click on a mark selects its event (an emptied selection keeps the current one)."""
    picked = tl.event_from_selection(st.session_state.get(CHART), set(setup.events["event_id"]))
    if picked:
        st.session_state[KEYS["event"]] = picked


def select_event(event_id: str | None) -> None:
    """Select an event from the list (None closes the details)."""
    st.session_state[KEYS["event"]] = event_id


sync_from_url()
st.title(view.TITLE)
st.markdown(view.INTRO)
url.show_notices()
timeline_ui.filter_controls(setup, KEYS, on_all_toggled, url.forget_notices)
page = view.timeline_page(setup, read(), cached.snapshot_dates())
if page.range_note:
    st.caption(page.range_note)
url.write(page.url)
st.caption(page.count_line)
ui.outline_heading("The events on a time line")
if page.chart is None:
    with st.container(border=True, key="timeline-empty"):
        st.markdown(view.EMPTY_TITLE)
        st.markdown(view.EMPTY_HINT)
        st.button("Reset the filters", key="timeline_reset", on_click=on_reset)
else:
    config = {"displayModeBar": False, "scrollZoom": False}
    timeline_ui.chart_box_style()
    with st.container(key="timeline-chart-box"):
        st.plotly_chart(
            timeline_figure(page.chart),
            key=CHART,
            on_select=on_chart_select,
            selection_mode="points",
            config=config,
            alt=page.chart_alt,
        )
    ui.source_line(page.source_line)
if page.selected is not None:
    timeline_ui.event_details(page.selected, page.selected_note, MAP_PAGE, select_event)
if page.csv:
    ui.csv_download("Download these events (CSV)", page.csv, "timeline_events.csv")
    ui.column_notes_download("these events", page.csv, "timeline_events.csv", ("events",))
    st.subheader("The events", anchor=False)
    for card in page.cards:
        timeline_ui.event_item(card, card.event_id == page.selected_id, MAP_PAGE, select_event)
