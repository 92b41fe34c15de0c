"""Figures built once and shown many times. Pure.

``st.plotly_chart`` turns its figure into a dict on every rerun (``Figure.to_dict``, a deep
copy of every trace; the map's GeoJSON makes that about 100 ms). A :class:`FrozenFigure`
makes that copy once, when it is frozen, so a page can keep one figure per view in a cache
and hand it to Streamlit again at the cost of serialising it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A figure reduced to its dict form, taken once: only for showing, never for changing.

    It keeps no plotly objects (``data`` is empty; they would take about eight times the
    memory of the dict form), so read it through ``to_dict``. That returns fresh top-level
    containers (the list of traces, each trace's dict and the layout) over shared, never
    modified contents, so a caller that sets or pops a key of a trace (plotly's JSON writer
    pops ``uid``) does not touch the frozen form.
    """

    def __init__(self, figure: go.Figure) -> None:
        super().__init__()
        self._frozen_spec: dict[str, Any] = figure.to_dict()

    def to_dict(self) -> dict[str, Any]:
        """The figure as a dict, from the copy taken when it was frozen."""
        spec = self._frozen_spec
        copied: dict[str, Any] = {key: value for key, value in spec.items()}
        copied["data"] = [dict(trace) for trace in spec.get("data", [])]
        copied["layout"] = dict(spec.get("layout", {}))
        return copied


def freeze(figure: go.Figure) -> FrozenFigure:
    """``figure`` frozen (see :class:`FrozenFigure`)."""
    return FrozenFigure(figure)
