"""Sources and methodology: every source, the fact checks, how to cite, credits."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard.datasets import paths
from dashboard.views import downloads
from dashboard.views.sources import (
    citation,
    data_version,
    dating_table,
    fact_check_display,
    fact_check_table,
    source_display,
    source_table,
    source_type_counts,
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
st.table(
    fact_check_display(checks),
    hide_index=True,
    alt=f"Fact checks: the {len(checks)} claims of the article we checked, problems first, "
    "each with its verdict, the article's words, what we found, the source checked against "
    "and, where the article is wrong, that source's own words",
)
checks_csv = checks.drop(columns=["verdict_label"]).to_csv(index=False)
ui.download_button("Download the fact checks (CSV)", checks_csv, "fact_checks.csv", icon=None)
ui.column_notes_download("the fact checks", checks_csv, "fact_checks.csv", ["fact_checks"])
st.caption(downloads.ATTRIBUTION)

st.header("Sources", divider="gray")
st.markdown(
    "We prefer the speaker's own transcript or statement, then a news agency (Reuters, AP, "
    "AFP) or its direct republication, then a major news outlet. State media are cited only "
    "for what their state says, and marked as such."
)
st.caption(" · ".join(f"{label}: {count}" for label, count in source_type_counts(catalog).items()))
sources = source_table(catalog)
st.table(
    source_display(sources),
    hide_index=True,
    alt=f"Sources: all {len(sources)} sources, each with its producer, its title linked to it, "
    "the dates published and accessed, its licence and its id",
)
ui.download_button(
    "Download the source list (CSV)", sources.to_csv(index=False), "sources.csv", icon=None
)

st.header("Quotes from the article", divider="gray")
share = cached.article_quote_share()
if share is None:
    st.markdown(
        "The article's text is not part of this build, so the share of it that our quotes "
        "reproduce cannot be shown here; the test suite checks it against the text."
    )
else:
    st.markdown(
        f"Each quote of the article in our data is at most 30 words and attributed. Together "
        f"they reproduce {share.quoted_words} of the report's {share.article_words} words "
        f"({share.fraction:.0%}; our limit is a quarter). Everything else is in our own words."
    )

st.header("How dates were set", divider="gray")
st.markdown(
    "Where the article names only a weekday, or gives no date, we worked the date out; the "
    "pages show a short note, and the full reasoning is here."
)
dating = dating_table(catalog)
st.table(
    dating,
    hide_index=True,
    alt=f"How dates were set: {len(dating)} events and positions, each with its date, the "
    "note readers see and our full reasoning",
)

st.header("Methodology", divider="gray")
methodology = paths.data_dir() / "METHODOLOGY.md"
if methodology.is_file():
    with st.container(border=True):
        st.markdown(methodology.read_text(encoding="utf-8"))
else:
    st.info("The methodology file data/METHODOLOGY.md is missing from this build.")

st.header("The data files", divider="gray")
st.markdown(
    "The dashboard is built from plain tables that anyone can open, in the folder `data/` of "
    "its repository; `data/README.md` explains every column.\n\n"
    "- `regions.csv`: the regions the article discusses, Russia's demands for each, and "
    "what the article says of them.\n"
    "- `places.csv`: the towns, the port and the nuclear plant, with GeoNames coordinates.\n"
    "- `events.csv`: the timeline, each event with who claims it and how it was dated.\n"
    "- `issues.csv` and `positions.csv`: the five issues and every sourced position on them, "
    "with our scores.\n"
    "- `fact_checks.csv`: every date, number, name and place of the article, checked.\n"
    "- `spelling.csv`: the spelling policy for names on screen.\n"
    "- `proposals.csv`: each side's territorial proposal, with the rule that measures it.\n"
    "- `towns.csv`: every town of 10,000 people or more in the four oblasts, with its "
    "pre-war population and GeoNames coordinates.\n"
    "- `sources.yml`: every source, with its type, producer, date and licence.\n"
    "- `derived/`: the area figures computed from DeepStateMap.Live (no map geometry), and "
    "what each proposal would hand over on the article's date."
)

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
