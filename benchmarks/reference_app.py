"""Reference app for ``make bench``: a bare Streamlit page with one plotly map of similar size.

One ``go.Choroplethmap`` of Ukraine's 27 first-level units (``data/geo/ukraine_admin1.geojson``)
on ``map_style="white-bg"``, clickable (``on_select="rerun"``), and a selectbox that filters
which units are coloured. The selection and the filter are echoed as text, so a benchmark can
time a click round trip and a filter-change round trip. Nothing else: no caching layer, no
data validation, no layout — the floor a dashboard page is compared against.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

GEOJSON = Path(__file__).resolve().parents[1] / "data" / "geo" / "ukraine_admin1.geojson"
CENTER = {"lon": 31.2, "lat": 48.6}
ZOOM = 4.6
HEIGHT = 560
FILTERS = ("All regions", "East of the Dnipro", "West of the Dnipro")
DNIPRO_LON = 33.5


@st.cache_data
def load_geojson() -> dict:
    """The committed first-level units (cached like the dashboard caches its data)."""
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def centroid_lon(feature: dict) -> float:
    """Mean longitude of a feature's outer ring(s): enough to split east from west."""
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    points = [point for polygon in polygons for point in polygon[0]]
    return sum(point[0] for point in points) / len(points)


def build_figure(collection: dict, choice: str) -> go.Figure:
    """One choropleth trace; regions outside the filter are greyed out."""
    ids, values, names = [], [], []
    for feature in collection["features"]:
        properties = feature["properties"]
        east = centroid_lon(feature) > DNIPRO_LON
        keep = choice == FILTERS[0] or (east if choice == FILTERS[1] else not east)
        ids.append(properties["region_id"])
        values.append(properties["area_km2"] if keep else 0)
        names.append(properties["name_en"])
    figure = go.Figure(
        go.Choroplethmap(
            geojson=collection,
            featureidkey="properties.region_id",
            locations=ids,
            z=values,
            text=names,
            hovertemplate="%{text}<br>%{z:,.0f} km²<extra></extra>",
            colorscale="Blues",
            marker={"line": {"width": 0.6, "color": "#FFFFFF"}},
            showscale=False,
        )
    )
    figure.update_layout(
        map={"style": "white-bg", "center": CENTER, "zoom": ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=HEIGHT,
    )
    return figure


st.title("Reference: one plotly map")
choice = st.selectbox("Regions", FILTERS, key="filter")
event = st.plotly_chart(
    build_figure(load_geojson(), choice),
    on_select="rerun",
    selection_mode="points",
    key="map",
    width="stretch",
)
points = event.selection.points if event else []
st.markdown(f"Filter: {choice}")
st.markdown(f"Selected: {', '.join(str(p.get('location')) for p in points) or 'nothing'}")
