"""Schemas of the curated CSV tables under ``data/`` (see ``data/README.md``)."""

from __future__ import annotations

from dashboard.datasets.schema import (
    CLAIMANTS,
    DATE_PRECISIONS,
    EMPTY_LIST,
    EVENT_KINDS,
    NEGOTIATING_PARTIES,
    STANCES,
    VERDICTS,
    Column,
    Schema,
    check_date_note,
    check_quote,
    check_source_quote,
    in_range,
    list_of,
    list_of_text,
    one_of,
    parse_bool,
    parse_date,
    parse_int,
)

OPTIONAL = Column(required=False, empty="")
OPTIONAL_ID = Column(required=False, empty=None)
OPTIONAL_DATE = Column(parse_date, required=False, empty=None)
CLAIMED_BY = Column(one_of(CLAIMANTS), required=False, empty=None)
SOURCED = {"source_id": Column(), "quote": OPTIONAL}

REGIONS = Schema(
    "regions.csv",
    {
        "region_id": Column(),
        "name_en": Column(),
        "name_uk": Column(),
        "unit_type": Column(one_of(("oblast", "city", "autonomous_republic"))),
        "in_article": Column(parse_bool),
        "annexation_claimed": OPTIONAL_DATE,
        "annexation_source_id": OPTIONAL_ID,
        "russia_demand": OPTIONAL,
        "demand_source_id": OPTIONAL_ID,
        "demand_quote": OPTIONAL,
        "demand_claimed_by": CLAIMED_BY,
        "statement": OPTIONAL,
        **SOURCED,
    },
    key="region_id",
    row_checks=(check_quote(), check_quote("demand_source_id", "demand_quote")),
)

PLACES = Schema(
    "places.csv",
    {
        "place_id": Column(),
        "name_en": Column(),
        "name_local": OPTIONAL,
        "place_type": Column(one_of(("city", "town", "port", "nuclear_plant", "capital"))),
        "role": Column(one_of(("frontline", "strike", "nuclear_plant", "venue"))),
        "geonameid": Column(parse_int, required=False, empty=None),
        "lat": Column(in_range(-90, 90)),
        "lon": Column(in_range(-180, 180)),
        "coord_source_id": Column(),
        "region_id": Column(),
        "country": Column(),
        "statement": OPTIONAL,
        **SOURCED,
    },
    key="place_id",
    row_checks=(check_quote(),),
)

EVENTS = Schema(
    "events.csv",
    {
        "event_id": Column(),
        "date": Column(parse_date),
        "date_end": OPTIONAL_DATE,
        "date_precision": Column(one_of(DATE_PRECISIONS)),
        "date_basis": OPTIONAL,
        "date_note": OPTIONAL,
        "kind": Column(one_of(EVENT_KINDS)),
        "title": Column(),
        "description": OPTIONAL,
        "parties": Column(list_of(CLAIMANTS), required=False, empty=EMPTY_LIST),
        "place_id": OPTIONAL_ID,
        "region_id": OPTIONAL_ID,
        "claimed_by": CLAIMED_BY,
        "in_article": Column(parse_bool),
        **SOURCED,
    },
    key="event_id",
    row_checks=(check_quote(), check_date_note),
)

ISSUES = Schema(
    "issues.csv",
    {
        "issue_id": Column(),
        "label": Column(),
        "description": OPTIONAL,
        "scale_low": Column(),
        "scale_high": Column(),
        "sticking_point": Column(parse_bool),
        "region_ids": Column(list_of_text, required=False, empty=EMPTY_LIST),
        "place_ids": Column(list_of_text, required=False, empty=EMPTY_LIST),
        **SOURCED,
    },
    key="issue_id",
    row_checks=(check_quote(),),
)

POSITIONS = Schema(
    "positions.csv",
    {
        "position_id": Column(),
        "party": Column(one_of(NEGOTIATING_PARTIES)),
        "issue_id": Column(),
        "stance": Column(one_of(STANCES)),
        "score": Column(in_range(-2, 2)),
        "summary": Column(),
        "speaker": OPTIONAL,
        "speaker_role": OPTIONAL,
        "date": Column(parse_date),
        "date_precision": Column(one_of(DATE_PRECISIONS)),
        "date_basis": OPTIONAL,
        "date_note": OPTIONAL,
        "claimed_by": CLAIMED_BY,
        "event_id": OPTIONAL_ID,
        **SOURCED,
    },
    key="position_id",
    row_checks=(check_quote(), check_date_note),
)

FACT_CHECKS = Schema(
    "fact_checks.csv",
    {
        "check_id": Column(),
        "claim": Column(),
        "article_quote": Column(),
        "verdict": Column(one_of(VERDICTS)),
        "finding": Column(),
        "subject_type": Column(one_of(("region", "place", "event", "article"))),
        "subject_id": OPTIONAL_ID,
        "source_id": Column(),
        "source_quote": OPTIONAL,
    },
    key="check_id",
    row_checks=(check_quote("source_id", "article_quote"), check_source_quote),
)

SPELLING = Schema(
    "spelling.csv",
    {
        "name": Column(),
        "variants": Column(list_of_text),
        "kind": Column(one_of(("place", "person"))),
        "source_id": Column(),
        "note": OPTIONAL,
    },
    key="name",
)

TABLES: dict[str, Schema] = {
    "regions": REGIONS,
    "places": PLACES,
    "events": EVENTS,
    "issues": ISSUES,
    "positions": POSITIONS,
    "fact_checks": FACT_CHECKS,
    "spelling": SPELLING,
}
