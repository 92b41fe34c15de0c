"""The map style's shapes merged into one GeoJSON source: every layer still draws the same."""

from __future__ import annotations

import json

from dashboard.figures.map_areas import (
    SHAPES_SOURCE,
    SOURCE_MAX_ZOOM,
    SOURCE_TAG,
    SOURCE_TOLERANCE,
    one_source,
)
from tests.unit.map_style import layer_source, source_features


def _points(*names: str) -> dict:
    return {
        "type": "geojson",
        "data": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": name},
                    "geometry": {"type": "Point", "coordinates": [30 + i, 48]},
                }
                for i, name in enumerate(names)
            ],
        },
    }


def _style() -> dict:
    return {
        "version": 8,
        "sources": {
            "empty": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}},
            "towns": _points("Kramatorsk", "Sloviansk"),
            "seas": _points("Black Sea"),
            "unused": _points("Nowhere"),
        },
        "layers": [
            {"id": "background", "type": "background"},
            {"id": "town-dots", "type": "circle", "source": "towns"},
            {
                "id": "town-names",
                "type": "symbol",
                "source": "towns",
                "filter": ["==", ["get", "name"], "Kramatorsk"],
            },
            {"id": "sea-names", "type": "symbol", "source": "seas"},
        ],
    }


def test_the_used_sources_become_one_and_each_layer_keeps_its_own_features() -> None:
    before = _style()
    after = one_source(before)
    assert set(after["sources"]) == {"empty", "unused", SHAPES_SOURCE}
    features = after["sources"][SHAPES_SOURCE]["data"]["features"]
    assert [f["properties"][SOURCE_TAG] for f in features] == ["towns", "towns", "seas"]
    assert [layer["id"] for layer in after["layers"]] == [one["id"] for one in before["layers"]]
    for old, new in zip(before["layers"], after["layers"], strict=True):
        if "source" not in old:
            assert new == old
            continue
        assert new["source"] == SHAPES_SOURCE and layer_source(new) == old["source"]
        own = ["==", ["get", SOURCE_TAG], old["source"]]
        # the layer's own filter still applies, after the choice of its source's features
        assert new["filter"] == (["all", own, old["filter"]] if "filter" in old else own)
        assert source_features(after, old["source"]) == source_features(before, old["source"])
    assert json.dumps(before) == json.dumps(_style())  # the input is not changed


def test_a_style_with_one_source_in_use_is_left_as_it_is() -> None:
    style = _style()
    style["layers"] = style["layers"][:2]
    assert one_source(style) == style


def test_the_merged_source_is_tiled_like_every_area_source() -> None:
    merged = one_source(_style())["sources"][SHAPES_SOURCE]
    assert merged["maxzoom"] == SOURCE_MAX_ZOOM  # beyond it the tiles are enlarged, not re-cut
    # simplified by at most SOURCE_TOLERANCE px below the maxzoom (never at it)
    assert 0 < merged["tolerance"] == SOURCE_TOLERANCE <= 1
