"""Control figures from DeepStateMap snapshots, their loaders and the run-time map layer."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from dashboard.build import areas
from dashboard.build.__main__ import main
from dashboard.build.control import fetch_snapshot
from dashboard.datasets import control, paths
from dashboard.datasets.schema import DataError

SNAPSHOT_DAY = date(2025, 12, 15)

# Checked figures from shared/README.md for the 2025-12-15 snapshot.
EXPECTED_SHARES = {
    "UA-14": 0.769,  # Donetsk
    "UA-09": 0.988,  # Luhansk
    "UA-23": 0.747,  # Zaporizhzhia
    "UA-65": 0.721,  # Kherson
    "UA-63": 0.043,  # Kharkiv
}
EXPECTED_DONETSK_KM2 = 20_446
EXPECTED_INSIDE_UKRAINE_KM2 = 114_110
SHARE_TOLERANCE = 0.005  # half a percentage point


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def snapshot_dir() -> Path:
    folder = areas.default_snapshot_dir()
    if not (folder / control.snapshot_filename(SNAPSHOT_DAY)).is_file():
        pytest.skip(f"shared DeepStateMap snapshots not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def units(snapshot_dir) -> areas.Units:
    return areas.Units.from_natural_earth(paths.natural_earth_dir())


@pytest.fixture(scope="module")
def fresh(snapshot_dir, units) -> tuple[list[dict], list[dict]]:
    path = snapshot_dir / control.snapshot_filename(SNAPSHOT_DAY)
    return areas.compute_daily({SNAPSHOT_DAY: path}, units)


def test_snapshot_shares_match_checked_figures(fresh):
    rows = {row["region_id"]: row for row in fresh[0]}
    assert len(rows) == 27
    for region_id, expected in EXPECTED_SHARES.items():
        assert float(rows[region_id]["russian_share"]) == pytest.approx(
            expected, abs=SHARE_TOLERANCE
        ), region_id
    assert float(rows["UA-14"]["russian_km2"]) == pytest.approx(EXPECTED_DONETSK_KM2, rel=0.005)
    inside = float(fresh[1][0]["russian_km2"])
    assert inside == pytest.approx(EXPECTED_INSIDE_UKRAINE_KM2, rel=0.002)
    assert sum(float(row["russian_km2"]) for row in rows.values()) == pytest.approx(inside, abs=5)


def test_committed_csv_matches_a_fresh_computation(fresh):
    with (paths.derived_dir() / control.CONTROL_BY_REGION_FILE).open(encoding="utf-8") as stream:
        committed = [row for row in csv.DictReader(stream) if row["snapshot_date"] == "2025-12-15"]
    assert committed == [{key: str(value) for key, value in row.items()} for row in fresh[0]]
    with (paths.derived_dir() / control.CONTROL_HISTORY_FILE).open(encoding="utf-8") as stream:
        history = {(row["date"], row["frequency"]): row for row in csv.DictReader(stream)}
    assert history[("2025-12-15", "daily")] == fresh[1][0]


def test_committed_csv_covers_every_snapshot_and_unit(snapshot_dir):
    frame = control.load_control_by_region()
    expected_days = set(control.list_snapshots(snapshot_dir))
    assert {stamp.date() for stamp in frame["snapshot_date"]} == expected_days
    assert len(expected_days) == 91 and date(2025, 11, 26) not in expected_days
    assert len(frame) == 27 * len(expected_days)
    assert frame["russian_share"].between(0, 1).all()
    assert (frame["source_id"] == control.SOURCE_ID).all()


def test_history_has_monthly_and_daily_rows(snapshot_dir):
    history = control.load_control_history()
    counts = history["frequency"].value_counts()
    assert counts["daily"] == len(control.list_snapshots(snapshot_dir))
    monthly = json.loads(areas.default_monthly_file().read_text(encoding="utf-8"))
    assert counts["monthly"] == len(monthly["features"])
    same_day = history[history["date"] == "2025-12-15"].set_index("frequency")["russian_km2"]
    assert same_day["monthly"] == pytest.approx(same_day["daily"], abs=1)


def test_donbas_remaining_is_ukrainian_held_donetsk_plus_luhansk():
    frame = control.load_control_by_region()
    day = frame[frame["snapshot_date"] == "2025-12-15"].set_index("region_id")
    expected = day.loc["UA-14", "ukrainian_km2"] + day.loc["UA-09", "ukrainian_km2"]
    assert control.donbas_remaining_km2("2025-12-15") == pytest.approx(expected)
    assert control.donbas_remaining_km2(SNAPSHOT_DAY, frame) == pytest.approx(expected)
    with pytest.raises(KeyError, match="2022-01-01"):
        control.donbas_remaining_km2("2022-01-01", frame)


def test_build_control_command_writes_both_files(snapshot_dir, tmp_path):
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    for day in (date(2025, 12, 14), SNAPSHOT_DAY):
        name = control.snapshot_filename(day)
        shutil.copyfile(snapshot_dir / name, snapshots / name)
    out = tmp_path / "derived"
    assert main(["control", "--snapshots", str(snapshots), "--out", str(out)]) == 0
    by_region = control.load_control_by_region(out / control.CONTROL_BY_REGION_FILE)
    assert len(by_region) == 2 * 27
    history = control.load_control_history(out / control.CONTROL_HISTORY_FILE)
    assert (history["frequency"] == "daily").sum() == 2


def test_control_command_reports_an_empty_snapshot_folder(tmp_path, capsys):
    assert main(["control", "--snapshots", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "no deepstatemap_data_YYYYMMDD.geojson files" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


HEADER = [
    "region_id",
    "snapshot_date",
    "region_km2",
    "russian_km2",
    "russian_share",
    "ukrainian_km2",
    "source_id",
]


def test_broken_csv_names_file_row_and_column(tmp_path):
    path = write_csv(
        tmp_path / "control_by_region.csv",
        [HEADER, ["UA-14", "2025-12-15", "26599.0", "20446.1", "1.7687", "6152.9", "deepstatemap"]],
    )
    with pytest.raises(DataError) as caught:
        control.load_control_by_region(path)
    message = str(caught.value)
    assert "control_by_region.csv" in message
    assert "row 1" in message and "russian_share" in message


def test_csv_with_missing_units_is_rejected(tmp_path):
    path = write_csv(
        tmp_path / "control_by_region.csv",
        [HEADER, ["UA-14", "2025-12-15", "26599.0", "20446.1", "0.7687", "6152.9", "deepstatemap"]],
    )
    with pytest.raises(DataError, match="lists 1 units, not 27"):
        control.load_control_by_region(path)


def test_history_with_a_bad_number_is_rejected(tmp_path):
    path = write_csv(
        tmp_path / "control_history.csv",
        [["date", "frequency", "russian_km2", "source_id"], ["2025-12-15", "daily", "n/a", "x"]],
    )
    with pytest.raises(DataError, match=r"row 1, column 'russian_km2'"):
        control.load_control_history(path)


def test_control_layer_is_computed_from_the_cache(snapshot_dir):
    assert control.available_snapshot_dates() == []
    assert control.load_control_layer(SNAPSHOT_DAY) is None
    result = fetch_snapshot(SNAPSHOT_DAY, source_dir=snapshot_dir)
    assert result.ok
    assert control.available_snapshot_dates() == [SNAPSHOT_DAY]

    layer = control.load_control_layer("2025-12-15")
    assert layer is not None
    assert len(json.dumps(layer)) < 100_000
    (feature,) = layer["features"]
    assert feature["id"] == control.LAYER_FEATURE_ID
    assert feature["properties"]["snapshot_date"] == "2025-12-15"
    assert feature["properties"]["source_id"] == "deepstatemap"
    geometry = shape(feature["geometry"])
    assert geometry.geom_type == "MultiPolygon" and geometry.is_valid
    # Inside the drawn outline, up to coordinate rounding (1e-4 degrees is ~10 m).
    outline = control.ukraine_outline()
    assert geometry.difference(outline.buffer(1e-4)).area < 1e-6
    lon_min, lat_min, lon_max, lat_max = geometry.bounds
    assert 30 < lon_min and lon_max < 41 and 44 < lat_min and lat_max < 52.5
    coordinates = shapely.get_coordinates(geometry)
    assert (abs(coordinates * 1e4 - (coordinates * 1e4).round()) < 1e-6).all()
    assert control.load_control_layer(date(2025, 12, 1)) is None


def test_broken_cached_snapshot_raises_data_error(tmp_path):
    cache = paths.deepstate_cache_dir()
    cache.mkdir(parents=True)
    (cache / control.snapshot_filename(SNAPSHOT_DAY)).write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("deepstatemap_data_20251215.geojson")):
        control.load_control_layer(SNAPSHOT_DAY)
