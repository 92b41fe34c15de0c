"""Check every article quote in ``data/`` verbatim against the article.

Usage: ``python -m dashboard.verify --article ../shared/article/article.txt``

Whitespace and quote marks are normalised; everything else must match exactly. Each miss is
listed with its file, row and column; the exit status is 1 on any miss and 2 when the data
or the article cannot be read.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.datasets import paths
from dashboard.datasets.catalog import Catalog, load_catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID, DataError, decode_utf8

QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
# Pairs of (quote column, the column naming its source); None means always the article.
QUOTE_COLUMNS = (("quote", "source_id"), ("demand_quote", "demand_source_id"))
ALWAYS_ARTICLE = ("article_quote",)


@dataclass(frozen=True)
class Quote:
    """One article quote and where it sits in the data."""

    file: str
    row: int
    column: str
    text: str


def normalise(text: str) -> str:
    """Fold quote marks and runs of white space so only the words are compared."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def article_quotes(catalog: Catalog) -> Iterator[Quote]:
    """Yield every quote in the catalog that is attributed to the article."""
    for frame in catalog.tables().values():
        file = frame.attrs["file"]
        for _, record in frame.iterrows():
            for column, source_column in QUOTE_COLUMNS:
                if column in frame.columns and record.get(source_column) == ARTICLE_SOURCE_ID:
                    if record[column]:
                        yield Quote(file, int(record["_row"]), column, record[column])
            for column in ALWAYS_ARTICLE:
                if column in frame.columns and record[column]:
                    yield Quote(file, int(record["_row"]), column, record[column])


def find_misses(quotes: list[Quote], article_text: str) -> list[Quote]:
    """Return the quotes that do not occur verbatim in ``article_text``."""
    haystack = normalise(article_text)
    return [quote for quote in quotes if normalise(quote.text) not in haystack]


def main(argv: list[str] | None = None) -> int:
    """Run the check and print a report; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.verify", description=__doc__)
    parser.add_argument("--article", type=Path, default=None, help="the article's text file")
    parser.add_argument("--data", type=Path, default=None, help="folder of the data tables")
    args = parser.parse_args(argv)
    article = args.article or paths.article_path()
    try:
        catalog = load_catalog(args.data)
        text = decode_utf8(article)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    quotes = list(article_quotes(catalog))
    misses = find_misses(quotes, text)
    for miss in misses:
        print(
            f"{miss.file}, row {miss.row}, column '{miss.column}': not in the article: "
            f"{miss.text!r}"
        )
    print(f"{len(quotes) - len(misses)} of {len(quotes)} article quotes found verbatim")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
