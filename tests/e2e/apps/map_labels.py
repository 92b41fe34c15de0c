"""Throwaway test app: text labels on an offline map, drawn with the app's own glyphs.

Served by ``tests/e2e/test_map_glyphs.py`` from a temporary folder next to a ``static``
symlink to ``dashboard/static`` (Streamlit serves ``static/`` beside the script), with
``--server.enableStaticServing=true``. Trace text is requested under the stack
``Open Sans Regular``; the symbol layer's text under ``Open Sans Regular,Arial Unicode MS
Regular``.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard.figures.map_style import TRACE_FONT_STACK, map_style

#: Label → (lon, lat); far enough apart at the view below that none hides another.
LABELS = {"Kyiv": (30.52, 50.45), "Харків": (36.23, 49.99), "Sea of Azov": (36.6, 46.1)}
LAYER_LABEL = ("Чорне море", (31.0, 43.6))
TEXT_COLOUR = "#D00000"

figure = go.Figure(
    go.Scattermap(
        lon=[lon for lon, _ in LABELS.values()],
        lat=[lat for _, lat in LABELS.values()],
        text=list(LABELS),
        mode="markers+text",
        textposition="top center",
        marker={"size": 6, "color": "#0072B2"},
        textfont={"family": TRACE_FONT_STACK, "size": 16, "color": TEXT_COLOUR},
        hoverinfo="none",
    )
)
figure.update_layout(
    map={
        "style": map_style("#FFFFFF"),
        "center": {"lon": 33.5, "lat": 47.5},
        "zoom": 4.6,
        "layers": [
            {
                "sourcetype": "geojson",
                "source": {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {},
                            "geometry": {"type": "Point", "coordinates": list(LAYER_LABEL[1])},
                        }
                    ],
                },
                "type": "symbol",
                "symbol": {
                    "icon": "",
                    "text": LAYER_LABEL[0],
                    "textfont": {"size": 16, "color": TEXT_COLOUR},
                    "textposition": "middle center",
                },
            }
        ],
    },
    margin={"l": 0, "r": 0, "t": 0, "b": 0},
    height=500,
    showlegend=False,
)

st.title("Map labels test app")
st.plotly_chart(figure, key="map")
