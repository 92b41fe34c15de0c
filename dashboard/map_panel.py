"""Streamlit rendering of the map's detail panel: sourced items, groups, region and place.

Each function draws one part of a view model from :mod:`dashboard.views.map` (escaping its
plain text for Streamlit markdown); nothing here computes content.
"""

from __future__ import annotations

import streamlit as st

from dashboard.views import map as view
from dashboard.wording import markdown_text


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


def render_region_summary(region: view.RegionDetail, donbas_note: str) -> None:
    """Names, status, control figures and Russia's demand of one region.

    ``donbas_note`` compares our Donbas figure with a published estimate (plain text).
    """
    with st.container(border=True):
        st.subheader(markdown_text(region.name), anchor=False)
        st.caption(f"{markdown_text(region.name_uk)} · {markdown_text(region.kind)}")
        if region.annexation:
            render_item(region.annexation)
        else:
            st.markdown(f"**Status:** {markdown_text(region.status_text)}")
        if region.control is not None:
            figure = region.control
            st.metric(markdown_text(figure.label), figure.share_text)
            st.caption(markdown_text(figure.caption))
        else:
            st.caption("No control figures for this date.")
        if region.donbas_km2 is not None:
            st.markdown(
                f"**Rest of the Donbas still held by Ukraine:** {region.donbas_km2:,.0f} km² "
                "(Donetsk and Luhansk together)\n\n"
                ":small[Source: DeepStateMap.Live (grey zone counted as not Russian-held); "
                f"areas from Natural Earth (EPSG:3035). {markdown_text(donbas_note)}]"
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


def render_overview(panel: view.OverviewPanel) -> None:
    """What the panel shows before anything is selected."""
    with st.container(border=True):
        st.subheader(markdown_text(panel.heading), anchor=False)
        st.markdown(markdown_text(panel.prompt))
        if panel.donbas is not None:
            st.metric(panel.donbas.label, panel.donbas.value, help=panel.donbas.help)
            st.caption(markdown_text(panel.donbas.caption))
        if panel.regions:
            st.markdown("##### The regions in the story")
            st.markdown("\n".join(f"- {markdown_text(row)}" for row in panel.regions))
            st.caption(markdown_text(panel.regions_caption))
