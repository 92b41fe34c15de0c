"""The timeline chart's view model: marks in lanes over a window, with their hover texts. Pure.

The figure builder (:func:`dashboard.figures.timeline.timeline_figure`) draws a
:class:`TimelineChart` and decides nothing about the data: which events, lanes, rows, the
legend's kinds and every text come from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.views.timeline.events import (
    KIND_ORDER,
    claim_label,
    day_range_label,
    default_window,
    full_window,
    overlaps,
    parties_label,
)
from dashboard.views.timeline.layout import Lane, footprint_days, lay_out
from dashboard.wording import kind_label, plotly_text

ARTICLE_MARKER = "Article published"


@dataclass(frozen=True)
class TimelineChart:
    """What the timeline figure draws.

    ``marks`` has one row per event and lane (the events frame's columns, ``lane``, its row
    ``y`` and its ``hover`` text); ``lanes`` run top to bottom; ``kinds`` are the legend's
    kinds in order; ``marker_day`` is marked with a dotted line labelled ``marker_label``.
    """

    marks: pd.DataFrame
    lanes: tuple[Lane, ...]
    window: tuple[date, date]
    kinds: tuple[str, ...]
    selected: str | None = None
    marker_day: date | None = None
    marker_label: str = ARTICLE_MARKER

    @property
    def window_days(self) -> int:
        """Days in the window, both ends included."""
        return (self.window[1] - self.window[0]).days + 1

    @property
    def footprint_days(self) -> int:
        """Whole days a point mark covers at this window's scale."""
        return footprint_days(*self.window)

    @property
    def rows(self) -> int:
        """Rows of all lanes together (at least one)."""
        return sum(lane.rows for lane in self.lanes) or 1

    @property
    def shows_marker(self) -> bool:
        """True when the marker day lies in the window."""
        return self.marker_day is not None and self.window[0] <= self.marker_day <= self.window[1]


def hover_text(mark: Mapping[str, Any]) -> str:
    """The hover box of one mark: title, date, kind, who, where, claim (all escaped)."""
    lines = [f"<b>{plotly_text(mark['title'])}</b>"]
    lines.append(f"{plotly_text(mark['date_label'])} · {plotly_text(kind_label(mark['kind']))}")
    who = parties_label(mark["parties"])
    if who:
        lines.append(f"Who: {plotly_text(who)}")
    if mark.get("place_name"):
        lines.append(f"Where: {plotly_text(mark['place_name'])}")
    if mark.get("claimed_by"):
        lines.append(f"<i>{plotly_text(claim_label(mark['claimed_by']))}</i>")
    lines.append("Click for details")
    return "<br>".join(lines)


def legend_kinds(marks: pd.DataFrame) -> tuple[str, ...]:
    """The kinds drawn, diplomacy first, then any kind outside the vocabulary by name."""
    drawn = set(marks["kind"]) if not marks.empty else set()
    return (*[kind for kind in KIND_ORDER if kind in drawn], *sorted(drawn - set(KIND_ORDER)))


def timeline_chart(
    events: pd.DataFrame,
    by: str,
    window: tuple[date, date],
    *,
    selected: str | None = None,
    marker_day: date | None = None,
    marker_label: str = ARTICLE_MARKER,
) -> TimelineChart:
    """The chart of ``events`` over ``window``, in lanes ``by`` kind or party."""
    marks, lanes = lay_out(events, by, window)
    marks = marks.assign(hover=[hover_text(mark) for mark in marks.to_dict("records")])
    start, end = sorted(window)
    return TimelineChart(
        marks=marks,
        lanes=tuple(lanes),
        window=(start, end),
        kinds=legend_kinds(marks),
        selected=selected,
        marker_day=marker_day,
        marker_label=marker_label,
    )


@dataclass(frozen=True)
class ChartPeriod:
    """A window the static site's timeline can show (``key`` names it), with its chart."""

    key: str
    label: str
    start: date
    end: date
    chart: TimelineChart


def chart_periods(events: pd.DataFrame, article_day: date) -> tuple[ChartPeriod, ...]:
    """The weeks around the talks and, when events lie outside them, the whole record.

    Each period's chart holds the events overlapping it, in lanes by kind, the article's day
    marked.
    """

    def period(key: str, label: str, window: tuple[date, date]) -> ChartPeriod:
        shown = events[overlaps(events, *window)]
        chart = timeline_chart(shown, "kind", window, marker_day=article_day)
        return ChartPeriod(key, label, window[0], window[1], chart)

    recent = default_window(article_day)
    periods = [period("recent", f"Weeks around the talks ({day_range_label(*recent)})", recent)]
    whole = full_window(events)
    if whole is not None and (whole[0] < recent[0] or whole[1] > recent[1]):
        whole = (min(whole[0], recent[0]), max(whole[1], recent[1]))
        periods.append(period("all", f"Whole record ({whole[0]:%Y}–{whole[1]:%Y})", whole))
    return tuple(periods)
