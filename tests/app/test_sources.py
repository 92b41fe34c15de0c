"""Sources page in AppTest: fact checks and sources as named tables, with their CSV downloads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.datasets import paths
from dashboard.datasets.catalog import load_catalog
from dashboard.page_scripts import PAGES
from dashboard.views.sources import FACT_CHECK_HEADINGS, SOURCE_HEADINGS, ZERO_WIDTH_SPACE
from dashboard.wording import SOURCE_TYPE_LABELS, markdown_text
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
    assert len(at.table) == 3
    names = [table.proto.alt for table in at.table]
    assert names[0].startswith("Fact checks: the ")
    assert names[1].startswith("Sources: all ")
    assert names[2].startswith("How dates were set: ")
    # each table also has a visible heading just above it
    headers = [h.value for h in at.header]
    assert headers[:2] == ["Fact checks", "Sources"]
    assert headers.index("How dates were set") > headers.index("Sources")


def test_source_types_quote_share_and_date_reasoning_are_shown(sources_page: AppTest):
    at = sources_page
    catalog = load_catalog()
    types = at.table[1].value["Type"]
    assert set(types) <= set(SOURCE_TYPE_LABELS.values())
    assert (types == "state media").sum() == (catalog.sources["source_type"] == "state_media").sum()
    texts = [m.value for m in at.markdown]
    share = [t for t in texts if "words (" in t and "our limit is a quarter" in t]
    if paths.article_path().is_file():
        assert share and "of the report's 649 words" in share[0]
    else:
        assert any("not part of this build" in t for t in texts)
    # the full reasoning behind a weekday lives here, the pages show the short note
    dating = at.table[2].value
    lavrov = dating[dating["Date"] == "15 Dec 2025"]
    assert any("IRIB" in value for value in lavrov["How we set it"])
    checks = at.table[0].value
    wrong = checks[checks["Verdict"].isin(["Incorrect", "Inconsistent", "Imprecise"])]
    assert (wrong["The source's words"] != "").all()


def test_every_fact_check_is_listed_with_every_column(sources_page: AppTest):
    checks = sources_page.table[0].value
    catalog = load_catalog()
    assert list(checks.columns) == list(FACT_CHECK_HEADINGS.values())
    assert len(checks) == len(catalog.fact_checks)
    claims = {markdown_text(claim) for claim in catalog.fact_checks["claim"]}
    assert set(checks["What the article says"]) == claims
    assert checks["Verdict"].iloc[0] == "Incorrect"
    assert checks["Checked against"].iloc[0] == markdown_text("Reuters (news agency)")
    assert f"{len(checks)} claims" in sources_page.table[0].proto.alt


def test_every_source_is_listed_with_its_link_dates_and_licence(sources_page: AppTest):
    shown = sources_page.table[1].value
    catalog = load_catalog()
    assert list(shown.columns) == list(SOURCE_HEADINGS)
    assert len(shown) == len(catalog.sources)
    ids = [value.replace(ZERO_WIDTH_SPACE, "") for value in shown["Id"]]
    assert ids == [markdown_text(source_id) for source_id in catalog.sources["source_id"]]
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
    assert labels == [
        "Download the fact checks (CSV)",
        "What the columns of the fact checks mean (CSV)",
        "Download the source list (CSV)",
    ]
