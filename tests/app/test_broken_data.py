"""An editor's mistake in a data file gives a clear error page naming the file, not a traceback."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cached
from dashboard.datasets import paths
from tests.unit.minimal_data import TABLES, write_minimal_data, write_table

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "main.py")


def drop_column(folder: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "kind"} for row in TABLES["events.csv"]]
    write_table(folder / "events.csv", rows)


def bad_date(folder: Path) -> None:
    write_table(folder / "positions.csv", [dict(TABLES["positions.csv"][0], date="16.12.2025")])


def duplicate_id(folder: Path) -> None:
    write_table(folder / "places.csv", TABLES["places.csv"] * 2)


def unknown_id(folder: Path) -> None:
    write_table(folder / "events.csv", [dict(TABLES["events.csv"][0], place_id="atlantis")])


def broken_geojson(folder: Path) -> None:
    (folder / "geo" / "ukraine_admin1.geojson").write_text("{not json", encoding="utf-8")


def not_utf8(folder: Path) -> None:
    path = folder / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))


def missing_file(folder: Path) -> None:
    (folder / "issues.csv").unlink()


BREAKAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing column": (drop_column, "events.csv, column 'kind': required column is missing"),
    "bad date": (bad_date, "positions.csv, row 1, column 'date'"),
    "duplicate id": (duplicate_id, "places.csv, row 2, column 'place_id': duplicate id"),
    "unknown id": (unknown_id, "events.csv, row 1, column 'place_id': unknown place_id"),
    "broken geojson": (broken_geojson, "ukraine_admin1.geojson, row 1: is not valid JSON"),
    "not utf-8": (not_utf8, "regions.csv: is not UTF-8 text"),
    "missing file": (missing_file, "issues.csv: file is missing"),
}


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_minimal_data(tmp_path / "data")
    shutil.copytree(paths.REPO_ROOT / "data" / "derived", folder / "derived")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    cached.clear()
    yield folder
    cached.clear()


def test_minimal_data_renders_overview(data_dir: Path) -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert not app.error
    assert app.title[0].value.startswith("Russia–Ukraine peace talks")


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_file_shows_error_page(data_dir: Path, breakage: str) -> None:
    breaker, expected = BREAKAGES[breakage]
    breaker(data_dir)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception, app.exception
    # The page escapes markdown in the message; read it as the reader sees it.
    messages = [re.sub(r"\\(.)", r"\1", element.value) for element in app.error]
    assert len(messages) == 1
    assert "The dashboard's data could not be loaded." in messages[0]
    assert expected in messages[0]
