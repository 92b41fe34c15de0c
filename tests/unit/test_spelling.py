"""The spelling policy: one way to write each name on screen, old spellings still findable."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.geo import ukraine_units_geojson
from dashboard.datasets.spelling import misspellings, respell, search_aliases, unquoted
from dashboard.views.timeline import TimelineFilter, filter_events, prepare_events

POLICY = pd.DataFrame(
    {
        "name": ["Kupiansk", "Sergey", "Odesa"],
        "variants": [("Kupyansk", "Kupjansk"), ("Sergei",), ("Odessa",)],
    }
)
#: Columns that hold ids, codes or another source's words, not our text.
NOT_OUR_WORDS = {"variants", "note", "name_local", "name_uk"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_respell_replaces_whole_words_only():
    assert respell("Odessa Oblast", POLICY) == "Odesa Oblast"
    assert respell("Sergei Lavrov met Sergeiev", POLICY) == "Sergey Lavrov met Sergeiev"
    assert respell("", POLICY) == ""


def test_quotes_keep_their_spelling():
    text = "Lavrov (the caption's “Sergey”, the text's “Sergei”) and 'Kupyansk' as quoted"
    assert misspellings(text, POLICY) == []
    assert misspellings("Russia's claim about Kupyansk", POLICY) == ["Kupyansk"]
    assert "Kupyansk" not in unquoted("he said “we hold Kupyansk” today")


def test_search_aliases_name_the_old_spellings():
    assert search_aliases("Zelenskyy visits the Kupiansk front", POLICY) == "Kupyansk Kupjansk"
    assert search_aliases("Nothing here", POLICY) == ""


def test_our_own_words_follow_the_policy(catalog):
    # every text column we write ourselves (quotes, ids and local names aside)
    problems = []
    for name, frame in catalog.tables().items():
        for column in frame.columns:
            if column.startswith("_") or column.endswith(("quote", "_id", "_ids")):
                continue
            if column in NOT_OUR_WORDS or frame[column].dtype != object:
                continue
            for row, value in zip(frame["_row"], frame[column], strict=True):
                if isinstance(value, str):
                    problems += [
                        (name, row, column, w) for w in misspellings(value, catalog.spelling)
                    ]
    assert problems == []


def test_natural_earth_names_are_respelled():
    names = {f["id"]: f["properties"]["name_en"] for f in ukraine_units_geojson()["features"]}
    assert names["UA-51"] == "Odesa"  # Natural Earth has "Odessa"
    assert names["UA-32"] == "Kyiv"


def test_a_search_for_an_old_spelling_still_finds_the_events(catalog):
    events = prepare_events(catalog)
    wanted = TimelineFilter(
        start=events["start"].min(), end=events["end"].max(), parties=(), kinds=(), text="Kupyansk"
    )
    found = filter_events(events, wanted)
    assert "zelenskyy_kupyansk_visit" in set(found["event_id"])
    assert all("Kupiansk" in title for title in found["title"])
