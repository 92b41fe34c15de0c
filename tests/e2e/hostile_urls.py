"""Hostile URL values sent to every page (tests/e2e/test_hostile_urls.py). Add cases freely.

Each value is given to every parameter a page reads (and to an unknown one), all at once.
A payload that would run script sets ``window.__pwned``; the test checks it never does.
"""

from __future__ import annotations

import re

#: A parameter no page reads: every page must name it in a notice.
UNKNOWN_PARAM = "zz_unknown"


def visible(text: str) -> str:
    """Text as a browser shows it: runs of white space folded to one space."""
    return re.sub(r"\s+", " ", text).strip()


#: The parameters each page reads from its URL (see the page scripts' UrlSync). Pages that
#: read none get a parameter of another page's name, which they must report as unknown.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "overview": ("region",),
    "map": ("region", "place", "date"),
    "deal": ("proposal", "date"),
    "timeline": ("from", "to", "party", "kind", "q", "event", "all", "lanes"),
    "positions": ("issue", "party"),
    "sources": ("q",),
}
#: Pages without parameters reject every value the same way: a few cases suffice there.
PAGES_WITHOUT_PARAMS = ("overview", "sources")
CASES_FOR_PAGES_WITHOUT_PARAMS = ("script-tag", "img-onerror", "very-long", "right-to-left")

#: (case id, value)
HOSTILE_VALUES: tuple[tuple[str, str], ...] = (
    ("script-tag", "<script>window.__pwned=1</script>"),
    ("img-onerror", '"><img src=x onerror="window.__pwned=1;alert(1)">'),
    ("markdown-link", "[click me](javascript:window.__pwned=1)"),
    ("javascript-url", "javascript:alert(document.cookie)"),
    ("very-long", "A" * 5000),
    ("control-chars", "UA-14\x00\x07\x1b[31m"),
    ("right-to-left", "\u202eUA-14\u202c\u200f"),
    ("zero-width-and-emoji", "UA\u200b-14 🇺🇦"),
    ("invalid-date", "2025-02-30"),
    ("out-of-range-date", "1900-01-01"),
    ("unknown-id", "UA-99"),
    ("latex-and-markdown", "$$\\frac{1}{0}$$ **bold** `code` # heading"),
    ("sql-ish", "' OR 1=1 --"),
)

#: Values a browser draws like any other words (plain ASCII: no markup, script, control or
#: right-to-left characters, nothing long): what a page makes of them is decided on the
#: server, so AppTest checks them (tests/app/test_hostile_urls.py); the browser gets the rest.
SERVER_ONLY_CASES = ("invalid-date", "out-of-range-date", "unknown-id", "sql-ish")
BROWSER_CASES = tuple(case for case, _ in HOSTILE_VALUES if case not in SERVER_ONLY_CASES)

#: Repeated keys: the same parameter given twice.
REPEATED_KEYS: dict[str, dict[str, list[str]]] = {
    "map": {"region": ["UA-14", "UA-09"]},
    "timeline": {"q": ["Berlin", "Kupyansk"]},
    "positions": {"issue": ["nato", "territory"]},
}
