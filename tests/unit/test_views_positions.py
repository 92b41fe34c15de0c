"""The positions page's pure logic: matrix, distance ranking, details, URL parameters."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.datasets.sources import article_published
from dashboard.state import parse_params
from dashboard.views.positions import (
    ATTRIBUTED,
    OWN,
    PARTIES,
    Credit,
    article_sticking_points,
    build_matrix,
    detail_positions,
    effective_scores,
    format_date,
    is_later,
    later_note,
    map_links,
    on_record,
    rank_sticking_points,
    source_credit,
    source_label,
    source_labels,
    speaker_line,
    url_params,
)

ISSUE_IDS = ("territory", "nato", "plant", "timing")


def make_issues(ids: tuple[str, ...] = ISSUE_IDS) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "issue_id": list(ids),
            "label": [i.title() for i in ids],
            "scale_low": "low end",
            "scale_high": "high end",
            "sticking_point": [i in ("territory", "plant") for i in ids],
            "region_ids": [("UA-14", "UA-09") if i == "territory" else () for i in ids],
            "place_ids": [("znpp",) if i == "plant" else () for i in ids],
            "source_id": "article",
            "quote": [f"quote on {i}" for i in ids],
        }
    )


def position(
    party: str,
    issue: str,
    score: float,
    *,
    claimed_by: str | None = None,
    stance: str = "demands",
    date: str = "2025-12-16",
    event_id: str | None = None,
    position_id: str | None = None,
) -> dict:
    return {
        "position_id": position_id or f"{party}_{issue}_{claimed_by or 'own'}_{date}",
        "party": party,
        "issue_id": issue,
        "stance": stance,
        "score": float(score),
        "summary": f"{party} on {issue}",
        "speaker": "Someone",
        "speaker_role": "",
        "date": pd.Timestamp(date),
        "claimed_by": claimed_by,
        "event_id": event_id,
        "source_id": "article",
        "quote": "words",
    }


def make_positions(*rows: dict) -> pd.DataFrame:
    columns = list(position("us", "nato", 0))
    return pd.DataFrame.from_records(list(rows), columns=columns)


# --------------------------------------------------------------------------- scores


def test_own_statement_is_preferred_over_an_attributed_one():
    positions = make_positions(
        position("us", "nato", 2, claimed_by="russia"),
        position("us", "nato", -1),
    )
    scores = effective_scores(positions).set_index("party")
    assert scores.loc["us", "score"] == -1
    assert scores.loc["us", "basis"] == OWN
    assert scores.loc["us", "claimed_by"] == ""


def test_attributed_statement_counts_where_the_party_has_no_own_one():
    positions = make_positions(position("us", "nato", 2, claimed_by="russia"))
    scores = effective_scores(positions).set_index("party")
    assert scores.loc["us", "score"] == 2
    assert scores.loc["us", "basis"] == ATTRIBUTED
    assert scores.loc["us", "claimed_by"] == "russia"


def test_several_own_statements_are_averaged():
    positions = make_positions(
        position("russia", "nato", 2, date="2025-12-15"),
        position("russia", "nato", 1, date="2025-12-16"),
    )
    scores = effective_scores(positions)
    assert scores["score"].tolist() == [1.5]
    assert scores["n_positions"].tolist() == [2]


def test_effective_scores_of_nothing_is_an_empty_frame_with_columns():
    scores = effective_scores(make_positions())
    assert scores.empty
    assert {"issue_id", "party", "score", "basis"} <= set(scores.columns)


# --------------------------------------------------------------------------- ranking


def test_distance_is_max_minus_min_over_the_parties():
    positions = make_positions(
        position("russia", "territory", 2),
        position("ukraine", "territory", -2),
        position("us", "territory", 1),
    )
    ranking = rank_sticking_points(make_issues(), positions).set_index("issue_id")
    assert ranking.loc["territory", "distance"] == 4
    assert ranking.loc["territory", "n_parties"] == 3
    assert ranking.loc["territory", "lowest"] == "ukraine"
    assert ranking.loc["territory", "highest"] == "russia"


def test_distance_uses_own_score_not_the_attributed_extreme():
    # Russia says the US agrees with it (+2); the US itself says -1. Own wins: 2 - (-1) = 3.
    positions = make_positions(
        position("russia", "nato", 2),
        position("us", "nato", 2, claimed_by="russia"),
        position("us", "nato", -1),
    )
    ranking = rank_sticking_points(make_issues(), positions).set_index("issue_id")
    assert ranking.loc["nato", "distance"] == 3
    assert ranking.loc["nato", "attributed_parties"] == ""


def test_attributed_score_marks_the_party_in_the_ranking():
    positions = make_positions(
        position("russia", "nato", 2),
        position("us", "nato", 2, claimed_by="russia"),
        position("ukraine", "nato", -1),
    )
    ranking = rank_sticking_points(make_issues(), positions).set_index("issue_id")
    assert ranking.loc["nato", "distance"] == 3
    assert ranking.loc["nato", "attributed_parties"] == "us"
    assert ranking.loc["nato", "highest"] == "us;russia"


def test_single_party_issue_has_distance_zero_and_ranks_below_real_gaps():
    positions = make_positions(
        position("russia", "plant", 2),
        position("russia", "territory", 2),
        position("ukraine", "territory", 1),
    )
    ranking = rank_sticking_points(make_issues(), positions)
    by_id = ranking.set_index("issue_id")
    assert by_id.loc["plant", "distance"] == 0
    assert by_id.loc["plant", "n_parties"] == 1
    assert ranking["issue_id"].tolist()[:2] == ["territory", "plant"]


def test_ties_are_broken_by_the_number_of_parties_then_file_order():
    positions = make_positions(
        # territory: distance 2 with two parties
        position("russia", "territory", 1),
        position("ukraine", "territory", -1),
        # timing: distance 2 with three parties -> ranks above territory
        position("russia", "timing", 1),
        position("ukraine", "timing", -1),
        position("us", "timing", 0),
        # nato: distance 2 with two parties, after territory in the file -> below it
        position("russia", "nato", 2),
        position("europe", "nato", 0),
    )
    ranking = rank_sticking_points(make_issues(), positions)
    assert ranking["issue_id"].tolist()[:3] == ["timing", "territory", "nato"]
    assert ranking["rank"].tolist()[:3] == [1, 2, 3]


def test_issue_without_positions_is_listed_last_without_a_rank():
    positions = make_positions(position("russia", "nato", 2), position("us", "nato", 0))
    ranking = rank_sticking_points(make_issues(), positions)
    assert ranking["issue_id"].iloc[0] == "nato"
    unranked = ranking[ranking["rank"] == 0]
    assert set(unranked["issue_id"]) == {"territory", "plant", "timing"}
    assert all(math.isnan(d) for d in unranked["distance"])
    assert (unranked["n_parties"] == 0).all()


def test_ranking_of_empty_tables_is_empty():
    ranking = rank_sticking_points(make_issues(()), make_positions())
    assert ranking.empty
    assert "distance" in ranking.columns


def test_article_sticking_points_keeps_only_flagged_issues_with_their_quote():
    named = article_sticking_points(make_issues())
    assert named["issue_id"].tolist() == ["territory", "plant"]
    assert named["quote"].tolist() == ["quote on territory", "quote on plant"]


# --------------------------------------------------------------------------- matrix


def test_matrix_has_a_cell_for_every_issue_and_party_and_invents_nothing():
    positions = make_positions(position("russia", "nato", 2))
    rows = build_matrix(make_issues(), positions)
    assert [row.issue["issue_id"] for row in rows] == list(ISSUE_IDS)
    assert all(tuple(c.party for c in row.cells) == PARTIES for row in rows)
    filled = [(c.issue_id, c.party) for row in rows for c in row.cells if not c.empty]
    assert filled == [("nato", "russia")]


def test_cell_shows_own_and_attributed_positions_own_first():
    positions = make_positions(
        position("us", "nato", 2, claimed_by="russia", position_id="claimed"),
        position("us", "nato", -1, position_id="own"),
    )
    (row,) = build_matrix(make_issues(), positions, issue="nato")
    cell = row.cells[0]
    assert cell.party == "us"
    assert [p["position_id"] for p in cell.positions] == ["own", "claimed"]
    assert [p["position_id"] for p in cell.own] == ["own"]
    assert [p["position_id"] for p in cell.attributed] == ["claimed"]


def test_matrix_narrows_to_one_party():
    rows = build_matrix(make_issues(), make_positions(), party="ukraine")
    assert len(rows) == len(ISSUE_IDS)
    assert all([c.party for c in row.cells] == ["ukraine"] for row in rows)


def test_matrix_narrows_to_one_issue_and_one_party():
    positions = make_positions(position("ukraine", "nato", -2))
    (row,) = build_matrix(make_issues(), positions, issue="nato", party="ukraine")
    (cell,) = row.cells
    assert (cell.issue_id, cell.party, cell.empty) == ("nato", "ukraine", False)


# --------------------------------------------------------------------------- details


def make_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["berlin", "lavrov"],
            "title": ["Talks in Berlin", "Lavrov speaks"],
            "date": [pd.Timestamp("2025-12-14"), pd.Timestamp("2025-12-16")],
        }
    )


def test_detail_for_an_issue_lists_every_party_with_its_event():
    positions = make_positions(
        position("ukraine", "nato", -2, event_id="berlin"),
        position("russia", "nato", 2, event_id="lavrov"),
        position("us", "nato", 2, claimed_by="russia", event_id="lavrov"),
        position("russia", "territory", 2),
    )
    detail = detail_positions(positions, make_events(), make_issues(), issue="nato")
    assert detail["party"].tolist() == ["us", "russia", "ukraine"]
    assert detail["event_title"].tolist() == ["Lavrov speaks", "Lavrov speaks", "Talks in Berlin"]


def test_detail_for_a_party_runs_over_issues_in_file_order():
    positions = make_positions(
        position("russia", "plant", 1),
        position("russia", "territory", 2),
        position("ukraine", "territory", -2),
    )
    detail = detail_positions(positions, make_events(), make_issues(), party="russia")
    assert detail["issue_id"].tolist() == ["territory", "plant"]
    assert detail["event_title"].isna().all()


def test_detail_without_selection_is_empty():
    positions = make_positions(position("russia", "plant", 1))
    assert detail_positions(positions, make_events(), make_issues()).empty


def test_map_links_name_regions_and_places():
    issues = make_issues().set_index("issue_id")
    regions = pd.DataFrame({"region_id": ["UA-14", "UA-09"], "name_en": ["Donetsk", "Luhansk"]})
    places = pd.DataFrame({"place_id": ["znpp"], "name_en": ["Zaporizhzhia nuclear plant"]})
    territory = map_links(issues.loc["territory"].to_dict(), regions, places)
    assert [(link.label, link.query) for link in territory] == [
        ("Donetsk", {"region": "UA-14"}),
        ("Luhansk", {"region": "UA-09"}),
    ]
    plant = map_links(issues.loc["plant"].to_dict(), regions, places)
    assert [link.query for link in plant] == [{"place": "znpp"}]
    assert map_links(issues.loc["nato"].to_dict(), regions, places) == []


# --------------------------------------------------------------------------- URL


def test_url_params_accept_known_ids():
    values, notices = parse_params({"issue": ["nato"], "party": ["russia"]}, url_params(ISSUE_IDS))
    assert values == {"issue": "nato", "party": "russia"}
    assert notices == []


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"issue": ["natoo"]}, "issue"),
        ({"party": ["china"]}, "party"),
        ({"party": ["ukrainian_media"]}, "party"),
        ({"issue": ["nato\u202e"]}, "issue"),
        ({"issue": ["nato", "territory"]}, "issue"),
    ],
)
def test_url_params_reject_malformed_values_with_a_notice(query, param):
    values, notices = parse_params(query, url_params(ISSUE_IDS))
    assert values == {}
    assert [notice.param for notice in notices] == [param]


# --------------------------------------------------------------------------- real data


def test_every_cell_of_the_real_matrix_traces_to_a_quote_or_an_external_source(article_text):
    from dashboard.datasets.catalog import load_catalog
    from dashboard.verify import Quote, find_misses

    catalog = load_catalog()
    external = set(catalog.sources.index) - {"article"}
    rows = build_matrix(catalog.issues, catalog.positions)
    shown = [p for row in rows for cell in row.cells for p in cell.positions]
    assert len(shown) == len(catalog.positions), "every position row appears in the matrix"
    for position in shown:
        where = f"position {position['position_id']}"
        if position["source_id"] == "article":
            assert position["quote"], f"{where}: article row without a quote"
            quote = Quote("positions.csv", int(position["_row"]), "quote", position["quote"])
            assert find_misses([quote], article_text) == [], f"{where}: quote not in the article"
        else:
            assert position["source_id"] in external, f"{where}: unknown source"
            assert catalog.sources.loc[position["source_id"], "url"], f"{where}: source has no url"


def test_real_ranking_follows_the_methodology_example():
    # METHODOLOGY.md: guarantees show the widest gap, ahead of the nuclear plant and territory;
    # Lavrov's account of the US on NATO does not count (the US has its own statement), and
    # neither does Zelenskyy's later account of the US plan for the plant (the 28-point draft
    # is the US's own), whether or not later statements are included.
    from dashboard.datasets.catalog import load_catalog

    catalog = load_catalog()
    for include_later in (False, True):
        shown = on_record(catalog.positions, catalog.sources, include_later)
        ranking = rank_sticking_points(catalog.issues, shown).set_index("issue_id")
        order = ranking.sort_values("rank").index.tolist()
        assert order.index("security_guarantees") < order.index("nuclear_plant")
        assert order.index("nuclear_plant") < order.index("territory")
        assert "us" not in ranking.loc["nato", "attributed_parties"].split(";")
        assert "us" not in ranking.loc["nuclear_plant", "attributed_parties"].split(";")


def test_every_axis_puts_russia_on_the_far_side_of_ukraine():
    # METHODOLOGY.md, "Scores": on every issue Kyiv and Moscow dispute, -2 is the end Kyiv asks
    # for and +2 Moscow's. Where both have a position in their own voice, Russia's score must
    # lie above Ukraine's; timing, the one axis that is not Kyiv against Moscow, has no
    # Ukrainian position.
    from dashboard.datasets.catalog import load_catalog

    catalog = load_catalog()
    own = catalog.positions[catalog.positions["claimed_by"].isna()]
    scores = effective_scores(own).pivot(index="issue_id", columns="party", values="score")
    both = scores.dropna(subset=["russia", "ukraine"])
    assert set(both.index) == {"territory", "nato", "security_guarantees", "nuclear_plant"}
    for issue_id, row in both.iterrows():
        assert row["russia"] > row["ukraine"], issue_id
    # the same holds for each pair of single statements, not only for the means
    for issue_id in both.index:
        on_issue = own[own["issue_id"] == issue_id]
        russia = on_issue.loc[on_issue["party"] == "russia", "score"]
        ukraine = on_issue.loc[on_issue["party"] == "ukraine", "score"]
        assert russia.min() > ukraine.max(), issue_id


def test_later_statements_are_kept_apart_by_default():
    from dashboard.datasets.catalog import load_catalog

    catalog = load_catalog()
    published = article_published(catalog.sources)
    assert published == pd.Timestamp("2025-12-17")
    shown = on_record(catalog.positions, catalog.sources)
    assert (shown["date"] <= published).all()
    later = catalog.positions[is_later(catalog.positions, published)]
    assert set(later["position_id"]) == {
        "us_znpp_attributed",
        "ukraine_znpp_joint_venture",
        "russia_znpp_rosatom",
    }
    assert not set(later["position_id"]) & set(shown["position_id"])
    assert len(on_record(catalog.positions, catalog.sources, True)) == len(catalog.positions)
    assert later_note(catalog.positions, catalog.sources) == (
        "3 statements made after the article (23–24 Dec 2025)"
    )
    # every issue the article names as a sticking point has positions on record by its date
    on_plant = shown[shown["issue_id"] == "nuclear_plant"]
    assert {"us", "russia", "ukraine"} <= set(on_plant["party"])


# --------------------------------------------------------------------------- wording


def test_format_date_says_only_what_is_known():
    day = pd.Timestamp("2025-12-15")
    assert format_date(day, "day") == "15 Dec 2025"
    assert format_date(day, "week") == "week of 15 Dec 2025"
    assert format_date(day, "month") == "December 2025"
    assert format_date(None) == "undated"


def test_source_credit_prefers_the_short_credit_and_drops_odd_links():
    sources = pd.DataFrame(
        {
            "producer": ["A very long producer name", "Agency"],
            "credit": ["Short", None],
            "title": ["Title", "Report"],
            "url": ["https://example.test/a", "javascript:alert(1)"],
        },
        index=["article", "agency"],
    )
    assert source_credit(sources, "article") == Credit("Short", "Title", "https://example.test/a")
    assert source_credit(sources, "agency") == Credit("Agency", "Report", "")
    assert source_credit(sources, "missing") == Credit("missing", "", "")


def test_speaker_line_joins_name_and_role():
    assert speaker_line({"speaker": "Sergei Lavrov", "speaker_role": "minister"}) == (
        "Sergei Lavrov, minister"
    )
    assert speaker_line({"speaker": "US officials", "speaker_role": ""}) == "US officials"


def test_source_label_names_party_issue_and_claimant():
    own = position("russia", "nato", 2)
    claim = position("us", "nato", 1, claimed_by="russia")
    assert source_label(own, "NATO membership") == "Quote & source: Russia on NATO membership"
    assert source_label(claim, "NATO membership") == (
        "Quote & source: United States on NATO membership, claimed by Russia"
    )
    assert source_label(own, "NATO", "Sergei Lavrov", "") == (
        "Quote & source: Russia on NATO — Sergei Lavrov"
    )


def test_source_labels_are_distinct_adding_the_speaker_then_the_date_only_where_needed():
    putin = {**position("russia", "territory", 2, position_id="putin"), "speaker": "Putin"}
    ryabkov = {**position("russia", "territory", 2, position_id="ryabkov"), "speaker": "Ryabkov"}
    lavrov_1 = {
        **position("russia", "nato", 2, position_id="lavrov_1", date="2025-12-15"),
        "speaker": "Lavrov",
    }
    lavrov_2 = {
        **position("russia", "nato", 2, position_id="lavrov_2", date="2025-12-16"),
        "speaker": "Lavrov",
    }
    claim = position("us", "nato", 1, claimed_by="russia", position_id="claim")
    own = position("us", "nato", -2, position_id="own")
    issues = {"territory": "Territory", "nato": "NATO"}
    labels = source_labels(make_positions(putin, ryabkov, lavrov_1, lavrov_2, claim, own), issues)
    assert labels == {
        "putin": "Quote & source: Russia on Territory — Putin",
        "ryabkov": "Quote & source: Russia on Territory — Ryabkov",
        "lavrov_1": "Quote & source: Russia on NATO — Lavrov, 15 Dec 2025",
        "lavrov_2": "Quote & source: Russia on NATO — Lavrov, 16 Dec 2025",
        "claim": "Quote & source: United States on NATO, claimed by Russia",
        "own": "Quote & source: United States on NATO",
    }


def test_every_real_position_has_its_own_source_label():
    from dashboard.datasets.catalog import load_catalog
    from dashboard.figures.style import party_label

    catalog = load_catalog()
    issues = dict(zip(catalog.issues["issue_id"], catalog.issues["label"], strict=True))
    labels = source_labels(catalog.positions, issues)
    assert set(labels) == set(catalog.positions["position_id"])
    assert len(set(labels.values())) == len(labels), "two popovers share a name"
    for record in catalog.positions.to_dict("records"):
        label = labels[record["position_id"]]
        assert f"{party_label(record['party'])} on {issues[record['issue_id']]}" in label
