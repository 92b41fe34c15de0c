"""Commit what each proposal would cost on the article's date (figures only, never the area).

``python -m dashboard.build costs`` applies every row of ``data/proposals.csv`` to the cached
DeepStateMap snapshot of the article's date (see :mod:`dashboard.datasets.costs`) and writes
``data/derived/proposal_costs.csv`` and ``proposal_towns.csv``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dashboard.build.areas import write_csv
from dashboard.datasets import costs, paths
from dashboard.datasets.catalog import load_catalog

#: The snapshot the committed figures are computed from: the article's date (17 Dec 2025).
COMMITTED_DAY = date(2025, 12, 17)


def build_costs(
    day: date = COMMITTED_DAY, cache_dir: Path | None = None, out_dir: Path | None = None
) -> dict[str, Path]:
    """Write the two figure files for ``day``; raise FileNotFoundError without its snapshot."""
    catalog = load_catalog()
    result = costs.costs_on(day, catalog.proposals, catalog.towns, cache_dir=cache_dir)
    if result is None:
        folder = cache_dir or paths.deepstate_cache_dir()
        raise FileNotFoundError(f"no control snapshot of {day} in {folder}: run make snapshots")
    out_dir = out_dir or paths.derived_dir()
    return {
        costs.COSTS_FILE: write_csv(
            costs.cost_rows(result), costs.COST_COLUMNS, out_dir / costs.COSTS_FILE
        ),
        costs.TOWNS_FILE: write_csv(
            costs.town_rows(result), costs.TOWN_COLUMNS, out_dir / costs.TOWNS_FILE
        ),
    }
