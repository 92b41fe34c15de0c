"""Where the chart's short event labels go: tiers above the marks, boxes never overlapping. Pure.

A label is a box of known width (in pixels) centred on its mark's x position and kept
inside the strip it belongs to. :func:`place_labels` gives each label a *tier* (0 is the
nearest to the marks, 1 above it, …): the lowest tier where its box, widened by a gap, does
not overlap any box already there. Labels are placed left to right, so the result does not
depend on the order they are given in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Average advance of one character at the labels' font size (11 px Source Sans), in pixels,
#: rounded up so the estimate errs on the wide side.
CHAR_PX = 6.6
#: Room a label keeps on either side.
LABEL_PAD_PX = 4.0
#: Space between two labels on one tier.
LABEL_GAP_PX = 8.0


@dataclass(frozen=True)
class LabelBox:
    """A label to place: its key, the x of its mark and its width (pixels)."""

    key: str
    x: float
    width: float


@dataclass(frozen=True)
class PlacedLabel:
    """A placed label: its tier and its box's left and right edges (pixels)."""

    key: str
    tier: int
    left: float
    right: float

    @property
    def centre(self) -> float:
        """The middle of the box (where the text is centred)."""
        return (self.left + self.right) / 2


def text_width(text: str, char_px: float = CHAR_PX) -> float:
    """An estimate of ``text``'s width in pixels, with its padding."""
    return len(text) * char_px + 2 * LABEL_PAD_PX


def label_box(x: float, width: float, lower: float, upper: float) -> tuple[float, float]:
    """The box centred on ``x``, shifted to lie within ``lower`` … ``upper`` where it fits."""
    left = x - width / 2
    left = min(left, upper - width)
    left = max(left, lower)
    return left, left + width


def place_labels(
    labels: Sequence[LabelBox],
    lower: float,
    upper: float,
    gap: float = LABEL_GAP_PX,
) -> list[PlacedLabel]:
    """Give each label the lowest tier where it overlaps no other label (see module doc).

    ``lower`` and ``upper`` bound the strip the labels belong to. Returns the labels in
    left-to-right order of their marks.
    """
    tiers: list[list[tuple[float, float]]] = []
    placed = []
    for label in sorted(labels, key=lambda item: (item.x, item.key)):
        left, right = label_box(label.x, label.width, lower, upper)
        tier = first_free_tier(tiers, left, right, gap)
        if tier == len(tiers):
            tiers.append([])
        tiers[tier].append((left, right))
        placed.append(PlacedLabel(label.key, tier, left, right))
    return placed


def first_free_tier(
    tiers: Sequence[Sequence[tuple[float, float]]], left: float, right: float, gap: float
) -> int:
    """The lowest tier with no box within ``gap`` of ``left`` … ``right`` (a new one if none)."""
    for tier, boxes in enumerate(tiers):
        if all(right + gap <= low or left >= high + gap for low, high in boxes):
            return tier
    return len(tiers)


def tier_count(placed: Sequence[PlacedLabel]) -> int:
    """How many tiers the labels take (0 without labels)."""
    return max((label.tier for label in placed), default=-1) + 1
