"""Static export: a self-contained site of the map, timeline and positions views.

``python -m dashboard.export --out DIR`` (or ``make export``) writes ``index.html``,
``map.html``, ``timeline.html``, ``positions.html``, ``site.<hash>.css``, ``site.<hash>.js``
and ``plotly.<hash>.min.js`` (the partial bundle of :mod:`~dashboard.export.bundle`, or the
installed plotly package's full one) into DIR, each text file with ``.gz`` and ``.br``
twins (:mod:`~dashboard.export.optimise`). The pages load
nothing from another host; their data is embedded as JSON. The map is a choropleth of the
committed control *shares*: DeepStateMap geometry is never exported.

An article can link straight to one region or place of the map: ``map.html#region:UA-14``,
``map.html#place:kupyansk`` (the options of the page's "Show details for" list).
"""

from dashboard.export.site import ExportResult, export_site, load_inputs

__all__ = ["ExportResult", "export_site", "load_inputs"]
