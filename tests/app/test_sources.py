"""Sources page in AppTest: fact checks and sources as named tables, with their CSV downloads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.datasets.catalog import load_catalog
from dashboard.page_scripts import PAGES
from dashboard.state import escape_markdown
from dashboard.views.sources import FACT_CHECK_HEADINGS, SOURCE_HEADINGS, ZERO_WIDTH_SPACE
from tests.app.conftest import start_page


@pytest.fixture(scope="module")
def sources_page() -> AppTest:
    return start_page("sources")


def test_sources_is_in_the_navigation():
    assert "sources.py" in {spec.file_name for spec in PAGES}


def test_tables_are_real_tables_with_names_not_canvas_grids(sources_page: AppTest):
    at = sources_page
    # st.dataframe draws a canvas a screen reader cannot read or name
    assert not at.dataframe
    assert len(at.table) == 2
    names = [table.proto.alt for table in at.table]
    assert names[0].startswith("Fact checks: the ")
    assert names[1].startswith("Sources: all ")
    # each table also has a visible heading just above it
    assert [h.value for h in at.header][:2] == ["Fact checks", "Sources"]


def test_every_fact_check_is_listed_with_every_column(sources_page: AppTest):
    checks = sources_page.table[0].value
    catalog = load_catalog()
    assert list(checks.columns) == list(FACT_CHECK_HEADINGS.values())
    assert len(checks) == len(catalog.fact_checks)
    claims = {escape_markdown(claim) for claim in catalog.fact_checks["claim"]}
    assert set(checks["What the article says"]) == claims
    assert checks["Verdict"].iloc[0] == "Incorrect"
    assert f"{len(checks)} claims" in sources_page.table[0].proto.alt


def test_every_source_is_listed_with_its_link_dates_and_licence(sources_page: AppTest):
    shown = sources_page.table[1].value
    catalog = load_catalog()
    assert list(shown.columns) == list(SOURCE_HEADINGS)
    assert len(shown) == len(catalog.sources)
    ids = [value.replace(ZERO_WIDTH_SPACE, "") for value in shown["Id"]]
    assert ids == [escape_markdown(source_id) for source_id in catalog.sources["source_id"]]
    article = shown.iloc[ids.index("article")]
    assert article["Title"] == (
        "[Russia\\: US has promised us Ukrainian territory]"
        f"({catalog.sources.set_index('source_id').loc['article', 'url']})"
    )
    assert article["Published"] == "17 Dec 2025"
    assert article["Licence"].startswith("© the publisher")
    assert all(shown["Accessed"])


def test_both_csv_downloads_stay(sources_page: AppTest):
    labels = [button.proto.label for button in sources_page.get("download_button")]
    assert labels == ["Download the fact checks (CSV)", "Download the source list (CSV)"]
