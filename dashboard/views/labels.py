"""Names for repeated controls that tell their items apart. Pure; no streamlit.

A screen reader lists a page's buttons by name, and a list of twenty buttons all called
"Show details" says nothing about which is which. A control repeated once per item (an
event, a position) is therefore named after its item, and :func:`distinct` makes sure no
two of those names are the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

ELLIPSIS = "…"
#: Trailing punctuation dropped before the ellipsis of a shortened text.
CUT_PUNCTUATION = " ,;:.–—-"


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut after a whole word to at most ``limit`` characters with ``…``."""
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return words
    head = words[: limit - 1]
    if words[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(CUT_PUNCTUATION) + ELLIPSIS


def distinct(labels: Mapping[str, str], *fallbacks: Callable[[str], str]) -> dict[str, str]:
    """The labels (by item key), each made unique.

    Labels shared by two or more items are replaced by each item's next, more specific
    label (``fallbacks`` in order, each a function of the item's key); labels still shared
    after the last one are numbered, ``… (1)``, ``… (2)``, in the order of ``labels``.
    """
    result = dict(labels)
    for fallback in fallbacks:
        counts = Counter(result.values())
        result = {
            key: fallback(key) if counts[label] > 1 else label for key, label in result.items()
        }
    counts = Counter(result.values())
    numbers: Counter[str] = Counter()
    for key, label in result.items():
        if counts[label] > 1:
            numbers[label] += 1
            result[key] = f"{label} ({numbers[label]})"
    return result
