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

import pandas as pd

from dashboard.views.positions.records import (
    ATTRIBUTED,
    OWN,
    PARTIES,
    RANKING_COLUMNS,
    SCORE_COLUMNS,
)

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
