"""The exported map page: its figure and embedded data, from the map's own views.

Licence rule: DeepStateMap geometry is not openly licensed, so the exported map never draws
the control polygon (nor the Donbas remainder cut out of it, nor the front line). Each
Ukrainian unit is filled by the *share* of it under Russian control on the snapshot of the
article's date, a figure computed from DeepStateMap and committed in
``data/derived/control_by_region.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from dashboard.datasets.control import donbas_remaining_km2
from dashboard.export import preview
from dashboard.export.content import Inputs
from dashboard.figures import map_labels, maps, style
from dashboard.figures.history import control_history_figure, control_history_svg
from dashboard.figures.map_areas import UNIT_ID, UNITS_SOURCE
from dashboard.summary import donbas_comparison
from dashboard.views import map as map_view
from dashboard.wording import LONG_DATE, SHORT_DATE, STATUS_SENTENCES

#: The map's source line, written on it (and on its static preview).
MAP_CREDIT = "Shares: DeepStateMap.Live · Boundaries: Natural Earth · Places: GeoNames"
#: White (none) to Russia's party colour (all): the fill of a unit by its controlled share.
SHARE_SCALE: list[list[Any]] = [[0.0, "#FFFFFF"], [1.0, style.MAP_RUSSIAN_CONTROL]]


def share_map_figure(
    inputs: Inputs,
    units: pd.DataFrame,
    places: pd.DataFrame,
    shares: Mapping[str, float],
    donbas_km2: float | None = None,
) -> go.Figure:
    """The map page's figure with each Ukrainian unit filled by its controlled share.

    Built like the dashboard's map (:func:`dashboard.figures.maps.map_figure`: the same
    frame, names, callouts and scale bar, transparent layers on top that take the clicks)
    but without the control, Donbas, gains and front-line layers, whose geometry is
    DeepStateMap's: instead, one fill layer colours each unit by ``shares`` on
    :data:`SHARE_SCALE`, under the claimed regions' outlines and the names. The key is
    written in HTML next to the map (it wraps on a phone). ``donbas_km2`` (the committed
    figure of the day) goes into the Donbas callout.
    """
    layers = map_view.MapLayers(
        units=inputs.layers["units"],
        border_regions=inputs.layers["border_regions"],
        context=inputs.layers["context"],
        selectable=inputs.layers.get("selectable"),
    )
    day = inputs.snapshot_day
    figure = maps.map_figure(
        layers,
        units,
        places,
        selection_layers=True,
        labels=map_view.map_labels(inputs.catalog.map_labels),
        callouts=map_view.callouts(day, donbas_km2, None),
        scale=map_view.scale_bar(),
    )
    map_style = figure.layout.map.style
    # Each unit's share, looked up by its id in the style's shared copy of the units.
    share_of: list = ["match", UNIT_ID]
    for region_id, share in sorted(shares.items()):
        share_of += [region_id, round(float(share), 4)]
    share_of.append(0)
    ramp = ["interpolate", ["linear"], share_of, 0, SHARE_SCALE[0][1], 1, SHARE_SCALE[1][1]]
    share_layer = {
        "id": "area-shares",
        "type": "fill",
        "source": UNITS_SOURCE,
        "paint": {"fill-color": ramp, "fill-outline-color": style.MAP_STATUS_LINES["other"][0]},
    }
    # The share fill covers every unit: it takes the place of the status fills, under the
    # claimed regions' outlines.
    status_fills = [
        index
        for index, layer in enumerate(map_style["layers"])
        if layer.get("source") == UNITS_SOURCE and layer["type"] == "fill"
    ]
    map_style["layers"] = [
        layer for index, layer in enumerate(map_style["layers"]) if index not in status_fills
    ]
    map_style["layers"].insert(status_fills[0], share_layer)
    figure.update_layout(
        map={"style": map_style},
        height=None,
        autosize=True,
        annotations=[
            {
                **annotation.to_plotly_json(),
                "text": MAP_CREDIT,
            }
            for annotation in figure.layout.annotations
        ],
    )
    return figure


def _item(item: map_view.Item) -> dict[str, Any]:
    return {
        "label": item.label,
        "heading": item.heading,
        "body": item.body,
        "when": item.when,
        "source": item.source,
        "quote": item.quote,
        "checks": [_item(check) for check in item.checks],
    }


def _section(
    title: str,
    empty: str,
    items: Iterable[map_view.Item | None] = (),
    groups: Iterable[map_view.Group] = (),
) -> dict[str, Any]:
    return {
        "title": title,
        "empty": empty,
        "items": [_item(item) for item in items if item is not None],
        "groups": [
            {"title": group.title, "items": [_item(item) for item in group.items]}
            for group in groups
        ],
    }


def region_payload(detail: map_view.RegionDetail, donbas_note: str = "") -> dict[str, Any]:
    """A region's detail panel as plain data for the page's script (rendered as text).

    ``donbas_note`` sets the Donbas figure beside a published estimate.
    """
    facts = [{"text": f"Status: {detail.status_text}", "source": ""}]
    if detail.control is not None:
        figure = detail.control
        facts.append(
            {
                "text": f"Under Russian control on {figure.day:{SHORT_DATE}}: {figure.share_text} "
                f"({figure.russian_km2:,.0f} of {figure.region_km2:,.0f} km²; "
                f"{figure.ukrainian_km2:,.0f} km² held by Ukraine)",
                "source": "DeepStateMap.Live (grey zone excluded); areas from Natural Earth "
                "(EPSG:3035)",
            }
        )
    else:
        facts.append({"text": "No control figures for this date.", "source": ""})
    if detail.donbas_km2 is not None:
        facts.append(
            {
                "text": f"Rest of the Donbas still held by Ukraine: {detail.donbas_km2:,.0f} km² "
                "(Donetsk and Luhansk together)",
                "source": map_view.DONBAS_SOURCE,
            }
        )
        if donbas_note:
            facts.append({"text": donbas_note, "source": ""})
    if not detail.in_regions_table:
        facts.append({"text": "The article does not discuss this region.", "source": ""})
    return {
        "kind": map_view.REGION,
        "id": detail.region_id,
        "title": detail.name,
        "subtitle": " · ".join(part for part in (detail.name_uk, detail.kind) if part),
        "facts": facts,
        "sections": [
            _section("Annexation claim", "", [detail.annexation]),
            _section("What Russia demands", "", [detail.demand]),
            _section("In the story", "", [detail.statement]),
            _section(
                f"What each side says about {detail.name}",
                "No party's position on record names this region.",
                groups=detail.positions,
            ),
            _section(
                f"Events in {detail.name}", "No event on record took place here.", detail.events
            ),
            _section("Fact checks", "No fact check is about this region.", detail.fact_checks),
        ],
    }


def place_payload(detail: map_view.PlaceDetail) -> dict[str, Any]:
    """A place's detail panel (who claims what about it) as plain data."""
    local = detail.name_local if detail.name_local and detail.name_local != detail.name else ""
    return {
        "kind": map_view.PLACE,
        "id": detail.place_id,
        "title": detail.name,
        "subtitle": " · ".join(part for part in (local, detail.kind, detail.where) if part),
        "facts": [
            {
                "text": f"Location {detail.lat:.3f}° N, {detail.lon:.3f}° E",
                "source": detail.location_source,
            }
        ],
        "sections": [
            _section("In the story", "", [detail.statement]),
            _section(
                f"Who claims what about {detail.name}",
                "No claim about this place is on record.",
                groups=detail.claims,
            ),
            _section(f"Positions on {detail.name}", "", groups=detail.positions),
            _section(
                "Fact checks", "No fact check is about this place itself.", detail.fact_checks
            ),
        ],
    }


@dataclass(frozen=True)
class MapContent:
    """The map page: its figures, the details of every region and place, the tables."""

    figure: go.Figure
    history_figure: go.Figure
    details: dict[str, dict[str, Any]]
    options: dict[str, str]
    unit_rows: list[dict[str, Any]]
    place_rows: list[dict[str, Any]]
    history_rows: list[dict[str, Any]]
    snapshot_day: date | None
    #: Static SVG previews of the two figures (:mod:`dashboard.export.preview`): the page
    #: shows them until the reader asks for the interactive map.
    preview: Markup = field(default_factory=Markup)
    history_preview: Markup = field(default_factory=Markup)
    #: How the interactive map opens on a phone and keeps its names inside its edges
    #: (:func:`narrow_framing`).
    narrow: dict[str, Any] = field(default_factory=dict)


#: The previews' accessible names.
PREVIEW_TITLE = (
    "Map of eastern and southern Ukraine: each region shaded by the share of it under "
    "Russian control on {when}, the regions Russia claims outlined, the places in the "
    "article marked (static picture; the table below holds the same figures)"
)
HISTORY_TITLE = (
    "Line chart: km² of Ukraine under Russian control since 2022, the article's date marked "
    "(static picture; the data table below holds the same figures)"
)


def map_preview(
    inputs: Inputs,
    units: pd.DataFrame,
    places: pd.DataFrame,
    figures: Mapping[str, Any],
    donbas_km2: float | None,
) -> Markup:
    """The map's static preview: the same shares, names and callouts as its figure."""
    day = inputs.snapshot_day
    regions = [
        preview.Region(
            region_id=row["region_id"],
            name=row["name"],
            share=figures[row["region_id"]].share if row["region_id"] in figures else None,
            share_text=figures[row["region_id"]].share_text
            if row["region_id"] in figures
            else "no figure for",
            status=row["status"],
            option=map_view.Selection(map_view.REGION, row["region_id"]).option,
        )
        for _, row in units.iterrows()
    ]
    points = [
        preview.Place(
            name=row["name"],
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            option=map_view.Selection(map_view.PLACE, row["place_id"]).option,
        )
        for _, row in places.iterrows()
    ]
    when = f"{day:{LONG_DATE}}" if day else "the article's date"
    drawn = (
        inputs.layers,
        regions,
        points,
        map_view.map_labels(inputs.catalog.map_labels),
        map_view.callouts(day, donbas_km2, None),
        map_view.scale_bar(),
        (SHARE_SCALE[0][1], SHARE_SCALE[1][1]),
        PREVIEW_TITLE.format(when=when),
    )
    # the desktop's, a phone's and a tablet's (the stylesheet shows one)
    return Markup("").join(
        [
            preview.map_svg(*drawn),
            *(
                preview.map_svg(*drawn, element_id=narrow.element_id, narrow=narrow)
                for narrow in preview.NARROW_PREVIEWS
            ),
        ]
    )


def map_content(inputs: Inputs) -> MapContent:
    """Build the map page's figures and data from the map views."""
    catalog, control = inputs.catalog, inputs.control
    day = inputs.snapshot_day
    figures = map_view.control_figures(control, day, inputs.catalog.regions)
    units_geo = inputs.layers["units"]
    units = map_view.unit_table(units_geo, catalog.regions, figures)
    places = map_view.place_table(catalog.places, catalog.sources)
    shares = {region_id: figure.share for region_id, figure in figures.items()}
    try:
        donbas_km2 = donbas_remaining_km2(day, control) if day else None
    except KeyError:
        donbas_km2 = None
    figure = share_map_figure(inputs, units, places, shares, donbas_km2)
    details: dict[str, dict[str, Any]] = {}
    for region_id in units["region_id"]:
        detail = map_view.region_detail(catalog, region_id, units_geo, figures, donbas_km2)
        details[map_view.Selection(map_view.REGION, region_id).option] = region_payload(
            detail, donbas_comparison(catalog)
        )
    names = map_view.region_names(units)
    for place_id in places["place_id"]:
        detail = map_view.place_detail(catalog, place_id, names)
        details[map_view.Selection(map_view.PLACE, place_id).option] = place_payload(detail)
    options = map_view.pick_options(units, places, catalog.regions)
    regions = catalog.regions.set_index("region_id")
    unit_rows = []
    for _, unit in units.iterrows():
        control_figure = figures.get(unit["region_id"])
        unit_rows.append(
            {
                "option": map_view.Selection(map_view.REGION, unit["region_id"]).option,
                "name": unit["name"],
                "name_uk": unit["name_uk"],
                "status": STATUS_SENTENCES.get(unit["status"], "").rstrip("."),
                "in_article": bool(
                    unit["region_id"] in regions.index
                    and regions.loc[unit["region_id"], "in_article"]
                ),
                "share": control_figure.share if control_figure else None,
                "share_text": control_figure.share_text if control_figure else "no figure",
                "russian_km2": control_figure.russian_km2 if control_figure else None,
                "region_km2": control_figure.region_km2 if control_figure else None,
            }
        )
    unit_rows.sort(key=lambda row: (-(row["share"] or 0), row["name"]))
    place_rows = [
        {
            "option": map_view.Selection(map_view.PLACE, row["place_id"]).option,
            "name": row["name"],
            "subtitle": details[map_view.Selection(map_view.PLACE, row["place_id"]).option][
                "subtitle"
            ],
            "lat": row["lat"],
            "lon": row["lon"],
        }
        for _, row in places.sort_values("name").iterrows()
    ]
    history = inputs.history
    history_figure = control_history_figure(history, inputs.article_day, day)
    history_figure.update_layout(height=None, autosize=True, template="plotly_white")
    monthly = history[history["frequency"] == "monthly"].sort_values("date")
    history_rows = [
        {"date": f"{row['date']:%B %Y}", "km2": f"{row['russian_km2']:,.0f}"}
        for _, row in monthly.iterrows()
    ]
    if day is not None:
        on_day = history[history["date"] == pd.Timestamp(day)]
        if not on_day.empty:
            history_rows.append(
                {
                    "date": f"{day:{LONG_DATE}} (map date)",
                    "km2": f"{on_day['russian_km2'].iloc[0]:,.0f}",
                }
            )
    return MapContent(
        preview=map_preview(inputs, units, places, figures, donbas_km2),
        history_preview=control_history_svg(
            history, inputs.article_day, day, HISTORY_TITLE, preview.HISTORY_SIZES
        ),
        figure=figure,
        history_figure=history_figure,
        details=details,
        options=options,
        unit_rows=unit_rows,
        place_rows=place_rows,
        history_rows=history_rows,
        snapshot_day=day,
        narrow=narrow_framing(inputs, donbas_km2),
    )


def narrow_framing(inputs: Inputs, donbas_km2: float | None) -> dict[str, Any]:
    """What ``site.js`` needs to open the interactive map as the dashboard's map opens.

    ``frame`` is the figure's own (west, south, east, north): a map too narrow to show the
    dashboard's narrow view at the zoom the frame's height sets (a phone) opens on that view
    instead (``window.mapFit.overviewBox``). ``labels`` and ``callouts`` say where the map
    writes its names and its callouts (``label_extents``, ``callout_extents``), so that
    ``fitLabels`` and ``fitCallouts`` keep them inside the map's edges.
    """
    return {
        "frame": list(maps.MAP_FRAME),
        "labels": map_labels.label_extents(map_view.map_labels(inputs.catalog.map_labels)),
        "callouts": map_labels.callout_extents(
            map_view.callouts(inputs.snapshot_day, donbas_km2, None)
        ),
    }
