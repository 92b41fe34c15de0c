"""Shared visual vocabulary: party and status colours, fonts, map defaults.

Colours come from the Okabe–Ito palette, which stays distinguishable for readers with
the common forms of colour-blindness.
"""

from __future__ import annotations

# Names live with the other reader-facing words; re-exported here for the figure builders.
from dashboard.wording import KIND_LABELS as KIND_LABELS
from dashboard.wording import PARTY_LABELS as PARTY_LABELS
from dashboard.wording import kind_label as kind_label
from dashboard.wording import party_label as party_label

PARTY_COLOURS: dict[str, str] = {
    "us": "#009E73",
    "russia": "#D55E00",
    "ukraine": "#0072B2",
    "europe": "#CC79A7",
    "ukrainian_media": "#56B4E9",
    "analysts": "#444444",
}
NEUTRAL = "#7F7F7F"
INK = "#1F1F1F"
FONT_FAMILY = "sans-serif"


# --- Positions page: stance palette -------------------------------------------------------
# Okabe–Ito hues: warm for the hard line (demands, rejects), purple and blue for the
# conciliatory (offers, accepts), grey for undecided. Colour is never the only cue: each is
# written out with its own icon. Badges use the Streamlit colour names closest to these.
STANCES_ORDER: tuple[str, ...] = ("demands", "rejects", "offers", "accepts", "open")
STANCE_COLOURS: dict[str, str] = {
    "demands": "#E69F00",
    "rejects": "#D55E00",
    "offers": "#CC79A7",
    "accepts": "#0072B2",
    "open": "#666666",
}
STANCE_BADGES: dict[str, str] = {
    "demands": "orange",
    "rejects": "red",
    "offers": "violet",
    "accepts": "blue",
    "open": "gray",
}
STANCE_ICONS: dict[str, str] = {
    "demands": ":material/priority_high:",
    "rejects": ":material/block:",
    "offers": ":material/volunteer_activism:",
    "accepts": ":material/check_circle:",
    "open": ":material/help:",
}
#: Marker shapes per party, so the score chart does not rely on colour alone.
PARTY_SYMBOLS: dict[str, str] = {
    "us": "circle",
    "russia": "square",
    "ukraine": "diamond",
    "europe": "triangle-up",
}
#: How a position another party attributes is marked (open marker, this label).
CLAIMED_ICON = ":material/record_voice_over:"


def stance_badge(stance: str) -> str:
    """Markdown for a coloured stance badge with its icon and word."""
    colour = STANCE_BADGES.get(stance, "gray")
    icon = STANCE_ICONS.get(stance, "")
    return f":{colour}-badge[{icon} {stance}]"


# --- Timeline page: event kinds ------------------------------------------------------
# Okabe–Ito again: cool hues for diplomacy, warm hues for the fighting; every kind also
# has its own marker symbol, so colour is never the only cue.
KIND_COLOURS: dict[str, str] = {
    "talks": "#0072B2",
    "statement": "#56B4E9",
    "political": "#CC79A7",
    "visit": "#009E73",
    "battlefield": "#D55E00",
    "strike": "#E69F00",
}
KIND_SYMBOLS: dict[str, str] = {
    "talks": "circle",
    "statement": "square",
    "political": "diamond",
    "visit": "triangle-up",
    "battlefield": "hexagon",
    "strike": "star",
}


# --- Map page: region status, control layers, places -----------------------------------
# Pale fills say what Russia claims of a region; solid fills say who holds the ground, so
# the two never compete: the control layers are opaque (their colour on the map is exactly
# the legend's) and claimed regions get their outline drawn again above them. Vermillion is
# Russia's party colour (lightened so black outlines and markers stay legible), blue is
# Ukraine's. Every colour has a legend entry on the map.
MAP_STATUS_ORDER: tuple[str, ...] = ("other", "annexed_2014", "annexed_2022")
MAP_STATUS_COLOURS: dict[str, str] = {
    "annexed_2022": "#F5EC9A",  # pale Okabe–Ito yellow
    "annexed_2014": "#DDA0C8",  # pale Okabe–Ito reddish purple
    "other": "#FFFFFF",
}
#: Outlines (colour, width in px); claimed regions' outlines are drawn above the control
#: layer, so a claimed region stays marked where Russia holds it (all of Crimea).
MAP_STATUS_LINES: dict[str, tuple[str, float]] = {
    "annexed_2022": ("#000000", 1.6),
    "annexed_2014": ("#CC79A7", 2.4),
    "other": ("#8C8C8C", 0.7),
}
#: What a status fill shows where it is not covered by the control or Donbas layers.
MAP_STATUS_LABELS: dict[str, str] = {
    "annexed_2022": "Claimed by Russia (2022), held by Ukraine",
    "annexed_2014": "Claimed by Russia (2014), held by Ukraine",
    "other": "Other Ukrainian land",
}
#: The claimed regions' outlines, drawn above the control layer.
MAP_OUTLINE_LABELS: dict[str, str] = {
    "annexed_2022": "Border of a region Russia claims<br>it annexed in 2022",
    "annexed_2014": "Crimea and Sevastopol, which Russia<br>annexed in 2014",
}
MAP_RUSSIAN_CONTROL = "#E07B47"
#: Ground Russia took since an earlier date: a deep red, darker than the control fill.
MAP_RUSSIAN_GAINS = "#9E1B1B"
#: The front line: the edge of the Russian-held area inside Ukraine.
MAP_FRONT_LINE = "#4A1200"
MAP_DONBAS_HELD = PARTY_COLOURS["ukraine"]
#: Water: the map's background, so land and sea differ (land is drawn over it).
MAP_WATER = "#D6E6F2"
MAP_CONTEXT_FILL = "#D4D4D4"
MAP_CONTEXT_LINE = "#FFFFFF"
MAP_SELECTED_LINE = "#000000"
MAP_PLACE_COLOUR = "#000000"
MAP_PLACE_HALO = "#FFFFFF"
#: The legend sits on this grey so the white "other regions" swatch shows.
MAP_LEGEND_BACKGROUND = "#EFEFEF"
#: Every fill a reader sees on the map, checked together for colour-blind safety.
MAP_COLOURS: dict[str, str] = {
    **MAP_STATUS_COLOURS,
    "russian_control": MAP_RUSSIAN_CONTROL,
    "russian_gains": MAP_RUSSIAN_GAINS,
    "donbas_held": MAP_DONBAS_HELD,
    "context": MAP_CONTEXT_FILL,
    "place": MAP_PLACE_COLOUR,
}
