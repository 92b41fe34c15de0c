"""The small chart beside the map: km² of Ukraine under Russian control over time. Pure.

Two drawings of the same chart: :func:`control_history_figure` (plotly, the static export's
interactive page) and :func:`control_history_svg` (inline SVG: the dashboard's map page,
where a second plotly chart cost about 60 ms of every first view for a chart below the fold,
and the export's preview).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup, escape

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


# --------------------------------------------------------------------------- as SVG

#: View boxes by name: (width, height, the widest page in CSS px that shows it or None).
ChartSizes = Mapping[str, tuple[int, int, int | None]]
#: The dashboard's one view box: the map page's history column, about 305 px wide beside the
#: date controls at 1280 px (one unit a pixel) and the page's width (about 360 px) on a phone,
#: where the columns stack (text 12 to 14 px).
COLUMN_SIZES: ChartSizes = {"column": (305, 190, None)}
#: Margins as the plotly chart's.
HISTORY_MARGIN = {"l": 62, "r": 12, "t": 12, "b": 28}


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)


def _si(value: float) -> str:
    """``60k`` for 60,000 (plotly's ``~s`` tick format)."""
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def control_history_svg(
    history: pd.DataFrame,
    article_day: date | None,
    selected_day: date | None,
    title: str,
    sizes: ChartSizes,
    font_size: float = 11,
) -> Markup:
    """The control-history line chart as inline SVGs, one per entry of ``sizes``.

    Km² under Russian control over time (the interactive chart's line and colour), the
    article's date as a dashed line with its label, the map's date as a dot. Each SVG has the
    classes ``history-preview`` and its size's name; ``title`` is its accessible name. Its
    text is ``font_size`` units of a sans-serif (a page's stylesheet may set others; an SVG
    shown as an image keeps these).
    """
    frame = history_series(history)
    dates = pd.to_datetime(frame["date"])
    values = frame["russian_km2"].astype(float)
    t0, t1 = dates.min().timestamp(), dates.max().timestamp()
    step = _nice_step(values.max() - values.min())
    low = math.floor(values.min() / step) * step
    high = math.ceil(values.max() / step) * step
    svgs = []
    for variant, (width, height, _) in sizes.items():
        m = HISTORY_MARGIN
        plot_w, plot_h = width - m["l"] - m["r"], height - m["t"] - m["b"]

        def px(when: pd.Timestamp, plot_w: float = plot_w) -> float:
            left = HISTORY_MARGIN["l"]
            return left + (when.timestamp() - t0) / (t1 - t0) * plot_w

        def py(value: float, plot_h: float = plot_h) -> float:
            return HISTORY_MARGIN["t"] + (high - value) / (high - low) * plot_h

        points = " ".join(f"{px(d):.1f},{py(v):.1f}" for d, v in zip(dates, values, strict=True))
        parts = [
            f'<svg class="history-preview {variant}" xmlns="http://www.w3.org/2000/svg"'
            f' viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"'
            f' focusable="false" font-family="sans-serif" font-size="{font_size:g}">'
        ]
        parts.append('<g stroke="#E5E5E5" stroke-width="1">')
        ticks = np.arange(low, high + step / 2, step)
        for value in ticks:
            parts.append(f'<path d="M{m["l"]} {py(value):.1f}H{width - m["r"]}"/>')
        parts.append("</g>")
        parts.append(f'<g class="t-axis" fill="{style.INK}" text-anchor="end">')
        for value in ticks:
            parts.append(f'<text x="{m["l"] - 6}" y="{py(value) + 4:.1f}">{_si(value)} km²</text>')
        parts.append("</g>")
        years = range(dates.min().year + 1, dates.max().year + 1)
        every = 2 if variant == "narrow" else 1
        parts.append(f'<g class="t-axis" fill="{style.INK}" text-anchor="middle">')
        for year in list(years)[::every]:
            x = px(pd.Timestamp(year=year, month=1, day=1))
            parts.append(f'<text x="{x:.1f}" y="{height - 8}">{year}</text>')
        parts.append("</g>")
        parts.append(
            f'<polyline fill="none" stroke="{style.MAP_RUSSIAN_CONTROL}" stroke-width="2"'
            f' stroke-linejoin="round" points="{points}"/>'
        )
        if article_day is not None:
            x = px(pd.Timestamp(article_day))
            parts.append(
                f'<path d="M{x:.1f} {m["t"]}V{height - m["b"]}" stroke="{style.INK}"'
                ' stroke-width="1" stroke-dasharray="4 3"/>'
                f'<text class="t-axis" x="{x - 4:.1f}" y="{m["t"] + 10}" text-anchor="end"'
                f' fill="{style.INK}">Article, {article_day:%-d %b %Y}</text>'
            )
        if selected_day is not None:
            match = frame[pd.to_datetime(frame["date"]) == pd.Timestamp(selected_day)]
            if not match.empty:
                value = float(match["russian_km2"].iloc[0])
                parts.append(
                    f'<circle cx="{px(pd.Timestamp(selected_day)):.1f}" cy="{py(value):.1f}"'
                    f' r="4.5" fill="{style.MAP_RUSSIAN_CONTROL}" stroke="{style.INK}"'
                    ' stroke-width="1.5"/>'
                )
        parts.append("</svg>")
        svgs.append("".join(parts))
    return Markup("".join(svgs))
