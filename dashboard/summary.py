"""The story's key figures, computed from the tables (pure; no streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.datasets.sources import article_published
from dashboard.wording import with_source_type

DONBAS = ("UA-14", "UA-09")
#: The fact check that sets our Donbas figure beside a published estimate.
DONBAS_CHECK = "fc_donbas_remainder"


@dataclass(frozen=True)
class KeyFigure:
    """One headline number with what it means and where it comes from."""

    label: str
    value: str
    detail: str
    source: str


def article_date(catalog: Catalog) -> pd.Timestamp:
    """The article's publication date as recorded in ``sources.yml``."""
    return article_published(catalog.sources)


def snapshot_on_or_before(control: pd.DataFrame, day: pd.Timestamp) -> pd.Timestamp | None:
    """The latest control snapshot taken on or before ``day`` (None when there is none)."""
    dates = control.loc[control["snapshot_date"] <= day, "snapshot_date"]
    return None if dates.empty else dates.max()


def source_name(catalog: Catalog, source_id: str) -> str:
    """A short credit for a source (its ``credit``, else its producer); the article's title too."""
    entry = catalog.sources.loc[source_id]
    credit = entry.get("credit")
    name = str(credit) if isinstance(credit, str) and credit else str(entry["producer"])
    if source_id != ARTICLE_SOURCE_ID:
        return with_source_type(name, catalog.sources, source_id)
    if source_id == ARTICLE_SOURCE_ID:
        return f"{name}, “{entry['title']}”"
    return name


def donbas_comparison(catalog: Catalog) -> str:
    """Our Donbas figure beside a wire's estimate, with both sources (empty when not on file)."""
    checks = catalog.fact_checks.set_index("check_id")
    if DONBAS_CHECK not in checks.index:
        return ""
    check = checks.loc[DONBAS_CHECK]
    return (
        f"Compared: {check['finding']} Sources: {source_name(catalog, check['source_id'])}; "
        f"{source_name(catalog, 'deepstatemap')}."
    )


def control_figures(catalog: Catalog, control: pd.DataFrame, day: pd.Timestamp) -> list[KeyFigure]:
    """Russian-controlled shares of the Donbas and what Ukraine still holds there."""
    snapshot = snapshot_on_or_before(control, day)
    if snapshot is None:
        return []
    rows = control[control["snapshot_date"] == snapshot].set_index("region_id")
    credit = (
        f"Source: {source_name(catalog, 'deepstatemap')}, snapshot of {snapshot:%-d %B %Y}; "
        f"areas from {source_name(catalog, 'natural_earth')} (EPSG:3035)"
    )
    names = catalog.regions.set_index("region_id")["name_en"]
    figures = [
        KeyFigure(
            label=f"{names.get(region_id, region_id)} under Russian control",
            value=f"{rows.loc[region_id, 'russian_share']:.0%}",
            detail=f"{rows.loc[region_id, 'russian_km2']:,.0f} of "
            f"{rows.loc[region_id, 'region_km2']:,.0f} km²",
            source=credit,
        )
        for region_id in DONBAS
        if region_id in rows.index
    ]
    held = sum(rows.loc[r, "ukrainian_km2"] for r in DONBAS if r in rows.index)
    figures.append(
        KeyFigure(
            label="Donbas still held by Ukraine",
            value=f"{held:,.0f} km²",
            detail="the area Russia demands Ukraine withdraw from (grey zone counted as "
            "not Russian-held)",
            source=f"{credit}. {donbas_comparison(catalog)}".strip(),
        )
    )
    return figures


def article_figures(catalog: Catalog) -> list[KeyFigure]:
    """Counts the article supports: regions Russia claims, and the sticking points."""
    regions = catalog.regions
    claimed = regions[regions["in_article"] & regions["annexation_claimed"].notna()]
    sticking = catalog.issues[catalog.issues["sticking_point"]]
    article = source_name(catalog, ARTICLE_SOURCE_ID)
    figures = [
        KeyFigure(
            label="Regions the article says Lavrov meant",
            value=str(len(claimed)),
            detail=", ".join(claimed["name_en"]),
            source=f"Source: {article}",
        )
    ]
    if not sticking.empty:
        figures.append(
            KeyFigure(
                label="Remaining sticking points",
                value=str(len(sticking)),
                detail=", ".join(sticking["label"]),
                source=f"Source: {article}",
            )
        )
    return figures
