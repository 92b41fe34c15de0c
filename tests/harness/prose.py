"""What internal names look like, so tests can prove readers never see them."""

from __future__ import annotations

import re

#: A snake_case id: two or more lower-case words joined by underscores.
ID_PATTERN = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
#: A file name with one of the data or code extensions.
FILE_PATTERN = re.compile(r"\b[\w-]+\.(?:csv|ya?ml|json|geojson|py|md)\b", re.IGNORECASE)


def plumbing(text: str) -> list[str]:
    """The ids and file names in ``text`` (empty when it reads as prose)."""
    return ID_PATTERN.findall(text) + FILE_PATTERN.findall(text)


#: Words that name internal columns even without an underscore in them.
COLUMN_WORDS = ("date_basis", "source_id", "claimed_by", "in_article")


def internal_names(text: str) -> list[str]:
    """Every id, file name and column word in ``text``."""
    return plumbing(text) + [word for word in COLUMN_WORDS if word in text]


def reader_links() -> list[tuple[str, dict[str, str]]]:
    """Every reader page, and a deep link to each region, place and event.

    The Sources page is left out: it is where the data files are documented.
    """
    from dashboard.datasets.catalog import load_catalog

    catalog = load_catalog()
    links: list[tuple[str, dict[str, str]]] = [
        ("", {}),
        ("map", {}),
        ("deal", {}),
        ("timeline", {}),
        ("positions", {}),
        ("positions", {"later": "1", "issue": "nuclear_plant"}),
    ]
    links += [("map", {"region": region}) for region in catalog.regions["region_id"]]
    links += [("map", {"place": place}) for place in catalog.places["place_id"]]
    links += [("timeline", {"event": event}) for event in catalog.events["event_id"]]
    return links


#: Streamlit markdown as a reader sees it: a backslash escape, a link's target, an icon or an
#: emoji short code, a coloured or sized span's directive.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_SHORT_CODE = re.compile(r":(?:material/)?[a-z0-9_+-]+:")
_DIRECTIVE = re.compile(r":[a-z-]+\[")


def unescape_markdown(source: str) -> str:
    """``source`` without markdown's backslash escapes (``\\.`` reads ``.``)."""
    return _MARKDOWN_ESCAPE.sub(r"\1", source)


def markdown_visible(source: str) -> str:
    """The words of Streamlit markdown ``source`` that a reader sees (roughly: no markup)."""
    text = unescape_markdown(source)
    text = _LINK_TARGET.sub("]", text)
    text = _SHORT_CODE.sub(" ", text)
    return _DIRECTIVE.sub("[", text)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_visible(source: str) -> str:
    """The text of HTML ``source``: no scripts, styles, tags or attributes."""
    import html

    return html.unescape(_TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", source)))
