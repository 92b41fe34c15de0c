"""The curated CSV tables under ``data/``: columns from ``data/datapackage.json``, own checks here.

The package defines every column (type, required, vocabulary, range, pattern, list). What a
Table Schema cannot say stays in Python: the quote rules (a row sourced to the article needs
a quote, at most ``maxWords`` words), the date-note rule and the fact checks' source quotes.
Links between tables are checked in :mod:`dashboard.datasets.catalog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.datasets.package import EXTRAS, load_package, resource, table_schema
from dashboard.datasets.schema import (
    ARTICLE_SOURCE_ID,
    CRITICAL_VERDICTS,
    Column,
    RowCheck,
    Schema,
)


def check_quote(source_column: str | None, quote_column: str, max_words: int) -> RowCheck:
    """Return a row check: an article-sourced row needs a quote; no quote exceeds ``max_words``."""

    def check(record: dict[str, Any]) -> str | None:
        quote = record.get(quote_column) or ""
        if source_column and record.get(source_column) == ARTICLE_SOURCE_ID and not quote:
            return f"{quote_column}: is empty, but a row sourced to the article needs a quote"
        words = len(quote.split())
        if words > max_words:
            return f"{quote_column}: has {words} words; quotes are at most {max_words}"
        return None

    return check


def check_date_note(record: dict[str, Any]) -> str | None:
    """A row whose date needed reasoning (``date_basis``) needs a short reader's ``date_note``."""
    if record.get("date_basis") and not record.get("date_note"):
        return "date_note: is empty, but the row has a date_basis; add a short note for readers"
    return None


def check_source_quote(record: dict[str, Any]) -> str | None:
    """A fact check that calls the article wrong quotes the source that shows it."""
    if record.get("verdict") in CRITICAL_VERDICTS and not record.get("source_quote"):
        return (
            f"source_quote: is empty, but a '{record['verdict']}' verdict must quote "
            "the source that shows it"
        )
    return None


def quote_checks(name: str) -> tuple[RowCheck, ...]:
    """The quote checks of resource ``name``: one per field with ``x-dashboard.maxWords``."""
    checks = []
    for spec in resource(name).fields:
        extras = spec.get(EXTRAS, {})
        if "maxWords" in extras:
            checks.append(check_quote(extras.get("quoteFor"), spec["name"], extras["maxWords"]))
    return tuple(checks)


@dataclass(frozen=True)
class PackagedTable:
    """A table whose schema is read from ``data/datapackage.json`` when first needed.

    Lazy, so that importing the loaders never reads the file: a broken package raises its
    DataError when data is loaded, where the pages show it, not at import.
    """

    name: str
    own_checks: tuple[RowCheck, ...] = ()
    _built: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def schema(self) -> Schema:
        """The :class:`Schema`, rebuilt only when the package file has changed."""
        package = load_package()
        if self._built.get("package") is not package:
            checks = (*quote_checks(self.name), *self.own_checks)
            self._built.update(package=package, schema=table_schema(self.name, checks))
        return self._built["schema"]

    @property
    def file_name(self) -> str:
        """The table's file name under ``data/``."""
        return self.schema.file_name

    @property
    def columns(self) -> dict[str, Column]:
        """The columns by name, in file order."""
        return self.schema.columns

    @property
    def key(self) -> str | None:
        """The primary-key column."""
        return self.schema.key

    @property
    def row_checks(self) -> tuple[RowCheck, ...]:
        """The quote checks, then the table's own checks."""
        return self.schema.row_checks


REGIONS = PackagedTable("regions")
PLACES = PackagedTable("places")
EVENTS = PackagedTable("events", (check_date_note,))
ISSUES = PackagedTable("issues")
POSITIONS = PackagedTable("positions", (check_date_note,))
FACT_CHECKS = PackagedTable("fact_checks", (check_source_quote,))
SPELLING = PackagedTable("spelling")
MAP_LABELS = PackagedTable("map_labels")
TOWNS = PackagedTable("towns")
PROPOSALS = PackagedTable("proposals")

TABLES: dict[str, PackagedTable] = {
    "regions": REGIONS,
    "places": PLACES,
    "events": EVENTS,
    "issues": ISSUES,
    "positions": POSITIONS,
    "fact_checks": FACT_CHECKS,
    "spelling": SPELLING,
    "map_labels": MAP_LABELS,
    "towns": TOWNS,
    "proposals": PROPOSALS,
}
