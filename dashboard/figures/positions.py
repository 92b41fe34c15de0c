"""Figures for the positions page: where each party stands on each issue's scale. Pure."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.style import (
    FONT_FAMILY,
    INK,
    NEUTRAL,
    PARTY_COLOURS,
    PARTY_SYMBOLS,
    party_label,
)
from dashboard.views.positions.records import ATTRIBUTED, PARTIES
from dashboard.views.positions.scores import DistanceChart, score_text
from dashboard.wording import plotly_text

ROW_HEIGHT = 150
MARGIN_TOP = 80
MARGIN_BOTTOM = 40
MARKER_SIZE = 13
SPREAD_COLOUR = "#C8C8C8"
MUTED_INK = "#555555"
#: Where a row's markers sit below its label (rows are 1 unit apart, the label on top).
ROW_CENTRE = 0.12
LABEL_OFFSET = -0.36
#: Vertical offsets so that parties with the same score do not hide each other.
PARTY_OFFSETS = {
    party: ROW_CENTRE + (i - (len(PARTIES) - 1) / 2) * 0.11 for i, party in enumerate(PARTIES)
}
SCORE_TICKS = (-2, -1, 0, 1, 2)
#: Where a row's end labels (what −2 and +2 mean on that issue) start, below its markers.
ENDS_OFFSET = 0.36
#: End labels wrap after about this many characters so the two ends fit on a phone.
END_WRAP = 22


def wrapped(text: str, width: int = END_WRAP) -> str:
    """Escaped ``text`` broken into lines of about ``width`` characters (``<br>``)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plotly_text(line) for line in lines)


def distance_figure(chart: DistanceChart) -> go.Figure:
    """Dot plot of each party's effective score per issue, issues in rank order.

    ``chart`` comes from :func:`~dashboard.views.positions.scores.distance_chart`. A grey bar
    spans the distance; a filled marker is the party's own statement, an open one a position
    another party attributes to it. Under each row its own ends say, in the issue's words,
    what −2 and +2 mean there.
    """
    ranking, scores = chart.ranking, chart.scores
    y_of = {issue_id: i for i, issue_id in enumerate(ranking["issue_id"])}
    fig = go.Figure()
    spread_x: list[float | None] = []
    spread_y: list[float | None] = []
    for i, spread in enumerate(chart.spreads):
        if spread is not None:
            spread_x += [*spread, None]
            spread_y += [i + ROW_CENTRE] * 2 + [None]
    fig.add_trace(
        go.Scatter(
            x=spread_x,
            y=spread_y,
            mode="lines",
            line={"color": SPREAD_COLOUR, "width": 10},
            hoverinfo="skip",
            showlegend=False,
            name="distance",
        )
    )
    for party in PARTIES:
        mine = scores[(scores["party"] == party) & scores["issue_id"].isin(y_of)]
        attributed = mine["basis"] == ATTRIBUTED
        symbol = PARTY_SYMBOLS.get(party, "circle")
        hover = list(mine["hover"])
        fig.add_trace(
            go.Scatter(
                x=mine["score"],
                y=[y_of[i] + PARTY_OFFSETS[party] for i in mine["issue_id"]],
                mode="markers",
                name=party_label(party),
                legendgroup=party,
                marker={
                    "color": PARTY_COLOURS[party],
                    "size": MARKER_SIZE,
                    "symbol": [f"{symbol}-open" if a else symbol for a in attributed],
                    "line": {"color": PARTY_COLOURS[party], "width": 2},
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="open: claimed by another party",
            marker={
                "color": NEUTRAL,
                "size": MARKER_SIZE,
                "symbol": "circle-open",
                "line": {"width": 2},
            },
            hoverinfo="skip",
        )
    )
    n_rows = max(len(ranking), 1)
    fig.update_layout(
        height=MARGIN_TOP + MARGIN_BOTTOM + ROW_HEIGHT * n_rows,
        margin={"l": 10, "r": 10, "t": MARGIN_TOP, "b": MARGIN_BOTTOM},
        font={"family": FONT_FAMILY, "color": INK, "size": 13},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
        dragmode=False,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 12},
        },
        xaxis={
            "range": [-2.5, 2.5],
            "tickvals": list(SCORE_TICKS),
            "ticktext": [score_text(v) for v in SCORE_TICKS],
            "zeroline": False,
            "showgrid": True,
            "gridcolor": "#EEEEEE",
            "fixedrange": True,
        },
        yaxis={
            "range": [n_rows - 0.3, -0.6],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
    )
    for i, label in enumerate(chart.row_labels):
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=i + LABEL_OFFSET,
            yref="y",
            yanchor="middle",
            text=label,
            showarrow=False,
            font={"size": 13},
        )
    for i, (_, row) in enumerate(ranking.iterrows()):
        low = f"← {wrapped(row['scale_low'])}"
        high_lines = wrapped(row["scale_high"]).split("<br>")
        high = "<br>".join([f"{high_lines[0]} →", *high_lines[1:]])
        for x, anchor, text in ((0, "left", low), (1, "right", high)):
            fig.add_annotation(
                x=x,
                xref="paper",
                xanchor=anchor,
                align=anchor,
                y=i + ENDS_OFFSET,
                yref="y",
                yanchor="top",
                text=text,
                showarrow=False,
                font={"size": 11, "color": MUTED_INK},
            )
    return fig
