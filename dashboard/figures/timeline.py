"""Timeline figure: events on a time axis, one band (lane) per kind or party. Pure plotly.

Encoding
--------
- colour and marker symbol: the event's kind (legend);
- a point: known to the day; a bar: dated to a week, a month or a span of days;
- hollow (outlined or hatched): a claim made by one party (``claimed_by``);
- a dark ring or outline: the selected event;
- a dotted vertical line: the article's publication day.

Every data mark carries its ``event_id`` as ``customdata`` so a click can be traced back.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.style import (
    FONT_FAMILY,
    INK,
    KIND_COLOURS,
    KIND_SYMBOLS,
    NEUTRAL,
    kind_label,
)
from dashboard.views.timeline.chart import BACKGROUND_STRIP, ChartLabel, Strip, TimelineChart
from dashboard.views.timeline.layout import MARK_FOOTPRINT, footprint_days
from dashboard.wording import plotly_text

ROW_HEIGHT_PX = 17
#: Height of one tier of event labels above the lanes, in rows and in pixels.
TIER_ROWS = 1.0
LABEL_FONT_PX = 11
LABEL_INK = "#374151"
LEADER = "#9CA3AF"
BASE_HEIGHT_PX = 150
MIN_HEIGHT_PX = 280
MARKER_SIZE = 11
BAR_WIDTH = 0.7
MIN_BAR_SHARE = 1 / 3  # narrowest bar, as a share of a point mark's footprint
LANE_SHADE = "#F3F4F6"
GRID = "#E5E7EB"
HOLLOW_FILL = "#FFFFFF"
MS_PER_DAY = 86_400_000


def midday(day: date) -> datetime:
    """Noon of ``day``: a point mark sits in the middle of its day."""
    return datetime.combine(day, time(12))


def bar_extent(start: date, end: date, min_days: float) -> tuple[datetime, float]:
    """Where a bar starts and how long it is (ms); too-short bars grow around their centre."""
    days = (end - start).days + 1
    left = datetime.combine(start, time(0))
    if days < min_days:
        left -= timedelta(days=(min_days - days) / 2)
        days = min_days
    return left, days * MS_PER_DAY


def axis_of(strip: str) -> str:
    """The x axis a strip is drawn on: the talks on ``x``, the background on ``x2``."""
    return "x2" if strip == BACKGROUND_STRIP else "x"


def _point_trace(marks: list[dict], kind: str, hollow: bool, axis: str = "x") -> go.Scatter:
    colour = KIND_COLOURS.get(kind, NEUTRAL)
    symbol = KIND_SYMBOLS.get(kind, "circle") + ("-open" if hollow else "")
    return go.Scatter(
        x=[midday(mark["start"]) for mark in marks],
        y=[mark["y"] for mark in marks],
        mode="markers",
        marker={
            "symbol": symbol,
            "size": MARKER_SIZE,
            "color": colour,
            "line": {"color": colour if hollow else HOLLOW_FILL, "width": 2 if hollow else 1},
        },
        xaxis=axis,
        **_mark_options(marks, kind, hollow),
    )


def _mark_options(marks: list[dict], kind: str, hollow: bool) -> dict[str, Any]:
    """What every mark of a kind carries: its event id, hover text, name and a fixed look."""
    return {
        "customdata": [mark["event_id"] for mark in marks],
        "hovertext": [mark["hover"] for mark in marks],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "name": f"{kind_label(kind)}{' (claim)' if hollow else ''}",
        "legendgroup": kind,
        "showlegend": False,
        "unselected": {"marker": {"opacity": 1}},
        "selected": {"marker": {"opacity": 1}},
    }


def _bar_trace(
    marks: list[dict], kind: str, hollow: bool, min_days: float, axis: str = "x"
) -> go.Bar:
    colour = KIND_COLOURS.get(kind, NEUTRAL)
    extents = [bar_extent(mark["start"], mark["end"], min_days) for mark in marks]
    marker: dict = {"color": HOLLOW_FILL if hollow else colour, "line": {"color": colour}}
    marker["line"]["width"] = 2 if hollow else 0
    if hollow:
        marker["pattern"] = {"shape": "/", "fgcolor": colour, "bgcolor": HOLLOW_FILL, "size": 6}
    return go.Bar(
        orientation="h",
        base=[left for left, _ in extents],
        x=[length for _, length in extents],
        y=[mark["y"] for mark in marks],
        width=BAR_WIDTH,
        marker=marker,
        xaxis=axis,
        **_mark_options(marks, kind, hollow),
    )


def _legend_entry(name: str, marker: dict, group: str, rank: int) -> go.Scatter:
    """A legend-only trace (it draws nothing)."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker=marker,
        name=name,
        legendgroup=group,
        legendrank=rank,
        showlegend=True,
        hoverinfo="skip",
    )


def _highlight(marks: list[dict], min_days: dict[str, float]) -> list[go.BaseTraceType]:
    """Dark outlines behind the selected event's marks."""
    traces: list[go.BaseTraceType] = []
    for strip in dict.fromkeys(mark["strip"] for mark in marks):
        mine = [mark for mark in marks if mark["strip"] == strip]
        points = [mark for mark in mine if mark["point"]]
        bars = [mark for mark in mine if not mark["point"]]
        if points:
            traces.append(
                go.Scatter(
                    x=[midday(mark["start"]) for mark in points],
                    y=[mark["y"] for mark in points],
                    mode="markers",
                    marker={
                        "symbol": "circle-open",
                        "size": MARKER_SIZE + 8,
                        "color": INK,
                        "line": {"width": 3},
                    },
                    hoverinfo="skip",
                    showlegend=False,
                    name="Selected",
                    xaxis=axis_of(strip),
                )
            )
        if bars:
            extents = [bar_extent(mark["start"], mark["end"], min_days[strip]) for mark in bars]
            traces.append(
                go.Bar(
                    orientation="h",
                    base=[left for left, _ in extents],
                    x=[length for _, length in extents],
                    y=[mark["y"] for mark in bars],
                    width=BAR_WIDTH + 0.3,
                    marker={"color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 3}},
                    hoverinfo="skip",
                    showlegend=False,
                    name="Selected",
                    xaxis=axis_of(strip),
                )
            )
    return traces


def label_y(tier: int) -> float:
    """The y of a label tier's middle: tier 0 just above the first lane, higher tiers above."""
    return -0.5 - (tier + 0.5) * TIER_ROWS


def label_parts(label: ChartLabel) -> tuple[dict[str, Any], dict[str, Any]]:
    """An event's short label in its tier, and a thin leader line down to its mark.

    Both are named ``event:<id>`` so that a filter can hide them with their event.
    """
    axis = axis_of(label.strip)
    centre = datetime.combine(label.day, time(12))
    leader = {
        "type": "line",
        "xref": axis,
        "yref": "y",
        "x0": centre,
        "x1": centre,
        "y0": label.y - 0.3,
        "y1": label_y(label.tier) + TIER_ROWS * 0.35,
        "line": {"color": LEADER, "width": 1},
        "layer": "below",
        "name": f"event:{label.event_id}",
    }
    text = {
        "x": centre + timedelta(days=label.offset_days),
        "xref": axis,
        "y": label_y(label.tier),
        "yref": "y",
        "text": plotly_text(label.text),
        "showarrow": False,
        "font": {"size": LABEL_FONT_PX, "color": LABEL_INK},
        "bgcolor": "rgba(255,255,255,0.9)",
        "borderpad": 1,
        "name": f"event:{label.event_id}",
    }
    return leader, text


def strip_axis(strip: Strip, single: bool) -> dict[str, Any]:
    """The x axis of one strip: its days (with half a mark's room), domain and title."""
    pad = timedelta(days=footprint_days(strip.start, strip.end) / 2)
    axis: dict[str, Any] = {
        "type": "date",
        "range": [
            datetime.combine(strip.start, time(0)) - pad,
            datetime.combine(strip.end, time(23, 59)) + pad,
        ],
        "domain": list(strip.domain),
        "showgrid": True,
        "gridcolor": GRID,
        "fixedrange": True,
        "automargin": True,
        "ticks": "outside",
        "anchor": "y",
    }
    if not single:
        axis["title"] = {"text": plotly_text(strip.title), "font": {"size": 12}}
        axis["nticks"] = 4 if strip.key == BACKGROUND_STRIP else 8
    return axis


def timeline_figure(chart: TimelineChart) -> go.Figure:
    """Draw a :class:`~dashboard.views.timeline.chart.TimelineChart`."""
    lanes, selected, marker_day = chart.lanes, chart.selected, chart.marker_day
    strips = chart.strips or (Strip("talks", "", chart.window[0], chart.window[1], (0.0, 1.0)),)
    min_bar_days = {strip.key: strip.days * MARK_FOOTPRINT * MIN_BAR_SHARE for strip in strips}
    records = chart.marks.to_dict("records")
    for mark in records:
        mark.setdefault("strip", strips[-1].key)
    figure = go.Figure()

    chosen = [mark for mark in records if selected and mark["event_id"] == selected]
    for trace in _highlight(chosen, min_bar_days):
        figure.add_trace(trace)

    kinds = chart.kinds
    for strip in strips:
        in_strip = [mark for mark in records if mark["strip"] == strip.key]
        axis = axis_of(strip.key)
        for kind in kinds:
            of_kind = [mark for mark in in_strip if mark["kind"] == kind]
            for hollow in (False, True):
                same = [mark for mark in of_kind if bool(mark["claimed_by"]) == hollow]
                bars = [mark for mark in same if not mark["point"]]
                points = [mark for mark in same if mark["point"]]
                if bars:
                    figure.add_trace(_bar_trace(bars, kind, hollow, min_bar_days[strip.key], axis))
                if points:
                    figure.add_trace(_point_trace(points, kind, hollow, axis))

    for rank, kind in enumerate(kinds):
        marker = {
            "symbol": KIND_SYMBOLS.get(kind, "circle"),
            "size": MARKER_SIZE,
            "color": KIND_COLOURS.get(kind, NEUTRAL),
        }
        figure.add_trace(_legend_entry(kind_label(kind), marker, kind, rank))
    if any(not mark["point"] for mark in records):
        bar_key = {"symbol": "line-ew", "size": 16, "color": NEUTRAL, "line": {"width": 6}}
        figure.add_trace(_legend_entry("Bar: week, month or span", bar_key, "key", 100))
    if any(mark["claimed_by"] for mark in records):
        claim_key = {"symbol": "circle-open", "size": MARKER_SIZE, "color": NEUTRAL}
        claim_key["line"] = {"width": 2}
        figure.add_trace(_legend_entry("Hollow: claimed by one side", claim_key, "key", 101))

    rows = chart.rows
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": lane.first_row - 0.5,
            "y1": lane.first_row + lane.rows - 0.5,
            "fillcolor": LANE_SHADE,
            "line": {"width": 0},
            "layer": "below",
        }
        for index, lane in enumerate(lanes)
        if index % 2 == 1
    ]
    annotations: list[dict[str, Any]] = []
    talks = next((strip for strip in strips if strip.key != BACKGROUND_STRIP), strips[-1])
    if chart.shows_marker and marker_day is not None and talks.start <= marker_day <= talks.end:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "x0": midday(marker_day),
                "x1": midday(marker_day),
                "yref": "y",
                "y0": rows - 0.5,
                "y1": -0.5,
                "line": {"color": INK, "width": 1.5, "dash": "dot"},
            }
        )
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"color": INK, "width": 1.5, "dash": "dot"},
                name=f"{chart.marker_label} ({marker_day:%-d %b})",
                legendgroup="key",
                legendrank=102,
                showlegend=True,
                hoverinfo="skip",
            )
        )
    for label in chart.labels:
        leader, text = label_parts(label)
        shapes.append(leader)
        annotations.append(text)

    tiers = chart.label_tiers
    band = tiers * TIER_ROWS
    single = len(strips) == 1
    axes = {
        ("xaxis" if strip.key != BACKGROUND_STRIP else "xaxis2"): strip_axis(strip, single)
        for strip in strips
    }
    figure.update_layout(
        height=max(
            MIN_HEIGHT_PX,
            BASE_HEIGHT_PX + round((rows + band) * ROW_HEIGHT_PX) + (0 if single else 24),
        ),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": FONT_FAMILY, "color": INK, "size": 13},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        shapes=shapes,
        annotations=annotations,
        barmode="overlay",
        bargap=0,
        hovermode="closest",
        hoverlabel={"bgcolor": "#FFFFFF", "font": {"color": INK}, "align": "left"},
        clickmode="event+select",
        dragmode=False,
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": 12},
        },
        yaxis={
            "range": [rows - 0.5, -0.5 - band - (0.15 if tiers else 0)],
            "tickvals": [lane.centre for lane in lanes],
            "ticktext": [plotly_text(lane.label) for lane in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": True,
            "anchor": axis_of(strips[0].key),
        },
        **axes,
    )
    return figure
