"""Each validation rule, fed a broken table, raises one error naming file, row and column."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.schema import DataError
from tests.unit.minimal_data import TABLES, write_minimal_data, write_table


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_minimal_data(tmp_path / "data")


def rewrite(data_dir: Path, file_name: str, row_changes: dict[str, str], drop: str = "") -> None:
    rows = copy.deepcopy(TABLES[file_name])
    rows[0].update(row_changes)
    if drop:
        for row in rows:
            row.pop(drop)
    write_table(data_dir / file_name, rows)


def error_for(data_dir: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_catalog(data_dir)
    return caught.value


def test_minimal_data_is_valid(data_dir: Path) -> None:
    catalog = load_catalog(data_dir)
    assert list(catalog.events["event_id"]) == ["berlin_meeting"]
    assert catalog.events.loc[0, "parties"] == ("us", "ukraine")
    assert str(catalog.events.loc[0, "date"].date()) == "2025-12-15"


def test_missing_column(data_dir: Path) -> None:
    rewrite(data_dir, "events.csv", {}, drop="date_precision")
    error = error_for(data_dir)
    assert str(error).endswith("events.csv, column 'date_precision': required column is missing")


def test_bad_date(data_dir: Path) -> None:
    rewrite(data_dir, "events.csv", {"date": "15/12/2025"})
    error = error_for(data_dir)
    assert str(error).endswith(
        "events.csv, row 1, column 'date': '15/12/2025' is not an ISO date (YYYY-MM-DD)"
    )
    assert (error.row, error.column) == (1, "date")


def test_impossible_date(data_dir: Path) -> None:
    rewrite(data_dir, "positions.csv", {"date": "2025-02-30"})
    assert str(error_for(data_dir)).endswith(
        "positions.csv, row 1, column 'date': '2025-02-30' is not an ISO date (YYYY-MM-DD)"
    )


def test_duplicate_id(data_dir: Path) -> None:
    rows = copy.deepcopy(TABLES["events.csv"]) * 2
    write_table(data_dir / "events.csv", rows)
    assert str(error_for(data_dir)).endswith(
        "events.csv, row 2, column 'event_id': duplicate id 'berlin_meeting' (first used in row 1)"
    )


def test_unknown_source_id(data_dir: Path) -> None:
    rewrite(data_dir, "places.csv", {"coord_source_id": "geonamez"})
    assert str(error_for(data_dir)).endswith(
        "places.csv, row 1, column 'coord_source_id': unknown source_id 'geonamez'"
    )


def test_unknown_place_id(data_dir: Path) -> None:
    rewrite(data_dir, "events.csv", {"place_id": "atlantis"})
    assert str(error_for(data_dir)).endswith(
        "events.csv, row 1, column 'place_id': unknown place_id 'atlantis'"
    )


def test_unknown_issue_in_positions(data_dir: Path) -> None:
    rewrite(data_dir, "positions.csv", {"issue_id": "weather"})
    assert str(error_for(data_dir)).endswith(
        "positions.csv, row 1, column 'issue_id': unknown issue_id 'weather'"
    )


def test_unknown_vocabulary_value(data_dir: Path) -> None:
    rewrite(data_dir, "positions.csv", {"stance": "maybe"})
    assert str(error_for(data_dir)).endswith(
        "positions.csv, row 1, column 'stance': 'maybe' is not one of "
        "demands, offers, accepts, rejects, open"
    )


def test_empty_quote_for_article_row(data_dir: Path) -> None:
    rewrite(data_dir, "regions.csv", {"quote": ""})
    assert str(error_for(data_dir)).endswith(
        "regions.csv, row 1, column 'quote': is empty, but a row sourced to the article "
        "needs a quote"
    )


def test_quote_longer_than_thirty_words(data_dir: Path) -> None:
    rewrite(data_dir, "events.csv", {"quote": " ".join(["word"] * 31)})
    assert str(error_for(data_dir)).endswith(
        "events.csv, row 1, column 'quote': has 31 words; quotes are at most 30"
    )


def test_required_cell_empty(data_dir: Path) -> None:
    rewrite(data_dir, "positions.csv", {"summary": ""})
    assert str(error_for(data_dir)).endswith("positions.csv, row 1, column 'summary': is empty")


def test_place_outside_its_region(data_dir: Path) -> None:
    rewrite(data_dir, "places.csv", {"lat": "46.5", "lon": "30.7"})
    assert str(error_for(data_dir)).endswith(
        "places.csv, row 1, column 'lat': coordinates (46.5, 30.7) fall outside region UA-63"
    )


def test_latitude_out_of_range(data_dir: Path) -> None:
    rewrite(data_dir, "places.csv", {"lat": "149.7"})
    assert str(error_for(data_dir)).endswith(
        "places.csv, row 1, column 'lat': 149.7 is outside -90 … 90"
    )


def test_weekday_without_basis(data_dir: Path) -> None:
    rewrite(data_dir, "events.csv", {"date_basis": ""})
    assert str(error_for(data_dir)).endswith(
        "events.csv, row 1, column 'date_basis': the quote gives a weekday; "
        "say how it was resolved to a date"
    )


def test_region_code_not_iso(data_dir: Path) -> None:
    rewrite(data_dir, "places.csv", {"region_id": "Kharkiv"})
    assert str(error_for(data_dir)).endswith(
        "places.csv, row 1, column 'region_id': 'Kharkiv' is not an ISO 3166-2 code such as UA-14"
    )


def test_missing_file(data_dir: Path) -> None:
    (data_dir / "issues.csv").unlink()
    assert str(error_for(data_dir)).endswith("issues.csv: file is missing")


def test_file_not_utf8(data_dir: Path) -> None:
    path = data_dir / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    assert str(error_for(data_dir)).endswith(
        "regions.csv: is not UTF-8 text (bad byte at line 2); save it as UTF-8"
    )


def test_row_with_extra_cells(data_dir: Path) -> None:
    path = data_dir / "issues.csv"
    path.write_text(path.read_text(encoding="utf-8") + "a,b\n", encoding="utf-8")
    assert str(error_for(data_dir)).endswith(
        "issues.csv, row 2: has 2 cells but the header has 10 (check commas and quotes)"
    )


def test_unknown_fact_check_subject(data_dir: Path) -> None:
    rewrite(data_dir, "fact_checks.csv", {"subject_id": "nowhere"})
    assert str(error_for(data_dir)).endswith(
        "fact_checks.csv, row 1, column 'subject_id': unknown place 'nowhere'"
    )


def test_sources_yaml_broken(data_dir: Path) -> None:
    (data_dir / "sources.yml").write_text("article: [unclosed\n", encoding="utf-8")
    assert "sources.yml" in str(error_for(data_dir))
    assert "is not valid YAML" in str(error_for(data_dir))


def test_source_entry_missing_field(data_dir: Path) -> None:
    path = data_dir / "sources.yml"
    text = path.read_text(encoding="utf-8").replace("  licence: not open\n", "")
    path.write_text(text, encoding="utf-8")
    assert str(error_for(data_dir)).endswith(
        "sources.yml, row 2, column 'licence': entry 'deepstatemap' lacks a field"
    )


def test_geojson_broken(data_dir: Path) -> None:
    (data_dir / "geo" / "ukraine_admin1.geojson").write_text('{"type": "Feat', encoding="utf-8")
    message = str(error_for(data_dir))
    assert "ukraine_admin1.geojson, row 1: is not valid JSON" in message


def test_geojson_wrong_unit_count(data_dir: Path) -> None:
    path = data_dir / "geo" / "ukraine_admin1.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:26]
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert str(error_for(data_dir)).endswith("ukraine_admin1.geojson: has 26 units; Ukraine has 27")
