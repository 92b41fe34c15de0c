"""Map: who holds what on a date, what Russia claims and demands, and who says what where.

Wiring only. The view model comes from :mod:`dashboard.views.map` (through the cache), the
figures from :mod:`dashboard.figures.maps`, the panel's rendering from
:mod:`dashboard.map_panel` and the session state from :mod:`dashboard.map_session`. The map,
the details box and the panel are one fragment (:func:`map_and_details`): a click or a pick
reruns only that, not the date control, the history chart or the downloads.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.maps import MAP_FRAME
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date, donbas_comparison
from dashboard.ui import deal as deal_ui
from dashboard.ui import map_panel as panel
from dashboard.ui.map_session import PICK, MapSession
from dashboard.views import map as view
from dashboard.wording import markdown_text

catalog = cached.catalog()
LINKED_PAGES = {spec.url_path: spec.path for spec in PAGES}
#: Our Donbas figure beside a published estimate (shown wherever the figure is).
donbas_note = donbas_comparison(catalog)
days = view.snapshot_days(cached.control_by_region())
published = article_date(catalog).date()
region_ids = cached.map_unit_ids() | set(catalog.regions["region_id"])
place_ids = set(catalog.places["place_id"])
first, last = (days[0], days[-1]) if days else (published, published)
url = ui.UrlSync("map", view.url_params(sorted(region_ids), sorted(place_ids), first, last))
session = MapSession(url, region_ids, place_ids, days, view.on_or_before(published, days))
day = session.start()


@st.fragment
def map_and_details(page: view.MapPage, tables: view.MapTables, has_layer: bool) -> None:
    """The map, then the details box and the panel: a click reruns only this part of the page.

    The date controls and the history chart sit below, outside: a new date reruns the whole
    page (and this with it), a click on the map or a pick in the box reruns only this.
    """
    url.show_notices()
    selection = session.selection
    drawn = session.drawn_for_chart()
    options = tables.options
    st.plotly_chart(
        cached.map_figure(page.day, drawn.option, has_layer, session.since),
        on_select=session.on_map_select,
        selection_mode="points",
        key=session.chart_key(),
        theme=None,
        config={"scrollZoom": False, "displaylogo": False},
        alt=page.map_alt,
    )
    panel.zoom_on_click(cached.map_zoom_targets(), MAP_FRAME, selection.option, session.chart_key())
    panel.frame_narrow_map(
        MAP_FRAME,
        selection.option,
        cached.map_label_extents(),
        cached.map_callout_extents(page.day, has_layer, session.since),
    )
    zoom = session.zoom_change()
    if zoom is not None:
        panel.zoom_to(cached.map_selection_bounds(zoom.option), MAP_FRAME, scroll=not zoom.empty)
    panel.render_legend(cached.map_legend(page.day, has_layer, session.since))
    ui.source_line(markdown_text(page.map_source))
    details = st.container(key="map-details")
    pick_column, summary_column = details.columns([2, 3], gap="medium")
    with pick_column:
        st.selectbox(
            "Show details for",
            options=list(options),
            format_func=lambda option: options.get(option, option),
            key=PICK,
            on_change=session.on_pick,
            help="The same as clicking a region or a place on the map.",
        )
        # Always there and disabled in the overview: the reader finds it in one place, and
        # the button's code is loaded before the first click needs it.
        st.button(
            "Back to overview",
            icon=":material/arrow_back:",
            on_click=session.on_back,
            key="map_back",
            disabled=selection.empty,
            help="Clear the selection (or click the selected shape again).",
        )
    with summary_column:
        if selection.region:
            region = cached.map_region_detail(selection.region, page.day)
            panel.render_region_summary(region, donbas_note)
            stakes, stakes_day = cached.region_stakes(selection.region, page.day)
            deal_ui.region_stakes(stakes, stakes_day, LINKED_PAGES.get("deal"))
        elif selection.place:
            place = cached.map_place_detail(selection.place)
            panel.render_place_summary(place)
        else:
            panel.render_overview(page.overview, LINKED_PAGES.get("deal"))
    if selection.region:
        panel.render_region_lists(region)
    elif selection.place:
        panel.render_place_lists(place)
    session.write_to_url()


snapshot_cached = set(cached.snapshot_dates())
has_layer = day is not None and day in snapshot_cached and cached.control_layer_readable(day)
tables = cached.map_tables(day)
page = cached.map_page(day, has_layer, bool(snapshot_cached))
st.title(page.title)
st.markdown(markdown_text(page.intro))

# The map first, with its details under it (the fragment); then the dates and the history.
ui.outline_heading("The map and the details of what is selected")
map_and_details(page, tables, has_layer)
# Once per page, not in the fragment (its scripts wait for it); after the map, taking no room
# above it.
panel.load_map_library()

panel.render_dates(
    page,
    view.gains_since_options(days, day),
    cached.control_history_svg(published, day, page.history_alt),
    on_date=session.on_date,
    on_since=session.on_since,
)

panel.render_downloads(page, lambda key: cached.map_download(key, day), cached.map_column_notes)
