"""The map's tables for one date: units by status and control, places, the overview rows. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.control import donbas_remaining_km2, history_series
from dashboard.datasets.frontline import Advance
from dashboard.views.map.selection import PLACE, REGION, Selection
from dashboard.wording import (
    PLACE_ROLES,
    PLACE_TYPES,
    SHORT_DATE,
    format_day,
    format_share,
    plotly_text,
    present,
    short_producer,
    text,
)

DONBAS = ("UA-14", "UA-09")

# --------------------------------------------------------------------------- map tables


@dataclass(frozen=True)
class ControlFigure:
    """Russian-controlled area of one region on one snapshot date."""

    day: date
    region_km2: float
    russian_km2: float
    ukrainian_km2: float
    share: float
    #: Held whole by Russia since its 2014 annexation: what DeepStateMap leaves outside is
    #: where its coastline and Natural Earth's differ (see METHODOLOGY.md).
    whole: bool = False

    @property
    def share_text(self) -> str:
        """The share as a percentage, or ``all`` for a region held whole."""
        return "all" if self.whole else format_share(self.share)

    @property
    def label(self) -> str:
        """The headline's label: what the share is, and when."""
        return f"Under Russian control on {self.day:{SHORT_DATE}}"

    @property
    def caption(self) -> str:
        """The areas behind the share, with their sources."""
        return (
            f"{self.russian_km2:,.0f} of {self.region_km2:,.0f} km²; "
            f"{self.ukrainian_km2:,.0f} km² held by Ukraine. Source: DeepStateMap.Live "
            "(grey zone excluded); areas from Natural Earth (EPSG:3035)."
        )


#: A region Russia annexed in 2014 counts as held whole from this share: below it, the
#: gap would be more than the coastline mismatch (about 1 % of Crimea, 4 % of Sevastopol).
WHOLE_SHARE = 0.95


def control_figures(
    control: pd.DataFrame, day: date | None, regions: pd.DataFrame | None = None
) -> dict[str, ControlFigure]:
    """Control figures per region on ``day`` (empty when there are none).

    With ``regions``, a region Russia annexed in 2014 (``status``) with at least
    :data:`WHOLE_SHARE` under its control is marked as held whole.
    """
    if day is None or control.empty:
        return {}
    rows = control[control["snapshot_date"] == pd.Timestamp(day)]
    annexed_2014 = (
        {
            str(region["region_id"])
            for _, region in regions.iterrows()
            if status_of(region) == "annexed_2014"
        }
        if regions is not None
        else set()
    )
    return {
        str(row["region_id"]): ControlFigure(
            day=day,
            region_km2=float(row["region_km2"]),
            russian_km2=float(row["russian_km2"]),
            ukrainian_km2=float(row["ukrainian_km2"]),
            share=float(row["russian_share"]),
            whole=row["region_id"] in annexed_2014 and row["russian_share"] >= WHOLE_SHARE,
        )
        for _, row in rows.iterrows()
    }


def unit_name(properties: Mapping[str, Any]) -> str:
    """English name of a Natural Earth unit, with "Oblast" or "(city)" where it helps."""
    name = text(properties.get("name_en")) or text(properties.get("region_id"))
    kind = text(properties.get("type_en"))
    if kind == "Region":
        return f"{name} Oblast"
    if kind == "City with special status":
        return f"{name} (city)"
    return name


def status_of(region: Mapping[str, Any] | None) -> str:
    """``annexed_2022``, ``annexed_2014`` or ``other`` from a regions.csv row."""
    if region is None or not present(region.get("annexation_claimed")):
        return "other"
    year = pd.Timestamp(region["annexation_claimed"]).year
    return "annexed_2014" if year < 2022 else "annexed_2022"


def unit_table(
    units: Mapping[str, Any],
    regions: pd.DataFrame,
    figures: Mapping[str, ControlFigure],
) -> pd.DataFrame:
    """One row per unit on the map: ``region_id``, ``name``, ``name_uk``, ``status``, ``hover``.

    Names come from regions.csv where the region is there, else from Natural Earth. The hover
    text names the sources of what it says.
    """
    by_id = regions.set_index("region_id") if not regions.empty else pd.DataFrame()
    rows = []
    for feature in units["features"]:
        properties = feature.get("properties") or {}
        region_id = str(feature.get("id") or properties.get("region_id"))
        region = by_id.loc[region_id] if region_id in by_id.index else None
        name = text(region["name_en"]) if region is not None else unit_name(properties)
        name_uk = text(region["name_uk"]) if region is not None else text(properties.get("name_uk"))
        status = status_of(region)
        lines = [f"<b>{plotly_text(name)}</b> · {plotly_text(name_uk)}"]
        if status != "other":
            claimed = format_day(region["annexation_claimed"], SHORT_DATE)
            lines.append(f"Russia claims to have annexed it ({claimed})")
        figure = figures.get(region_id)
        if figure is not None:
            lines.append(
                f"Under Russian control on {figure.day:{SHORT_DATE}}: {figure.share_text} "
                f"({figure.russian_km2:,.0f} of {figure.region_km2:,.0f} km²)"
            )
            lines.append("Sources: DeepStateMap.Live; Natural Earth")
        else:
            lines.append("Source: Natural Earth")
        lines.append("<i>Click for details</i>")
        rows.append(
            {
                "region_id": region_id,
                "name": name,
                "name_uk": name_uk,
                "status": status,
                "hover": "<br>".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=["region_id", "name", "name_uk", "status", "hover"])


def place_table(places: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per place marker: ``place_id``, ``name``, ``lat``, ``lon``, ``hover``."""
    rows = []
    for _, place in places.iterrows():
        name = text(place["name_en"])
        local = text(place.get("name_local"))
        kind = PLACE_TYPES.get(text(place["place_type"]), text(place["place_type"]))
        credit = (
            short_producer(text(sources.loc[place["coord_source_id"], "producer"]))
            if (present(place.get("coord_source_id")) and place["coord_source_id"] in sources.index)
            else text(place.get("coord_source_id"))
        )
        title = f"<b>{plotly_text(name)}</b>"
        if local and local != name:
            title += f" · {plotly_text(local)}"
        lines = [
            title,
            f"{kind}, {PLACE_ROLES.get(text(place['role']), text(place['role']))}",
            f"Location: {plotly_text(credit)}",
            "<i>Click for who claims what</i>",
        ]
        rows.append(
            {
                "place_id": text(place["place_id"]),
                "name": name,
                "lat": float(place["lat"]),
                "lon": float(place["lon"]),
                "hover": "<br>".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=["place_id", "name", "lat", "lon", "hover"])


def place_credit(places: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Who the place coordinates come from, most used first (``GeoNames, Wikipedia …``)."""
    if places.empty:
        return ""
    counts = places["coord_source_id"].value_counts(sort=True)
    names = [
        short_producer(text(sources.loc[source_id, "producer"]))
        if source_id in sources.index
        else str(source_id)
        for source_id in counts.index
    ]
    return ", ".join(dict.fromkeys(names))


def donbas_km2_on(control: pd.DataFrame, day: date | None) -> float | None:
    """Ukrainian-held km² of Donetsk and Luhansk on ``day``, or None without figures."""
    if day is None:
        return None
    try:
        return donbas_remaining_km2(day, control)
    except KeyError:
        return None


def history_summary(history: pd.DataFrame, day: date | None) -> str:
    """The history chart in one sentence: first figure, peak, low since the peak, the day's."""
    series = history_series(history)
    if series.empty:
        return "No control figures over time are available."
    first = series.iloc[0]
    peak = series.loc[series["russian_km2"].idxmax()]
    after = series[series["date"] >= peak["date"]]
    low = after.loc[after["russian_km2"].idxmin()]

    def point(row: pd.Series) -> str:
        return f"{row['russian_km2']:,.0f} km² on {row['date']:{SHORT_DATE}}"

    parts = [
        f"Russian-controlled area: {point(first)} (first figure)",
        f"at most {point(peak)}",
    ]
    if low["date"] > peak["date"]:
        parts.append(f"at least {point(low)} after that")
    shown = series[series["date"] == pd.Timestamp(day)] if day is not None else series.iloc[0:0]
    if not shown.empty:
        parts.append(f"{point(shown.iloc[0])} (the map's date)")
    return "; ".join(parts) + "."


def control_legend(day: date | None) -> str:
    """Legend entry of the control layer: what, when, whose map."""
    when = f" on {day:{SHORT_DATE}}" if day else ""
    return f"Under Russian control{when}<br>(source: DeepStateMap.Live)"


def advance_legend(advance: Advance | None) -> str:
    """Legend entry of Russia's gains: since when, how much."""
    if advance is None:
        return "Taken by Russia since the earlier date"
    return (
        f"Taken by Russia {advance.since:{SHORT_DATE}} – {advance.until:{SHORT_DATE}}:"
        f"<br>{advance.gained_km2:,.0f} km² (source: DeepStateMap.Live)"
    )


def front_legend(day: date | None) -> str:
    """Legend entry of the front line."""
    when = f" on {day:{SHORT_DATE}}" if day else ""
    return f"Front line{when}"


def donbas_legend(km2: float | None) -> str:
    """Legend entry of the Donbas layer, with its area."""
    area = f"{km2:,.0f} km², " if km2 is not None else ""
    return f"Rest of the Donbas still held by Ukraine:<br>{area}which Russia demands"


def region_names(units: pd.DataFrame) -> dict[str, str]:
    """Region id → display name, from :func:`unit_table`."""
    return dict(zip(units["region_id"], units["name"], strict=True))


def pick_options(
    units: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame
) -> dict[str, str]:
    """Options of the "show details for" box: option string → label, overview first.

    The article's regions come first, then its places, then the other units A–Z.
    """
    options = {"": "Overview (nothing selected)"}
    discussed = set(regions["region_id"]) if not regions.empty else set()
    named = units[units["region_id"].isin(discussed)]
    others = units[~units["region_id"].isin(discussed)].sort_values("name")
    for _, row in named.sort_values("name").iterrows():
        options[Selection(REGION, row["region_id"]).option] = f"{row['name']} (region)"
    for _, row in places.sort_values("name").iterrows():
        options[Selection(PLACE, row["place_id"]).option] = f"{row['name']} (place)"
    for _, row in others.iterrows():
        options[Selection(REGION, row["region_id"]).option] = f"{row['name']} (region)"
    return options


def overview_rows(
    units: pd.DataFrame, regions: pd.DataFrame, figures: Mapping[str, ControlFigure]
) -> list[str]:
    """One line per region of regions.csv: name, annexation claim, share under control."""
    names = region_names(units)
    lines = []
    for _, region in regions.iterrows():
        region_id = str(region["region_id"])
        parts = [names.get(region_id, text(region["name_en"]))]
        if present(region["annexation_claimed"]):
            parts.append(f"annexation claimed {format_day(region['annexation_claimed'])}")
        figure = figures.get(region_id)
        if figure is not None:
            parts.append(f"{figure.share_text} under Russian control")
        lines.append(" — ".join(parts))
    return lines


@dataclass(frozen=True)
class MapTables:
    """What the map page shows for one date whatever is selected (read-only)."""

    day: date | None
    units: pd.DataFrame
    places: pd.DataFrame
    place_credit: str
    options: dict[str, str]
    figures: dict[str, ControlFigure]
    overview: tuple[str, ...]
    donbas_km2: float | None


def map_tables(
    catalog: Catalog, control: pd.DataFrame, units_geo: Mapping[str, Any], day: date | None
) -> MapTables:
    """The map page's tables for ``day`` (see :class:`MapTables`)."""
    figures = control_figures(control, day, catalog.regions)
    units = unit_table(units_geo, catalog.regions, figures)
    places = place_table(catalog.places, catalog.sources)
    return MapTables(
        day=day,
        units=units,
        places=places,
        place_credit=place_credit(catalog.places, catalog.sources),
        options=pick_options(units, places, catalog.regions),
        figures=figures,
        overview=tuple(overview_rows(units, catalog.regions, figures)),
        donbas_km2=donbas_km2_on(control, day),
    )
