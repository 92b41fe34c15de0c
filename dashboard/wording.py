"""Reader-facing words shared by the views: source types and the way a source is named.

Pure; no streamlit, no plotly.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

#: What each ``source_type`` of ``sources.yml`` is called on screen.
SOURCE_TYPE_LABELS: dict[str, str] = {
    "official": "official statement",
    "wire": "news agency",
    "outlet": "news outlet",
    "state_media": "state media",
    "reference": "reference work",
    "data": "data",
}


def source_type_label(sources: pd.DataFrame, source_id: Any) -> str:
    """``news agency``, ``state media`` … for a source id (empty when unknown)."""
    if source_id is None or source_id not in sources.index:
        return ""
    kind = sources.loc[source_id].get("source_type")
    return SOURCE_TYPE_LABELS.get(str(kind), "") if isinstance(kind, str) else ""


def with_source_type(name: str, sources: pd.DataFrame, source_id: Any) -> str:
    """``Reuters, via The Straits Times (news agency)``: a source's name and its type."""
    label = source_type_label(sources, source_id)
    return f"{name} ({label})" if label else name


PARTY_LABELS: dict[str, str] = {
    "us": "United States",
    "russia": "Russia",
    "ukraine": "Ukraine",
    "europe": "Europe",
    "ukrainian_media": "Ukrainian media",
    "analysts": "Analysts",
}


def party_label(party: str | None) -> str:
    """Display name of a party id (the id itself when unknown)."""
    if not party:
        return ""
    return PARTY_LABELS.get(party, party)


KIND_LABELS: dict[str, str] = {
    "talks": "Talks",
    "statement": "Statement",
    "political": "Political",
    "visit": "Visit",
    "battlefield": "Battlefield",
    "strike": "Strike",
}


def kind_label(kind: str | None) -> str:
    """Display name of an event kind (the id itself when unknown)."""
    if not kind:
        return ""
    return KIND_LABELS.get(kind, kind)


# --------------------------------------------------------------------------- escaping
# One helper per target, named for it: text from the data (or the URL) is shown literally.


def markdown_text(text: str) -> str:
    """Text for Streamlit markdown, shown literally (no links, no HTML, no math)."""
    specials = "\\`*_{}[]()<>#+-.!|$~:&"
    return "".join("\\" + char if char in specials else char for char in text)


def html_text(value: Any) -> str:
    """Text for HTML element content and double- or single-quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def plotly_text(text: str) -> str:
    """Text for plotly labels and hovers, which read a little HTML (quotes stay as they are)."""
    return html.escape(str(text), quote=False)
