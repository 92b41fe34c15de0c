"""The Overview page's view model: the story in one sentence, the map, the key figures. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.summary import KeyFigure, article_date, article_figures, control_figures, source_name

TITLE = "Russia–Ukraine peace talks: the stakes"
#: The story in one sentence, in our words; each clause rests on the sources of STORY_SOURCES.
STORY = (
    "Russia demands the rest of the Donbas that Ukraine still holds (blue on the map); the "
    "United States presses Kyiv to give up land in return for “platinum” security guarantees; "
    "Kyiv refuses to surrender the Donbas."
)
#: Russia's demand and the US pressure (the article), Kyiv's refusal (AP).
STORY_SOURCES = ("article", "ap_zelenskyy_20251211")
#: The other pages, in reading order: (url path, link text).
EXPLORE = (
    ("map", "Map: who holds what, and what Russia demands"),
    ("deal", "What a deal would cost: the land, towns and people each proposal would hand over"),
    ("timeline", "Timeline: talks, statements and fighting, day by day"),
    ("positions", "Positions: what each side wants, issue by issue"),
    ("sources", "Sources, fact checks and methodology"),
)


@dataclass(frozen=True)
class OverviewPage:
    """Everything the Overview shows (the map itself comes from the map's view)."""

    title: str
    story: str
    story_source: str
    based_on: str
    figures: tuple[KeyFigure, ...]
    explore: tuple[tuple[str, str], ...]
    map_alt: str = (
        "Map of the east and south of Ukraine: the area under Russian control, the front "
        "line, the rest of the Donbas Ukraine still holds, and the places in the story. The "
        "Map page offers every region and place in a list."
    )
    empty_note: str = "No key figures: the data tables are empty."


def overview_page(catalog: Catalog, control: pd.DataFrame) -> OverviewPage:
    """The Overview's view model from the catalog and the control figures."""
    published = article_date(catalog)
    known = [source_id for source_id in STORY_SOURCES if source_id in catalog.sources.index]
    return OverviewPage(
        title=TITLE,
        story=STORY,
        story_source="Sources: " + "; ".join(source_name(catalog, s) for s in known) + ".",
        based_on=f"Based on {source_name(catalog, 'article')}, published {published:%-d %B %Y}. "
        "Every figure names its source; the Sources page lists them all, with the fact checks.",
        figures=tuple(control_figures(catalog, control, published) + article_figures(catalog)),
        explore=EXPLORE,
    )
