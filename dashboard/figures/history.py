"""The small chart beside the map: km² of Ukraine under Russian control over time. Pure."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.datasets.control import history_series
from dashboard.figures import style


def control_history_figure(
    history: pd.DataFrame, article_day: date | None, selected_day: date | None = None
) -> go.Figure:
    """Km² of Ukraine under Russian control over time, with the article's date marked.

    Parameters
    ----------
    history
        ``date`` (Timestamp), ``frequency`` and ``russian_km2`` (see ``control_history.csv``);
        the daily rows take precedence where both exist.
    article_day
        The article's publication date (a dashed line), or None.
    selected_day
        The date shown on the map (a dot), or None.
    """
    frame = history_series(history)
    figure = go.Figure(
        go.Scatter(
            x=frame["date"],
            y=frame["russian_km2"],
            mode="lines",
            line={"color": style.MAP_RUSSIAN_CONTROL, "width": 2},
            name="Under Russian control",
            hovertemplate="%{x|%-d %b %Y}: %{y:,.0f} km²<extra>DeepStateMap.Live</extra>",
        )
    )
    if article_day is not None:
        figure.add_vline(
            x=pd.Timestamp(article_day).timestamp() * 1000,
            line={"color": style.INK, "width": 1, "dash": "dash"},
            annotation={
                "text": f"Article, {article_day:%-d %b %Y}",
                "font": {"size": 11, "color": style.INK},
                "xanchor": "right",
                "yanchor": "top",
            },
            annotation_position="top left",
        )
    if selected_day is not None:
        match = frame[frame["date"] == pd.Timestamp(selected_day)]
        if not match.empty:
            figure.add_trace(
                go.Scatter(
                    x=match["date"],
                    y=match["russian_km2"],
                    mode="markers",
                    marker={
                        "size": 9,
                        "color": style.MAP_RUSSIAN_CONTROL,
                        "line": {"color": style.INK, "width": 1.5},
                    },
                    name="Date on the map",
                    hovertemplate="On the map, %{x|%-d %b %Y}: %{y:,.0f} km²<extra></extra>",
                )
            )
    figure.update_layout(
        height=180,
        margin={"l": 56, "r": 12, "t": 10, "b": 28},
        showlegend=False,
        font={"family": style.FONT_FAMILY, "color": style.INK, "size": 11},
        xaxis={"title": None, "showgrid": False, "fixedrange": True},
        yaxis={"title": None, "ticksuffix": " km²", "tickformat": "~s", "fixedrange": True},
        hovermode="x unified",
    )
    return figure
