"""Shared visual vocabulary: party and status colours, fonts, map defaults.

Colours come from the Okabe–Ito palette, which stays distinguishable for readers with
the common forms of colour-blindness.
"""

from __future__ import annotations

PARTY_COLOURS: dict[str, str] = {
    "us": "#009E73",
    "russia": "#D55E00",
    "ukraine": "#0072B2",
    "europe": "#CC79A7",
    "ukrainian_media": "#56B4E9",
    "analysts": "#7F7F7F",
}
PARTY_LABELS: dict[str, str] = {
    "us": "United States",
    "russia": "Russia",
    "ukraine": "Ukraine",
    "europe": "Europe",
    "ukrainian_media": "Ukrainian media",
    "analysts": "Analysts",
}
NEUTRAL = "#7F7F7F"
INK = "#1F1F1F"
FONT_FAMILY = "sans-serif"


def party_label(party: str | None) -> str:
    """Display name of a party id (the id itself when unknown)."""
    if not party:
        return ""
    return PARTY_LABELS.get(party, party)
