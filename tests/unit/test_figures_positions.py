"""The distance chart: one row per issue in rank order, party markers, open for claims."""

from __future__ import annotations

from dashboard.figures.positions import distance_figure
from dashboard.figures.style import PARTY_COLOURS
from dashboard.views.positions import distance_chart, effective_scores, rank_sticking_points
from tests.unit.test_views_positions import make_issues, make_positions, position


def build():
    positions = make_positions(
        position("russia", "nato", 2),
        position("us", "nato", 2, claimed_by="russia"),
        position("ukraine", "nato", -1),
        position("russia", "territory", 2),
        position("ukraine", "territory", -2),
        position("russia", "plant", 1),
    )
    issues = make_issues()
    ranking = rank_sticking_points(issues, positions)
    scores = effective_scores(positions)
    return distance_figure(distance_chart(ranking, scores)), ranking


def party_trace(fig, name):
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


def row_labels(fig):
    labelled = [a for a in fig.layout.annotations if a.yref == "y" and a.text.startswith("<b>")]
    return [a.text for a in sorted(labelled, key=lambda a: a.y)]


def end_labels(fig):
    """(left, right) end texts per row, top down, with line breaks undone."""
    ends = [a for a in fig.layout.annotations if a.yref == "y" and not a.text.startswith("<b>")]
    rows: dict[float, dict[str, str]] = {}
    for a in ends:
        rows.setdefault(a.y, {})[a.xanchor] = a.text.replace("<br>", " ")
        assert a.text.count("<br>") <= 1, a.text  # two short lines at most, also on a phone
    return [(rows[y]["left"], rows[y]["right"]) for y in sorted(rows)]


def test_each_row_names_its_own_ends_in_the_issues_words():
    # the axis means something different on every issue: each row says what -2 and +2 are
    fig, ranking = build()
    ends = end_labels(fig)
    assert len(ends) == len(ranking)
    for (low, high), row in zip(ends, ranking.itertuples(), strict=True):
        assert low == f"← {row.scale_low}"
        assert high.replace(" →", "") == row.scale_high and "→" in high
    texts = [a.text for a in fig.layout.annotations]
    assert not any("closer to" in text for text in texts)  # no one framing claimed for all


def test_rows_follow_the_ranking_top_down():
    fig, ranking = build()
    labels = row_labels(fig)
    assert [t.split("</b>")[0].removeprefix("<b>") for t in labels] == ranking["label"].tolist()
    assert labels[0].startswith("<b>Territory</b>")
    assert "4 apart · 2 parties" in labels[0]
    assert "no position on record" in labels[-1]
    # reversed axis: the first row is drawn at the top
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]


def test_axis_ticks_use_real_minus_signs():
    fig, _ = build()
    assert list(fig.layout.xaxis.ticktext) == ["−2", "−1", "0", "+1", "+2"]


def test_each_party_has_its_colour_and_claims_are_open_markers():
    fig, _ = build()
    us = party_trace(fig, "United States")
    assert us.marker.color == PARTY_COLOURS["us"]
    assert list(us.marker.symbol) == ["circle-open"]
    assert "claimed by Russia" in us.hovertext[0]
    russia = party_trace(fig, "Russia")
    assert all(not s.endswith("-open") for s in russia.marker.symbol)
    assert len(russia.x) == 3
    assert any(t.name == "open: claimed by another party" for t in fig.data)


def test_spread_bars_only_where_two_parties_are_on_record():
    fig, _ = build()
    spread = fig.data[0]
    segments = [x for x in spread.x if x is not None]
    # territory (-2..2) and nato (-1..2); the single-party plant row has no bar
    assert sorted(segments) == [-2, -1, 2, 2]


def test_same_scores_do_not_overlap():
    fig, ranking = build()
    nato_row = ranking.index[ranking["issue_id"] == "nato"][0]
    ys = [
        y
        for t in fig.data[1:]
        if t.y is not None
        for y in t.y
        if y is not None and abs(y - nato_row) < 0.5
    ]
    assert len(ys) == len(set(ys)) == 3


def test_empty_ranking_gives_an_empty_but_valid_figure():
    ranking = rank_sticking_points(make_issues(()), make_positions())
    fig = distance_figure(distance_chart(ranking, effective_scores(make_positions())))
    assert fig.layout.height > 0
    assert row_labels(fig) == []
