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
