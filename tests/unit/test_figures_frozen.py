"""A frozen figure shows exactly what the figure it was taken from shows, and stays so."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
from streamlit.testing.v1 import AppTest

from dashboard.figures.frozen import freeze


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
