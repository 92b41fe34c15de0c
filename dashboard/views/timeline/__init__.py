"""Timeline page logic, pure (no streamlit, no plotly), in modules by job.

- :mod:`~dashboard.views.timeline.events`: date spans, labels, the events frame, filters;
- :mod:`~dashboard.views.timeline.layout`: lanes and rows of the chart;
- :mod:`~dashboard.views.timeline.chart`: the chart's view model (:class:`TimelineChart`);
- :mod:`~dashboard.views.timeline.state`: URL parameters and chart clicks;
- :mod:`~dashboard.views.timeline.page`: the page's view model (:class:`TimelinePage`).

The names used elsewhere are re-exported here, so ``from dashboard.views import timeline``
keeps working.
"""

from dashboard.views.timeline.events import (
    DIPLOMACY_KINDS,
    EVENT_COLUMNS,
    KIND_ORDER,
    SHORT_DATE,
    TimelineFilter,
    as_day,
    claim_label,
    date_bounds,
    date_label,
    day_range_label,
    default_window,
    event_span,
    filter_events,
    filter_records,
    full_window,
    involved,
    is_point,
    kind_options,
    overlaps,
    parties_label,
    party_options,
    prepare_events,
    searchable_text,
    source_credit,
    source_name,
    source_url,
    sources_line,
    text_matches,
    text_or_none,
)
from dashboard.views.timeline.layout import (
    LANE_MODES,
    MARK_FOOTPRINT,
    OTHER_LANE,
    Lane,
    footprint_days,
    lane_keys,
    lane_label,
    lay_out,
    pack_rows,
)
from dashboard.views.timeline.page import (
    DETAILS_TITLE_LENGTH,
    details_label,
    details_labels,
    map_link,
    markdown_link,
)
from dashboard.views.timeline.state import (
    check_date_order,
    event_from_selection,
    initial_range,
    parse_flag,
    url_params,
    url_values,
)
from dashboard.wording import kind_label, party_label

__all__ = [
    "DETAILS_TITLE_LENGTH",
    "DIPLOMACY_KINDS",
    "EVENT_COLUMNS",
    "KIND_ORDER",
    "LANE_MODES",
    "MARK_FOOTPRINT",
    "OTHER_LANE",
    "SHORT_DATE",
    "Lane",
    "TimelineFilter",
    "as_day",
    "check_date_order",
    "claim_label",
    "date_bounds",
    "date_label",
    "day_range_label",
    "default_window",
    "details_label",
    "details_labels",
    "event_from_selection",
    "event_span",
    "filter_events",
    "filter_records",
    "footprint_days",
    "full_window",
    "initial_range",
    "involved",
    "is_point",
    "kind_label",
    "kind_options",
    "lane_keys",
    "lane_label",
    "lay_out",
    "map_link",
    "markdown_link",
    "overlaps",
    "pack_rows",
    "parse_flag",
    "parties_label",
    "party_label",
    "party_options",
    "prepare_events",
    "searchable_text",
    "source_credit",
    "source_name",
    "source_url",
    "sources_line",
    "text_matches",
    "text_or_none",
    "url_params",
    "url_values",
]
