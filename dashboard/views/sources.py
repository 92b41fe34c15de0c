"""Tables for the sources page: the source list, fact checks, and the citation (pure)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.datasets.catalog import Catalog

VERDICT_LABELS = {
    "confirmed": "Confirmed",
    "incorrect": "Incorrect",
    "inconsistent": "Inconsistent",
    "imprecise": "Imprecise",
    "unverified": "Unverified",
}
# Problems first: what a reader most needs to know about the article.
VERDICT_ORDER = ("incorrect", "inconsistent", "imprecise", "unverified", "confirmed")
DASHBOARD_TITLE = "Russia–Ukraine peace talks, December 2025: an interactive dashboard"


def source_table(catalog: Catalog) -> pd.DataFrame:
    """One row per source with the fields a reader needs to find and judge it."""
    columns = [
        "source_id",
        "producer",
        "title",
        "url",
        "date_published",
        "date_accessed",
        "licence",
    ]
    table = catalog.sources.reindex(columns=columns).reset_index(drop=True)
    return table.fillna("")


def fact_check_table(catalog: Catalog) -> pd.DataFrame:
    """Fact checks with problems first, each with the producer of the checking source."""
    checks = catalog.fact_checks.drop(columns="_row")
    producers = catalog.sources["producer"]
    table = checks.assign(
        verdict_label=checks["verdict"].map(VERDICT_LABELS),
        checked_against=checks["source_id"].map(producers),
        order=checks["verdict"].map({v: i for i, v in enumerate(VERDICT_ORDER)}),
    )
    return table.sort_values(["order", "check_id"]).drop(columns="order").reset_index(drop=True)


def verdict_counts(catalog: Catalog) -> dict[str, int]:
    """How many checks ended with each verdict, problems first; verdicts unused are left out."""
    counts = catalog.fact_checks["verdict"].value_counts()
    return {VERDICT_LABELS[v]: int(counts[v]) for v in VERDICT_ORDER if v in counts}


def data_version(catalog: Catalog) -> date:
    """The data's version: the latest date on which a source was accessed."""
    accessed = pd.to_datetime(catalog.sources["date_accessed"].astype(str), errors="coerce")
    return accessed.max().date()


def citation(version: date, url: str = "") -> str:
    """How to cite the dashboard, with the data version's date."""
    where = f" {url}" if url else ""
    return (
        f"{DASHBOARD_TITLE}. Data version of {version:%-d %B %Y}.{where} Based on NZ Herald "
        "reporting, with DeepStateMap.Live, Natural Earth and GeoNames data."
    )
