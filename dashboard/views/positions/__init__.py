"""Positions page logic, pure (no streamlit, no plotly), in modules by job.

- :mod:`~dashboard.views.positions.records`: what is on record, how a position is worded;
- :mod:`~dashboard.views.positions.matrix`: the issue × party matrix and a selection's details;
- :mod:`~dashboard.views.positions.scores`: effective scores, the distance ranking and chart;
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
from dashboard.views.positions.page import (
    PositionCard,
    PositionsPage,
    PositionsSetup,
    event_titles,
    positions_page,
    positions_setup,
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
    said_later,
    source_credit,
    source_label,
    source_labels,
    speaker_line,
    url_params,
)
from dashboard.views.positions.scores import (
    DistanceChart,
    article_sticking_points,
    distance_chart,
    effective_scores,
    rank_sticking_points,
    score_cell,
    score_text,
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
    "DistanceChart",
    "MapLink",
    "MatrixRow",
    "PositionCard",
    "PositionsPage",
    "PositionsSetup",
    "article_sticking_points",
    "build_matrix",
    "detail_positions",
    "distance_chart",
    "effective_scores",
    "event_titles",
    "format_date",
    "is_article",
    "is_attributed",
    "is_later",
    "later_note",
    "map_links",
    "on_record",
    "order_positions",
    "positions_page",
    "positions_setup",
    "positions_with_events",
    "present",
    "rank_sticking_points",
    "said_later",
    "score_cell",
    "score_text",
    "source_credit",
    "source_label",
    "source_labels",
    "speaker_line",
    "url_params",
]
