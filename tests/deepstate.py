"""Recognise DeepStateMap geometry in text, to prove none is committed or published."""

from __future__ import annotations

import json
import re
from pathlib import Path

COORDINATE_PAIR = re.compile(r"(-?\d{1,3}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})")
#: More shared vertices than this in one file means polygons were copied, not a coincidence.
MAX_SHARED_VERTICES = 50


def deepstate_vertices(shared_dir: Path) -> set[tuple[float, float]]:
    """Vertices (rounded to 3 decimals) of every tenth December 2025 daily snapshot."""
    vertices: set[tuple[float, float]] = set()

    def collect(node: object) -> None:
        if not isinstance(node, list):
            return
        if len(node) >= 2 and all(isinstance(x, int | float) for x in node[:2]):
            vertices.add((round(node[0], 3), round(node[1], 3)))
            return
        for item in node:
            collect(item)

    snapshots = sorted((shared_dir / "geo/deepstate/daily").glob("*202512*.geojson"))
    assert snapshots, "no DeepStateMap snapshots to compare with"
    for path in snapshots[::10]:
        for feature in json.loads(path.read_text())["features"]:
            collect(feature["geometry"]["coordinates"])
    return vertices


def shared_vertex_count(text: str, vertices: set[tuple[float, float]]) -> int:
    """How many coordinate pairs in ``text`` are DeepStateMap vertices."""
    return sum(
        (round(float(a), 3), round(float(b), 3)) in vertices
        for a, b in COORDINATE_PAIR.findall(text)
    )
