"""Throwaway test app: a clickable offline choropleth map (twin of test_map_click.py).

Two square "regions" on a white-background map; the selection is echoed as text so the
browser test can check the click round trip.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import streamlit as st

SQUARES = {"west": (30.0, 48.0), "east": (34.0, 48.0)}
SIDE = 2.0

features = [
    {
        "type": "Feature",
        "id": name,
        "properties": {"name": name},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [
                    [lon, lat],
                    [lon, lat + SIDE],
                    [lon + SIDE, lat + SIDE],
                    [lon + SIDE, lat],
                    [lon, lat],
                ]
            ],
        },
    }
    for name, (lon, lat) in SQUARES.items()
]
figure = go.Figure(
    go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": features},
        locations=list(SQUARES),
        z=[1, 2],
        featureidkey="properties.name",
        showscale=False,
    )
)
figure.update_layout(
    map={"style": "white-bg", "center": {"lon": 33.0, "lat": 49.0}, "zoom": 4.5},
    margin={"l": 0, "r": 0, "t": 0, "b": 0},
    height=450,
)

st.title("Map click test app")
event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key="map")
points = event.selection.points if event else []
st.markdown(f"selected: {','.join(str(p.get('location')) for p in points) or 'none'}")
st.code(json.dumps(points, default=str), language="json")
