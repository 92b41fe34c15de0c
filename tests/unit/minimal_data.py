"""A tiny, valid data folder written from scratch, for tests that break one thing at a time.

The texts are invented for the tests; the little "article" is ours, not the real one.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

ARTICLE = (
    "Officials met in Berlin on Monday. The foreign minister said on Tuesday that "
    "“the border must move” and that the town of Kupyansk was taken.\n"
    "Critics disagreed.\n"
    # Filler of our own, so that the quotes below stay under a quarter of the words (52 more
    # words: 16 quoted of 76 in all).
    "The rest of this invented report is padding written for the tests. It describes a "
    "quiet afternoon, a long train journey, three cups of tea, an umbrella left behind, "
    "several unanswered letters, a short walk along a river, two dogs arguing over a stick "
    "and an evening without news.\n"
)

SOURCES = """\
article:
  producer: Test Herald
  title: Talks in Berlin
  url: https://example.test/article
  date_published: 2025-12-16
  date_accessed: 2026-11-26
  licence: © Test Herald
  source_type: outlet
deepstatemap:
  producer: DeepStateMap.Live
  title: Daily map
  url: https://example.test/deepstate
  date_published: ''
  date_accessed: 2026-11-26
  licence: not open
  source_type: data
natural_earth:
  producer: Natural Earth
  title: Admin 1
  url: https://example.test/ne
  date_published: ''
  date_accessed: 2026-11-26
  licence: public domain
  source_type: data
"""

TABLES: dict[str, list[dict[str, str]]] = {
    "regions.csv": [
        {
            "region_id": "UA-63",
            "name_en": "Kharkiv",
            "name_uk": "Харківська область",
            "unit_type": "oblast",
            "in_article": "true",
            "annexation_claimed": "",
            "annexation_source_id": "",
            "russia_demand": "",
            "demand_source_id": "",
            "demand_quote": "",
            "demand_claimed_by": "",
            "statement": "The article places a contested town here.",
            "source_id": "article",
            "quote": "the town of Kupyansk was taken",
        }
    ],
    "places.csv": [
        {
            "place_id": "kupyansk",
            "name_en": "Kupyansk",
            "name_local": "Куп'янськ",
            "place_type": "town",
            "role": "frontline",
            "geonameid": "703656",
            "lat": "49.71",
            "lon": "37.62",
            "coord_source_id": "natural_earth",
            "region_id": "UA-63",
            "country": "UA",
            "statement": "Claimed taken.",
            "source_id": "article",
            "quote": "the town of Kupyansk was taken",
        }
    ],
    "events.csv": [
        {
            "event_id": "berlin_meeting",
            "date": "2025-12-15",
            "date_end": "",
            "date_precision": "day",
            "date_basis": "Monday before the Tuesday 16 December publication",
            "date_note": "Monday 15 Dec",
            "kind": "talks",
            "title": "Officials meet in Berlin",
            "chart_label": "Berlin",
            "description": "A meeting.",
            "parties": "us;ukraine",
            "place_id": "kupyansk",
            "region_id": "UA-63",
            "claimed_by": "",
            "in_article": "true",
            "source_id": "article",
            "quote": "Officials met in Berlin on Monday.",
        }
    ],
    "issues.csv": [
        {
            "issue_id": "territory",
            "label": "Territory",
            "description": "Where the border runs.",
            "scale_low": "no change",
            "scale_high": "all ceded",
            "sticking_point": "true",
            "region_ids": "UA-63",
            "place_ids": "kupyansk",
            "source_id": "article",
            "quote": "the border must move",
        }
    ],
    "positions.csv": [
        {
            "position_id": "russia_territory",
            "party": "russia",
            "issue_id": "territory",
            "stance": "demands",
            "score": "2",
            "summary": "Wants the border moved.",
            "gist": "Border moved",
            "speaker": "The minister",
            "speaker_role": "foreign minister",
            "date": "2025-12-16",
            "date_precision": "day",
            "date_basis": "said on Tuesday, the publication day",
            "date_note": "Tuesday 16 Dec",
            "claimed_by": "",
            "event_id": "berlin_meeting",
            "source_id": "article",
            "quote": "“the border must move”",
        }
    ],
    "fact_checks.csv": [
        {
            "check_id": "kupyansk_taken",
            "claim": "The town was taken.",
            "article_quote": "the town of Kupyansk was taken",
            "verdict": "unverified",
            "finding": "No independent confirmation.",
            "subject_type": "place",
            "subject_id": "kupyansk",
            "source_id": "deepstatemap",
            "source_quote": "",
        }
    ],
}

TABLES["spelling.csv"] = [
    {
        "name": "Kupiansk",
        "variants": "Kupyansk",
        "kind": "place",
        "source_id": "natural_earth",
        "note": "",
    }
]

TABLES["map_labels.csv"] = [
    {
        "label_id": "place_kupyansk",
        "text": "Kupiansk",
        "kind": "place",
        "lon": "37.61581",
        "lat": "49.71003",
        "region_id": "UA-63",
        "place_id": "kupyansk",
        "geonameid": "703656",
        "status": "Russia claims it; Ukraine counter-attacks",
        "status_event_ids": "",
        "side": "right",
        "rank": "0",
        "source_id": "natural_earth",
        "note": "",
    }
]

TABLES["towns.csv"] = [
    {
        "town_id": "luhansk",
        "name_en": "Luhansk",
        "name_uk": "Луганськ",
        "region_id": "UA-09",
        "geonameid": "702658",
        "lat": "48.56814",
        "lon": "39.30553",
        "population": "397677",
        "population_year": "2022",
        "population_source_id": "natural_earth",
        "geonames_population": "397677",
        "note": "",
    }
]

TABLES["proposals.csv"] = [
    {
        "proposal_id": "freeze",
        "party": "ukraine",
        "title": "Stop on the current line",
        "summary": "Nothing changes hands.",
        "hand_over": "",
        "position_ids": "russia_territory",
        "rejected_by": "",
        "event_id": "",
        "date": "2025-12-15",
        "source_id": "natural_earth",
        "quote": "",
        "note": "",
    }
]

# Ukraine's 27 first-level codes; UA-63 is the square around Kupyansk, the rest lie far away.
UKRAINE_CODES = (
    "UA-05 UA-07 UA-09 UA-12 UA-14 UA-18 UA-21 UA-23 UA-26 UA-30 UA-32 UA-35 UA-40 UA-43 "
    "UA-46 UA-48 UA-51 UA-53 UA-56 UA-59 UA-61 UA-63 UA-65 UA-68 UA-71 UA-74 UA-77"
).split()


def square(lon: float, lat: float, size: float = 1.0) -> dict:
    """A GeoJSON polygon: a square with its south-west corner at (lon, lat)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def write_geo(folder: Path) -> None:
    """Write three small layers of squares with the right ids."""
    folder.mkdir(parents=True, exist_ok=True)
    units = []
    for index, code in enumerate(UKRAINE_CODES):
        corner = (37.0, 49.0) if code == "UA-63" else (20.0 + index, 40.0)
        units.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"region_id": code, "name_en": code},
                "geometry": square(*corner),
            }
        )
    layers = {
        "ukraine_admin1.geojson": units,
        "russia_border_regions.geojson": [
            {
                "type": "Feature",
                "id": "RU-KDA",
                "properties": {"region_id": "RU-KDA"},
                "geometry": square(37.0, 44.0),
            }
        ],
        "context_countries.geojson": [
            {
                "type": "Feature",
                "id": "POL",
                "properties": {"country_id": "POL"},
                "geometry": square(15.0, 50.0),
            }
        ],
    }
    for name, features in layers.items():
        collection = {"type": "FeatureCollection", "features": features}
        (folder / name).write_text(json.dumps(collection), encoding="utf-8")


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows as CSV with the header taken from the first row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_minimal_data(folder: Path) -> Path:
    """Write a complete valid data folder (tables, sources, geo) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yml").write_text(SOURCES, encoding="utf-8")
    for name, rows in TABLES.items():
        write_table(folder / name, rows)
    write_geo(folder / "geo")
    return folder
