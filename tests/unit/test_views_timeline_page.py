"""The timeline's view model: link state, the page for a state, event cards, chart periods."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.views import timeline as tl
from dashboard.views.timeline import chart, page
from dashboard.views.timeline.state import (
    TimelineState,
    background_window,
    reset_filters,
    state_from_link,
)
from tests.unit.minimal_data import write_minimal_data, write_table
from tests.unit.test_views_timeline import BASE, EXTRA_EVENTS

ARTICLE_DAY = date(2025, 12, 16)
SNAPSHOTS = [date(2025, 11, 1), date(2025, 12, 31)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> page.TimelineSetup:
    folder = tmp_path_factory.mktemp("timeline_page") / "data"
    write_minimal_data(folder)
    write_table(folder / "events.csv", [BASE, *EXTRA_EVENTS])
    catalog = load_catalog(folder)
    return page.timeline_setup(tl.prepare_events(catalog), catalog.sources, ARTICLE_DAY)


def default_state(setup: page.TimelineSetup, **changes) -> TimelineState:
    return TimelineState(*setup.default, **changes)


def test_setup_knows_the_window_the_bounds_and_the_controls(setup):
    assert setup.default == (date(2025, 11, 1), date(2025, 12, 31))
    assert setup.bounds == (date(2014, 3, 18), date(2025, 12, 31))
    assert setup.background_label == "Full background since 2014"
    assert "18 March 2014" in setup.background_help
    assert "kupyansk_claim" in setup.details_labels
    assert list(setup.kinds) == [kind for kind in tl.KIND_ORDER if kind in set(setup.kinds)]


def test_a_link_with_dates_in_the_wrong_order_falls_back_with_a_notice(setup):
    values = {"from": date(2025, 12, 20), "to": date(2025, 11, 5), "party": ["russia"]}
    state, notices = state_from_link(values, setup.default, setup.bounds)
    assert (state.start, state.end) == setup.default
    assert state.parties == ("russia",)
    assert [notice.param for notice in notices] == ["from/to"]


def test_a_link_for_everything_opens_the_bounds_and_keeps_the_event(setup):
    state, notices = state_from_link(
        {"all": True, "event": "crimea_2014", "lanes": "party"}, setup.default, setup.bounds
    )
    assert notices == []
    assert (state.start, state.end) == setup.bounds
    assert state.show_all and state.event == "crimea_2014" and state.lanes == "party"


def test_reset_keeps_the_lanes_and_the_selected_event(setup):
    busy = TimelineState(
        date(2014, 1, 1), date(2015, 1, 1), True, ("us",), ("talks",), "x", "party", "e"
    )
    assert reset_filters(busy, setup.default) == default_state(setup, lanes="party", event="e")
    assert background_window(True, setup.default, setup.bounds) == setup.bounds
    assert background_window(False, setup.default, setup.bounds) == setup.default


def test_the_default_page_counts_draws_and_lists_the_matching_events(setup):
    shown = page.timeline_page(setup, default_state(setup), SNAPSHOTS)
    ids = [card.event_id for card in shown.cards]
    assert "crimea_2014" not in ids and "kupyansk_claim" in ids
    assert shown.count_line.startswith(f"{len(ids)} of {len(setup.events)} events between ")
    assert shown.chart is not None and set(shown.chart.marks["event_id"]) == set(ids)
    assert "lanes by kind of event" in shown.chart_alt
    assert shown.source_line.startswith("Sources: ")
    assert shown.range_note == "" and shown.selected is None
    assert shown.url == {
        "party": [],
        "kind": [],
        "q": "",
        "event": None,
        "all": None,
        "lanes": None,
        "from": None,
        "to": None,
    }
    assert shown.csv.splitlines()[0].startswith("event_id,")


def test_swapped_dates_are_shown_in_order_with_a_note(setup):
    state = TimelineState(date(2025, 12, 31), date(2025, 11, 1))
    shown = page.timeline_page(setup, state, SNAPSHOTS)
    assert shown.wanted.start < shown.wanted.end
    assert shown.range_note == "“From” is after “To”: showing 1 Nov 2025 – 31 Dec 2025."


def test_no_match_gives_no_chart_no_download_and_no_cards(setup):
    shown = page.timeline_page(setup, default_state(setup, text="nothing like this"), SNAPSHOTS)
    assert shown.chart is None and shown.cards == () and shown.csv == ""
    assert shown.count_line.startswith("0 of ")


def test_a_selected_event_outside_the_filters_is_still_detailed_with_a_note(setup):
    shown = page.timeline_page(setup, default_state(setup, event="crimea_2014"), SNAPSHOTS)
    assert shown.selected is not None and shown.selected_id == "crimea_2014"
    assert shown.selected_note == page.OUTSIDE_FILTERS
    inside = page.timeline_page(setup, default_state(setup, event="kupyansk_claim"), SNAPSHOTS)
    assert inside.selected_note == "" and inside.chart.selected == "kupyansk_claim"
    unknown = page.timeline_page(setup, default_state(setup, event="no_such_event"), SNAPSHOTS)
    assert unknown.selected is None and unknown.url["event"] is None


def test_an_event_card_escapes_the_data_and_marks_a_claim(setup):
    record = setup.events.set_index("event_id", drop=False).loc["kupyansk_claim"].to_dict()
    card = page.event_card(record, setup.details_labels, SNAPSHOTS)
    assert card.header.startswith("**week of 1 Dec 2025** · Battlefield · :orange-badge[")
    assert "Claimed by Russia" in card.header
    assert card.claim_note.startswith("This is Russia's account;")
    assert card.map_link is not None and card.map_link.query == {
        "place": "kupyansk",
        "date": "2025-12-03",
    }
    assert card.map_link.label.endswith(" on the map (3 Dec 2025)")
    assert card.details_label.startswith(r"Show details\: Russia says it took the town")
    assert card.summary.startswith(f"**{card.title}**  \n")
    brackets = setup.events.set_index("event_id", drop=False).loc["november_statement"]
    assert r"\(with brackets\) \[and\]" in page.event_card(brackets.to_dict(), {}, []).description


def test_an_event_without_a_place_has_no_map_link_and_says_it_is_background(setup):
    record = setup.events.set_index("event_id", drop=False).loc["nobody_visit"].to_dict()
    card = page.event_card(record, setup.details_labels, SNAPSHOTS)
    assert card.map_link is None and card.who_where == "" and card.claim_note == ""
    assert card.context.startswith(r"Background event\.")


def test_the_chart_carries_hover_texts_and_the_legend_order(setup):
    drawn = chart.timeline_chart(setup.events, "kind", setup.default, marker_day=ARTICLE_DAY)
    assert list(drawn.kinds) == [k for k in tl.KIND_ORDER if k in set(drawn.marks["kind"])]
    assert all(text.endswith("Click for details") for text in drawn.marks["hover"])
    assert drawn.shows_marker and drawn.rows >= len(drawn.lanes)
    assert not chart.timeline_chart(setup.events, "kind", setup.default).shows_marker


def test_the_static_site_gets_a_recent_and_a_whole_period(setup):
    periods = chart.chart_periods(setup.events, ARTICLE_DAY)
    assert [period.key for period in periods] == ["recent", "all"]
    assert periods[0].label == "Weeks around the talks (1 Nov – 31 Dec 2025)"
    assert periods[1].label == "Whole record (2014–2025)"
    assert (periods[1].start, periods[1].end) == setup.bounds
    recent = pd.Series(list(periods[0].chart.marks["event_id"]))
    assert "crimea_2014" not in set(recent)


def test_filter_records_search_the_same_text_as_the_filter(setup):
    records = {record["id"]: record for record in tl.filter_records(setup.events)}
    claim = records["kupyansk_claim"]
    assert claim["text"].startswith("russia says it took the town moscow claims the capture")
    assert claim["involved"] == ["russia", "ukraine"]
    for word in ("capture", "CAPTURE  of", "brackets) [and]"):
        matched = set(setup.events[tl.text_matches(setup.events, word)]["event_id"])
        needle = " ".join(word.split()).casefold()
        assert matched == {key for key, record in records.items() if needle in record["text"]}
