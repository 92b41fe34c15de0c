"""Colours stay distinguishable under simulated colour-blindness; text keeps 4.5:1 contrast."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboard.figures import accessibility, style

REPO_ROOT = Path(__file__).resolve().parents[2]


def palettes() -> dict[str, dict[str, str]]:
    """Every colour set in the style module (named *_COLOURS, a mapping of id → hex)."""
    return {
        name: value
        for name, value in vars(style).items()
        if name.endswith("_COLOURS") and isinstance(value, dict)
    }


def test_simulation_matches_known_values() -> None:
    # Pure red seen with protanopia is a dark olive; pure blue barely changes.
    red = accessibility.simulate("#FF0000", "protanopia")
    assert red[0] < 0.6 and red[1] < 0.6 and red[2] < 0.1
    blue = accessibility.simulate("#0000FF", "deuteranopia")
    assert blue[2] > 0.95
    # Red and green, the classic confusion, collapse under deuteranopia.
    assert accessibility.confusable_pairs({"red": "#D62728", "green": "#2CA02C"})


def test_contrast_ratio_reference_values() -> None:
    assert accessibility.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert accessibility.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(palettes()))
def test_palette_distinguishable_with_colour_blindness(name: str) -> None:
    assert accessibility.confusable_pairs(palettes()[name]) == []


def test_theme_text_contrast() -> None:
    theme = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    pairs = [
        (theme["textColor"], theme["backgroundColor"]),
        (theme["textColor"], theme["secondaryBackgroundColor"]),
        (theme["primaryColor"], theme["backgroundColor"]),
        (style.INK, "#FFFFFF"),
    ]
    assert accessibility.low_contrast(pairs) == []
