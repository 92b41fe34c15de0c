"""Timeline logic: date spans, the filter, URL parameters, selection and links."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.schema import EVENT_KINDS
from dashboard.state import parse_params, serialise_params
from dashboard.views import timeline as tl
from tests.unit.minimal_data import TABLES, write_minimal_data, write_table

BASE = TABLES["events.csv"][0]


def event_row(event_id: str, **changes: str) -> dict[str, str]:
    row = {
        **BASE,
        "event_id": event_id,
        "date_basis": "",
        "place_id": "",
        "region_id": "",
        "source_id": "deepstatemap",
        "quote": "",
        "in_article": "false",
    }
    row.update(changes)
    return row


EXTRA_EVENTS = [
    event_row(
        "kupyansk_claim",
        date="2025-12-03",
        date_precision="week",
        kind="battlefield",
        title="Russia says it took the town",
        description="Moscow claims the CAPTURE of Kupyansk.",
        parties="russia;ukraine",
        claimed_by="russia",
        place_id="kupyansk",
        region_id="UA-63",
    ),
    event_row(
        "november_statement",
        date="2025-11-10",
        date_precision="month",
        kind="statement",
        title="European leaders restate support",
        description="A joint statement (with brackets) [and] a.b* characters.",
        parties="europe",
    ),
    event_row(
        "strike_range",
        date="2025-12-12",
        date_end="2025-12-14",
        date_precision="day",
        kind="strike",
        title="Drone strikes on a port",
        description="Three nights of strikes.",
        parties="ukraine",
        region_id="UA-63",
    ),
    event_row(
        "crimea_2014",
        date="2014-03-18",
        date_precision="day",
        kind="political",
        title="Russia claims to annex Crimea",
        description="Background.",
        parties="russia",
    ),
    event_row(
        "nobody_visit",
        date="2025-12-12",
        date_precision="day",
        kind="visit",
        title="A visit nobody is named for",
        description="",
        parties="",
    ),
]


def build_events(folder: Path) -> pd.DataFrame:
    """The minimal data set with the extra events, loaded and prepared for the timeline."""
    write_minimal_data(folder)
    write_table(folder / "events.csv", [BASE, *EXTRA_EVENTS])
    return tl.prepare_events(load_catalog(folder))


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return build_events(tmp_path_factory.mktemp("timeline") / "data")


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["event_id"])


def window(first: str, last: str, **kwargs) -> tl.TimelineFilter:
    return tl.TimelineFilter(date.fromisoformat(first), date.fromisoformat(last), **kwargs)


# --------------------------------------------------------------------------- spans and labels


@pytest.mark.parametrize(
    ("day", "end", "precision", "span"),
    [
        ("2025-12-12", None, "day", ("2025-12-12", "2025-12-12")),
        ("2025-12-12", "2025-12-16", "day", ("2025-12-12", "2025-12-16")),
        ("2025-12-03", None, "week", ("2025-12-01", "2025-12-07")),
        ("2025-12-01", None, "week", ("2025-12-01", "2025-12-07")),
        ("2025-12-07", None, "week", ("2025-12-01", "2025-12-07")),
        ("2025-11-10", None, "month", ("2025-11-01", "2025-11-30")),
        ("2024-02-10", None, "month", ("2024-02-01", "2024-02-29")),
        ("2022-09-30", None, "year", ("2022-01-01", "2022-12-31")),
        ("2025-12-01", "2025-12-14", "week", ("2025-12-01", "2025-12-14")),
    ],
)
def test_event_span(day: str, end: str | None, precision: str, span: tuple[str, str]) -> None:
    got = tl.event_span(
        date.fromisoformat(day), date.fromisoformat(end) if end else None, precision
    )
    assert got == tuple(date.fromisoformat(value) for value in span)


@pytest.mark.parametrize(
    ("day", "end", "precision", "label"),
    [
        ("2025-12-12", None, "day", "12 Dec 2025"),
        ("2025-12-12", "2025-12-16", "day", "12–16 Dec 2025"),
        ("2025-11-28", "2025-12-03", "day", "28 Nov – 3 Dec 2025"),
        ("2025-12-30", "2026-01-02", "day", "30 Dec 2025 – 2 Jan 2026"),
        ("2025-12-03", None, "week", "week of 1 Dec 2025"),
        ("2025-12-12", "2025-12-16", "week", "about 12–16 Dec 2025"),
        ("2025-11-10", None, "month", "November 2025"),
        ("2025-11-10", "2025-12-20", "month", "November – December 2025"),
        ("2022-09-30", None, "year", "2022"),
        ("2014-03-01", "2022-09-30", "year", "2014–2022"),
    ],
)
def test_date_label_says_how_precise(day: str, end: str | None, precision: str, label: str) -> None:
    got = tl.date_label(
        date.fromisoformat(day), date.fromisoformat(end) if end else None, precision
    )
    assert got == label


def test_prepare_events_adds_spans_names_and_sources(events: pd.DataFrame) -> None:
    assert ids(events) == [
        "crimea_2014",
        "november_statement",
        "kupyansk_claim",
        "nobody_visit",
        "strike_range",
        "berlin_meeting",
    ]
    claim = events.set_index("event_id").loc["kupyansk_claim"]
    assert (claim["start"], claim["end"]) == (date(2025, 12, 1), date(2025, 12, 7))
    assert claim["date_label"] == "week of 1 Dec 2025"
    assert not claim["point"]
    assert claim["place_name"] == "Kupyansk"
    assert claim["region_name"] == "Kharkiv"
    assert claim["claimed_by"] == "russia"
    assert claim["source_credit"] == "DeepStateMap.Live (data), “Daily map”"
    assert claim["source_url"] == "https://example.test/deepstate"
    meeting = events.set_index("event_id").loc["berlin_meeting"]
    assert meeting["point"] and meeting["in_article"]
    assert meeting["claimed_by"] == ""
    assert meeting["quote"] == "Officials met in Berlin on Monday."


def test_every_kind_has_a_lane() -> None:
    assert sorted(tl.KIND_ORDER) == sorted(EVENT_KINDS)


# --------------------------------------------------------------------------- filtering


def test_range_matches_overlapping_spans(events: pd.DataFrame) -> None:
    got = tl.filter_events(events, window("2025-12-12", "2025-12-16"))
    assert ids(got) == ["nobody_visit", "strike_range", "berlin_meeting"]


def test_range_catches_a_range_that_starts_before_it(events: pd.DataFrame) -> None:
    got = tl.filter_events(events, window("2025-12-14", "2025-12-14"))
    assert ids(got) == ["strike_range"]


def test_week_without_end_spans_its_week(events: pd.DataFrame) -> None:
    assert ids(tl.filter_events(events, window("2025-12-07", "2025-12-07"))) == ["kupyansk_claim"]
    assert ids(tl.filter_events(events, window("2025-11-24", "2025-11-30"))) == [
        "november_statement"
    ]
    assert ids(tl.filter_events(events, window("2025-12-08", "2025-12-11"))) == []


def test_month_without_end_spans_its_month(events: pd.DataFrame) -> None:
    assert ids(tl.filter_events(events, window("2025-11-30", "2025-11-30"))) == [
        "november_statement"
    ]


def test_reversed_range_is_read_in_order(events: pd.DataFrame) -> None:
    got = tl.filter_events(events, window("2025-12-16", "2025-12-12"))
    assert ids(got) == ["nobody_visit", "strike_range", "berlin_meeting"]


def test_parties_include_the_claimant(events: pd.DataFrame) -> None:
    full = window("2014-01-01", "2026-12-31", parties=("russia",))
    assert ids(tl.filter_events(events, full)) == ["crimea_2014", "kupyansk_claim"]
    both = window("2014-01-01", "2026-12-31", parties=("europe", "us"))
    assert ids(tl.filter_events(events, both)) == ["november_statement", "berlin_meeting"]


def test_kinds(events: pd.DataFrame) -> None:
    got = tl.filter_events(events, window("2014-01-01", "2026-12-31", kinds=("strike", "talks")))
    assert ids(got) == ["strike_range", "berlin_meeting"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kupyansk", ["kupyansk_claim"]),
        ("  CAPTURE   of ", ["kupyansk_claim"]),
        ("berlin", ["berlin_meeting"]),
        ("(with brackets) [and]", ["november_statement"]),
        ("a.b*", ["november_statement"]),
        (".*", []),
        ("[", ["november_statement"]),
        ("", None),
    ],
)
def test_text_is_plain_and_case_insensitive(
    events: pd.DataFrame, text: str, expected: list[str] | None
) -> None:
    got = tl.filter_events(events, window("2014-01-01", "2026-12-31", text=text))
    assert ids(got) == (expected if expected is not None else ids(events))


def test_filters_combine_to_nothing(events: pd.DataFrame) -> None:
    wanted = window("2025-12-12", "2025-12-16", parties=("europe",), kinds=("talks",))
    got = tl.filter_events(events, wanted)
    assert got.empty
    assert list(got.columns) == list(events.columns)


def test_empty_frame_filters_to_empty(events: pd.DataFrame) -> None:
    got = tl.filter_events(events.iloc[0:0], window("2025-12-01", "2025-12-31", text="x"))
    assert got.empty


def test_options_follow_the_data(events: pd.DataFrame) -> None:
    assert tl.party_options(events) == ["us", "russia", "ukraine", "europe"]
    assert tl.kind_options(events) == [
        "talks",
        "statement",
        "political",
        "visit",
        "battlefield",
        "strike",
    ]


# --------------------------------------------------------------------------- windows and URL


def test_default_window_is_the_weeks_around_the_article() -> None:
    assert tl.default_window(date(2025, 12, 16)) == (date(2025, 11, 1), date(2025, 12, 31))
    assert tl.default_window(date(2026, 1, 5)) == (date(2025, 12, 1), date(2026, 1, 31))


def test_bounds_cover_background_and_default(events: pd.DataFrame) -> None:
    assert tl.full_window(events) == (date(2014, 3, 18), date(2025, 12, 15))
    assert tl.date_bounds(events, date(2025, 12, 16)) == (date(2014, 3, 18), date(2025, 12, 31))
    assert tl.full_window(events.iloc[0:0]) is None


def parse(events: pd.DataFrame, query: dict[str, list[str]]):
    params = tl.url_params(events, tl.date_bounds(events, date(2025, 12, 16)))
    return parse_params(query, params)


def test_url_values_parse(events: pd.DataFrame) -> None:
    values, notices = parse(
        events,
        {
            "from": ["2025-12-12"],
            "to": ["2025-12-16"],
            "party": ["russia,ukraine"],
            "kind": ["talks"],
            "q": ["Berlin"],
            "event": ["berlin_meeting"],
            "all": ["1"],
            "lanes": ["party"],
        },
    )
    assert notices == []
    assert values == {
        "from": date(2025, 12, 12),
        "to": date(2025, 12, 16),
        "party": ["russia", "ukraine"],
        "kind": ["talks"],
        "q": "Berlin",
        "event": "berlin_meeting",
        "all": True,
        "lanes": "party",
    }


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"from": ["2025-12-40"]}, "not a date in the form YYYY-MM-DD"),
        ({"to": ["1999-01-01"]}, "outside 18 Mar 2014 – 31 Dec 2025"),
        ({"party": ["martians"]}, "no party has that id"),
        ({"kind": ["parade"]}, "no event kind has that id"),
        ({"event": ["no_such_event"]}, "no event has that id"),
        ({"all": ["yes"]}, "use 1 to switch it on"),
        ({"lanes": ["diagonal"]}, "no lane layout has that id"),
        ({"q": ["x" * 300]}, "longer than 200 characters"),
    ],
)
def test_malformed_url_values_become_notices(events: pd.DataFrame, query, reason: str) -> None:
    values, notices = parse(events, query)
    assert values == {}
    assert [notice.reason for notice in notices] == [reason]


def test_from_after_to_is_dropped_with_a_notice() -> None:
    values, notices = tl.check_date_order(
        {"from": date(2025, 12, 16), "to": date(2025, 12, 12), "q": "x"}
    )
    assert values == {"q": "x"}
    assert [notice.reason for notice in notices] == ["the start comes after the end"]
    kept, none = tl.check_date_order({"from": date(2025, 12, 12), "to": date(2025, 12, 12)})
    assert none == [] and kept["from"] == date(2025, 12, 12)


def test_url_round_trip_leaves_defaults_out(events: pd.DataFrame) -> None:
    default = (date(2025, 11, 1), date(2025, 12, 31))
    params = tl.url_params(events, tl.date_bounds(events, date(2025, 12, 16)))
    plain = tl.url_values(
        tl.TimelineFilter(*default), default=default, show_all=False, event_id=None, lanes="kind"
    )
    assert serialise_params(plain, params) == {}
    wanted = tl.TimelineFilter(
        date(2025, 12, 12), date(2025, 12, 16), ("russia",), ("talks",), "Kupyansk"
    )
    query = serialise_params(
        tl.url_values(
            wanted, default=default, show_all=False, event_id="berlin_meeting", lanes="party"
        ),
        params,
    )
    assert query == {
        "from": "2025-12-12",
        "to": "2025-12-16",
        "party": "russia",
        "kind": "talks",
        "q": "Kupyansk",
        "event": "berlin_meeting",
        "lanes": "party",
    }
    values, notices = parse_params({key: [value] for key, value in query.items()}, params)
    assert notices == []
    assert values["from"] == wanted.start and values["party"] == ["russia"]
    everything = tl.url_values(wanted, default=default, show_all=True, event_id=None, lanes="kind")
    assert serialise_params(everything, params)["all"] == "1"
    assert "from" not in serialise_params(everything, params)


# --------------------------------------------------------------------------- selection and links


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"selection": {"points": [{"customdata": "berlin_meeting"}]}}, "berlin_meeting"),
        ({"selection": {"points": [{"customdata": ["strike_range"]}]}}, "strike_range"),
        ({"selection": {"points": [{"point_index": 0}]}}, None),
        ({"selection": {"points": [{"customdata": "unknown"}]}}, None),
        ({"selection": {"points": []}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_event_from_selection(selection, expected: str | None) -> None:
    known = ["berlin_meeting", "strike_range"]
    assert tl.event_from_selection(selection, known) == expected


def test_map_link_prefers_place_and_adds_only_mapped_dates(events: pd.DataFrame) -> None:
    by_id = events.set_index("event_id", drop=False)
    snapshots = [date(2025, 11, 1) + timedelta(days=offset) for offset in range(92)]
    meeting = by_id.loc["berlin_meeting"].to_dict()
    assert tl.map_link(meeting, snapshots) == {"place": "kupyansk", "date": "2025-12-15"}
    assert tl.map_link(meeting, []) == {"place": "kupyansk"}
    strike = by_id.loc["strike_range"].to_dict()
    assert tl.map_link(strike, snapshots) == {"region": "UA-63", "date": "2025-12-12"}
    crimea = by_id.loc["crimea_2014"].to_dict()
    assert tl.map_link(crimea, snapshots) is None
    late = {**meeting, "day": date(2026, 3, 1)}
    assert tl.map_link(late, snapshots) == {"place": "kupyansk"}


def test_markdown_link_keeps_the_url_inside_the_link() -> None:
    assert tl.markdown_link("x", "https://a.test/p_(1)") == "[x](https://a.test/p_%281%29)"
    assert tl.markdown_link("x", "https://a.test/a b") == "[x](https://a.test/a%20b)"
    assert tl.markdown_link("x", "javascript:alert(1)") == "x"


def test_sources_line_names_the_article_first(events: pd.DataFrame) -> None:
    assert tl.sources_line(events) == (
        "Sources: Test Herald (news outlet), “Talks in Berlin”; DeepStateMap.Live (data)."
    )
    assert tl.sources_line(events.iloc[0:0]) == ""


# --------------------------------------------------------------------------- lanes and rows


def test_pack_rows_separates_touching_marks() -> None:
    d = date(2025, 12, 1)
    spans = [(d, d), (d, d + timedelta(days=6)), (d + timedelta(days=1), d + timedelta(days=1))]
    assert tl.pack_rows(spans, timedelta(days=1)) == [0, 1, 0]
    assert tl.pack_rows(spans, timedelta(days=3)) == [0, 1, 2]
    assert tl.pack_rows([], timedelta(days=1)) == []


def test_lanes_by_kind_stack_diplomacy_above_fighting(events: pd.DataFrame) -> None:
    shown = tl.filter_events(events, window("2025-11-01", "2025-12-31"))
    marks, lanes = tl.lay_out(shown, "kind", (date(2025, 11, 1), date(2025, 12, 31)))
    assert [lane.key for lane in lanes] == ["talks", "statement", "visit", "battlefield", "strike"]
    assert [lane.label for lane in lanes] == [
        "Talks",
        "Statement",
        "Visit",
        "Battlefield",
        "Strike",
    ]
    assert len(marks) == len(shown)
    assert sorted(marks["y"]) == [0, 1, 2, 3, 4]


def test_lanes_by_party_repeat_shared_events(events: pd.DataFrame) -> None:
    shown = tl.filter_events(events, window("2025-11-01", "2025-12-31"))
    marks, lanes = tl.lay_out(shown, "party", (date(2025, 11, 1), date(2025, 12, 31)))
    assert [lane.key for lane in lanes] == ["us", "russia", "ukraine", "europe", "other"]
    assert lanes[-1].label == "No party named"
    claim = marks[marks["event_id"] == "kupyansk_claim"]
    assert sorted(claim["lane"]) == ["russia", "ukraine"]
    # Ukraine's lane holds the meeting, the claim and the strike: the claim's week and
    # the strike do not overlap, so they share a row.
    ukraine = marks[marks["lane"] == "ukraine"]
    assert len(ukraine) == 3
    assert ukraine["y"].nunique() <= 2


def test_lay_out_rejects_unknown_modes(events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="lanes go by one of"):
        tl.lay_out(events, "colour", (date(2025, 11, 1), date(2025, 12, 31)))


def test_lay_out_of_nothing(events: pd.DataFrame) -> None:
    marks, lanes = tl.lay_out(events.iloc[0:0], "kind", (date(2025, 11, 1), date(2025, 12, 31)))
    assert marks.empty and lanes == []


def test_source_names_prefer_the_short_credit() -> None:
    sources = pd.DataFrame(
        {
            "producer": ["Long Producer Name (syndicated)", "Agency"],
            "credit": ["Herald", None],
            "title": ["A title", ""],
            "url": ["https://x.test", ""],
        },
        index=["article", "agency"],
    )
    assert tl.source_name(sources, "article") == "Herald"
    assert tl.source_credit(sources, "article") == "Herald, “A title”"
    assert tl.source_name(sources, "agency") == "Agency"
    assert tl.source_credit(sources, "agency") == "Agency"
    assert tl.source_url(sources, "agency") == ""
    assert tl.source_name(sources, "missing") == "missing"


def test_parties_absent_from_the_data_are_refused(events: pd.DataFrame) -> None:
    values, notices = parse(events, {"party": ["analysts,russia"]})
    assert values == {"party": ["russia"]}
    assert [notice.value for notice in notices] == ["analysts"]


DEFAULT = (date(2025, 11, 1), date(2025, 12, 31))
BOUNDS = (date(2014, 3, 18), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, DEFAULT),
        ({"all": True, "from": date(2025, 12, 1)}, BOUNDS),
        (
            {"from": date(2025, 12, 12), "to": date(2025, 12, 16)},
            (date(2025, 12, 12), date(2025, 12, 16)),
        ),
        ({"from": date(2025, 12, 12)}, (date(2025, 12, 12), DEFAULT[1])),
        ({"to": date(2022, 12, 31)}, (BOUNDS[0], date(2022, 12, 31))),
        ({"to": date(2025, 11, 30)}, (DEFAULT[0], date(2025, 11, 30))),
    ],
)
def test_initial_range(values: dict, expected: tuple[date, date]) -> None:
    assert tl.initial_range(values, DEFAULT, BOUNDS) == expected


def test_footprint_is_whole_days() -> None:
    assert tl.footprint_days(date(2025, 11, 1), date(2025, 12, 31)) == 2
    assert tl.footprint_days(date(2025, 12, 12), date(2025, 12, 16)) == 1
    assert tl.footprint_days(date(2014, 3, 18), date(2025, 12, 31)) == 135


def test_details_labels_name_each_event_by_title_and_date(events: pd.DataFrame) -> None:
    labels = tl.details_labels(events)
    assert set(labels) == set(events["event_id"])
    assert len(set(labels.values())) == len(labels), "two 'Show details' buttons share a name"
    for event in events.to_dict("records"):
        label = labels[event["event_id"]]
        assert label.startswith("Show details: ")
        assert label.endswith(f"({event['date_label']})")
        assert event["title"][:20] in label


def test_details_labels_shorten_long_titles_and_tell_look_alikes_apart() -> None:
    long_title = "Lavrov says the US accepts Russia's territorial and NATO demands in full"
    frame = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d", "e"],
            "title": [long_title, long_title + " again", "Talks", "Talks", "Other talks"],
            "date_label": ["15 Dec 2025", "15 Dec 2025", "1 Dec 2025", "1 Dec 2025", "1 Dec 2025"],
        }
    )
    labels = tl.details_labels(frame)
    assert len(set(labels.values())) == 5
    # the same short title on the same day: the full titles tell them apart
    assert labels["a"] == f"Show details: {long_title} (15 Dec 2025)"
    assert labels["b"] == f"Show details: {long_title} again (15 Dec 2025)"
    # identical title and day: numbered
    assert labels["c"] == "Show details: Talks (1 Dec 2025) (1)"
    assert labels["d"] == "Show details: Talks (1 Dec 2025) (2)"
    assert labels["e"] == "Show details: Other talks (1 Dec 2025)"
    short = tl.details_label(long_title, "15 Dec 2025")
    assert short == (
        "Show details: Lavrov says the US accepts Russia's territorial and NATO… (15 Dec 2025)"
    )
