"""Figures built once and shown many times. Pure.

``st.plotly_chart`` turns its figure into a dict on every rerun (``Figure.to_dict``, a deep
copy of every trace; the map's GeoJSON makes that about 100 ms). A :class:`FrozenFigure`
makes that copy once, when it is frozen, so a page can keep one figure per view in a cache
and hand it to Streamlit again at the cost of serialising it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

#: How a GeoJSON object or a map style travels in a map figure sent to the browser.
DATA_URL_PREFIX = "data:application/json,"
#: What Streamlit's chart sets on a figure without them when it selects points on click.
STREAMLIT_POINTS_CLICKMODE = "event+select"
STREAMLIT_HOVERMODE = "closest"


class FrozenFigure(go.Figure):
    """A figure reduced to its dict form, taken once: only for showing, never for changing.

    It keeps no plotly objects (``data`` is empty; they would take about eight times the
    memory of the dict form), so read it through ``to_dict``. That returns fresh top-level
    containers (the list of traces, each trace's dict and the layout) over shared, never
    modified contents, so a caller that sets or pops a key of a trace (plotly's JSON writer
    pops ``uid``) does not touch the frozen form.
    """

    def __init__(self, figure: go.Figure, spec: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._frozen_spec: dict[str, Any] = figure.to_dict() if spec is None else spec

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


def freeze_map(figure: go.Figure, *, selectable: bool) -> FrozenFigure:
    """``figure``, a map, frozen in the form that Streamlit can draw again without a replot.

    Streamlit's chart copies the whole figure once it is on the page (its theme step parses
    the figure's JSON again) and hands the copy to plotly's ``react``. Plotly compares plain
    values and data arrays (under a ``datarevision``) by value, but a GeoJSON object, a map
    style object and a template by identity: with any of them in the figure, that second
    round redraws the whole map, about 250 ms of frames in a software-rendered browser. So
    here the GeoJSON of each trace and layer and the map style travel as ``data:`` URLs
    (strings, loaded by plotly and MapLibre as they load any URL), the template (Streamlit's
    placeholder colours, unused by a map) is left out, and ``layout.datarevision`` is a hash
    of the traces, so a figure with other data is still drawn anew. A ``selectable`` chart
    (``on_select``) also gets the click and hover modes Streamlit would set on it, so its copy
    changes nothing.
    """
    spec = figure.to_dict()
    layout = dict(spec.get("layout", {}))
    layout.pop("template", None)
    if selectable:
        layout.setdefault("clickmode", STREAMLIT_POINTS_CLICKMODE)
        layout.setdefault("hovermode", STREAMLIT_HOVERMODE)
    if isinstance(subplot := layout.get("map"), dict):
        subplot = _inlined(subplot, "style")
        subplot["layers"] = [_inlined(layer, "source") for layer in subplot.get("layers", [])]
        layout["map"] = subplot
    data = [_inlined(trace, "geojson") for trace in spec.get("data", [])]
    text = json.dumps(data, cls=PlotlyJSONEncoder, sort_keys=True)
    layout["datarevision"] = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return FrozenFigure(figure, {**spec, "data": data, "layout": layout})


def _inlined(item: dict[str, Any], key: str) -> dict[str, Any]:
    """A copy of ``item`` whose ``key``, when an object, is a :func:`data_url` of it."""
    value = item.get(key)
    return {**item, key: data_url(value)} if isinstance(value, dict) else dict(item)


def data_url(value: Any) -> str:
    """``value`` as a ``data:`` URL of its compact JSON.

    Only ``%`` (an escape) and ``#`` (a fragment) must be escaped in such a URL; the JSON has
    no raw control characters or spaces that a URL parser would drop.
    """
    text = json.dumps(value, cls=PlotlyJSONEncoder, separators=(",", ":"))
    return DATA_URL_PREFIX + text.replace("%", "%25").replace("#", "%23")
