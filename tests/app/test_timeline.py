"""Timeline page in AppTest: default view, deep links, notices, filters, selection, empty state."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.datasets.catalog import load_catalog
from dashboard.page_scripts import PAGES
from dashboard.summary import article_date
from dashboard.views import timeline as tl
from dashboard.wording import markdown_text

FROM, TO, ALL = "timeline_from", "timeline_to", "timeline_all"
PARTIES, KINDS, TEXT, LANES = "timeline_party", "timeline_kind", "timeline_q", "timeline_lanes"
PICK = "timeline_pick_"


@pytest.fixture(scope="module")
def data() -> tuple:
    catalog = load_catalog()
    events = tl.prepare_events(catalog)
    day = article_date(catalog).date()
    return events, tl.default_window(day), tl.date_bounds(events, day)


@pytest.fixture
def open_timeline(run_page: Callable[..., AppTest]) -> Callable[..., AppTest]:
    """``open_timeline(**query)``: the page through the real entry point, with a link's query."""

    def start(**query: str) -> AppTest:
        return run_page("timeline", query=query)

    return start


def url_value(at: AppTest, key: str) -> str | None:
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return value if isinstance(value, str) else ",".join(value)


def listed(at: AppTest) -> list[str]:
    """Event ids in the list, read from their 'Show details' buttons (the selected has none)."""
    return [b.key.removeprefix(PICK) for b in at.button if b.key and b.key.startswith(PICK)]


def detail_buttons(at: AppTest) -> dict[str, str]:
    """The label of each event's 'Show details' button, by event id."""
    return {
        b.key.removeprefix(PICK): b.label for b in at.button if b.key and b.key.startswith(PICK)
    }


def expected(events, first: date, last: date, **kwargs) -> list[str]:
    return list(tl.filter_events(events, tl.TimelineFilter(first, last, **kwargs))["event_id"])


def chart_spec(at: AppTest) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def page_links(at: AppTest) -> list[tuple[str, str]]:
    return [(e.proto.page, e.proto.query_string) for e in at.get("page_link")]


def test_timeline_is_in_the_navigation():
    assert "timeline.py" in {spec.file_name for spec in PAGES}


def test_default_view_shows_the_weeks_around_the_talks(open_timeline, data):
    events, default, _ = data
    at = open_timeline()
    assert at.title[0].value.startswith("Timeline")
    assert at.date_input(key=FROM).value == default[0]
    assert at.date_input(key=TO).value == default[1]
    assert listed(at) == expected(events, *default)
    assert len(at.get("plotly_chart")) == 1
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Sources: NZ Herald") for c in captions)
    assert not at.warning
    assert dict(at.query_params) == {}


def test_claims_are_labelled_with_who_claims(open_timeline, data):
    at = open_timeline(**{"from": "2025-11-20", "to": "2025-11-20", "kind": "battlefield"})
    assert listed(at) == ["kupyansk_capture_claim"]
    assert any("Claimed by Russia" in m.value for m in at.markdown)


def test_deep_link_restores_every_filter_and_the_selection(open_timeline, data):
    events, *_ = data
    at = open_timeline(
        **{
            "from": "2025-12-14",
            "to": "2025-12-15",
            "party": "russia",
            "kind": "statement",
            "q": "LAVROV",
            "event": "lavrov_irib_interview",
            "lanes": "party",
        }
    )
    assert at.date_input(key=FROM).value == date(2025, 12, 14)
    assert at.date_input(key=TO).value == date(2025, 12, 15)
    assert at.multiselect(key=PARTIES).value == ["russia"]
    assert at.multiselect(key=KINDS).value == ["statement"]
    assert at.text_input(key=TEXT).value == "LAVROV"
    assert at.radio(key=LANES).value == "party"
    title = events.set_index("event_id").loc["lavrov_irib_interview", "title"]
    assert at.subheader[0].value == markdown_text(title)
    assert listed(at) == []  # the only match is the selected one, which has no button
    assert url_value(at, "event") == "lavrov_irib_interview"
    assert url_value(at, "q") == "LAVROV"
    assert "Russia" in chart_spec(at)["layout"]["yaxis"]["ticktext"]
    assert not at.warning


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"kind": "parade"}, "parade"),
        ({"from": "2025-13-01"}, "2025-13-01"),
        ({"to": "1990-01-01"}, "1990-01-01"),
        ({"party": "martians"}, "martians"),
        ({"event": "<script>"}, "<script>"),
        ({"all": "yes"}, "yes"),
        ({"zoom": "3"}, "zoom"),
        ({"from": "2025-12-16", "to": "2025-12-12"}, "the start comes after the end"),
    ],
)
def test_malformed_links_show_a_notice_and_the_default_view(open_timeline, data, query, shown):
    events, default, _ = data
    at = open_timeline(**query)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert shown in warnings[0].replace("\\", "")  # the notice is markdown-escaped
    assert listed(at) == expected(events, *default)
    for key in query:
        assert url_value(at, key) is None


def test_changing_a_filter_writes_the_url_and_clears_notices(open_timeline, data):
    events, default, _ = data
    at = open_timeline(kind="parade")
    assert at.warning
    at.text_input(key=TEXT).input("submarine").run()
    assert url_value(at, "q") == "submarine"
    assert not at.warning
    assert listed(at) == expected(events, *default, text="submarine")
    assert set(listed(at)) == {
        "russia_submarine_denial",
        "sbu_submarine_claim",
        "submarine_media_claim",
    }
    at.multiselect(key=PARTIES).select("ukrainian_media").run()
    assert url_value(at, "party") == "ukrainian_media"
    assert listed(at) == ["submarine_media_claim"]
    at.date_input(key=FROM).set_value(date(2025, 12, 1)).run()
    assert url_value(at, "from") == "2025-12-01"


def test_a_filter_matching_nothing_shows_a_friendly_empty_state(open_timeline, data):
    events, default, _ = data
    at = open_timeline(q="zzzz no such words")
    assert listed(at) == []
    assert not at.get("plotly_chart")
    assert any("No events match" in m.value for m in at.markdown)
    at.button(key="timeline_reset").click().run()
    assert at.text_input(key=TEXT).value == ""
    assert listed(at) == expected(events, *default)
    assert url_value(at, "q") is None


def test_full_background_widens_the_range_and_back(open_timeline, data):
    events, default, bounds = data
    at = open_timeline()
    at.toggle(key=ALL).set_value(True).run()
    assert (at.date_input(key=FROM).value, at.date_input(key=TO).value) == bounds
    assert at.date_input(key=FROM).disabled
    assert listed(at) == list(events["event_id"])
    assert url_value(at, "all") == "1"
    assert url_value(at, "from") is None
    at.toggle(key=ALL).set_value(False).run()
    assert (at.date_input(key=FROM).value, at.date_input(key=TO).value) == default
    assert url_value(at, "all") is None


def test_deep_link_to_the_full_background(open_timeline, data):
    events, _, bounds = data
    at = open_timeline(all="1")
    assert at.toggle(key=ALL).value is True
    assert at.date_input(key=FROM).value == bounds[0]
    assert listed(at) == list(events["event_id"])


def test_choosing_an_event_in_the_list_shows_it_with_a_map_link(open_timeline):
    at = open_timeline()
    at.button(key=PICK + "zelenskyy_kupyansk_visit").click().run()
    assert at.subheader[0].value == markdown_text("Zelenskyy visits the Kupiansk front")
    assert url_value(at, "event") == "zelenskyy_kupyansk_visit"
    assert "zelenskyy_kupyansk_visit" not in listed(at)
    links = page_links(at)
    assert ("map", "place=kupyansk&date=2025-12-12") in links
    at.button(key="timeline_close").click().run()
    assert [heading.value for heading in at.subheader] == ["The events"]
    assert url_value(at, "event") is None


def test_background_events_link_to_the_map_without_a_date(open_timeline, data):
    at = open_timeline(all="1", event="crimea_annexation_2014")
    links = page_links(at)
    assert ("map", "region=UA-43") in links
    assert not any("date=2014" in query for _, query in links)


def test_an_event_outside_the_filters_still_shows_its_details(open_timeline):
    at = open_timeline(event="full_scale_invasion")
    assert "Russia launches its full" in at.subheader[0].value
    assert any("outside the current filters" in c.value for c in at.caption)


def test_a_link_from_another_page_later_in_the_session_is_honoured(open_timeline):
    at = open_timeline(q="submarine")
    at.query_params.clear()
    at.switch_page("page_scripts/overview.py").run()
    at.query_params["event"] = "berlin_talks"
    at.switch_page("page_scripts/timeline.py").run()
    assert not at.exception
    assert url_value(at, "event") == "berlin_talks"
    assert at.text_input(key=TEXT).value == ""
    assert "Berlin" in at.subheader[0].value


@pytest.mark.parametrize("query", [{}, {"all": "1"}], ids=["default", "full-background"])
def test_each_show_details_button_is_named_after_its_event(open_timeline, data, query):
    events, *_ = data
    at = open_timeline(**query)
    buttons = detail_buttons(at)
    assert buttons and list(buttons) == listed(at)
    # a screen reader lists buttons by name: no two may be called the same
    labels = [b.label for b in at.button]
    assert len(set(labels)) == len(labels), sorted(labels)
    by_id = events.set_index("event_id")
    for event_id, label in buttons.items():
        event = by_id.loc[event_id]
        assert label.startswith(markdown_text("Show details: "))
        assert markdown_text(event["title"][:25]) in label
        assert label.endswith(markdown_text(f"({event['date_label']})"))
    assert buttons["zelenskyy_kupyansk_visit"] == markdown_text(
        "Show details: Zelenskyy visits the Kupiansk front (12 Dec 2025)"
    )


# --------------------------------------------------------------------------- labels, strips, lanes


def annotation_texts(spec: dict) -> list[str]:
    return [a["text"] for a in spec["layout"].get("annotations", [])]


def test_the_chart_labels_the_key_events(open_timeline):
    spec = chart_spec(open_timeline())
    texts = annotation_texts(spec)
    for label in (
        "28-point draft",
        "Witkoff and Kushner in Moscow",
        "Berlin talks",
        "Lavrov's claim",
        "Kupiansk",
        "Pokrovsk",
        "Submarine strike",
    ):
        assert label in texts
    assert "xaxis2" not in spec["layout"]


def test_the_full_background_is_a_strip_of_its_own(open_timeline):
    default = chart_spec(open_timeline())["layout"]["xaxis"]["range"]
    spec = chart_spec(open_timeline(all="1"))
    layout = spec["layout"]
    assert layout["xaxis"]["range"] == default
    assert layout["xaxis2"]["domain"][1] < layout["xaxis"]["domain"][0]
    assert layout["xaxis2"]["title"]["text"] == "Background, 2014–2022"
    assert "Crimea annexed" in annotation_texts(spec)


def test_the_party_filter_leaves_only_that_partys_lanes(open_timeline):
    at = open_timeline(party="russia", lanes="party")
    lanes = chart_spec(at)["layout"]["yaxis"]["ticktext"]
    assert lanes == ["Russia"]
    at.multiselect(key=PARTIES).select("ukraine").run()
    assert chart_spec(at)["layout"]["yaxis"]["ticktext"] == ["Russia", "Ukraine"]
