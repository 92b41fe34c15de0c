"""Timeline figure: marks by kind, bars for imprecise dates, hollow claims, a legend."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from dashboard.figures import style
from dashboard.figures import timeline as fig_tl
from dashboard.views import timeline as tl
from dashboard.views.timeline.chart import hover_text, timeline_chart
from tests.unit.test_views_timeline import build_events

WINDOW = (date(2025, 11, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    events = build_events(tmp_path_factory.mktemp("timeline_figure") / "data")
    return tl.filter_events(events, tl.TimelineFilter(*WINDOW))


def draw(shown: pd.DataFrame, by: str = "kind", **kwargs):
    return fig_tl.timeline_figure(timeline_chart(shown, by, WINDOW, **kwargs))


def data_traces(figure) -> list:
    return [trace for trace in figure.data if trace.customdata is not None]


def trace_of(figure, event_id: str):
    (found,) = [trace for trace in data_traces(figure) if event_id in list(trace.customdata)]
    return found


def test_every_event_is_one_clickable_mark(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    drawn = [event_id for trace in data_traces(figure) for event_id in trace.customdata]
    assert sorted(drawn) == sorted(shown["event_id"])


def test_day_events_are_points_and_imprecise_ones_bars(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    assert trace_of(figure, "berlin_meeting").type == "scatter"
    assert trace_of(figure, "kupyansk_claim").type == "bar"
    assert trace_of(figure, "november_statement").type == "bar"
    strike = trace_of(figure, "strike_range")
    assert strike.type == "bar"
    # 12–14 December: three whole days from midnight on the 12th.
    assert strike.x[0] == 3 * fig_tl.MS_PER_DAY
    assert pd.Timestamp(strike.base[0]) == pd.Timestamp("2025-12-12")
    month = trace_of(figure, "november_statement")
    assert month.x[0] == 30 * fig_tl.MS_PER_DAY


def test_points_sit_at_midday(shown: pd.DataFrame) -> None:
    meeting = trace_of(draw(shown), "berlin_meeting")
    assert pd.Timestamp(meeting.x[0]) == pd.Timestamp("2025-12-15 12:00")


def test_colours_and_symbols_follow_the_kind(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    meeting = trace_of(figure, "berlin_meeting")
    assert meeting.marker.color == style.KIND_COLOURS["talks"]
    assert meeting.marker.symbol == style.KIND_SYMBOLS["talks"]
    visit = trace_of(figure, "nobody_visit")
    assert visit.marker.color == style.KIND_COLOURS["visit"]


def test_claims_are_hollow_and_say_who_claims(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    claim = trace_of(figure, "kupyansk_claim")
    assert claim.marker.color == fig_tl.HOLLOW_FILL
    assert claim.marker.line.color == style.KIND_COLOURS["battlefield"]
    assert claim.marker.pattern.shape == "/"
    assert "Claimed by Russia" in claim.hovertext[0]
    plain = trace_of(figure, "strike_range")
    assert plain.marker.color == style.KIND_COLOURS["strike"]
    assert "Claimed" not in plain.hovertext[0]


def test_claimed_point_uses_the_open_symbol() -> None:
    mark = {
        "event_id": "e",
        "start": date(2025, 12, 1),
        "end": date(2025, 12, 1),
        "y": 0,
        "title": "t",
        "date_label": "1 Dec 2025",
        "kind": "strike",
        "parties": ("russia",),
        "place_name": "",
        "claimed_by": "russia",
    }
    trace = fig_tl._point_trace([{**mark, "hover": hover_text(mark)}], "strike", hollow=True)
    assert trace.marker.symbol == "star-open"


def test_legend_explains_every_colour_and_the_marks(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    legend = [trace.name for trace in figure.data if trace.showlegend]
    assert legend == [
        "Talks",
        "Statement",
        "Visit",
        "Battlefield",
        "Strike",
        "Bar: week, month or span",
        "Hollow: claimed by one side",
    ]
    colours = {trace.marker.color for trace in figure.data if trace.showlegend}
    drawn = {style.KIND_COLOURS[kind] for kind in shown["kind"]}
    assert drawn <= colours


def test_no_claim_key_without_claims(shown: pd.DataFrame) -> None:
    figure = draw(shown[shown["claimed_by"] == ""])
    names = [trace.name for trace in figure.data if trace.showlegend]
    assert "Hollow: claimed by one side" not in names


def test_hover_text_is_escaped(shown: pd.DataFrame) -> None:
    hostile = shown.copy()
    hostile.loc[hostile["event_id"] == "berlin_meeting", "title"] = "<img src=x onerror=alert(1)>"
    trace = trace_of(draw(hostile), "berlin_meeting")
    assert "<img" not in trace.hovertext[0]
    assert "&lt;img" in trace.hovertext[0]


def test_lanes_become_axis_labels_top_down(shown: pd.DataFrame) -> None:
    figure = draw(shown)
    assert list(figure.layout.yaxis.ticktext) == [
        "Talks",
        "Statement",
        "Visit",
        "Battlefield",
        "Strike",
    ]
    low, high = figure.layout.yaxis.range
    assert low > high  # first lane on top


def test_lanes_by_party(shown: pd.DataFrame) -> None:
    figure = draw(shown, by="party")
    assert list(figure.layout.yaxis.ticktext)[:2] == ["United States", "Russia"]


def test_the_axis_is_framed_on_the_events_with_room_for_the_marks(shown: pd.DataFrame) -> None:
    first, last = draw(shown).layout.xaxis.range
    # The events run from 1 Nov (a month) to 15 Dec: framed with three days' room after the
    # last (never before the window's first day), 48 days, so marks are 2 days wide and
    # one day of room is left at each end.
    assert pd.Timestamp(first) == pd.Timestamp("2025-10-31")
    assert pd.Timestamp(last).date() == date(2025, 12, 19)


def test_selected_event_is_outlined(shown: pd.DataFrame) -> None:
    plain = draw(shown)
    chosen = draw(shown, selected="berlin_meeting")
    assert len(chosen.data) == len(plain.data) + 1
    ring = chosen.data[0]
    assert ring.name == "Selected" and ring.hoverinfo == "skip"
    assert pd.Timestamp(ring.x[0]) == pd.Timestamp("2025-12-15 12:00")
    bar = draw(shown, selected="kupyansk_claim").data[0]
    assert bar.type == "bar" and bar.marker.line.color == style.INK


def is_article_line(shape) -> bool:
    """The article day's dotted line (the labels' leader lines are solid)."""
    return shape.type == "line" and shape.line.dash == "dot"


def test_article_day_is_marked_inside_the_window(shown: pd.DataFrame) -> None:
    figure = draw(shown, marker_day=date(2025, 12, 16))
    (line,) = [shape for shape in figure.layout.shapes if is_article_line(shape)]
    assert pd.Timestamp(line.x0) == pd.Timestamp("2025-12-16 12:00")
    legend = [trace.name for trace in figure.data if trace.showlegend]
    assert legend[-1] == "Article published (16 Dec)"
    outside = draw(shown, marker_day=date(2026, 3, 1))
    assert not [shape for shape in outside.layout.shapes if is_article_line(shape)]
    assert "Article published" not in " ".join(trace.name for trace in outside.data)


def test_short_bars_grow_around_their_centre() -> None:
    left, length = fig_tl.bar_extent(date(2025, 12, 1), date(2025, 12, 1), min_days=5)
    assert left == datetime(2025, 11, 29)
    assert length == 5 * fig_tl.MS_PER_DAY
    left, length = fig_tl.bar_extent(date(2025, 12, 1), date(2025, 12, 7), min_days=5)
    assert (left, length) == (datetime(2025, 12, 1), 7 * fig_tl.MS_PER_DAY)


def test_height_grows_with_rows(shown: pd.DataFrame) -> None:
    small = draw(shown.head(1)).layout.height
    large = draw(shown, by="party").layout.height
    assert small == fig_tl.MIN_HEIGHT_PX
    assert large >= small
