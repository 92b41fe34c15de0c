"""Sources page tables: every source and fact check, shown as escaped markdown cells."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.views.sources import (
    FACT_CHECK_HEADINGS,
    SOURCE_HEADINGS,
    ZERO_WIDTH_SPACE,
    fact_check_display,
    fact_check_table,
    shown_date,
    source_display,
    source_table,
    text,
)
from dashboard.wording import markdown_text

HOSTILE = "*bold* [x](javascript:alert(1)) <b>hi</b> $x$ | pipe"


def source_row(**changes: str) -> dict[str, str]:
    row = {
        "source_id": "some_source_20251216",
        "producer": "Agency",
        "title": "A report",
        "url": "https://example.test/report",
        "date_published": "2025-12-16",
        "date_accessed": "2026-11-26",
        "licence": "© Agency; cited, not copied",
        "source_type": "wire",
    }
    row.update(changes)
    return row


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_source_display_keeps_every_source_and_every_field(catalog) -> None:
    sources = source_table(catalog)
    shown = source_display(sources)
    assert list(shown.columns) == list(SOURCE_HEADINGS)
    assert len(shown) == len(sources) == len(catalog.sources)
    for (_, source), (_, row) in zip(sources.iterrows(), shown.iterrows(), strict=True):
        assert markdown_text(source["producer"]) in row["Producer"]
        assert row["Title"].startswith(f"[{markdown_text(source['title'])}](")
        assert row["Title"].endswith(")") and "](http" in row["Title"]
        assert row["Accessed"] == shown_date(source["date_accessed"]) != ""
        assert row["Published"] == shown_date(source["date_published"])
        assert row["Id"].replace(ZERO_WIDTH_SPACE, "") == markdown_text(source["source_id"])
        assert row["Licence"]


def test_source_display_escapes_data_and_links_only_web_addresses() -> None:
    frame = pd.DataFrame(
        [
            source_row(title=HOSTILE, producer=HOSTILE, licence=HOSTILE),
            source_row(source_id="odd", url="javascript:alert(1)", date_published=""),
        ]
    )
    first, second = source_display(frame).to_dict("records")
    assert first["Producer"] == first["Licence"] == markdown_text(HOSTILE)
    assert first["Type"] == "news agency"
    assert first["Title"] == f"[{markdown_text(HOSTILE)}](https://example.test/report)"
    assert second["Title"] == "A report"  # no link to a non-web address
    assert second["Published"] == ""
    assert second["Accessed"] == "26 Nov 2026"
    assert first["Id"] == f"some\\_{ZERO_WIDTH_SPACE}source\\_{ZERO_WIDTH_SPACE}20251216"


def test_a_web_address_in_a_text_becomes_a_link_named_by_its_host() -> None:
    licence = "Public domain (https://www.naturalearthdata.com/about/terms-of-use/)."
    assert text(licence) == (
        "Public domain \\([naturalearthdata\\.com]"
        "(https://www.naturalearthdata.com/about/terms-of-use/)\\)\\."
    )
    assert text("see http://a.test/x, then") == "see [a\\.test](http://a.test/x), then"
    assert text("javascript:alert(1)") == "javascript\\:alert\\(1\\)"
    assert text(None) == "" and text(float("nan")) == ""


def test_fact_check_display_keeps_every_check_with_readable_headings(catalog) -> None:
    checks = fact_check_table(catalog)
    shown = fact_check_display(checks)
    assert list(shown.columns) == list(FACT_CHECK_HEADINGS.values())
    assert len(shown) == len(catalog.fact_checks)
    assert shown["Verdict"].iloc[0] == "Incorrect"  # problems first
    for column, heading in FACT_CHECK_HEADINGS.items():
        assert list(shown[heading]) == [text(value) for value in checks[column]]


def test_fact_check_display_escapes_hostile_text() -> None:
    checks = pd.DataFrame([dict.fromkeys(FACT_CHECK_HEADINGS, HOSTILE)])
    shown = fact_check_display(checks)
    assert set(shown.iloc[0]) == {markdown_text(HOSTILE)}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-17", "17 Dec 2025"),
        (" 2025-01-02 ", "2 Jan 2025"),
        (date(2025, 3, 4), "4 Mar 2025"),
        (pd.Timestamp("2025-03-04"), "4 Mar 2025"),
        ("December 2025", "December 2025"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        (pd.NaT, ""),
    ],
)
def test_shown_date(value, expected: str) -> None:
    assert shown_date(value) == expected
