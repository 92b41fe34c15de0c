"""Map: who holds what on a date, what Russia claims and demands, and who says what where.

Thin page: widgets, layout and calls. The map, the details box and the panel are one
fragment (:func:`map_and_details`): a click or a pick reruns only that, not the date control,
the history chart or the downloads. The selection lives in its own session key. A click
leaves the map figure as it is (plotly draws the clicked selection itself, so Streamlit
neither resends nor remounts the ~250 KB figure); a selection made any other way (a link,
the details box, the back button) or a new date is drawn into a rebuilt figure under a new
chart key, which clears the chart's own selection. Logic is in :mod:`dashboard.views.map`,
figures in :mod:`dashboard.figures.maps`.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import cached, ui
from dashboard.figures.maps import feature_ids
from dashboard.summary import article_date, donbas_comparison
from dashboard.views import downloads
from dashboard.views import map as view
from dashboard.wording import markdown_text

SELECTION = "map_selection"
DAY = "map_day"
CHART = "map_chart"
#: The selection drawn into the figure, and the chart key's generation (see set_selection).
DRAWN = "map_drawn"
GENERATION = "map_chart_generation"
PICK = "map_pick"
DATE_WIDGET = "map_date"
FETCH_COMMAND = (
    "python -m dashboard.build fetch --from 2025-11-01 --to 2026-01-31 "
    "--source-dir ../shared/geo/deepstate/daily"
)


# --------------------------------------------------------------------------- rendering


def item_markdown(item: view.Item, show_label: bool = True) -> str:
    """One sourced item as markdown: who says it, what, when, the quote and the source."""
    heading = f"**{markdown_text(item.heading)}**"
    if item.when:
        heading = f"{markdown_text(item.when)} · {heading}"
    if show_label and item.label:
        heading = f":gray-badge[{markdown_text(item.label)}] {heading}"
    blocks = [heading]
    if item.body:
        blocks.append(markdown_text(item.body))
    if item.quote:
        blocks.append(f"> “{markdown_text(item.quote)}”")
    credit = [markdown_text(item.meta)] if item.meta else []
    if item.dating:
        credit.append(f"Date: {markdown_text(item.dating)}")
    if item.source:
        credit.append(f"Source: {markdown_text(item.source)}")
    if credit:
        blocks.append("  \n".join(f":small[{line}]" for line in credit))
    for check in item.checks:
        blocks.append(
            f":small[:material/fact_check: **Fact check. {markdown_text(check.heading)}** "
            f"{markdown_text(check.body)} ({markdown_text(check.source)})]"
        )
    return "\n\n".join(blocks)


def render_item(item: view.Item, show_label: bool = True) -> None:
    """One sourced item (a single markdown element: a click redraws few elements)."""
    st.markdown(item_markdown(item, show_label))


def render_items(items: tuple[view.Item, ...] | list[view.Item], empty: str) -> None:
    """Items separated by thin rules, or a sentence when there are none."""
    if not items:
        st.caption(empty)
        return
    st.markdown("\n\n---\n\n".join(item_markdown(item) for item in items))


def render_groups(groups: tuple[view.Group, ...], empty: str) -> None:
    """Groups side by side (stacked on a phone), one column each."""
    if not groups:
        st.caption(empty)
        return
    for row_start in range(0, len(groups), 3):
        row = groups[row_start : row_start + 3]
        for column, group in zip(st.columns(len(row)), row, strict=True):
            with column, st.container(border=True):
                items = "\n\n---\n\n".join(item_markdown(item) for item in group.items)
                st.markdown(
                    f"##### {markdown_text(group.title)}\n\n{items or 'Nothing on record.'}"
                )


def back_button(selection: view.Selection) -> None:
    """The explicit way back to the overview (clicking the shape again also works).

    Always there, under the details box, and disabled in the overview: the reader finds it
    in one place, and the button's code is loaded before the first click needs it.
    """
    st.button(
        "Back to overview",
        icon=":material/arrow_back:",
        on_click=on_back,
        key="map_back",
        disabled=selection.empty,
        help="Clear the selection (or click the selected shape again).",
    )


def render_region_summary(region: view.RegionDetail) -> None:
    """Names, status, control figures and Russia's demand of one region."""
    with st.container(border=True):
        st.subheader(markdown_text(region.name), anchor=False)
        st.caption(f"{markdown_text(region.name_uk)} · {markdown_text(region.kind)}")
        if region.annexation:
            render_item(region.annexation)
        else:
            st.markdown(f"**Status:** {markdown_text(region.status_text)}")
        if region.control is not None:
            figure = region.control
            st.metric(
                f"Under Russian control on {figure.day:%-d %b %Y}",
                figure.share_text,
            )
            st.caption(
                f"{figure.russian_km2:,.0f} of {figure.region_km2:,.0f} km²; "
                f"{figure.ukrainian_km2:,.0f} km² held by Ukraine. Source: DeepStateMap.Live "
                "(grey zone excluded); areas from Natural Earth (EPSG:3035)."
            )
        else:
            st.caption("No control figures for this date.")
        if region.donbas_km2 is not None:
            st.markdown(
                f"**Rest of the Donbas still held by Ukraine:** {region.donbas_km2:,.0f} km² "
                "(Donetsk and Luhansk together)\n\n"
                ":small[Source: DeepStateMap.Live (grey zone counted as not Russian-held); "
                f"areas from Natural Earth (EPSG:3035). {donbas_note}]"
            )
        if region.demand:
            st.markdown(f"##### What Russia demands\n\n{item_markdown(region.demand)}")
        if region.statement:
            st.markdown(
                f"##### In the story\n\n{item_markdown(region.statement, show_label=False)}"
            )
        if not region.in_regions_table:
            st.caption("The article does not discuss this region.")


def render_region_lists(region: view.RegionDetail) -> None:
    """Positions, events and fact checks about one region (full width)."""
    st.subheader(
        f"What each side says about {markdown_text(region.name)}", anchor=False, divider="gray"
    )
    render_groups(region.positions, "No party's position on record names this region.")
    st.subheader(f"Events in {markdown_text(region.name)}", anchor=False, divider="gray")
    render_items(region.events, "No event on record took place here.")
    st.subheader("Fact checks", anchor=False, divider="gray")
    render_items(region.fact_checks, "No fact check is about this region.")


def render_place_summary(place: view.PlaceDetail) -> None:
    """Names, kind, location and the article's statement of one place."""
    with st.container(border=True):
        st.subheader(markdown_text(place.name), anchor=False)
        local = f"{markdown_text(place.name_local)} · " if place.name_local != place.name else ""
        st.caption(f"{local}{markdown_text(place.kind)} · {markdown_text(place.where)}")
        if place.statement:
            render_item(place.statement, show_label=False)
        st.caption(
            f"Location {place.lat:.3f}° N, {place.lon:.3f}° E. "
            f"Source: {markdown_text(place.location_source)}."
        )
        if not place.claims:
            st.caption("No event on record took place here.")


def render_place_lists(place: view.PlaceDetail) -> None:
    """Who claims what about one place, side by side; positions and fact checks."""
    st.subheader(f"Who claims what about {markdown_text(place.name)}", anchor=False, divider="gray")
    render_groups(place.claims, "No claim about this place is on record.")
    if place.positions:
        st.subheader(f"Positions on {markdown_text(place.name)}", anchor=False, divider="gray")
        render_groups(place.positions, "")
    st.subheader("Fact checks", anchor=False, divider="gray")
    render_items(place.fact_checks, "No fact check is about this place itself.")


def render_overview(tables: view.MapTables) -> None:
    """What the panel shows before anything is selected."""
    with st.container(border=True):
        st.subheader("Nothing selected", anchor=False)
        st.markdown(
            "Click a region or a black place marker on the map, or pick one from the list, for "
            "its names, status, control figures, what each side says and what happened "
            "there."
        )
        day, donbas_km2 = tables.day, tables.donbas_km2
        if donbas_km2 is not None:
            st.metric(
                "Donbas held by Ukraine",
                f"{donbas_km2:,.0f} km²",
                help="Ukrainian-held area of Donetsk and Luhansk oblasts: the land Russia "
                "demands Ukraine withdraw from.",
            )
            st.caption(
                "The rest of the Donbas still held by Ukraine"
                + (f" on {day:%-d %b %Y}" if day else "")
                + ", which Russia demands. Source: DeepStateMap.Live; areas from Natural "
                f"Earth (EPSG:3035). {donbas_note}"
            )
        if tables.overview:
            st.markdown("##### The regions in the story")
            st.markdown("\n".join(f"- {markdown_text(row)}" for row in tables.overview))
            st.caption(
                "Shares of each region under Russian control"
                + (f" on {day:%-d %b %Y}" if day else "")
                + ". Source: DeepStateMap.Live; areas from Natural Earth (EPSG:3035); "
                "annexation dates from the sources in the panel."
            )


# --------------------------------------------------------------------------- data

catalog = cached.catalog()
#: Our Donbas figure beside a published estimate (shown wherever the figure is).
donbas_note = markdown_text(donbas_comparison(catalog))
control = cached.control_by_region()
layers = cached.map_base_layers()
days = view.snapshot_days(control)
published = article_date(catalog).date()
default_day = view.on_or_before(published, days)
units_geo = layers["units"]
region_ids = set(feature_ids(units_geo)) | set(catalog.regions["region_id"])
place_ids = set(catalog.places["place_id"])
url = ui.UrlSync(
    "map",
    view.url_params(
        sorted(region_ids),
        sorted(place_ids),
        days[0] if days else published,
        days[-1] if days else published,
    ),
)

# --------------------------------------------------------------------------- state


def chart_key() -> str:
    """The map chart's widget key; a new generation is a fresh chart with no selection."""
    return f"{CHART}_{st.session_state.get(GENERATION, 0)}"


def redraw(selection: view.Selection) -> None:
    """Draw ``selection`` into the next figure and remount the chart (clearing its own)."""
    st.session_state[DRAWN] = selection
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def set_selection(selection: view.Selection, *, drawn: bool = True) -> None:
    """Store the selection and mirror it in the "show details for" box.

    ``drawn=False`` only for a click that left the chart showing the selection itself.
    """
    st.session_state[SELECTION] = selection
    st.session_state[PICK] = selection.option
    if drawn:
        redraw(selection)
    url.forget_notices()  # the reader has moved on from the link


def on_map_select() -> None:
    """A click on the map: the pure view decides what it selects and what to redraw."""
    points = view.event_points(st.session_state.get(chart_key()))
    current = st.session_state.get(SELECTION, view.NOTHING)
    selection = view.selection_from_points(points, current, region_ids, place_ids)
    drawn = st.session_state.get(DRAWN, view.NOTHING)
    set_selection(selection, drawn=view.needs_redraw(points, selection, drawn))


def on_pick() -> None:
    """The keyboard alternative to clicking the map."""
    set_selection(view.Selection.from_option(st.session_state.get(PICK)))


def on_back() -> None:
    """Back to the overview."""
    set_selection(view.NOTHING)


def on_date() -> None:
    """Keep the chosen date in the page's own key (widget keys vanish off the page)."""
    st.session_state[DAY] = st.session_state[DATE_WIDGET]
    redraw(st.session_state.get(SELECTION, view.NOTHING))  # a new figure: draw it in
    url.forget_notices()


def sync_from_url() -> None:
    """Take the view from the link on arrival: the first visit, or a link from another page.

    A rerun of the page finds in the URL what it wrote there last time and changes nothing;
    any other query is a new link, parsed through :func:`dashboard.state.parse_params`.
    """
    link = url.arrived(seeded=SELECTION in st.session_state)
    if link is None:
        return
    values, notices = link
    selection, selection_notices = view.selection_from_url(values)
    url.set_notices([*notices, *selection_notices])
    st.session_state[SELECTION] = selection
    redraw(selection)
    wanted = values.get("date")
    st.session_state[DAY] = view.on_or_before(wanted, days) if wanted else default_day
    if st.session_state[DAY] is not None:
        st.session_state[DATE_WIDGET] = st.session_state[DAY]


def write_to_url(selection: view.Selection, day: date | None) -> None:
    """Put the view in the URL and remember it (to tell a new link from a rerun)."""
    values = view.url_values(selection, day)
    url.write(values)


sync_from_url()
if st.session_state.get(DAY) not in days:
    st.session_state[DAY] = default_day
day: date | None = st.session_state[DAY]
if DATE_WIDGET not in st.session_state and day is not None:
    st.session_state[DATE_WIDGET] = day


@st.fragment
def map_and_details(day: date | None, tables: view.MapTables, has_layer: bool) -> None:
    """The map, the details box and the panel: a click reruns only this part of the page.

    The date and its history chart sit above, outside: a new date reruns the whole page
    (and this with it), a click on the map or a pick in the box reruns only this.
    """
    url.show_notices()
    selection: view.Selection = st.session_state[SELECTION]
    if chart_key() not in st.session_state and st.session_state.get(DRAWN) != selection:
        # The chart comes back without its own selection (say, after another page): draw it.
        redraw(selection)
    drawn: view.Selection = st.session_state[DRAWN]
    st.session_state[PICK] = selection.option
    figure = cached.map_figure(day, drawn.option, has_layer)
    options = tables.options

    map_column, detail_column = st.columns([3, 2], gap="medium")
    with map_column:
        st.plotly_chart(
            figure,
            on_select=on_map_select,
            selection_mode="points",
            key=chart_key(),
            theme=None,
            config={"scrollZoom": False, "displaylogo": False},
            alt="Map of Ukraine's regions: those Russia claims to have annexed, the area under "
            "Russian control"
            + (f" on {day:%-d %B %Y}" if day else "")
            + ", the rest of the Donbas Ukraine still holds, and the places in the story. The "
            "list beside the map offers the same regions and places.",
        )
        ui.source_line(
            "Sources: area under Russian control from DeepStateMap.Live (snapshot of "
            + (f"{day:%-d %B %Y}" if day else "—")
            + f"); boundaries from Natural Earth; place locations from "
            f"{markdown_text(tables.place_credit)}; claimed annexations and demands from "
            "the sources "
            "named in the panel. A thick outline or a ring marks what is selected; click it "
            "again to clear it."
        )

    with detail_column:
        st.selectbox(
            "Show details for",
            options=list(options),
            format_func=lambda option: options.get(option, option),
            key=PICK,
            on_change=on_pick,
            help="The same as clicking a region or a place on the map.",
        )
        back_button(selection)
        if selection.region:
            region = cached.map_region_detail(selection.region, day)
            render_region_summary(region)
        elif selection.place:
            place = cached.map_place_detail(selection.place)
            render_place_summary(place)
        else:
            render_overview(tables)

    if selection.region:
        render_region_lists(region)
    elif selection.place:
        render_place_lists(place)
    write_to_url(selection, day)


# --------------------------------------------------------------------------- page

st.title("Map: who holds what")
st.markdown(
    "Russia claims four Ukrainian regions annexed in 2022 and Crimea in 2014, and demands "
    "that Ukraine leave the rest of the Donbas — the part of Donetsk and Luhansk it still "
    "holds. Click a region or a place on the map, or pick one from the list, to see what "
    "each side says about it."
)

snapshot_cached = set(cached.snapshot_dates())
has_layer = day is not None and day in snapshot_cached and cached.control_layer_readable(day)
tables = cached.map_tables(day)

# The date control beside its history chart, then the map beside its details (the fragment):
# on a desktop the map is in view at once, on a phone everything stacks in that order.
date_column, history_column = st.columns([3, 2], gap="medium")
with date_column:
    if days:
        st.select_slider(
            "Date of the control map",
            options=days,
            key=DATE_WIDGET,
            on_change=on_date,
            format_func=lambda value: f"{value:%-d %b %Y}",
            help="Daily DeepStateMap snapshots around the talks. The default is the "
            "article's date.",
        )
    showing = (
        f"Showing {day:%-d %B %Y}; the article was published on {published:%-d %B %Y}. "
        if day is not None
        else ""
    )
    # The chart's source line and its text equivalent, beside it (the chart stays short).
    ui.source_line(
        f"{showing}The chart shows the km² of Ukraine under Russian control since 2022, with "
        f"a dot on the map's date. In words: {markdown_text(cached.map_history_summary(day))} "
        "Source: DeepStateMap.Live; areas from Natural Earth (EPSG:3035)."
    )
    if not snapshot_cached:
        st.info(
            "The area under Russian control is not drawn: no DeepStateMap snapshots are in "
            "the local cache. Run `make snapshots` (or `" + FETCH_COMMAND + "`) and reload "
            "the page. The figures come from the committed data and are shown anyway.",
            icon=":material/layers_clear:",
        )
    elif not has_layer and day is not None:
        st.info(
            f"No DeepStateMap snapshot of {day:%-d %B %Y} is in the local cache, so the "
            "control layer is not drawn for that date. Run `make snapshots` to fetch it.",
            icon=":material/layers_clear:",
        )
with history_column:
    st.plotly_chart(
        cached.control_history_figure(published, day),
        theme=None,
        config={"displayModeBar": False},
        key="map_history",
        alt="Line chart: square kilometres of Ukraine under Russian control since 2022, "
        "with the article's date marked.",
    )

map_and_details(day, tables, has_layer)

st.subheader("Take the data", divider="gray")
if day is not None:
    st.download_button(
        f"Russian-controlled area by region, {day:%-d %b %Y} (CSV)",
        cached.map_control_csv(day),
        file_name=f"control_by_region_{day:%Y%m%d}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
st.download_button(
    "Km² under Russian control over time, the chart's figures (CSV)",
    cached.map_history_csv(),
    file_name="control_history.csv",
    mime="text/csv",
    icon=":material/download:",
)
st.download_button(
    "Ukraine's regions (GeoJSON, Natural Earth, public domain)",
    cached.map_units_geojson(),
    file_name="ukraine_admin1.geojson",
    mime="application/geo+json",
    icon=":material/download:",
)
st.caption(
    "The figures are computed from DeepStateMap.Live (© DeepStateUA) and credited to it; "
    "its map itself is not openly licensed, so the control area is not offered as a file. "
    + downloads.ATTRIBUTION
)
