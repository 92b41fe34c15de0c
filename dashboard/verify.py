"""Check every article quote in ``data/`` verbatim against the article.

Usage: ``python -m dashboard.verify --article ../shared/article/article.txt``

Whitespace and quote marks are normalised; everything else must match exactly. Each miss is
listed with its file, row and column. It also prints the share of the article's words that
the quotes reproduce together (the union of the quoted passages), which must stay at or
below :data:`MAX_ARTICLE_SHARE`. The exit status is 1 on any miss or a share over the limit,
and 2 when the data or the article cannot be read.
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

QUOTE_MARKS = str.maketrans(
    {"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)
# Pairs of (quote column, the column naming its source).
QUOTE_COLUMNS = (
    ("quote", "source_id"),
    ("demand_quote", "demand_source_id"),
    ("source_quote", "source_id"),
)
#: Fair dealing: all article quotes together reproduce at most this share of its words.
MAX_ARTICLE_SHARE = 0.25
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


@dataclass(frozen=True)
class Share:
    """How many of the article's words the quotes reproduce, counted once each."""

    quoted_words: int
    article_words: int

    @property
    def fraction(self) -> float:
        """Quoted words over all words (0 for an empty article)."""
        return self.quoted_words / self.article_words if self.article_words else 0.0

    @property
    def within_limit(self) -> bool:
        """True when the share is at most :data:`MAX_ARTICLE_SHARE`."""
        return self.fraction <= MAX_ARTICLE_SHARE

    def describe(self) -> str:
        """``the quotes reproduce 151 of 649 words of the article (23.3 %; limit 25 %)``."""
        return (
            f"the quotes reproduce {self.quoted_words} of {self.article_words} words of the "
            f"article ({self.fraction:.1%}; limit {MAX_ARTICLE_SHARE:.0%})"
        ).replace("%", " %")


def quoted_share(quotes: list[Quote], article_text: str) -> Share:
    """The union of the quoted passages as a share of the article's words.

    Each quote marks the characters of its first occurrence (case-insensitive); a word of the
    article counts once if any of its characters is marked, however many quotes cover it.
    """
    haystack = normalise(article_text)
    lowered = haystack.lower()
    covered = bytearray(len(haystack))
    for quote in quotes:
        needle = normalise(quote.text).strip("\"' .").lower()
        start = lowered.find(needle) if needle else -1
        if start >= 0:
            covered[start : start + len(needle)] = b"\x01" * len(needle)
    words = [match.span() for match in re.finditer(r"\S+", haystack)]
    quoted = sum(1 for start, end in words if any(covered[start:end]))
    return Share(quoted, len(words))


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
    share = quoted_share(quotes, text)
    print(("Fair dealing: " if share.within_limit else "Over the limit: ") + share.describe())
    return 1 if misses or not share.within_limit else 0


if __name__ == "__main__":
    sys.exit(main())
