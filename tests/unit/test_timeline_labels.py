"""Label placement on the timeline chart: tiers, no overlaps, kept inside the strip."""

from __future__ import annotations

import itertools

import pytest

from dashboard.views.timeline.labels import (
    LABEL_GAP_PX,
    LabelBox,
    PlacedLabel,
    label_box,
    place_labels,
    text_width,
    tier_count,
)


def overlapping(placed: list[PlacedLabel], gap: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of labels on one tier whose boxes (widened by ``gap``) overlap."""
    return [
        (a.key, b.key)
        for a, b in itertools.combinations(placed, 2)
        if a.tier == b.tier and a.left < b.right + gap and b.left < a.right + gap
    ]


def test_labels_far_apart_share_the_lowest_tier() -> None:
    placed = place_labels([LabelBox("a", 50, 40), LabelBox("b", 200, 40)], 0, 400)
    assert [label.tier for label in placed] == [0, 0]


def test_labels_that_would_touch_go_up_a_tier() -> None:
    placed = place_labels(
        [LabelBox("a", 100, 80), LabelBox("b", 120, 80), LabelBox("c", 140, 80)], 0, 400
    )
    assert {label.key: label.tier for label in placed} == {"a": 0, "b": 1, "c": 2}
    assert tier_count(placed) == 3


def test_a_label_drops_to_the_lowest_free_tier() -> None:
    boxes = [LabelBox("a", 100, 80), LabelBox("b", 120, 80), LabelBox("c", 300, 80)]
    placed = {label.key: label.tier for label in place_labels(boxes, 0, 400)}
    assert placed == {"a": 0, "b": 1, "c": 0}


def test_the_gap_between_labels_on_a_tier_is_kept() -> None:
    # Boxes 0–40 and 44–84: 4 px apart, closer than the gap, so they take two tiers.
    placed = place_labels([LabelBox("a", 20, 40), LabelBox("b", 64, 40)], 0, 400)
    assert [label.tier for label in placed] == [0, 1]
    wide = place_labels([LabelBox("a", 20, 40), LabelBox("b", 64 + LABEL_GAP_PX, 40)], 0, 400)
    assert [label.tier for label in wide] == [0, 0]


def test_labels_at_the_edges_stay_inside_their_strip() -> None:
    placed = place_labels([LabelBox("left", 5, 60), LabelBox("right", 398, 60)], 0, 400)
    assert placed[0].left == 0 and placed[0].right == 60
    assert placed[1].right == 400 and placed[1].left == 340
    assert label_box(10, 60, 100, 400) == (100, 160)


def test_the_order_given_does_not_matter() -> None:
    boxes = [LabelBox(str(i), x, 70) for i, x in enumerate((30, 60, 90, 300, 310, 500))]
    expected = place_labels(boxes, 0, 640)
    for order in itertools.islice(itertools.permutations(boxes), 50):
        assert place_labels(list(order), 0, 640) == expected


@pytest.mark.parametrize("seed", range(20))
def test_no_two_labels_on_a_tier_ever_overlap(seed: int) -> None:
    import random

    rng = random.Random(seed)
    boxes = [LabelBox(f"l{i}", rng.uniform(0, 640), rng.uniform(30, 200)) for i in range(12)]
    placed = place_labels(boxes, 0, 640)
    assert len(placed) == len(boxes)
    assert overlapping(placed, LABEL_GAP_PX - 1e-9) == []
    assert all(0 <= label.left and label.right <= 640 for label in placed)


def test_text_width_grows_with_the_text() -> None:
    assert text_width("Berlin talks") < text_width("Witkoff and Kushner in Moscow")
    assert place_labels([], 0, 100) == [] and tier_count([]) == 0
