"""The timeline chart's view model: marks in lanes over a window, with their hover texts. Pure.

The figure builder (:func:`dashboard.figures.timeline.timeline_figure`) draws a
:class:`TimelineChart` and decides nothing about the data: which events, lanes, rows, the
legend's kinds and every text come from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
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
from dashboard.views.timeline.labels import LabelBox, place_labels, text_width
from dashboard.views.timeline.layout import Lane, footprint_days, lay_out
from dashboard.wording import kind_label, plotly_text

ARTICLE_MARKER = "Article published"
#: The width (pixels) the chart's plot area is laid out for: the desktop page gives it more,
#: and on a phone the chart keeps this width and scrolls sideways, so labels placed for it
#: never collide.
PLOT_PX = 640
#: Share of the plot's width the background strip takes when the chart has two strips.
BACKGROUND_SHARE = 0.2
#: Gap between the two strips, as a share of the plot's width.
STRIP_GAP = 0.05
#: Days of room around the events the talks strip is framed on, and its narrowest span.
FRAME_PAD_DAYS = 3
FRAME_MIN_DAYS = 21
TALKS_STRIP = "talks"
BACKGROUND_STRIP = "background"


@dataclass(frozen=True)
class Strip:
    """A stretch of time drawn on its own scale.

    Its key, title, first and last day shown, and its share of the plot's width (``domain``).
    """

    key: str
    title: str
    start: date
    end: date
    domain: tuple[float, float]

    @property
    def days(self) -> int:
        """Days shown, both ends included."""
        return (self.end - self.start).days + 1

    def px(self, day: date, plot_px: float = PLOT_PX) -> float:
        """Where the middle of ``day`` falls, in pixels from the plot's left edge."""
        share = ((day - self.start).days + 0.5) / self.days
        low, high = self.domain
        return (low + share * (high - low)) * plot_px

    def day_at(self, px: float, plot_px: float = PLOT_PX) -> float:
        """The inverse of :meth:`px`: days after ``start`` (fractional) at ``px``."""
        low, high = self.domain
        return (px / plot_px - low) / (high - low) * self.days - 0.5


@dataclass(frozen=True)
class ChartLabel:
    """A short label over an event's mark: its text, where its mark is and its tier.

    ``offset_days`` moves the text off the mark (days, fractional) when the label had to
    shift to stay inside its strip; ``y`` is the mark's row the leader line starts from.
    """

    event_id: str
    text: str
    strip: str
    day: date
    offset_days: float
    tier: int
    y: float


@dataclass(frozen=True)
class TimelineChart:
    """What the timeline figure draws.

    ``marks`` has one row per event and lane (the events frame's columns, ``lane``, its row
    ``y``, its ``strip`` and its ``hover`` text); ``lanes`` run top to bottom; ``kinds`` are
    the legend's kinds in order; ``marker_day`` is marked with a dotted line labelled
    ``marker_label``. ``strips`` are the stretches of time drawn each on its own scale (the
    weeks of the talks; the background before them); ``labels`` name the key events.
    """

    marks: pd.DataFrame
    lanes: tuple[Lane, ...]
    window: tuple[date, date]
    kinds: tuple[str, ...]
    selected: str | None = None
    marker_day: date | None = None
    marker_label: str = ARTICLE_MARKER
    strips: tuple[Strip, ...] = ()
    labels: tuple[ChartLabel, ...] = ()

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
    def label_tiers(self) -> int:
        """Tiers of labels above the lanes (0 without labels)."""
        return max((label.tier for label in self.labels), default=-1) + 1

    @property
    def shows_marker(self) -> bool:
        """True when the marker day lies in the window."""
        return self.marker_day is not None and self.window[0] <= self.marker_day <= self.window[1]

    def strip(self, key: str) -> Strip | None:
        """The strip called ``key`` (None when the chart does not have it)."""
        return next((strip for strip in self.strips if strip.key == key), None)


def hover_text(mark: Mapping[str, Any]) -> str:
    """The hover box of one mark: title, date, kind, who, where, claim, source (escaped)."""
    lines = [f"<b>{plotly_text(mark['title'])}</b>"]
    lines.append(f"{plotly_text(mark['date_label'])} · {plotly_text(kind_label(mark['kind']))}")
    who = parties_label(mark["parties"])
    if who:
        lines.append(f"Who: {plotly_text(who)}")
    if mark.get("place_name"):
        lines.append(f"Where: {plotly_text(mark['place_name'])}")
    if mark.get("claimed_by"):
        lines.append(f"<i>{plotly_text(claim_label(mark['claimed_by']))}</i>")
    if mark.get("source_name"):
        lines.append(f"Source: {plotly_text(mark['source_name'])}")
    lines.append("Click for details")
    return "<br>".join(lines)


def legend_kinds(marks: pd.DataFrame) -> tuple[str, ...]:
    """The kinds drawn, diplomacy first, then any kind outside the vocabulary by name."""
    drawn = set(marks["kind"]) if not marks.empty else set()
    return (*[kind for kind in KIND_ORDER if kind in drawn], *sorted(drawn - set(KIND_ORDER)))


def framed(starts: pd.Series, ends: pd.Series, window: tuple[date, date]) -> tuple[date, date]:
    """The days a strip shows: its events with a little room, within ``window``.

    At least :data:`FRAME_MIN_DAYS` wide (grown evenly, then kept inside the window).
    """
    low, high = window
    if starts.empty:
        return window
    first = max(low, min(starts) - timedelta(days=FRAME_PAD_DAYS))
    last = min(high, max(ends) + timedelta(days=FRAME_PAD_DAYS))
    missing = FRAME_MIN_DAYS - ((last - first).days + 1)
    if missing > 0:
        first = max(low, first - timedelta(days=missing // 2))
        last = min(high, first + timedelta(days=FRAME_MIN_DAYS - 1))
        first = max(low, last - timedelta(days=FRAME_MIN_DAYS - 1))
    return first, last


def background_frame(starts: pd.Series, ends: pd.Series) -> tuple[date, date]:
    """The background strip's days: its events with a twentieth of their span either side."""
    first, last = min(starts), max(ends)
    pad = timedelta(days=max(30, (last - first).days // 20))
    return first - pad, last + pad


def chart_strips(
    events: pd.DataFrame, window: tuple[date, date], talks: tuple[date, date] | None
) -> tuple[Strip, ...]:
    """One strip framed on the events; two when some lie before the weeks of the ``talks``.

    The talks strip is framed on the events from the talks' first day on, whatever the
    window, so the background never compresses the talks.
    """
    start, end = window
    if events.empty:
        return (Strip(TALKS_STRIP, "", start, end, (0.0, 1.0)),)
    early = events["end"] < talks[0] if talks is not None else events["end"] < start
    recent = events[~early]
    if talks is None or not early.any() or recent.empty:
        first, last = framed(events["start"], events["end"], window)
        return (Strip(TALKS_STRIP, "", first, last, (0.0, 1.0)),)
    background = events[early]
    back_first, back_last = background_frame(background["start"], background["end"])
    first, last = framed(recent["start"], recent["end"], (max(start, talks[0]), end))
    return (
        Strip(
            BACKGROUND_STRIP,
            f"Background, {min(background['start']).year}–{max(background['end']).year}",
            back_first,
            back_last,
            (0.0, BACKGROUND_SHARE),
        ),
        Strip(
            TALKS_STRIP,
            f"The talks, {day_range_label(first, last)}",
            first,
            last,
            (BACKGROUND_SHARE + STRIP_GAP, 1.0),
        ),
    )


def chart_labels(marks: pd.DataFrame, strips: tuple[Strip, ...]) -> tuple[ChartLabel, ...]:
    """The key events' labels, placed in tiers so that no two overlap (:func:`place_labels`)."""
    if marks.empty or "chart_label" not in marks:
        return ()
    named = marks[marks["chart_label"].astype(bool)]
    top = named.sort_values("y").drop_duplicates("event_id")
    labels: list[ChartLabel] = []
    for strip in strips:
        mine = top[top["strip"] == strip.key]
        middles = {
            row["event_id"]: row["start"] + (row["end"] - row["start"]) / 2
            for row in mine.to_dict("records")
        }
        boxes = [
            LabelBox(event_id, strip.px(middles[event_id]), text_width(text))
            for event_id, text in zip(mine["event_id"], mine["chart_label"], strict=True)
        ]
        low, high = strip.domain
        placed = place_labels(boxes, low * PLOT_PX, high * PLOT_PX)
        rows = mine.set_index("event_id")
        for label in placed:
            day = middles[label.key]
            offset = strip.day_at(label.centre) - strip.day_at(strip.px(day))
            labels.append(
                ChartLabel(
                    event_id=label.key,
                    text=str(rows.loc[label.key, "chart_label"]),
                    strip=strip.key,
                    day=day,
                    offset_days=round(offset, 3),
                    tier=label.tier,
                    y=float(rows.loc[label.key, "y"]),
                )
            )
    return tuple(labels)


def timeline_chart(
    events: pd.DataFrame,
    by: str,
    window: tuple[date, date],
    *,
    selected: str | None = None,
    marker_day: date | None = None,
    marker_label: str = ARTICLE_MARKER,
    parties: tuple[str, ...] = (),
    talks: tuple[date, date] | None = None,
) -> TimelineChart:
    """The chart of ``events`` over ``window``, in lanes ``by`` kind or party.

    ``parties`` (the party filter) keeps the party lanes to those parties; ``talks`` (the
    weeks of the talks) splits off the earlier events into a background strip of their own.
    """
    start, end = sorted(window)
    strips = chart_strips(events, (start, end), talks)
    marks, lanes = lay_out(
        events,
        by,
        (start, end),
        only=parties,
        strips=[(strip.key, strip.start, strip.end) for strip in strips],
    )
    marks = marks.assign(hover=[hover_text(mark) for mark in marks.to_dict("records")])
    return TimelineChart(
        marks=marks,
        lanes=tuple(lanes),
        window=(start, end),
        kinds=legend_kinds(marks),
        selected=selected,
        marker_day=marker_day,
        marker_label=marker_label,
        strips=strips,
        labels=chart_labels(marks, strips),
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
        chart = timeline_chart(
            shown, "kind", window, marker_day=article_day, talks=default_window(article_day)
        )
        return ChartPeriod(key, label, window[0], window[1], chart)

    recent = default_window(article_day)
    periods = [period("recent", f"Weeks around the talks ({day_range_label(*recent)})", recent)]
    whole = full_window(events)
    if whole is not None and (whole[0] < recent[0] or whole[1] > recent[1]):
        whole = (min(whole[0], recent[0]), max(whole[1], recent[1]))
        periods.append(period("all", f"Whole record ({whole[0]:%Y}–{whole[1]:%Y})", whole))
    return tuple(periods)
