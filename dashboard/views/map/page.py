"""The map page's view model: every sentence, label and figure the page shows for a date. Pure.

The page script turns widgets and the URL into a date and a selection, asks :func:`map_page`
for a :class:`MapPage` and places it; the detail panel comes from
:mod:`~dashboard.views.map.panel`, the figures from :mod:`dashboard.figures.maps`. Text
fields are plain text (the renderer escapes them for its target) unless named ``*_markdown``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.views.downloads import ATTRIBUTION
from dashboard.views.map.tables import MapTables
from dashboard.wording import LONG_DATE, SHORT_DATE

TITLE = "Map: who holds what"
INTRO = (
    "Russia claims five Ukrainian regions and demands the rest of the Donbas that Ukraine "
    "still holds (blue). Click a region or a place for what each side says."
)
FETCH_COMMAND = (
    "python -m dashboard.build fetch --from 2025-11-01 --to 2026-01-31 "
    "--source-dir ../shared/geo/deepstate/daily"
)
CONTROL_SOURCE = "Source: DeepStateMap.Live; areas from Natural Earth (EPSG:3035)."
DOWNLOADS_NOTE = (
    "The figures are computed from DeepStateMap.Live (© DeepStateUA) and credited to it; "
    "its map itself is not openly licensed, so the control area is not offered as a file. "
)


@dataclass(frozen=True)
class DonbasMetric:
    """The Ukrainian-held rest of the Donbas as a headline figure."""

    label: str
    value: str
    help: str
    caption: str


@dataclass(frozen=True)
class OverviewPanel:
    """What the panel shows before anything is selected."""

    heading: str
    prompt: str
    donbas: DonbasMetric | None
    regions: tuple[str, ...]
    regions_caption: str


@dataclass(frozen=True)
class Download:
    """One download offered under the map (its content comes from the cache)."""

    key: str
    label: str
    file_name: str
    mime: str
    #: ``data/datapackage.json`` resources that describe its columns (none: no notes file).
    described_by: tuple[str, ...] = ()

    @property
    def notes_label(self) -> str:
        """The label of the column notes offered beside it."""
        return f"What the columns mean: {self.label}"


@dataclass(frozen=True)
class MapPage:
    """Everything the map page says for one date, whatever is selected."""

    title: str
    intro: str
    day: date | None
    published: date
    days: tuple[date, ...]
    dates_heading: str
    slider_label: str
    slider_help: str
    since_label: str
    since_help: str
    #: The date line beside the history chart (the chart's source and text equivalent).
    date_line: str
    #: Why the control layer is missing, in Markdown ('' when it is drawn).
    layer_notice_markdown: str
    history_alt: str
    map_alt: str
    map_source: str
    overview: OverviewPanel
    downloads: tuple[Download, ...]
    downloads_note: str


def day_label(day: date) -> str:
    """The slider's label for one snapshot date."""
    return f"{day:{SHORT_DATE}}"


def layer_notice(day: date | None, any_snapshot: bool, has_layer: bool) -> str:
    """Why the control layer is not drawn, in Markdown ('' when it is)."""
    if not any_snapshot:
        return (
            "The area under Russian control is not drawn: no DeepStateMap snapshots are in "
            "the local cache. Run `make snapshots` (or `" + FETCH_COMMAND + "`) and reload "
            "the page. The figures come from the committed data and are shown anyway."
        )
    if not has_layer and day is not None:
        return (
            f"No DeepStateMap snapshot of {day:{LONG_DATE}} is in the local cache, so the "
            "control layer is not drawn for that date. Run `make snapshots` to fetch it."
        )
    return ""


def overview_panel(tables: MapTables, donbas_note: str) -> OverviewPanel:
    """The panel before a selection: the Donbas figure and the regions in the story."""
    day, km2 = tables.day, tables.donbas_km2
    on_day = f" on {day:{SHORT_DATE}}" if day else ""
    donbas = None
    if km2 is not None:
        donbas = DonbasMetric(
            label="Donbas held by Ukraine",
            value=f"{km2:,.0f} km²",
            help="Ukrainian-held area of Donetsk and Luhansk oblasts: the land Russia "
            "demands Ukraine withdraw from.",
            caption=f"The rest of the Donbas still held by Ukraine{on_day}, which Russia "
            f"demands. Source: DeepStateMap.Live; areas from Natural Earth (EPSG:3035). "
            f"{donbas_note}",
        )
    return OverviewPanel(
        heading="Nothing selected",
        prompt="Click a region or a black place marker on the map, or pick one from the list, "
        "for its names, status, control figures, what each side says and what happened there.",
        donbas=donbas,
        regions=tables.overview,
        regions_caption=f"Shares of each region under Russian control{on_day}. Source: "
        "DeepStateMap.Live; areas from Natural Earth (EPSG:3035); annexation dates from the "
        "sources in the panel.",
    )


def map_page(
    tables: MapTables,
    *,
    published: date,
    days: Sequence[date],
    history_summary: str,
    donbas_note: str,
    any_snapshot: bool,
    has_layer: bool,
) -> MapPage:
    """The map page's view model for the date of ``tables``.

    ``days`` are the snapshot dates with control figures (the slider's options),
    ``any_snapshot`` whether any snapshot's polygons are in the local cache, ``has_layer``
    whether the day's layer can be drawn; ``history_summary`` is the history chart in one
    sentence and ``donbas_note`` our Donbas figure beside a published estimate.
    """
    day = tables.day
    showing = (
        f"Showing {day:{LONG_DATE}}; the article was published on {published:{LONG_DATE}}. "
        if day is not None
        else ""
    )
    downloads = []
    if day is not None:
        downloads.append(
            Download(
                "control",
                f"Russian-controlled area by region, {day:{SHORT_DATE}} (CSV)",
                f"control_by_region_{day:%Y%m%d}.csv",
                "text/csv",
                ("control_by_region", "regions"),
            )
        )
    downloads += [
        Download(
            "history",
            "Km² under Russian control over time, the chart's figures (CSV)",
            "control_history.csv",
            "text/csv",
            ("control_history",),
        ),
        Download(
            "regions",
            "Ukraine's regions (GeoJSON, Natural Earth, public domain)",
            "ukraine_admin1.geojson",
            "application/geo+json",
        ),
    ]
    return MapPage(
        title=TITLE,
        intro=INTRO,
        day=day,
        published=published,
        days=tuple(days),
        dates_heading="The date on the map, and Russia's gains",
        slider_label="Date of the control map",
        slider_help="Daily DeepStateMap snapshots around the talks. The default is the "
        "article's date.",
        since_label="Show the ground Russia took since",
        since_help="Darker red on the map: land Russia took between this date and the map's "
        "date. The default is 20 November 2025, the day the US 28-point draft became public.",
        date_line=f"{showing}The chart shows the km² of Ukraine under Russian control since "
        f"2022, with a dot on the map's date. In words: {history_summary} {CONTROL_SOURCE}",
        layer_notice_markdown=layer_notice(day, any_snapshot, has_layer),
        history_alt="Line chart: square kilometres of Ukraine under Russian control since "
        "2022, with the article's date marked.",
        map_alt="Map of Ukraine's regions: those Russia claims to have annexed, the area under "
        "Russian control"
        + (f" on {day:{LONG_DATE}}" if day else "")
        + ", the front line, the rest of the Donbas Ukraine still holds, and the places in "
        "the story. The list under the map offers the same regions and places.",
        map_source="Sources: area under Russian control from DeepStateMap.Live (snapshot of "
        + (f"{day:{LONG_DATE}}" if day else "—")
        + f"); boundaries from Natural Earth; place locations from {tables.place_credit}; "
        "claimed annexations and demands from the sources named in the panel. A thick "
        "outline or a ring marks what is selected; click it again to clear it.",
        overview=overview_panel(tables, donbas_note),
        downloads=tuple(downloads),
        downloads_note=DOWNLOADS_NOTE + ATTRIBUTION,
    )
