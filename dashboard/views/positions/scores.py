"""How far apart the parties are: effective scores and the ranking of the issues. Pure.

Definitions (they follow ``data/METHODOLOGY.md``):

- A party's *effective score* on an issue is the mean of its rows in its own voice; rows
  another party attributes to it (``claimed_by`` set) count only where it has no row in
  its own voice on that issue (then their mean is used).
- An issue's *distance* is the largest minus the smallest effective score over the parties
  with a position on it (0 when only one party is on record, undefined when none is).
- The ranking sorts by distance (largest first), breaks ties by the number of parties on
  record (more first) and then keeps the order of ``issues.csv``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.views.positions.records import (
    ATTRIBUTED,
    OWN,
    PARTIES,
    RANKING_COLUMNS,
    SCORE_COLUMNS,
    Credit,
    source_credit,
)
from dashboard.wording import party_label, plotly_text

# --------------------------------------------------------------------------- distance


def effective_scores(positions: pd.DataFrame) -> pd.DataFrame:
    """One score per (issue, party): own statements preferred over attributed ones.

    Columns: ``issue_id``, ``party``, ``score`` (mean of the statements used), ``basis``
    (``own`` or ``attributed``), ``n_positions`` (statements used) and ``claimed_by``
    (the claimants, ``;``-joined, when the basis is attributed; else empty).
    """
    records = []
    if not positions.empty:
        for (issue_id, name), group in positions.groupby(["issue_id", "party"], sort=False):
            attributed = group["claimed_by"].notna() & (group["claimed_by"] != "")
            own = group[~attributed]
            used = own if not own.empty else group[attributed]
            claimants = "" if not own.empty else ";".join(sorted(set(used["claimed_by"])))
            records.append(
                {
                    "issue_id": issue_id,
                    "party": name,
                    "score": float(used["score"].mean()),
                    "basis": OWN if not own.empty else ATTRIBUTED,
                    "n_positions": len(used),
                    "claimed_by": claimants,
                }
            )
    return pd.DataFrame.from_records(records, columns=list(SCORE_COLUMNS))


def rank_sticking_points(issues: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Rank the issues by how far apart the parties are (see the module docstring).

    One row per issue, in rank order. ``distance`` is NaN and ``rank`` is 0 for an issue
    with no position on record; ``lowest``/``highest`` name the parties at the ends
    (``;``-joined on ties); ``attributed_parties`` those whose score rests on another
    party's claim.
    """
    scores = effective_scores(positions)
    records = []
    for order, (_, issue) in enumerate(issues.iterrows()):
        on_issue = scores[scores["issue_id"] == issue["issue_id"]]
        parties = [p for p in PARTIES if p in set(on_issue["party"])]
        on_issue = on_issue.set_index("party").reindex(parties)
        if on_issue.empty:
            distance, lowest, highest = float("nan"), "", ""
        else:
            low, high = on_issue["score"].min(), on_issue["score"].max()
            distance = float(high - low)
            lowest = ";".join(on_issue.index[on_issue["score"] == low])
            highest = ";".join(on_issue.index[on_issue["score"] == high])
        records.append(
            {
                "issue_id": issue["issue_id"],
                "label": issue["label"],
                "distance": distance,
                "n_parties": len(parties),
                "lowest": lowest,
                "highest": highest,
                "attributed_parties": ";".join(on_issue.index[on_issue["basis"] == ATTRIBUTED]),
                "scale_low": issue["scale_low"],
                "scale_high": issue["scale_high"],
                "sticking_point": bool(issue["sticking_point"]),
                "_order": order,
            }
        )
    ranking = pd.DataFrame.from_records(
        records, columns=[c for c in RANKING_COLUMNS if c != "rank"] + ["_order"]
    )
    ranking = ranking.sort_values(
        ["distance", "n_parties", "_order"], ascending=[False, False, True], na_position="last"
    ).drop(columns="_order")
    measured = ranking["distance"].notna()
    ranking.insert(0, "rank", 0)
    ranking.loc[measured, "rank"] = range(1, int(measured.sum()) + 1)
    return ranking.reset_index(drop=True)


def article_sticking_points(issues: pd.DataFrame) -> pd.DataFrame:
    """The issues the article itself names as remaining sticking points, with its quote."""
    named = issues[issues["sticking_point"].astype(bool)]
    return named[["issue_id", "label", "source_id", "quote"]].reset_index(drop=True)


# --------------------------------------------------------------------------- distance notes


@dataclass(frozen=True)
class Scale:
    """What −2 and +2 mean on one issue."""

    label: str
    low: str
    high: str


@dataclass(frozen=True)
class WidestGap:
    """The issue the parties are furthest apart on, by our scores."""

    label: str
    distance: str
    lowest: str
    highest: str
    named_too: str


@dataclass(frozen=True)
class StickingPoints:
    """The article's own sticking points (quote, issues) beside our widest gap."""

    quotes: tuple[tuple[str, tuple[str, ...]], ...]
    credit: Credit
    widest: WidestGap | None
    scales: tuple[Scale, ...]


def sticking_points(catalog: Catalog, ranking: pd.DataFrame) -> StickingPoints:
    """The article's sticking points and our widest gap, from the ranked issues."""
    named = article_sticking_points(catalog.issues)
    quotes = tuple(
        (str(quote), tuple(str(label) for label in group["label"]))
        for quote, group in named.groupby("quote", sort=False)
    )
    widest = None
    measured = ranking[ranking["rank"] > 0]
    if not measured.empty:
        top = measured.iloc[0]
        widest = WidestGap(
            label=str(top["label"]),
            distance=f"{top['distance']:g}",
            lowest=", ".join(party_label(p) for p in top["lowest"].split(";")),
            highest=", ".join(party_label(p) for p in top["highest"].split(";")),
            named_too=", one the article names too"
            if top["sticking_point"]
            else ", which the article does not count among the remaining sticking points",
        )
    scales = tuple(
        Scale(str(row["label"]), str(row["scale_low"]), str(row["scale_high"]))
        for _, row in ranking.iterrows()
    )
    return StickingPoints(
        quotes=quotes,
        credit=source_credit(catalog.sources, ARTICLE_SOURCE_ID),
        widest=widest,
        scales=scales,
    )


# --------------------------------------------------------------------------- the distance chart


@dataclass(frozen=True)
class DistanceChart:
    """What the distance figure draws, issues in rank order (row 0 at the top).

    ``scores`` are the effective scores with each one's ``hover`` text; ``row_labels`` name
    each issue with its distance; ``spreads`` are the lowest and highest score of an issue
    with two or more parties on record (else None).
    """

    ranking: pd.DataFrame
    scores: pd.DataFrame
    row_labels: tuple[str, ...]
    spreads: tuple[tuple[float, float] | None, ...]


def score_text(value: float) -> str:
    """A score with a real minus sign: −2, 0, +1.5."""
    return f"{value:+g}".replace("-", "−") if value else "0"


def row_label(row: pd.Series) -> str:
    """Issue label (bold) with its distance and the number of parties on record (plotly text)."""
    if math.isnan(row["distance"]):
        detail = "no position on record"
    else:
        parties = "party" if row["n_parties"] == 1 else "parties"
        detail = f"{row['distance']:g} apart · {row['n_parties']} {parties}"
    return f"<b>{plotly_text(str(row['label']))}</b>  {detail}"


def score_hover(score: pd.Series, issue_label: str) -> str:
    """The hover text of one party's score on an issue: whose statement it rests on."""
    basis = (
        f"claimed by {', '.join(party_label(c) for c in score['claimed_by'].split(';'))}"
        if score["basis"] == ATTRIBUTED
        else "its own statement"
        + (f"s (mean of {score['n_positions']})" if score["n_positions"] > 1 else "")
    )
    return (
        f"<b>{party_label(score['party'])}</b> on {plotly_text(issue_label)}: "
        f"{score_text(score['score'])}<br>{basis}"
    )


def distance_chart(ranking: pd.DataFrame, scores: pd.DataFrame) -> DistanceChart:
    """The chart of ``scores`` (:func:`effective_scores`) over ``ranking`` (its order)."""
    labels = ranking.set_index("issue_id")["label"]
    hovers = [
        score_hover(score, labels[score["issue_id"]]) if score["issue_id"] in labels else ""
        for _, score in scores.iterrows()
    ]
    spreads: list[tuple[float, float] | None] = []
    for _, row in ranking.iterrows():
        on_issue = scores[scores["issue_id"] == row["issue_id"]]
        spreads.append(
            (on_issue["score"].min(), on_issue["score"].max()) if len(on_issue) >= 2 else None
        )
    return DistanceChart(
        ranking=ranking,
        scores=scores.assign(hover=hovers),
        row_labels=tuple(row_label(row) for _, row in ranking.iterrows()),
        spreads=tuple(spreads),
    )


def score_cell(scores: pd.DataFrame, issue_id: str, party: str) -> str:
    """A party's effective score on an issue as text, saying when it rests on a claim."""
    rows = scores[(scores["issue_id"] == issue_id) & (scores["party"] == party)]
    if rows.empty:
        return "—"
    row = rows.iloc[0]
    value = score_text(float(row["score"]))
    if row["basis"] == ATTRIBUTED:
        claimants = ", ".join(party_label(c) for c in str(row["claimed_by"]).split(";"))
        return f"{value} (claimed by {claimants})"
    return value
