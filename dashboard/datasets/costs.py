"""What each territorial proposal would cost: the land, the towns and the people.

A proposal (``data/proposals.csv``) names the oblasts whose Ukrainian-held part would change
hands (``hand_over``). Applied to a control snapshot of one date:

- **Land.** Ukraine-held land is Ukraine's outline minus the Russian-controlled area, both in
  the equal-area EPSG:3035 and clipped to the outline, like the control figures. Only the
  *main body* of it counts, the largest connected piece: the thin strips DeepStateMap leaves
  between its edge and the coast or the Russian border, and islands, are detached from it and
  reported apart (``detached_km2``), never as land a deal would hand over. The grey zone is not
  in DeepStateMap's occupied layer, so it counts as Ukraine-held. In Kherson oblast the Dnipro
  belongs to whichever side DeepStateMap's edge leaves it to (its occupied area ends at the
  left bank), so the river's surface counts with the right bank.
- **Towns.** The towns of ``data/towns.csv`` whose point lies in that land (its edge
  included), with their pre-war population, and their distance from the front line of the same
  date (:func:`dashboard.datasets.frontline.front_line`); within :data:`NEAR_FRONT_KM` counts
  as near the front.

The figures for the article's date are committed (``python -m dashboard.build costs`` writes
``data/derived/proposal_costs.csv`` and ``proposal_towns.csv``); the area itself is computed
in memory from the cached snapshot and never written. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from dashboard.datasets import paths
from dashboard.datasets.control import (
    SOURCE_ID,
    geometry_to_geojson,
    polygonal,
    ukraine_outline,
)
from dashboard.datasets.frontline import (
    cached_control,
    equal_area,
    front_line,
    to_lonlat,
)
from dashboard.datasets.geo import region_shapes
from dashboard.datasets.package import resource, table_schema
from dashboard.datasets.schema import read_table

#: A town this close to the front line (km) is "near the front".
NEAR_FRONT_KM = 10.0
#: A town counts as inside when its point is this close (m) to the land and not inside the
#: Russian-controlled area: a town on the line counts, and so does a riverside or coastal town
#: whose point falls just outside the map's simplified outline (Kherson's by 114 m).
TOWN_SLACK_M = 2000.0
COSTS_FILE = "proposal_costs.csv"
TOWNS_FILE = "proposal_towns.csv"
COST_COLUMNS = ("proposal_id", "snapshot_date", "region_id", "km2", "detached_km2", "source_id")
TOWN_COLUMNS = (
    "proposal_id",
    "snapshot_date",
    "town_id",
    "region_id",
    "population",
    "km_to_front",
    "near_front",
    "source_id",
)
#: Drawn area: about 200 m of simplification, 4 decimals.
DRAW_TOLERANCE_DEGREES = 0.002
DRAW_DECIMALS = 4


@dataclass(frozen=True)
class HeldLand:
    """Ukraine-held land on one date, in EPSG:3035: the main body and what is cut off from it.

    ``control`` is the Russian-controlled area it was cut from (towns inside it never count).
    """

    main: shapely.Geometry
    detached: shapely.Geometry
    control: shapely.Geometry = field(default_factory=shapely.MultiPolygon)

    @classmethod
    def of(cls, control: shapely.Geometry, country: shapely.Geometry) -> HeldLand:
        """Split ``country`` minus ``control`` (both EPSG:3035) into main body and the rest."""
        held = polygonal(shapely.difference(country, control))
        parts = shapely.get_parts(held)
        if len(parts) == 0:
            return cls(shapely.MultiPolygon(), shapely.MultiPolygon(), control)
        largest = int(np.argmax(shapely.area(parts)))
        rest = [part for index, part in enumerate(parts) if index != largest]
        detached = shapely.MultiPolygon(rest) if rest else shapely.MultiPolygon()
        return cls(parts[largest], detached, control)


@dataclass(frozen=True)
class ProposalCost:
    """What one proposal would hand over on one date.

    ``km2`` and ``detached_km2`` are by oblast (ISO code), to 0.1 km²; ``towns`` has one row per
    town inside (``town_id``, ``region_id``, ``population``, ``km_to_front``, ``near_front``),
    largest first; ``area`` is the land in lon/lat (empty when nothing changes hands).
    """

    proposal_id: str
    day: date
    km2: Mapping[str, float]
    detached_km2: Mapping[str, float]
    towns: pd.DataFrame = field(compare=False)
    area: shapely.Geometry = field(compare=False)

    @property
    def total_km2(self) -> float:
        """All land that would change hands, km²."""
        return round(sum(self.km2.values()), 1)

    @property
    def population(self) -> int:
        """Pre-war population of the towns inside."""
        return int(self.towns["population"].sum()) if len(self.towns) else 0

    @property
    def towns_near_front(self) -> int:
        """How many of the towns lie within :data:`NEAR_FRONT_KM` of the front."""
        return int(self.towns["near_front"].sum()) if len(self.towns) else 0


def _town_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = ["town_id", "region_id", "population", "km_to_front", "near_front"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["population", "town_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def proposal_cost(
    proposal_id: str,
    hand_over: Sequence[str],
    held: HeldLand,
    regions: Mapping[str, shapely.Geometry],
    towns: pd.DataFrame,
    front: shapely.Geometry,
    day: date,
) -> ProposalCost:
    """The cost of handing over the held part of the oblasts ``hand_over`` (pure).

    Parameters
    ----------
    proposal_id, hand_over
        The proposal and its oblasts (ISO codes; empty: nothing changes hands).
    held
        Ukraine-held land on ``day`` (EPSG:3035).
    regions
        Oblast shapes by ISO code, EPSG:3035.
    towns
        ``town_id``, ``region_id``, ``population``, ``lon``, ``lat`` (WGS 84).
    front
        The front line on ``day``, EPSG:3035 (empty: no distances below ``inf``).
    """
    km2: dict[str, float] = {}
    detached: dict[str, float] = {}
    pieces = []
    for region_id in hand_over:
        region = regions[region_id]
        part = polygonal(shapely.intersection(region, held.main))
        km2[region_id] = round(float(part.area) / 1e6, 1)
        detached[region_id] = round(
            float(polygonal(shapely.intersection(region, held.detached)).area) / 1e6, 1
        )
        if not part.is_empty:
            pieces.append(part)
    land = polygonal(shapely.union_all(pieces)) if pieces else shapely.MultiPolygon()
    rows = []
    candidates = towns[towns["region_id"].isin(list(hand_over))]
    if len(candidates) and not land.is_empty:
        points = equal_area(
            shapely.MultiPoint(list(zip(candidates["lon"], candidates["lat"], strict=True)))
        )
        points = shapely.get_parts(points)
        inside = (shapely.distance(points, land) <= TOWN_SLACK_M) & ~shapely.contains(
            held.control, points
        )
        distances = (
            shapely.distance(points, front) / 1000
            if not front.is_empty
            else np.full(len(points), np.inf)
        )
        for record, is_inside, km in zip(
            candidates.to_dict("records"), inside, distances, strict=True
        ):
            if is_inside:
                rows.append(
                    {
                        "town_id": record["town_id"],
                        "region_id": record["region_id"],
                        "population": int(record["population"]),
                        "km_to_front": round(float(km), 1),
                        "near_front": bool(km <= NEAR_FRONT_KM),
                    }
                )
    return ProposalCost(
        proposal_id=proposal_id,
        day=day,
        km2=km2,
        detached_km2=detached,
        towns=_town_frame(rows),
        area=to_lonlat(land) if not land.is_empty else shapely.MultiPolygon(),
    )


def proposal_costs(
    proposals: pd.DataFrame,
    control: shapely.Geometry,
    ukraine: shapely.Geometry,
    regions: Mapping[str, shapely.Geometry],
    towns: pd.DataFrame,
    day: date,
) -> tuple[ProposalCost, ...]:
    """Every proposal's cost on ``day`` from the control area and outline (both lon/lat)."""
    country = equal_area(ukraine)
    controlled = polygonal(shapely.intersection(equal_area(control), country))
    held = HeldLand.of(controlled, country)
    held = HeldLand(held.main, held.detached, equal_area(control))
    front = equal_area(front_line(control, ukraine))
    projected = {region_id: equal_area(shape) for region_id, shape in regions.items()}
    return tuple(
        proposal_cost(
            record["proposal_id"],
            tuple(record["hand_over"] or ()),
            held,
            projected,
            towns,
            front,
            day,
        )
        for record in proposals.to_dict("records")
    )


def costs_on(
    day: date,
    proposals: pd.DataFrame,
    towns: pd.DataFrame,
    *,
    cache_dir: Path | None = None,
    geo_dir: Path | None = None,
) -> tuple[ProposalCost, ...] | None:
    """Every proposal's cost on ``day`` from the cached snapshot; None when it is not cached."""
    control = cached_control(day, cache_dir)
    if control is None:
        return None
    geo_path = (geo_dir / "ukraine_admin1.geojson") if geo_dir else None
    return proposal_costs(
        proposals, control, ukraine_outline(geo_path), region_shapes(geo_dir), towns, day
    )


# ---------------------------------------------------------------------------------------
# Committed figures


def cost_rows(costs: Sequence[ProposalCost]) -> list[dict[str, object]]:
    """``proposal_costs.csv`` rows: one per proposal and oblast handed over."""
    return [
        {
            "proposal_id": cost.proposal_id,
            "snapshot_date": cost.day.isoformat(),
            "region_id": region_id,
            "km2": f"{km2:.1f}",
            "detached_km2": f"{cost.detached_km2[region_id]:.1f}",
            "source_id": SOURCE_ID,
        }
        for cost in costs
        for region_id, km2 in cost.km2.items()
    ]


def town_rows(costs: Sequence[ProposalCost]) -> list[dict[str, object]]:
    """``proposal_towns.csv`` rows: one per proposal and town inside."""
    return [
        {
            "proposal_id": cost.proposal_id,
            "snapshot_date": cost.day.isoformat(),
            "town_id": record["town_id"],
            "region_id": record["region_id"],
            "population": record["population"],
            "km_to_front": f"{record['km_to_front']:.1f}",
            "near_front": "true" if record["near_front"] else "false",
            "source_id": SOURCE_ID,
        }
        for cost in costs
        for record in cost.towns.to_dict("records")
    ]


def _read_derived(name: str, derived_dir: Path | None) -> pd.DataFrame:
    schema = table_schema(name, ())
    folder = derived_dir or paths.derived_dir()
    return read_table(folder / Path(resource(name).path).name, schema)


def committed_costs(
    proposals: pd.DataFrame, derived_dir: Path | None = None
) -> tuple[ProposalCost, ...]:
    """The committed figures (one date) as costs without an area to draw."""
    figures = _read_derived("proposal_costs", derived_dir)
    towns = _read_derived("proposal_towns", derived_dir)
    days = {value.date() for value in figures["snapshot_date"]} | {
        value.date() for value in towns["snapshot_date"]
    }
    if len(days) != 1:
        raise ValueError(f"the committed costs should be of one date, not {sorted(days)}")
    (day,) = days
    result = []
    for record in proposals.to_dict("records"):
        ident = record["proposal_id"]
        rows = figures[figures["proposal_id"] == ident]
        own = towns[towns["proposal_id"] == ident]
        result.append(
            ProposalCost(
                proposal_id=ident,
                day=day,
                km2=dict(zip(rows["region_id"], rows["km2"].astype(float), strict=True)),
                detached_km2=dict(
                    zip(rows["region_id"], rows["detached_km2"].astype(float), strict=True)
                ),
                towns=_town_frame(
                    own[["town_id", "region_id", "population", "km_to_front", "near_front"]]
                    .astype({"population": int, "km_to_front": float, "near_front": bool})
                    .to_dict("records")
                ),
                area=shapely.MultiPolygon(),
            )
        )
    return tuple(result)


def area_geojson(cost: ProposalCost) -> dict[str, Any]:
    """The land a proposal would hand over as a small FeatureCollection for drawing."""
    features = []
    if not cost.area.is_empty:
        drawn = shapely.simplify(cost.area, DRAW_TOLERANCE_DEGREES, preserve_topology=True)
        drawn = shapely.transform(drawn, lambda xy: np.round(xy, DRAW_DECIMALS))
        drawn = shapely.orient_polygons(polygonal(shapely.make_valid(drawn)))
        features.append(
            {
                "type": "Feature",
                "id": cost.proposal_id,
                "properties": {"total_km2": cost.total_km2, "snapshot_date": cost.day.isoformat()},
                "geometry": geometry_to_geojson(drawn),
            }
        )
    return {"type": "FeatureCollection", "features": features}
