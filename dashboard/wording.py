"""Reader-facing words: labels, party and kind names, date, share and credit formats, escaping.

One escaping helper per target: :func:`markdown_text` (Streamlit markdown), :func:`html_text`
(HTML text and attributes), :func:`plotly_text` (plotly hover and annotation text). Pure; no
streamlit, no plotly.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from dashboard.datasets.schema import ARTICLE_SOURCE_ID

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


# --------------------------------------------------------------------------- quotes and repeats

#: Double quotation marks a source may wrap a quote in; ours are added after they are stripped.
DOUBLE_QUOTES = '"“”„‟«»'
#: Single quotation marks (stripped only as an outer pair with no other single mark inside).
SINGLE_QUOTES = "'‘’‚‛‹›"


def bare_quote(quote: Any) -> str:
    """A quote's words without the quotation marks a source put around them."""
    words = " ".join(str(quote or "").split())
    while len(words) >= 2:
        first, last, inner = words[0], words[-1], words[1:-1]
        if first in DOUBLE_QUOTES and last in DOUBLE_QUOTES:
            words = inner.strip()
        elif (
            first in SINGLE_QUOTES
            and last in SINGLE_QUOTES
            and not any(mark in inner for mark in SINGLE_QUOTES)
        ):
            words = inner.strip()
        else:
            break
    # A stray double mark at one end only (a quote cut short by the source).
    if words[:1] and words[0] in DOUBLE_QUOTES and not any(m in words[1:] for m in DOUBLE_QUOTES):
        words = words[1:].strip()
    if (
        words[-1:]
        and words[-1] in DOUBLE_QUOTES
        and not any(m in words[:-1] for m in DOUBLE_QUOTES)
    ):
        words = words[:-1].strip()
    return words


def quoted(quote: Any) -> str:
    """The quote in exactly one pair of curly quotation marks (empty when there is none)."""
    words = bare_quote(quote)
    return f"“{words}”" if words else ""


def joined_without_repeats(*parts: str, sep: str = ", ") -> str:
    """``parts`` joined, leaving out a part whose words all repeat earlier ones.

    ``("Nuclear power plant", "the nuclear plant")`` gives ``Nuclear power plant``.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for part in parts:
        words = {w.casefold().strip(".,;:") for w in part.split()} - {"the", "a", "an"}
        if not part or (kept and words <= seen):
            continue
        kept.append(part)
        seen |= words
    return sep.join(kept)


# --------------------------------------------------------------------------- map labels

SHORT_DATE = "%-d %b %Y"
LONG_DATE = "%-d %B %Y"

UNIT_TYPES = {
    "Region": "oblast",
    "City with special status": "city with special status",
    "Autonomous Republic": "autonomous republic",
}
REGION_TYPES = {
    "oblast": "oblast",
    "city": "city with special status",
    "autonomous_republic": "autonomous republic",
}
PLACE_TYPES = {
    "city": "City",
    "town": "Town",
    "port": "Port",
    "nuclear_plant": "Nuclear power plant",
    "capital": "Capital city",
}
PLACE_ROLES = {
    "frontline": "on the front line",
    "strike": "a strike target",
    "nuclear_plant": "at stake in the talks",
    "venue": "where the diplomacy happened",
}
STATUS_SENTENCES = {
    "annexed_2022": "Russia claims to have annexed it (2022).",
    "annexed_2014": "Russia claims to have annexed it (2014).",
    "other": "No annexation claim by Russia on record.",
}
COUNTRY_NAMES = {"UA": "Ukraine", "RU": "Russia", "DE": "Germany", "US": "United States"}
VERDICT_LABELS = {
    "confirmed": "Confirmed",
    "incorrect": "Incorrect",
    "inconsistent": "Inconsistent",
    "imprecise": "Imprecise",
    "unverified": "Unverified",
}
STANCE_VERBS = {
    "demands": "demands",
    "offers": "offers",
    "accepts": "accepts",
    "rejects": "rejects",
    "open": "is open",
}


# ------------------------------------------------------------------ cells, dates, shares, credits


def present(value: Any) -> bool:
    """True for a non-empty cell (not None, NaN, NaT or blank text)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (tuple, list)):
        return bool(value)
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


def text(value: Any) -> str:
    """A cell as text ('' when empty)."""
    return str(value).strip() if present(value) else ""


def format_day(value: Any, pattern: str = SHORT_DATE) -> str:
    """``15 Dec 2025`` ('' when empty)."""
    return pd.Timestamp(value).strftime(pattern) if present(value) else ""


def format_when(start: Any, end: Any = None, precision: Any = "day") -> str:
    """A date or range only as precise as it is known."""
    if not present(start):
        return ""
    first = pd.Timestamp(start)
    if present(end) and pd.Timestamp(end) != first:
        last = pd.Timestamp(end)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last:%-d %b %Y}"
        return f"{first:%-d %b} – {last:%-d %b %Y}"
    if precision == "week":
        return f"week of {first:{SHORT_DATE}}"
    if precision == "month":
        return f"{first:%B %Y}"
    if precision == "year":
        return f"{first:%Y}"
    return f"{first:{SHORT_DATE}}"


def format_share(share: float) -> str:
    """A 0–1 share as a percentage (one decimal below 1 %, '0%' for none)."""
    percent = share * 100
    if percent == 0:
        return "0%"
    if percent < 1:
        return f"{percent:.1f}%"
    return f"{percent:.0f}%"


def short_producer(producer: str) -> str:
    """The first part of a producer's name (before any parenthesis, semicolon or comma)."""
    for mark in (" (", ";", ","):
        producer = producer.split(mark)[0]
    return producer.strip()


def source_credit(sources: pd.DataFrame, source_id: Any) -> str:
    """``Producer, “Title”`` for a source id; the article is named as such."""
    if not present(source_id):
        return ""
    source_id = str(source_id)
    if source_id not in sources.index:
        return source_id
    entry = sources.loc[source_id]
    producer = text(entry.get("credit")) or short_producer(text(entry.get("producer"))) or source_id
    title = text(entry.get("title"))
    published = format_day(entry.get("date_published"))
    if source_id == ARTICLE_SOURCE_ID:
        return f"the article ({producer}{', ' + published if published else ''})"
    parts = [with_source_type(producer, sources, source_id)]
    if title:
        parts.append(f"“{title}”")
    if published:
        parts.append(published)
    return ", ".join(parts)
