"""Names for repeated controls: shortening at a word, and making every name distinct."""

from __future__ import annotations

import pytest

from dashboard.views.labels import distinct, shortened


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Trump: a deal is closer than ever", 40, "Trump: a deal is closer than ever"),
        ("Zelenskyy visits the Kupiansk front", 20, "Zelenskyy visits…"),
        ("Ryabkov: no compromise on five regions", 9, "Ryabkov…"),
        ("one two three", 8, "one two…"),
        ("Antidisestablishmentarianism", 10, "Antidises…"),
        ("  spaced\n out   text ", 20, "spaced out text"),
    ],
)
def test_shortened_cuts_after_a_whole_word(text: str, limit: int, expected: str) -> None:
    assert shortened(text, limit) == expected
    assert len(shortened(text, limit)) <= limit


def test_distinct_keeps_labels_that_are_already_unique() -> None:
    labels = {"a": "Show details: A", "b": "Show details: B"}
    assert distinct(labels, lambda key: f"never {key}") == labels


def test_distinct_refines_only_the_shared_labels_in_order() -> None:
    labels = {"a": "Russia on NATO", "b": "Russia on NATO", "c": "Ukraine on NATO"}
    speakers = {"a": "Lavrov", "b": "Lavrov", "c": "Zelenskyy"}
    dates = {"a": "15 Dec", "b": "16 Dec", "c": "14 Dec"}
    named = distinct(
        labels,
        lambda key: f"{labels[key]} — {speakers[key]}",
        lambda key: f"{labels[key]} — {speakers[key]}, {dates[key]}",
    )
    assert named == {
        "a": "Russia on NATO — Lavrov, 15 Dec",
        "b": "Russia on NATO — Lavrov, 16 Dec",
        "c": "Ukraine on NATO",
    }


def test_distinct_numbers_what_no_fallback_tells_apart() -> None:
    named = distinct({"a": "Same", "b": "Same", "c": "Other"}, lambda key: "Same again")
    assert named == {"a": "Same again (1)", "b": "Same again (2)", "c": "Other"}
    assert len(set(named.values())) == len(named)
