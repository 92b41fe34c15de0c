"""URL parameters: one validated path, hostile values become notices, never state."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.state import (
    Param,
    date_between,
    one_of,
    parse_params,
    search_text,
    serialise_params,
    shorten,
)
from dashboard.wording import markdown_text

PARAMS = [
    Param("region", one_of({"UA-14", "UA-09"}, "region")),
    Param("date", date_between(date(2025, 11, 1), date(2026, 1, 31)), date.isoformat),
    Param("party", one_of({"us", "russia"}, "party"), many=True),
    Param("q", search_text),
]


def test_valid_values_parse() -> None:
    values, notices = parse_params(
        {"region": ["UA-14"], "date": ["2025-12-15"], "party": ["us,russia"], "q": ["Berlin"]},
        PARAMS,
    )
    assert values == {
        "region": "UA-14",
        "date": date(2025, 12, 15),
        "party": ["us", "russia"],
        "q": "Berlin",
    }
    assert notices == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"region": ["<script>alert(1)</script>"]}, "no region has that id"),
        ({"region": ["UA-14", "UA-09"]}, "given more than once"),
        ({"date": ["2025-13-45"]}, "not a date in the form YYYY-MM-DD"),
        ({"date": ["2030-01-01"]}, "outside 1 Nov 2025 – 31 Jan 2026"),
        ({"date": ["20251215"]}, "not a date in the form YYYY-MM-DD"),
        ({"q": ["a" * 500]}, "longer than 200 characters"),
        ({"q": ["abc\u202edef"]}, "it contains control or invisible characters"),
        ({"q": ["line\nbreak"]}, "it contains control or invisible characters"),
        ({"party": ["us,martians"]}, "no party has that id"),
        ({"zoom": ["3"]}, "unknown setting"),
    ],
)
def test_hostile_values_become_notices(query: dict, reason: str) -> None:
    values, notices = parse_params(query, PARAMS)
    assert [notice.reason for notice in notices] == [reason]
    assert "region" not in values and "date" not in values and "q" not in values


def test_list_keeps_good_items_and_reports_bad_ones() -> None:
    values, notices = parse_params({"party": ["us", "martians", "us"]}, PARAMS)
    assert values == {"party": ["us"]}
    assert [notice.value for notice in notices] == ["martians"]


def test_shown_values_are_short_and_without_control_characters() -> None:
    assert shorten("a\x00b\u202ec") == "a b c"
    assert len(shorten("x" * 1000)) == 60


def test_escape_markdown_neutralises_markup() -> None:
    escaped = markdown_text("[click](javascript:alert(1)) <b>*x*</b>")
    assert "[" not in escaped.replace("\\[", "")
    assert "<" not in escaped.replace("\\<", "")


def test_serialise_round_trip() -> None:
    values = {"region": "UA-09", "date": date(2025, 12, 16), "party": ["russia"], "q": ""}
    query = serialise_params(values, PARAMS)
    assert query == {"region": "UA-09", "date": "2025-12-16", "party": "russia"}
    parsed, notices = parse_params({key: [value] for key, value in query.items()}, PARAMS)
    assert notices == []
    assert parsed == {"region": "UA-09", "date": date(2025, 12, 16), "party": ["russia"]}
