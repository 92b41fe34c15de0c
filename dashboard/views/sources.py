"""Tables for the sources page: the source list, fact checks, and the citation (pure).

The ``*_display`` functions turn a table into what the page shows with ``st.table``: readable
column names and every value escaped for markdown (``st.table`` renders each cell as
markdown), so a ``*`` or ``[`` in the data stays literal and the only links are the ones built
here: a source's title links to its address, and a web address inside a text is shown as a
link named by its host.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.sources import REQUIRED_FIELDS
from dashboard.views.timeline import markdown_link
from dashboard.wording import SOURCE_TYPE_LABELS, VERDICT_LABELS, markdown_text

# Problems first: what a reader most needs to know about the article.
VERDICT_ORDER = ("incorrect", "inconsistent", "imprecise", "unverified", "confirmed")
DASHBOARD_TITLE = "Russia–Ukraine peace talks, December 2025: an interactive dashboard"
#: The fact-check table as shown: column -> heading.
FACT_CHECK_HEADINGS = {
    "verdict_label": "Verdict",
    "claim": "What the article says",
    "article_quote": "The article's words",
    "finding": "What we found",
    "checked_against": "Checked against",
    "source_quote": "The source's words",
}
#: The source list as shown: heading of each column (the title links to the source).
SOURCE_HEADINGS = ("Producer", "Type", "Title", "Published", "Accessed", "Licence", "Id")
#: The table of how dates were set, as shown.
DATING_HEADINGS = ("What", "Date", "For readers", "How we set it")
#: A web address inside a text (split keeps it as its own piece); parentheses end it.
URL_IN_TEXT = re.compile(r"(https?://[^\s<>()\[\]]+)")
#: Punctuation that ends a sentence rather than an address.
URL_TRAILING = ".,;:!?'\""
#: Dates in the tables: ``17 Dec 2025`` (the CSV keeps ISO dates).
SHOWN_DATE = "%-d %b %Y"
#: Lets a long id such as ``kyivindependent_pokrovsk_20251202`` wrap in a narrow column.
ZERO_WIDTH_SPACE = "\u200b"


def source_table(catalog: Catalog) -> pd.DataFrame:
    """One row per source with the fields a reader needs to find and judge it."""
    columns = ["source_id", *REQUIRED_FIELDS]
    table = catalog.sources.reindex(columns=columns).reset_index(drop=True)
    return table.fillna("")


def fact_check_table(catalog: Catalog) -> pd.DataFrame:
    """Fact checks with problems first, each with the producer of the checking source."""
    checks = catalog.fact_checks.drop(columns="_row")
    sources = catalog.sources
    named = sources["producer"] + " (" + sources["source_type"].map(SOURCE_TYPE_LABELS) + ")"
    table = checks.assign(
        verdict_label=checks["verdict"].map(VERDICT_LABELS),
        checked_against=checks["source_id"].map(named),
        order=checks["verdict"].map({v: i for i, v in enumerate(VERDICT_ORDER)}),
    )
    return table.sort_values(["order", "check_id"]).drop(columns="order").reset_index(drop=True)


def text(value: object) -> str:
    """A cell's value as markdown: escaped, a web address in it as a link named by its host.

    Escaping alone would leave a bare ``https://…`` to the markdown renderer's autolinks;
    linking it ourselves keeps a long address from widening its column.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    parts = []
    for piece in URL_IN_TEXT.split(str(value)):
        if URL_IN_TEXT.fullmatch(piece):
            url = piece.rstrip(URL_TRAILING)
            host = urlsplit(url).hostname or url
            parts.append(markdown_link(markdown_text(host.removeprefix("www.")), url))
            parts.append(markdown_text(piece[len(url) :]))
        else:
            parts.append(markdown_text(piece))
    return "".join(parts)


def shown_date(value: object) -> str:
    """A date (or ISO date text) as ``17 Dec 2025``; other text as it is; missing as ``""``."""
    if isinstance(value, str):
        day = pd.to_datetime(value.strip(), format="ISO8601", errors="coerce")
        return value.strip() if pd.isna(day) else f"{day:{SHOWN_DATE}}"
    if value is None or pd.isna(value):
        return ""
    return f"{value:{SHOWN_DATE}}" if isinstance(value, date) else str(value)


def breakable(identifier: str) -> str:
    """An id that may wrap after each underscore (a zero-width space, which readers skip)."""
    return identifier.replace("_", "_" + ZERO_WIDTH_SPACE)


def fact_check_display(checks: pd.DataFrame) -> pd.DataFrame:
    """The fact checks (from :func:`fact_check_table`) as shown: headings, escaped text."""
    shown = checks[list(FACT_CHECK_HEADINGS)].rename(columns=FACT_CHECK_HEADINGS)
    return shown.map(text)


def source_display(sources: pd.DataFrame) -> pd.DataFrame:
    """The source list (from :func:`source_table`) as shown, each title linked to its source."""
    rows = [
        (
            text(row["producer"]),
            text(SOURCE_TYPE_LABELS.get(str(row["source_type"]), "")),
            markdown_link(markdown_text(str(row["title"])), str(row["url"])),
            text(shown_date(row["date_published"])),
            text(shown_date(row["date_accessed"])),
            text(row["licence"]),
            breakable(text(row["source_id"])),
        )
        for _, row in sources.iterrows()
    ]
    return pd.DataFrame(rows, columns=list(SOURCE_HEADINGS))


def dating_table(catalog: Catalog) -> pd.DataFrame:
    """Every event and position whose date needed reasoning: the note and the full basis."""
    rows = []
    for frame, what in ((catalog.events, "title"), (catalog.positions, "summary")):
        for record in frame.to_dict("records"):
            if record["date_basis"]:
                rows.append(
                    (
                        text(record[what]),
                        text(shown_date(record["date"])),
                        text(record["date_note"]),
                        text(record["date_basis"]),
                    )
                )
    return pd.DataFrame(rows, columns=list(DATING_HEADINGS))


def source_type_counts(catalog: Catalog) -> dict[str, int]:
    """How many sources of each type, in the order of preference (see METHODOLOGY.md)."""
    counts = catalog.sources["source_type"].value_counts()
    return {
        label: int(counts[kind]) for kind, label in SOURCE_TYPE_LABELS.items() if kind in counts
    }


def verdict_counts(catalog: Catalog) -> dict[str, int]:
    """How many checks ended with each verdict, problems first; verdicts unused are left out."""
    counts = catalog.fact_checks["verdict"].value_counts()
    return {VERDICT_LABELS[v]: int(counts[v]) for v in VERDICT_ORDER if v in counts}


def data_version(catalog: Catalog) -> date:
    """The data's version: the latest date on which a source was accessed."""
    accessed = pd.to_datetime(catalog.sources["date_accessed"].astype(str), errors="coerce")
    return accessed.max().date()


def citation(version: date, url: str = "") -> str:
    """How to cite the dashboard, with the data version's date."""
    where = f" {url}" if url else ""
    return (
        f"{DASHBOARD_TITLE}. Data version of {version:%-d %B %Y}.{where} Based on NZ Herald "
        "reporting, with DeepStateMap.Live, Natural Earth and GeoNames data."
    )
