"""Positions page logic, pure (no streamlit, no plotly), in modules by job.

- :mod:`~dashboard.views.positions.records`: what is on record, how a position is worded;
- :mod:`~dashboard.views.positions.matrix`: the issue × party matrix and a selection's details;
- :mod:`~dashboard.views.positions.scores`: effective scores and the distance ranking;
- :mod:`~dashboard.views.positions.page`: the page's view model (:class:`PositionsPage`).

The names used elsewhere are re-exported here, so ``from dashboard.views import positions``
keeps working.
"""

from dashboard.views.positions.matrix import (
    Cell,
    MapLink,
    MatrixRow,
    build_matrix,
    detail_positions,
    map_links,
    positions_with_events,
)
from dashboard.views.positions.records import (
    ATTRIBUTED,
    OWN,
    PAGE,
    PARTIES,
    RANKING_COLUMNS,
    SCORE_COLUMNS,
    STANCE_MEANINGS,
    Credit,
    format_date,
    is_article,
    is_attributed,
    is_later,
    later_note,
    on_record,
    order_positions,
    present,
    source_credit,
    source_label,
    source_labels,
    speaker_line,
    url_params,
)
from dashboard.views.positions.scores import (
    article_sticking_points,
    effective_scores,
    rank_sticking_points,
)

__all__ = [
    "ATTRIBUTED",
    "OWN",
    "PAGE",
    "PARTIES",
    "RANKING_COLUMNS",
    "SCORE_COLUMNS",
    "STANCE_MEANINGS",
    "Cell",
    "Credit",
    "MapLink",
    "MatrixRow",
    "article_sticking_points",
    "build_matrix",
    "detail_positions",
    "effective_scores",
    "format_date",
    "is_article",
    "is_attributed",
    "is_later",
    "later_note",
    "map_links",
    "on_record",
    "order_positions",
    "positions_with_events",
    "present",
    "rank_sticking_points",
    "source_credit",
    "source_label",
    "source_labels",
    "speaker_line",
    "url_params",
]
