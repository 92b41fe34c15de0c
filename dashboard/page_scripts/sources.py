"""Sources and methodology: every source, the fact checks, how to cite, credits."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.datasets import paths
from dashboard.views import downloads
from dashboard.views.sources import (
    citation,
    data_version,
    fact_check_table,
    source_table,
    verdict_counts,
)

catalog = cached.catalog()
ui.reject_url_params("sources")

st.title("Sources and methodology")
st.markdown(
    "Every row of the dashboard's data names its source: the article, with a short verbatim "
    "quote, or one of the sources below. Where the article is wrong or inconsistent, a fact "
    "check says so."
)

st.header("Fact checks", divider="gray")
counts = verdict_counts(catalog)
st.caption(" · ".join(f"{label}: {count}" for label, count in counts.items()))
checks = fact_check_table(catalog)
st.dataframe(
    checks[["verdict_label", "claim", "article_quote", "finding", "checked_against"]],
    hide_index=True,
    width="stretch",
    column_config={
        "verdict_label": st.column_config.TextColumn("Verdict", width="small"),
        "claim": st.column_config.TextColumn("What the article says", width="medium"),
        "article_quote": st.column_config.TextColumn("The article's words", width="medium"),
        "finding": st.column_config.TextColumn("What we found", width="large"),
        "checked_against": st.column_config.TextColumn("Checked against"),
    },
)
st.download_button(
    "Download the fact checks (CSV)",
    checks.drop(columns=["verdict_label"]).to_csv(index=False),
    file_name="fact_checks.csv",
    mime="text/csv",
)
st.caption(downloads.ATTRIBUTION)

st.header("Sources", divider="gray")
sources = source_table(catalog)
st.dataframe(
    sources,
    hide_index=True,
    width="stretch",
    column_config={
        "source_id": st.column_config.TextColumn("Id"),
        "producer": st.column_config.TextColumn("Producer"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "url": st.column_config.LinkColumn("Link", display_text="open"),
        "date_published": st.column_config.TextColumn("Published"),
        "date_accessed": st.column_config.TextColumn("Accessed"),
        "licence": st.column_config.TextColumn("Licence"),
    },
)
st.download_button(
    "Download the source list (CSV)",
    sources.to_csv(index=False),
    file_name="sources.csv",
    mime="text/csv",
)

st.header("Methodology", divider="gray")
methodology = paths.data_dir() / "METHODOLOGY.md"
if methodology.is_file():
    with st.container(border=True):
        st.markdown(methodology.read_text(encoding="utf-8"))
else:
    st.info("The methodology file data/METHODOLOGY.md is missing from this build.")

st.header("How to cite", divider="gray")
st.code(citation(data_version(catalog)), language=None, wrap_lines=True)

st.header("Credits", divider="gray")
st.markdown(
    "- **Boundaries:** Natural Earth (public domain), simplified; Crimea and Sevastopol "
    "are shown as part of Ukraine.\n"
    "- **Places:** GeoNames (CC BY 4.0).\n"
    "- **Territorial control:** DeepStateMap.Live (© DeepStateUA). The dashboard publishes "
    "only figures computed from its maps, never the maps themselves.\n"
    "- **Reporting:** NZ Herald (Herald Premium), syndicated report, December 2025."
)
