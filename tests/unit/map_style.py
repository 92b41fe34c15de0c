"""Reading the map's style in tests: its former sources after ``one_source`` merged them."""

from __future__ import annotations

from typing import Any

from dashboard.figures.map_areas import SHAPES_SOURCE, SOURCE_TAG


def source_features(map_style: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The features of the style's source ``name``, before ``one_source``."""
    if name in map_style["sources"]:
        return list(map_style["sources"][name]["data"]["features"])
    untagged = []
    for feature in map_style["sources"][SHAPES_SOURCE]["data"]["features"]:
        properties = dict(feature["properties"])
        if properties.pop(SOURCE_TAG, None) == name:
            untagged.append({**feature, "properties": properties})
    return untagged


def layer_source(layer: dict[str, Any]) -> str:
    """The name of the source a style layer draws, before or after ``one_source``."""
    condition = layer.get("filter")
    if layer.get("source") == SHAPES_SOURCE and isinstance(condition, list):
        own = condition[1] if condition[0] == "all" else condition
        return str(own[2])
    return str(layer.get("source", ""))
