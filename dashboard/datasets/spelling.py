"""The spelling policy (``data/spelling.csv``): one way to write each name on screen.

Each row names the spelling we use and the variants we replace. Names from outside sources
(Natural Earth's "Odessa") are respelled when loaded; quotes keep their original spelling;
a search for a variant still finds the name. Pure: no streamlit.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

#: Passages in quotation marks, which keep the spelling of their source.
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|(?<![\w’'])'[^']*'(?![\w])")


def variants(spelling: pd.DataFrame) -> dict[str, str]:
    """Each variant (``Kupyansk``) mapped to the spelling we use (``Kupiansk``)."""
    return {
        variant: str(name)
        for name, listed in zip(spelling["name"], spelling["variants"], strict=True)
        for variant in listed
    }


@lru_cache(maxsize=8)
def _pattern(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")


def respell(text: str, spelling: pd.DataFrame) -> str:
    """``text`` with every variant replaced by the spelling we use (whole words only)."""
    table = variants(spelling)
    if not table or not text:
        return text
    return _pattern(tuple(table)).sub(lambda match: table[match.group(0)], text)


def unquoted(text: str) -> str:
    """``text`` without its quoted passages, which keep their source's spelling."""
    return QUOTED.sub(" ", text)


def misspellings(text: str, spelling: pd.DataFrame) -> list[str]:
    """The variants used in ``text`` outside quotation marks (empty when it follows policy)."""
    table = variants(spelling)
    if not table or not text:
        return []
    return _pattern(tuple(table)).findall(unquoted(text))


def search_aliases(text: str, spelling: pd.DataFrame) -> str:
    """The variants of the names in ``text``, so a search for an old spelling still finds it."""
    found = []
    for name, listed in zip(spelling["name"], spelling["variants"], strict=True):
        if re.search(rf"\b{re.escape(str(name))}", text):
            found.extend(listed)
    return " ".join(found)
