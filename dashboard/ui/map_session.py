"""The map page's session state in Streamlit: selection, drawn selection, chart key, date.

The pure rules (what a click selects, when the figure must be redrawn, what a link means)
live in :mod:`dashboard.views.map.selection`; this class keeps their results in
``st.session_state`` and offers the widgets' callbacks. The selection lives in its own key:
a click leaves the map figure as it is (plotly draws the clicked selection itself); a
selection made any other way (a link, the details box, the back button) or a new date is
drawn into a rebuilt figure under a new chart key, which clears the chart's own selection.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

import streamlit as st

from dashboard.ui import UrlSync
from dashboard.views import map as view

SELECTION = "map_selection"
DAY = "map_day"
CHART = "map_chart"
#: The selection drawn into the figure, and the chart key's generation (see ``redraw``).
DRAWN = "map_drawn"
GENERATION = "map_chart_generation"
PICK = "map_pick"
DATE_WIDGET = "map_date"
#: The earlier date of Russia's gains as the reader chose it (None: the default).
SINCE = "map_since"
SINCE_WIDGET = "map_since_pick"
#: The (selection, chart key) the map was last zoomed for.
ZOOMED = "map_zoomed"


class MapSession:
    """One session's map view, read from and written to the URL through ``url``."""

    def __init__(
        self,
        url: UrlSync,
        region_ids: Collection[str],
        place_ids: Collection[str],
        days: Sequence[date],
        default_day: date | None,
    ) -> None:
        self.url = url
        self.region_ids = region_ids
        self.place_ids = place_ids
        self.days = list(days)
        self.default_day = default_day

    # ----------------------------------------------------------------------- reading

    @property
    def selection(self) -> view.Selection:
        """What the reader selected."""
        return st.session_state.get(SELECTION, view.NOTHING)

    @property
    def day(self) -> date | None:
        """The date of the control map."""
        return st.session_state.get(DAY)

    @property
    def since(self) -> date | None:
        """The earlier date of Russia's gains on the map (None when none can be drawn)."""
        return view.gains_since(st.session_state.get(SINCE), self.days, self.day)

    def chart_key(self) -> str:
        """The map chart's widget key; a new generation is a fresh chart with no selection."""
        return f"{CHART}_{st.session_state.get(GENERATION, 0)}"

    # ----------------------------------------------------------------------- changing

    def redraw(self, selection: view.Selection) -> None:
        """Draw ``selection`` into the next figure and remount the chart (clearing its own)."""
        st.session_state[DRAWN] = selection
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1

    def set_selection(self, selection: view.Selection, *, drawn: bool = True) -> None:
        """Store the selection and mirror it in the "show details for" box.

        ``drawn=False`` only for a click that left the chart showing the selection itself.
        """
        st.session_state[SELECTION] = selection
        st.session_state[PICK] = selection.option
        if drawn:
            self.redraw(selection)
        self.url.forget_notices()  # the reader has moved on from the link

    def on_map_select(self) -> None:
        """A click on the map: the pure view decides what it selects and what to redraw."""
        points = view.event_points(st.session_state.get(self.chart_key()))
        selection = view.selection_from_points(
            points, self.selection, self.region_ids, self.place_ids
        )
        drawn = st.session_state.get(DRAWN, view.NOTHING)
        self.set_selection(selection, drawn=view.needs_redraw(points, selection, drawn))

    def on_pick(self) -> None:
        """The keyboard alternative to clicking the map."""
        self.set_selection(view.Selection.from_option(st.session_state.get(PICK)))

    def on_back(self) -> None:
        """Back to the overview."""
        self.set_selection(view.NOTHING)

    def on_date(self) -> None:
        """Keep the chosen date in the page's own key (widget keys vanish off the page)."""
        st.session_state[DAY] = st.session_state[DATE_WIDGET]
        self.redraw(self.selection)  # a new figure: draw the selection in
        self.url.forget_notices()

    def on_since(self) -> None:
        """Keep the chosen earlier date in the page's own key and draw it."""
        st.session_state[SINCE] = st.session_state[SINCE_WIDGET]
        self.redraw(self.selection)
        self.url.forget_notices()

    # ----------------------------------------------------------------------- the page's run

    def start(self) -> date | None:
        """Take a link on arrival, settle the date, and return it."""
        self.sync_from_url()
        if st.session_state.get(DAY) not in self.days:
            st.session_state[DAY] = self.default_day
        day = st.session_state[DAY]
        if DATE_WIDGET not in st.session_state and day is not None:
            st.session_state[DATE_WIDGET] = day
        since = self.since
        if since is not None and st.session_state.get(SINCE_WIDGET) != since:
            st.session_state[SINCE_WIDGET] = since
        return day

    def sync_from_url(self) -> None:
        """Take the view from the link on arrival: the first visit, or a link from elsewhere.

        A rerun of the page finds in the URL what it wrote there last time and changes
        nothing; any other query is a new link, parsed by :func:`dashboard.state.parse_params`.
        """
        link = self.url.arrived(seeded=SELECTION in st.session_state)
        if link is None:
            return
        values, notices = link
        selection, selection_notices = view.selection_from_url(values)
        self.url.set_notices([*notices, *selection_notices])
        st.session_state[SELECTION] = selection
        self.redraw(selection)
        wanted = values.get("date")
        st.session_state[DAY] = view.on_or_before(wanted, self.days) if wanted else self.default_day
        if st.session_state[DAY] is not None:
            st.session_state[DATE_WIDGET] = st.session_state[DAY]
        st.session_state[SINCE] = values.get("since")

    def drawn_for_chart(self) -> view.Selection:
        """The selection to draw into the figure; mirrors the selection in the details box.

        A chart that comes back without its own selection (say, after another page) gets
        the selection drawn in.
        """
        selection = self.selection
        if self.chart_key() not in st.session_state and st.session_state.get(DRAWN) != selection:
            self.redraw(selection)
        st.session_state[PICK] = selection.option
        return st.session_state[DRAWN]

    def zoom_change(self) -> view.Selection | None:
        """The selection to zoom the map to, when it (or the chart) changed since the last zoom.

        None when nothing changed, or on a first view of the overview (already framed).
        """
        current = (self.selection, self.chart_key())
        last = st.session_state.get(ZOOMED)
        st.session_state[ZOOMED] = current
        if last == current or (last is None and self.selection.empty):
            return None
        if last is not None and self.selection.empty and last[0].empty:
            return None  # a new chart of the overview is already framed
        return self.selection

    def write_to_url(self) -> None:
        """Put the view in the URL and remember it (to tell a new link from a rerun)."""
        self.url.write(view.url_values(self.selection, self.day, self.since))
