"""Compute the area under Russian control per Ukrainian unit from DeepStateMap snapshots.

Method (see ``/work/shared/README.md``): the control polygons are clipped to Natural
Earth's full-detail outline of Ukraine (the two sources' coastlines differ), then
intersected with each of the 27 units; areas are measured in the equal-area EPSG:3035.
Only figures are written (``data/derived/*.csv``); DeepStateMap geometry never is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from dashboard.build.atomic import write_text_atomically
from dashboard.build.geo import AREA_CRS, read_ukraine_units
from dashboard.datasets import paths
from dashboard.datasets.control import (
    CONTROL_BY_REGION_FILE,
    CONTROL_HISTORY_FILE,
    SOURCE_ID,
    list_snapshots,
    read_snapshot,
)

MONTHLY_FILE = "deepstate_occupied_monthly_2022-04_2026-08.geojson"

BY_REGION_COLUMNS = (
    "region_id",
    "snapshot_date",
    "region_km2",
    "russian_km2",
    "russian_share",
    "ukrainian_km2",
    "source_id",
)
HISTORY_COLUMNS = ("date", "frequency", "russian_km2", "source_id")


def default_snapshot_dir() -> Path:
    """The shared folder of daily snapshots (2025-11-01 … 2026-01-31)."""
    return paths.shared_dir() / "geo" / "deepstate" / "daily"


def default_monthly_file() -> Path:
    """The shared file with one control polygon per month since April 2022."""
    return paths.shared_dir() / "geo" / "deepstate" / "monthly" / MONTHLY_FILE


_TO_EQUAL_AREA = pyproj.Transformer.from_crs("EPSG:4326", AREA_CRS, always_xy=True)


def to_equal_area(geometry: shapely.Geometry) -> shapely.Geometry:
    """Project a lon/lat geometry to EPSG:3035."""
    return shapely.transform(
        geometry, lambda xy: np.column_stack(_TO_EQUAL_AREA.transform(xy[:, 0], xy[:, 1]))
    )


@dataclass(frozen=True)
class Units:
    """Ukraine's 27 units at full detail in EPSG:3035, with their outline."""

    region_ids: tuple[str, ...]
    geometries: np.ndarray
    areas_km2: np.ndarray
    outline: shapely.Geometry
    tree: shapely.STRtree

    @classmethod
    def from_natural_earth(cls, source_dir: Path | None = None) -> Units:
        """Read the units from the full-detail Natural Earth extract."""
        frame = read_ukraine_units(source_dir or paths.natural_earth_dir())
        projected = frame.geometry.to_crs(AREA_CRS).values
        geometries = np.asarray(projected, dtype=object)
        outline = shapely.coverage_union_all(geometries)
        shapely.prepare(outline)
        return cls(
            region_ids=tuple(frame["region_id"]),
            geometries=geometries,
            areas_km2=shapely.area(geometries) / 1e6,
            outline=outline,
            tree=shapely.STRtree(geometries),
        )

    def clip(self, control_lonlat: shapely.Geometry) -> shapely.Geometry:
        """Project control polygons to EPSG:3035 and clip them to Ukraine's outline."""
        return shapely.intersection(to_equal_area(control_lonlat), self.outline)

    def russian_km2(self, clipped: shapely.Geometry) -> np.ndarray:
        """km² of ``clipped`` (EPSG:3035) inside each unit; only units whose bbox touches."""
        result = np.zeros(len(self.region_ids))
        touching = self.tree.query(clipped)
        if len(touching):
            parts = shapely.intersection(self.geometries[touching], clipped)
            result[touching] = shapely.area(parts) / 1e6
        return result


def region_rows(day: date, units: Units, russian_km2: np.ndarray) -> list[dict[str, object]]:
    """One ``control_by_region`` row per unit for ``day``."""
    rows = []
    for region_id, region, russian in zip(
        units.region_ids, units.areas_km2, russian_km2, strict=True
    ):
        russian = min(russian, region)
        region_rounded, russian_rounded = round(region, 1), round(russian, 1)
        rows.append(
            {
                "region_id": region_id,
                "snapshot_date": day.isoformat(),
                "region_km2": f"{region_rounded:.1f}",
                "russian_km2": f"{russian_rounded:.1f}",
                "russian_share": f"{russian / region:.4f}",
                "ukrainian_km2": f"{region_rounded - russian_rounded:.1f}",
                "source_id": SOURCE_ID,
            }
        )
    return rows


def compute_daily(
    snapshots: Mapping[date, Path], units: Units
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Per-region rows and daily history rows for every snapshot in ``snapshots``."""
    by_region: list[dict[str, object]] = []
    history: list[dict[str, object]] = []
    for day, path in sorted(snapshots.items()):
        clipped = units.clip(read_snapshot(path))
        by_region.extend(region_rows(day, units, units.russian_km2(clipped)))
        history.append(history_row(day, "daily", shapely.area(clipped) / 1e6))
    return by_region, history


def history_row(day: date, frequency: str, russian_km2: float) -> dict[str, object]:
    """One ``control_history`` row."""
    return {
        "date": day.isoformat(),
        "frequency": frequency,
        "russian_km2": f"{russian_km2:.1f}",
        "source_id": SOURCE_ID,
    }


def compute_monthly(monthly_file: Path, units: Units) -> list[dict[str, object]]:
    """Monthly history rows: km² inside Ukraine for each polygon of ``monthly_file``."""
    frame = gpd.read_file(monthly_file)
    if "date" not in frame.columns:
        raise ValueError(f"{monthly_file}: features have no 'date' property")
    rows = []
    for value, geometry in zip(frame["date"], frame.geometry.values, strict=True):
        day = value.date() if hasattr(value, "date") else date.fromisoformat(str(value))
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry, method="structure")
        clipped = units.clip(geometry)
        rows.append(history_row(day, "monthly", shapely.area(clipped) / 1e6))
    return rows


def write_csv(rows: Iterable[Mapping[str, object]], columns: Iterable[str], path: Path) -> Path:
    """Write ``rows`` as UTF-8 CSV with Unix line ends, atomically."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return write_text_atomically(path, buffer.getvalue())


def build_control(
    snapshot_dir: Path | None = None,
    monthly_file: Path | None = None,
    natural_earth_dir: Path | None = None,
    out_dir: Path | None = None,
) -> dict[str, Path]:
    """Write ``control_by_region.csv`` and ``control_history.csv``; return their paths.

    Parameters
    ----------
    snapshot_dir
        Folder of daily ``deepstatemap_data_YYYYMMDD.geojson`` files
        (default: :func:`default_snapshot_dir`).
    monthly_file
        One control polygon per month with a ``date`` property
        (default: :func:`default_monthly_file`).
    natural_earth_dir
        Full-detail Natural Earth extracts (default: :func:`paths.natural_earth_dir`).
    out_dir
        Output folder (default: :func:`paths.derived_dir`).
    """
    snapshot_dir = snapshot_dir or default_snapshot_dir()
    monthly_file = monthly_file or default_monthly_file()
    out_dir = out_dir or paths.derived_dir()
    snapshots = list_snapshots(snapshot_dir)
    if not snapshots:
        raise FileNotFoundError(f"no deepstatemap_data_YYYYMMDD.geojson files in {snapshot_dir}")
    if not monthly_file.is_file():
        raise FileNotFoundError(f"monthly control file not found: {monthly_file}")
    units = Units.from_natural_earth(natural_earth_dir)
    by_region, daily = compute_daily(snapshots, units)
    history = compute_monthly(monthly_file, units) + daily
    history.sort(key=lambda row: (row["date"], row["frequency"]))
    return {
        CONTROL_BY_REGION_FILE: write_csv(
            by_region, BY_REGION_COLUMNS, out_dir / CONTROL_BY_REGION_FILE
        ),
        CONTROL_HISTORY_FILE: write_csv(history, HISTORY_COLUMNS, out_dir / CONTROL_HISTORY_FILE),
    }
