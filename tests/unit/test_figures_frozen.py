"""A frozen figure shows exactly what the figure it was taken from shows, and stays so."""

from __future__ import annotations

import json
from urllib.parse import unquote

import plotly.graph_objects as go
import plotly.io as pio
from streamlit.testing.v1 import AppTest

from dashboard.figures.frozen import DATA_URL_PREFIX, freeze, freeze_map


def sample_figure() -> go.Figure:
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="line", uid="first"))
    figure.add_trace(go.Bar(x=["a"], y=[1], name="bar"))
    figure.update_layout(title="Sample", height=200)
    return figure


def test_frozen_figure_has_the_same_dict_and_json_as_the_original():
    figure = sample_figure()
    frozen = freeze(figure)
    assert frozen.to_dict() == figure.to_dict()
    assert pio.to_json(frozen, validate=False) == pio.to_json(figure, validate=False)


def test_changing_what_to_dict_returned_leaves_the_frozen_form_alone():
    frozen = freeze(sample_figure())
    first = frozen.to_dict()
    first["data"][0].pop("uid")
    first["data"].append({"type": "scatter"})
    first["layout"]["height"] = 999
    again = frozen.to_dict()
    assert again["data"][0]["uid"] == "first"
    assert len(again["data"]) == 2
    assert again["layout"]["height"] == 200


def test_freezing_copies_so_later_changes_to_the_original_do_not_show():
    figure = sample_figure()
    frozen = freeze(figure)
    figure.update_layout(height=999)
    assert frozen.to_dict()["layout"]["height"] == 200


def chart_page() -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.figures.frozen import freeze

    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="line"))
    st.plotly_chart(freeze(figure), key="frozen", on_select="rerun", selection_mode="points")
    st.plotly_chart(figure, key="original")


def test_streamlit_sends_the_same_spec_for_the_frozen_and_the_original_figure():
    at = AppTest.from_function(chart_page).run()
    assert not at.exception
    charts = [element.proto for element in at.get("plotly_chart")]
    assert len(charts) == 2
    assert charts[0].spec == charts[1].spec


# --------------------------------------------------------------------------- maps


def sample_map() -> go.Figure:
    """A small map with what a real one carries: a style object, a GeoJSON layer and trace."""
    square = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "A",
                "properties": {"name": "100% #1 ‘A’ ?"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            }
        ],
    }
    style = {
        "version": 8,
        "sources": {"shapes": {"type": "geojson", "data": square}},
        "layers": [
            {"id": "fill", "type": "fill", "source": "shapes", "paint": {"fill-color": "#FF0000"}}
        ],
    }
    figure = go.Figure(go.Choroplethmap(geojson=square, locations=["A"], z=[1]))
    figure.update_layout(
        template="plotly",
        map={
            "style": style,
            "layers": [{"sourcetype": "geojson", "source": square, "type": "line"}],
        },
    )
    return figure


def decode(url: str) -> object:
    assert url.startswith(DATA_URL_PREFIX)
    return json.loads(unquote(url[len(DATA_URL_PREFIX) :]))


def test_a_frozen_map_sends_its_geojson_and_style_as_urls_that_decode_to_the_same():
    figure = sample_map()
    original = figure.to_dict()
    spec = freeze_map(figure, selectable=False).to_dict()
    subplot, wanted = spec["layout"]["map"], original["layout"]["map"]
    assert decode(subplot["style"]) == wanted["style"]
    assert decode(subplot["layers"][0]["source"]) == wanted["layers"][0]["source"]
    assert decode(spec["data"][0]["geojson"]) == original["data"][0]["geojson"]
    # "#" would end the URL (a fragment), "%" starts an escape: both are escaped
    assert "#" not in subplot["style"] and "100%25" in subplot["style"]


def test_a_frozen_map_has_no_objects_plotly_compares_by_identity():
    spec = freeze_map(sample_map(), selectable=False).to_dict()
    assert "template" not in spec["layout"]
    assert isinstance(spec["layout"]["map"]["style"], str)
    assert all(isinstance(layer["source"], str) for layer in spec["layout"]["map"]["layers"])
    assert all(isinstance(trace["geojson"], str) for trace in spec["data"])


def test_a_frozen_maps_data_revision_follows_its_data():
    first = freeze_map(sample_map(), selectable=False).to_dict()["layout"]["datarevision"]
    again = freeze_map(sample_map(), selectable=False).to_dict()["layout"]["datarevision"]
    other = sample_map().update_traces(z=[2])
    changed = freeze_map(other, selectable=False).to_dict()["layout"]["datarevision"]
    assert first == again and first != changed


def test_a_selectable_frozen_map_has_the_modes_streamlit_would_set():
    assert "clickmode" not in freeze_map(sample_map(), selectable=False).to_dict()["layout"]
    layout = freeze_map(sample_map(), selectable=True).to_dict()["layout"]
    assert (layout["clickmode"], layout["hovermode"]) == ("event+select", "closest")
    chosen = sample_map().update_layout(hovermode="x")
    assert freeze_map(chosen, selectable=True).to_dict()["layout"]["hovermode"] == "x"


def test_freezing_a_map_leaves_the_figure_alone():
    figure = sample_map()
    before = figure.to_dict()
    freeze_map(figure, selectable=True)
    assert figure.to_dict() == before
