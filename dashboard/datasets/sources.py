"""The sources table (``data/sources.yml``): one entry per ``source_id``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from dashboard.datasets import paths
from dashboard.datasets.schema import (
    ARTICLE_SOURCE_ID,
    SOURCE_TYPES,
    DataError,
    decode_utf8,
    display_path,
)

FILE_NAME = "sources.yml"
REQUIRED_FIELDS = (
    "producer",
    "title",
    "url",
    "date_published",
    "date_accessed",
    "licence",
    "source_type",
)
DATE_FIELDS = ("date_published", "date_accessed")


def article_published(sources: pd.DataFrame) -> pd.Timestamp:
    """The article's publication date (its ``date_published``): the line for "on record"."""
    return pd.Timestamp(str(sources.loc[ARTICLE_SOURCE_ID, "date_published"]))


def load_sources(data_dir: Path | None = None) -> pd.DataFrame:
    """Load and validate ``sources.yml``; one row per source, indexed by ``source_id``."""
    path = (data_dir or paths.data_dir()) / FILE_NAME
    display = display_path(path)
    try:
        entries = yaml.safe_load(decode_utf8(path))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError(
            display, f"is not valid YAML ({getattr(error, 'problem', error)})", row=row
        ) from None
    if not isinstance(entries, dict) or not entries:
        raise DataError(display, "must be a mapping from source_id to its fields")
    records = []
    for position, (source_id, entry) in enumerate(entries.items(), start=1):
        if not isinstance(entry, dict):
            raise DataError(display, f"entry '{source_id}' is not a mapping", row=position)
        for name in REQUIRED_FIELDS:
            if name not in entry:
                raise DataError(
                    display, f"entry '{source_id}' lacks a field", row=position, column=name
                )
        for name in DATE_FIELDS:
            value = entry[name]
            if value in (None, ""):
                continue
            try:
                pd.Timestamp(str(value)).date()
            except ValueError:
                raise DataError(
                    display,
                    f"entry '{source_id}': '{value}' is not an ISO date",
                    row=position,
                    column=name,
                ) from None
        if entry["source_type"] not in SOURCE_TYPES:
            raise DataError(
                display,
                f"entry '{source_id}': '{entry['source_type']}' is not one of "
                f"{', '.join(SOURCE_TYPES)}",
                row=position,
                column="source_type",
            )
        url = str(entry["url"] or "")
        if url and not url.startswith(("https://", "http://")):
            raise DataError(
                display,
                f"entry '{source_id}': '{url}' is not a web address",
                row=position,
                column="url",
            )
        records.append({"source_id": str(source_id), **{k: entry.get(k) for k in entry}})
    if ARTICLE_SOURCE_ID not in entries:
        raise DataError(display, f"has no entry '{ARTICLE_SOURCE_ID}' for the article")
    frame = pd.DataFrame.from_records(records).set_index("source_id", drop=False)
    frame.attrs["file"] = display
    return frame
