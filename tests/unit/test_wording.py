"""Reader-facing words: date and share formats, credit lines, escaping per target."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import wording
from dashboard.datasets.catalog import load_catalog


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2025-12-15", None, "day", "15 Dec 2025"),
        ("2025-12-12", "2025-12-16", "week", "12–16 Dec 2025"),
        ("2025-11-28", "2025-12-02", "day", "28 Nov – 2 Dec 2025"),
        ("2025-12-15", None, "week", "week of 15 Dec 2025"),
        ("2025-12-01", None, "month", "December 2025"),
        (None, None, "day", ""),
    ],
)
def test_dates_are_as_precise_as_they_are_known(start, end, precision, expected):
    start = pd.Timestamp(start) if start else None
    end = pd.Timestamp(end) if end else None
    assert wording.format_when(start, end, precision) == expected


def test_shares_keep_small_values_visible():
    assert wording.format_share(0.7712) == "77%"
    assert wording.format_share(0.004) == "0.4%"
    assert wording.format_share(0) == "0%"


def test_a_credit_names_producer_type_title_and_date():
    sources = load_catalog().sources.set_index("source_id")
    assert wording.source_credit(sources, "article").startswith("the article (")
    credit = wording.source_credit(sources, "deepstatemap")
    assert credit.startswith("DeepStateMap") and "“" in credit
    assert wording.source_credit(sources, None) == ""


def test_each_target_has_its_own_escaper():
    hostile = "<b>*x*</b> [a](b)"
    assert "\\*" in wording.markdown_text(hostile) and "<b>" not in wording.html_text(hostile)
    assert "&lt;b&gt;" in wording.html_text(hostile)
