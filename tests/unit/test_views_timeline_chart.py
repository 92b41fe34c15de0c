"""The timeline chart on the real data: labels, strips, lanes that follow the filters."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.summary import article_date
from dashboard.views import timeline as tl
from dashboard.views.timeline import chart as chart_view
from dashboard.views.timeline import page as view
from dashboard.views.timeline.labels import text_width
from dashboard.views.timeline.state import TimelineState

#: The key events the issue names, with the labels the chart must show.
KEY_LABELS = {
    "us_28_point_plan": "28-point draft",
    "moscow_talks_20251202": "Witkoff and Kushner in Moscow",
    "berlin_talks": "Berlin talks",
    "lavrov_irib_interview": "Lavrov's claim",
    "kupyansk_counterattack": "Kupiansk",
    "pokrovsk_capture_claim": "Pokrovsk",
    "sbu_submarine_claim": "Submarine strike",
}


@pytest.fixture(scope="module")
def setup() -> view.TimelineSetup:
    catalog = load_catalog()
    events = tl.prepare_events(catalog)
    return view.timeline_setup(events, catalog.sources, article_date(catalog).date())


def default_state(setup: view.TimelineSetup, **changes) -> TimelineState:
    return dataclasses.replace(TimelineState(*setup.default), **changes)


def chart_for(setup: view.TimelineSetup, **changes) -> chart_view.TimelineChart:
    drawn = view.timeline_page(setup, default_state(setup, **changes), []).chart
    assert drawn is not None
    return drawn


def label_boxes(drawn: chart_view.TimelineChart) -> dict[str, tuple[int, float, float]]:
    """Each label's tier and its box (pixels, at the width the chart is laid out for)."""
    boxes = {}
    for label in drawn.labels:
        strip = drawn.strip(label.strip)
        assert strip is not None
        centre = strip.px(label.day) + label.offset_days * (
            strip.px(date(2000, 1, 2)) - strip.px(date(2000, 1, 1))
        )
        width = text_width(label.text)
        boxes[label.event_id] = (label.tier, centre - width / 2, centre + width / 2)
    return boxes


def test_the_key_events_carry_their_labels(setup) -> None:
    drawn = chart_for(setup)
    labels = {label.event_id: label.text for label in drawn.labels}
    assert labels == KEY_LABELS


def test_labels_on_one_tier_never_overlap(setup) -> None:
    for changes in ({}, {"show_all": True, "start": setup.bounds[0]}, {"lanes": "party"}):
        boxes = label_boxes(chart_for(setup, **changes))
        for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
            if box_a[0] == box_b[0]:
                assert box_a[2] <= box_b[1] or box_b[2] <= box_a[1], (changes, a, b)
        assert all(
            -0.5 <= left and right <= chart_view.PLOT_PX + 0.5 for _, left, right in boxes.values()
        )


def test_the_default_view_is_framed_on_the_talks(setup) -> None:
    drawn = chart_for(setup)
    (strip,) = drawn.strips
    first = min(drawn.marks["start"])
    last = max(drawn.marks["end"])
    assert strip.start <= first and last <= strip.end
    assert strip.days < (setup.default[1] - setup.default[0]).days
    assert (first - strip.start).days == chart_view.FRAME_PAD_DAYS


def test_the_background_gets_its_own_strip_and_leaves_the_talks_as_they_were(setup) -> None:
    talks = chart_for(setup).strips[0]
    drawn = chart_for(setup, show_all=True, start=setup.bounds[0])
    background, recent = drawn.strips
    assert background.key == "background" and recent.key == "talks"
    assert (recent.start, recent.end) == (talks.start, talks.end)
    assert background.end < recent.start
    assert background.title == "Background, 2014–2022"
    early = drawn.marks[drawn.marks["strip"] == "background"]
    assert set(early["event_id"]) == {
        "crimea_annexation_2014",
        "full_scale_invasion",
        "annexation_claim_2022",
    }
    # The talks keep most of the width: the background takes a fifth.
    assert recent.domain[1] - recent.domain[0] >= 0.75


def test_a_party_filter_leaves_only_that_partys_lanes(setup) -> None:
    drawn = chart_for(setup, parties=("russia",), lanes="party")
    assert [lane.key for lane in drawn.lanes] == ["russia"]
    assert set(drawn.marks["lane"]) == {"russia"}
    two = chart_for(setup, parties=("russia", "ukraine"), lanes="party")
    assert [lane.key for lane in two.lanes] == ["russia", "ukraine"]
    every = chart_for(setup, lanes="party")
    assert "us" in {lane.key for lane in every.lanes}


def test_a_kind_filter_leaves_only_that_kinds_lane(setup) -> None:
    drawn = chart_for(setup, kinds=("strike",))
    assert [lane.key for lane in drawn.lanes] == ["strike"]


def test_same_day_statements_stack_in_one_lane(setup) -> None:
    drawn = chart_for(setup)
    statements = drawn.marks[drawn.marks["lane"] == "statement"]
    on_15_dec = statements[statements["start"] == date(2025, 12, 15)]
    assert len(on_15_dec) >= 5
    assert on_15_dec["y"].nunique() == len(on_15_dec)
    # The lane is as tall as its busiest stretch of days, not one row per statement.
    (lane,) = [lane for lane in drawn.lanes if lane.key == "statement"]
    assert lane.rows <= statements.groupby("start").size().max() + 1 < len(statements)


def test_every_hover_names_event_date_claimant_and_source(setup) -> None:
    drawn = chart_for(setup, show_all=True, start=setup.bounds[0])
    for mark in drawn.marks.to_dict("records"):
        hover = mark["hover"]
        assert hover.startswith("<b>") and "Source: " in hover
        assert mark["date_label"] in hover
        if mark["claimed_by"]:
            assert "Claimed by" in hover


def test_an_event_running_into_the_talks_is_drawn_with_them() -> None:
    from dashboard.views.timeline.layout import strip_of

    strips = [
        ("background", date(2014, 1, 1), date(2023, 1, 1)),
        ("talks", date(2025, 11, 17), date(2025, 12, 19)),
    ]
    assert strip_of(date(2022, 2, 24), strips) == "background"
    assert strip_of(date(2025, 11, 20), strips) == "talks"
    assert strip_of(date(2025, 11, 17), strips) == "talks"
    assert strip_of(date(2025, 12, 1), strips[1:]) == "talks"
