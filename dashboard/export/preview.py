"""Static previews for the exported map page: inline SVG drawn at export time. Pure.

The map page opens with these instead of plotly.js, whose start-up (MapLibre, WebGL) blocked
the page's main thread for seconds on a phone. :func:`map_svg` draws what the interactive map
shows on first view, from the same inputs: each Ukrainian unit filled by the share of it
under Russian control, the claimed regions' outlines, the neighbours, the names (regions,
countries, seas, orientation cities, the article's places with their status lines), the
callouts and the scale bar. It is framed like the interactive map: the SVG's view box is the
map's bounds in Web Mercator (the map library's projection), and ``preserveAspectRatio``
``slice`` crops it to the page's map box the way the map library fits those bounds (the
full height, the middle of the east-west range). One SVG unit is one CSS pixel on the
desktop page's 600 px high map; on a phone (480 px) the text classes are enlarged by
:data:`PHONE_TEXT_SCALE` so names keep the interactive map's pixel sizes
(:func:`stylesheet_rules`). Pages up to 760 px wide, whose map boxes would cut the desktop
picture's names, get pictures of their own framed on the claimed regions, one for phones held
upright and one for tablets (:data:`NARROW_PREVIEWS`), each keeping its names clear of what
any of its pages crops off.

The small control-history chart's SVGs (one per range of page widths) come from
:func:`dashboard.figures.history.control_history_svg`; :func:`stylesheet_rules` shows one.

Shapes are simplified and rounded to whole units in the projected plane (shared borders stay
shared: :func:`shapely.coverage_simplify`); a path uses relative moves. All text goes
through :func:`markupsafe.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import shapely
from markupsafe import Markup, escape

from dashboard.figures import map_labels, style
from dashboard.figures.history import ChartSizes
from dashboard.figures.maps import MAP_BOUNDS, MAP_HEIGHT, NARROW_CALLOUT_SIZE, NARROW_VIEW
from dashboard.views.map.drawing import Callout, MapLabel, ScaleBar

#: Height of the preview's view box: one unit per CSS pixel of the desktop map (600 px).
HEIGHT = float(MAP_HEIGHT)
#: The map box on a phone (site.css: ``.plot-map`` under 600 px) and how much the text
#: classes grow there to keep their pixel size.
PHONE_MAX_WIDTH = 600
PHONE_MAP_HEIGHT = 480
PHONE_TEXT_SCALE = HEIGHT / PHONE_MAP_HEIGHT
#: The history chart's view boxes (width, height), each shown on pages of up to the given
#: width in CSS px (None: any wider), so its text keeps about its size (:func:`stylesheet_rules`
#: shows one).
HISTORY_SIZES: ChartSizes = {
    "narrow": (360, 220, PHONE_MAX_WIDTH),
    "medium": (700, 220, 1000),
    "wide": (1100, 220, None),
}
#: Pages up to this wide (px: phones held upright) show the phone's preview: it frames the
#: dashboard's narrow view (``NARROW_VIEW``) as the dashboard's own map does on a phone, the
#: view's full width in a box shaped like a phone's map (a 390 px page: 358 × 480 px), with
#: more land and sea north and south of it. Wider pages show the tablet's, then (from
#: :data:`TABLET_MAX_WIDTH` on) the desktop's.
NARROW_MAX_WIDTH = 420
NARROW_BOX = (358, PHONE_MAP_HEIGHT)
#: How far inside the phone preview's edges (units) its names and notes stay: a 360 px
#: page's map cuts about 20 units off each side, a 420 px page's about 25 off the top and
#: the bottom; and the "Explore the interactive map" button covers the top 75.
NARROW_MARGIN = 25.0
NARROW_TOP = 100.0
#: Pages up to this wide (a tablet, a phone held sideways) show the tablet's preview, also
#: framed on the narrow view: the desktop's, cropped to their map boxes, cut the names at
#: Luhansk and Novorossiysk (its names need a 740 px page).
TABLET_MAX_WIDTH = 760
#: How far down the tablet's frame its view stands (a share of the frame's height): below
#: the button, Kupiansk's name near the view's top stays clear of it; there is room below.
TABLET_LOWER = 0.035
#: The narrowest page a preview is made for (px).
SMALLEST_PAGE = 320
#: The page's side padding (site.css: ``main``), what its map box lacks of its width (px).
PAGE_PADDING = 16
#: Where the "Explore the interactive map" button ends, from the map box's top (px), and how
#: far (px of text) any text keeps from an edge.
BUTTON_BOTTOM = 60
EDGE = 8
#: How far (units) a phone's preview may move a name written across its point (a region,
#: a country, a sea) to keep it inside, as the dashboard's phone map does, before leaving
#: it out.
NARROW_NUDGE = 40.0
#: Simplification tolerance (units ≈ px) of Ukraine's units and of the background shapes.
UNIT_TOLERANCE = 0.8
CONTEXT_TOLERANCE = 1.5
#: Parts smaller than this (square units) are left out (specks of islands).
MIN_PART_AREA = 4.0
#: Average advance of a letter of a sans-serif face, in ems: where a status line wraps.
CHAR_WIDTH = 0.56
#: Wrap widths in ems of the label's size (the map library's ``text-max-width``).
PLACE_MAX_WIDTH = 14
#: Share fill: white (none) to ``style.MAP_RUSSIAN_CONTROL`` (all), interpolated in RGB.
HALO_WIDTH = 3.2  # units: about 1.6 px outside the letters (the map's text-halo-width)
CALLOUT_HALO_WIDTH = 4.0
CALLOUT_COLOUR = "#0B2E59"
STATUS_COLOUR = "#333333"
#: The text classes: CSS class → (size px, colour, letter spacing em).
TEXT_CLASSES: dict[str, tuple[float, str, float]] = {
    **{
        f"t-{kind}": (size, colour, spacing)
        for kind, (size, colour, spacing, _) in map_labels.LOOKS.items()
    },
    "t-status": (
        round(map_labels.LOOKS["place"][0] * map_labels.STATUS_SCALE, 2),
        STATUS_COLOUR,
        0.0,
    ),
    "t-callout": (13, CALLOUT_COLOUR, 0.0),
    "t-callout-narrow": (NARROW_CALLOUT_SIZE, CALLOUT_COLOUR, 0.0),
    "t-scale": (12, style.INK, 0.0),
}
#: The place markers (radius px): white halo, black dot; cities' small dots.
HALO_RADIUS = 7.5
DOT_RADIUS = 5.0


# --------------------------------------------------------------------------- projection


def mercator_y(lat: float | np.ndarray) -> Any:
    """Web Mercator northing of ``lat`` in degrees (the map library's projection)."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def latitude(northing: float) -> float:
    """The latitude whose Web Mercator northing is ``northing`` (undoes :func:`mercator_y`)."""
    return float(np.degrees(2 * np.arctan(np.exp(np.radians(northing))) - np.pi / 2))


@dataclass(frozen=True)
class Frame:
    """The map's bounds projected to a view box :data:`HEIGHT` units high."""

    west: float = MAP_BOUNDS["west"]
    south: float = MAP_BOUNDS["south"]
    east: float = MAP_BOUNDS["east"]
    north: float = MAP_BOUNDS["north"]
    height: float = HEIGHT

    @property
    def scale(self) -> float:
        """Units per degree of longitude (and per Mercator degree of latitude)."""
        return self.height / float(mercator_y(self.north) - mercator_y(self.south))

    @property
    def width(self) -> float:
        """The view box's width in units."""
        return (self.east - self.west) * self.scale

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """View-box position of (lon, lat)."""
        return (
            (lon - self.west) * self.scale,
            float(mercator_y(self.north) - mercator_y(lat)) * self.scale,
        )

    def moved(self, label: MapLabel, dx: float, dy: float) -> MapLabel:
        """``label`` written ``dx``, ``dy`` units further right and down."""
        x, y = self.point(label.lon, label.lat)
        lon = self.west + (x + dx) / self.scale
        lat = latitude(float(mercator_y(self.north)) - (y + dy) / self.scale)
        return replace(label, lon=round(lon, 4), lat=round(lat, 4))

    def project(self, geometry: shapely.Geometry) -> shapely.Geometry:
        """``geometry`` (lon, lat) in view-box units."""

        def transform(coords: np.ndarray) -> np.ndarray:
            x = (coords[:, 0] - self.west) * self.scale
            y = (mercator_y(self.north) - mercator_y(coords[:, 1])) * self.scale
            return np.column_stack([x, y])

        return shapely.transform(geometry, transform)


def narrow_frame(
    view: tuple[float, float, float, float] = NARROW_VIEW,
    box: tuple[float, float] = NARROW_BOX,
    widen: float = 1.0,
    lower: float = 0.0,
) -> Frame:
    """A frame ``widen`` times ``view``'s width, shaped like ``box`` (px), centred on ``view``.

    ``lower`` moves the view down the frame by that share of the frame's height.
    """
    west, south, east, north = view
    extra = (east - west) * (widen - 1) / 2
    half = (east - west + 2 * extra) * box[1] / box[0] / 2
    middle = (float(mercator_y(south)) + float(mercator_y(north))) / 2 + lower * 2 * half
    return Frame(west - extra, latitude(middle - half), east + extra, latitude(middle + half))


def map_box(page_width: int) -> tuple[float, float]:
    """The map's box (px) on a page ``page_width`` px wide (site.css: ``.plot-map``)."""
    height = PHONE_MAP_HEIGHT if page_width <= PHONE_MAX_WIDTH else HEIGHT
    return (page_width - 2 * PAGE_PADDING, height)


def shown_part(frame: Frame, box: tuple[float, float]) -> tuple[float, float, float]:
    """What ``preserveAspectRatio="xMidYMid slice"`` crops off ``frame`` in ``box``.

    Units cut off each side and off the top and the bottom, and px per unit.
    """
    scale = max(box[0] / frame.width, box[1] / frame.height)
    return (
        (frame.width - box[0] / scale) / 2,
        (frame.height - box[1] / scale) / 2,
        scale,
    )


def crops(frame: Frame, min_width: int, max_width: int) -> list[tuple[float, float, float]]:
    """What pages ``min_width`` to ``max_width`` px wide crop off ``frame`` (:func:`shown_part`).

    Only the pages whose crops bound those of all pages in between: a crop changes course
    only at the range's ends and where the map box's height changes.
    """
    widths = {max(min_width, SMALLEST_PAGE), max_width}
    if min_width <= PHONE_MAX_WIDTH < max_width:
        widths |= {PHONE_MAX_WIDTH, PHONE_MAX_WIDTH + 1}
    return [shown_part(frame, map_box(width)) for width in sorted(widths)]


@dataclass(frozen=True)
class NarrowPreview:
    """A preview framed on the dashboard's narrow view, shown on pages of a range of widths.

    ``margins`` (left, top, right, bottom) say how far inside its frame's edges (units) its
    names and notes stay: what the narrowest and widest pages crop off, and the button.
    ``cut`` is what those pages crop off: a place marker there is left out.
    """

    name: str
    min_width: int
    max_width: int
    frame: Frame
    margins: tuple[float, float, float, float]

    @property
    def element_id(self) -> str:
        """Its SVG's id."""
        return f"map-preview-{self.name}"

    @property
    def cut(self) -> tuple[float, float, float, float]:
        """The most its pages crop off the frame (units: left, top, right, bottom)."""
        shown = crops(self.frame, self.min_width, self.max_width)
        side, end = max(x for x, _, _ in shown), max(y for _, y, _ in shown)
        return (side, end, side, end)


def tablet_preview(
    min_width: int = NARROW_MAX_WIDTH + 1, max_width: int = TABLET_MAX_WIDTH
) -> NarrowPreview:
    """The preview of pages ``min_width`` to ``max_width`` px wide.

    A square frame: the narrow view's full width in the narrowest page's map box. Its names
    stay out of what any of these pages crops off, and from under the button.
    """
    square = narrow_frame(box=(1, 1))
    cut_x, _, _ = shown_part(square, map_box(min_width))
    frame = narrow_frame(
        box=(1, 1), widen=square.width / (square.width - 2 * cut_x), lower=TABLET_LOWER
    )
    shown = crops(frame, min_width, max_width)
    side = max(x + EDGE / scale for x, _, scale in shown)
    top = max(y + (BUTTON_BOTTOM + EDGE) / scale for _, y, scale in shown)
    bottom = max(y + EDGE / scale for _, y, scale in shown)
    return NarrowPreview("tablet", min_width, max_width, frame, (side, top, side, bottom))


#: The previews framed on the narrow view, beside the desktop's: a phone's, a tablet's.
PHONE_PREVIEW = NarrowPreview(
    "narrow",
    0,
    NARROW_MAX_WIDTH,
    narrow_frame(),
    (NARROW_MARGIN, NARROW_TOP, NARROW_MARGIN, NARROW_MARGIN),
)
TABLET_PREVIEW = tablet_preview()
NARROW_PREVIEWS = (PHONE_PREVIEW, TABLET_PREVIEW)


# --------------------------------------------------------------------------- shapes


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _joined(numbers: Iterable[int]) -> str:
    """Path numbers without a separator before a minus sign (``1-2 3``)."""
    out = []
    for number in numbers:
        text = str(number)
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _polygons(geometry: shapely.Geometry) -> list[shapely.Polygon]:
    if geometry is None or geometry.is_empty:
        return []
    if isinstance(geometry, shapely.Polygon):
        return [geometry]
    return [part for sub in getattr(geometry, "geoms", []) for part in _polygons(sub)]


def path_data(geometry: shapely.Geometry) -> str:
    """An SVG path of a (multi)polygon in view-box units: whole units, relative moves."""
    rings = []
    for polygon in _polygons(geometry):
        if polygon.area < MIN_PART_AREA:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = np.rint(np.asarray(ring.coords)[:-1]).astype(int)
            if len(points) == 0:
                continue
            keep = np.ones(len(points), dtype=bool)
            keep[1:] = np.any(points[1:] != points[:-1], axis=1)
            points = points[keep]
            if len(points) < 3:
                continue
            deltas = np.diff(points, axis=0).ravel()
            rings.append(f"M{_joined(points[0])}l{_joined(deltas)}z")
    return "".join(rings)


def _shapes(collection: Mapping[str, Any]) -> list[tuple[str, shapely.Geometry]]:
    return [
        (str(feature.get("id")), shapely.geometry.shape(feature["geometry"]))
        for feature in collection.get("features", [])
    ]


def projected_paths(
    collection: Mapping[str, Any], frame: Frame, tolerance: float, coverage: bool
) -> dict[str, str]:
    """Feature id → SVG path of its shape, projected, clipped to the frame, simplified.

    ``coverage``: the features tile an area (Ukraine's units), so they are simplified
    together and a border two of them share stays one line.
    """
    shapes = _shapes(collection)
    margin = 4 * tolerance
    projected = [
        shapely.MultiPolygon(
            _polygons(
                shapely.clip_by_rect(
                    shapely.make_valid(frame.project(shape)),
                    -margin,
                    -margin,
                    frame.width + margin,
                    frame.height + margin,
                )
            )
        )
        for _, shape in shapes
    ]
    if coverage:
        try:
            simplified = list(shapely.coverage_simplify(projected, tolerance))
        except shapely.errors.GEOSException:
            simplified = [shapely.simplify(shape, tolerance) for shape in projected]
    else:
        simplified = [shapely.simplify(shape, tolerance) for shape in projected]
    paths = {}
    for (ident, _), shape in zip(shapes, simplified, strict=True):
        data = path_data(shape)
        if data:
            paths[ident] = data
    return paths


def mix(low: str, high: str, share: float) -> str:
    """The colour ``share`` of the way from ``low`` to ``high`` (RGB, as the map library)."""
    share = min(max(float(share), 0.0), 1.0)
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- text


@dataclass(frozen=True)
class Line:
    """One line of a label: its text and text class (a key of :data:`TEXT_CLASSES`)."""

    text: str
    css: str

    @property
    def size(self) -> float:
        """Font size in px."""
        return TEXT_CLASSES[self.css][0]

    @property
    def width(self) -> float:
        """Estimated width in px (the map's own estimate: a little generous)."""
        return map_labels.text_width(self.text, self.size, TEXT_CLASSES[self.css][2])


def wrap(text: str, max_chars: int) -> list[str]:
    """``text`` in balanced lines of at most about ``max_chars`` characters."""
    words = text.split()
    if not words or len(text) <= max_chars:
        return [text] if text else []
    lines_needed = math.ceil(len(text) / max_chars)
    target = math.ceil(len(text) / lines_needed)
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and len(candidate) > target and len(lines) < lines_needed - 1:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def block_extent(
    lines: Sequence[Line],
    anchor: str = "center",
    offset: tuple[float, float] = (0.0, 0.0),
    line_height: float = 1.2,
) -> tuple[float, float, float, float]:
    """Left, top (px from the anchor point), width and height of a block of ``lines``."""
    width = max(line.width for line in lines)
    height = sum(line.size * line_height for line in lines)
    if "left" in anchor:
        left = offset[0]
    elif "right" in anchor:
        left = offset[0] - width
    else:
        left = offset[0] - width / 2
    if anchor.startswith("top"):
        top = offset[1]
    elif anchor.startswith("bottom"):
        top = offset[1] - height
    else:
        top = offset[1] - height / 2
    return left, top, width, height


def text_block(
    lines: Sequence[Line],
    at: tuple[float, float],
    anchor: str = "center",
    offset: tuple[float, float] = (0.0, 0.0),
    justify: str = "auto",
    line_height: float = 1.2,
    attrs: str = "",
) -> list[str]:
    """``<text>`` elements laid out as the map library lays out a label.

    ``anchor`` is the map library's text anchor (which side of the block sits at the point),
    ``offset`` its text offset in px, ``justify`` the alignment of the lines (``auto``: by
    the anchor). Each line is written at the anchor point with ``dx``/``dy`` in its own ems,
    so the layout scales with the text classes' sizes (larger on a phone).
    """
    x, y = at
    left, top, width, _ = block_extent(lines, anchor, offset, line_height)
    if justify == "auto":
        justify = "left" if "left" in anchor else "right" if "right" in anchor else "center"
    line_x, text_anchor = {
        "left": (left, "start"),
        "right": (left + width, "end"),
        "center": (left + width / 2, "middle"),
    }[justify]
    out = []
    cursor = top
    for line in lines:
        box = line.size * line_height
        baseline = cursor + box / 2 + 0.35 * line.size
        cursor += box
        out.append(
            f'<text class="{line.css}" x="{_number(x)}" y="{_number(y)}"'
            f' dx="{line_x / line.size:.2f}em" dy="{baseline / line.size:.2f}em"'
            + (f' text-anchor="{text_anchor}"' if text_anchor != "start" else "")
            + attrs
            + f">{escape(line.text)}</text>"
        )
    return out


def label_layout(label: MapLabel) -> tuple[list[Line], str, tuple[float, float], float]:
    """A name's lines (a place's status line too), anchor, offset (px) and line height."""
    text = label.text.upper() if map_labels.LOOKS[label.kind][3] else label.text
    size = map_labels.LOOKS[label.kind][0]
    if label.kind not in ("city", "place"):
        return [Line(text, f"t-{label.kind}")], "center", (0.0, 0.0), 1.15
    anchor, (ox, oy) = map_labels.SIDES.get(label.side, map_labels.SIDES["right"])
    lines = [Line(text, f"t-{label.kind}")]
    if label.kind == "place" and label.status:
        status_size = TEXT_CLASSES["t-status"][0]
        max_chars = int(PLACE_MAX_WIDTH * size / (status_size * CHAR_WIDTH))
        lines += [Line(part, "t-status") for part in wrap(label.status, max_chars)]
    return lines, anchor, (ox * size, oy * size), 1.2


def label_elements(label: MapLabel, frame: Frame) -> list[str]:
    """A name on the map (with a place's status line), placed as the map places it."""
    lines, anchor, offset, line_height = label_layout(label)
    return text_block(
        lines, frame.point(label.lon, label.lat), anchor, offset, line_height=line_height
    )


def drawn_box(
    at: tuple[float, float], extent: tuple[float, float, float, float], scale: float
) -> tuple[float, float, float, float]:
    """Left, top, right, bottom (units) of a block drawn ``scale`` times its px size."""
    left, top, width, height = (value * scale for value in extent)
    return at[0] + left, at[1] + top, at[0] + left + width, at[1] + top + height


def _overlap(one: tuple[float, ...], other: tuple[float, ...], slack: float = 2.0) -> bool:
    """True when two boxes overlap by more than ``slack`` units (the estimates are generous)."""
    return (
        one[0] + slack < other[2]
        and other[0] + slack < one[2]
        and one[1] + slack < other[3]
        and other[1] + slack < one[3]
    )


def phone_labels(
    labels: Sequence[MapLabel],
    frame: Frame,
    scale: float = PHONE_TEXT_SCALE,
    margins: tuple[float, float, float, float] = PHONE_PREVIEW.margins,
) -> list[MapLabel]:
    """The names a phone's (or a tablet's) preview writes, as the phone's map keeps them.

    No status lines (the dashboard's map shows them only from a closer zoom than a phone's),
    and, most important first (the article's places, then by rank), a name left out where
    its text, ``scale`` times its px size in ``frame``'s units, would come closer to the
    frame's edges than ``margins`` (left, top, right, bottom) or overlap a name kept before
    it. The places always stay.
    """
    left, top, right, bottom = margins
    kept: dict[int, tuple[MapLabel, tuple[float, float, float, float]]] = {}
    order = sorted(range(len(labels)), key=lambda i: (labels[i].kind != "place", labels[i].rank))
    for index in order:
        label = replace(labels[index], status="")
        lines, anchor, offset, line_height = label_layout(label)
        at = frame.point(label.lon, label.lat)
        box = drawn_box(at, block_extent(lines, anchor, offset, line_height), scale)
        # how far the box stands out of the frame (right and down positive)
        dx = max(left - box[0], 0.0) + min(frame.width - right - box[2], 0.0)
        dy = max(top - box[1], 0.0) + min(frame.height - bottom - box[3], 0.0)
        if (dx or dy) and label.kind not in map_labels.SIDED_KINDS:
            if max(abs(dx), abs(dy)) <= NARROW_NUDGE:
                label = frame.moved(label, dx, dy)
                box = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
                dx = dy = 0.0
        clear = not any(_overlap(box, other) for _, other in kept.values())
        if label.kind == "place" or (not dx and not dy and clear):
            kept[index] = (label, box)
    return [kept[index][0] for index in sorted(kept)]


def callout_offset(
    lines: Sequence[Line],
    at: tuple[float, float],
    anchor: str,
    frame: Frame,
    scale: float,
    margins: tuple[float, float, float, float] = PHONE_PREVIEW.margins,
) -> float:
    """How far (px of its text's size) to move a note to keep it inside ``frame``'s edges.

    Right if it comes closer to the left edge than the left margin, left if to the right
    one; its text drawn ``scale`` times its px size in the frame's units.
    """
    left, _, right, _ = drawn_box(at, block_extent(lines, anchor, line_height=1.25), scale)
    if left < margins[0]:
        return (margins[0] - left) / scale
    if right > frame.width - margins[2]:
        return (frame.width - margins[2] - right) / scale
    return 0.0


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class Region:
    """One Ukrainian unit of the preview: id, name, share, status, the details option."""

    region_id: str
    name: str
    share: float | None
    share_text: str
    status: str
    option: str


@dataclass(frozen=True)
class Place:
    """One place of the article on the preview."""

    name: str
    lon: float
    lat: float
    option: str


def _inside(x: float, y: float, frame: Frame, margins: tuple[float, float, float, float]) -> bool:
    """Whether (x, y) stands inside ``frame``'s edges less ``margins``."""
    left, top, right, bottom = margins
    return left <= x <= frame.width - right and top <= y <= frame.height - bottom


def _attr(value: str) -> str:
    return str(escape(value))


def map_svg(
    layers: Mapping[str, Mapping[str, Any]],
    regions: Sequence[Region],
    places: Sequence[Place],
    labels: Sequence[MapLabel],
    callouts: Sequence[Callout],
    scale: ScaleBar | None,
    colours: tuple[str, str],
    title: str,
    element_id: str = "map-preview",
    narrow: NarrowPreview | None = None,
) -> Markup:
    """The map as an inline SVG: shares, outlines, neighbours, names, callouts, places.

    Parameters
    ----------
    layers
        The export's compacted GeoJSON layers (``units``, ``border_regions``, ``context``).
    regions, places
        What each unit and place shows; a click on one opens its details (``data-option``).
    labels, callouts, scale
        The names, notes and scale bar of the interactive map.
    colours
        The share ramp's ends (none, all).
    title
        The picture's accessible name.
    narrow
        Draw that phone's or tablet's preview (its class, else ``wide``; the stylesheet
        shows one per page width): framed on the narrow view, with the names a phone's map
        keeps (:func:`phone_labels`) and the notes moved inside its margins.
    """
    frame = narrow.frame if narrow else Frame()
    if narrow:
        labels = phone_labels(labels, frame, margins=narrow.margins)
    units = projected_paths(layers["units"], frame, UNIT_TOLERANCE, coverage=True)
    context = {
        **projected_paths(layers["context"], frame, CONTEXT_TOLERANCE, coverage=False),
        **projected_paths(layers["border_regions"], frame, CONTEXT_TOLERANCE, coverage=False),
    }
    other_colour, other_width = style.MAP_STATUS_LINES["other"]
    parts = [
        f'<svg class="map-preview {narrow.name if narrow else "wide"}" id="{_attr(element_id)}"'
        ' xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {_number(frame.width)} {_number(frame.height)}"'
        f' preserveAspectRatio="xMidYMid slice" role="img"'
        f' aria-labelledby="{_attr(element_id)}-title" focusable="false">',
        f'<title id="{_attr(element_id)}-title">{escape(title)}</title>',
        f'<rect width="100%" height="100%" fill="{style.MAP_WATER}"/>',
        f'<g fill="{style.MAP_CONTEXT_FILL}" stroke="{style.MAP_CONTEXT_LINE}" stroke-width="0.8">',
        *(f'<path d="{data}"/>' for data in context.values()),
        "</g>",
        f'<g stroke="{other_colour}" stroke-width="{other_width:g}">',
    ]
    low, high = colours
    for region in regions:
        data = units.get(region.region_id)
        if not data:
            continue
        fill = mix(low, high, region.share or 0.0)
        # The fill sits on a group, not on the path: the claimed regions' outlines below
        # reuse the path (<use>), and a clone keeps the attributes of its original.
        parts.append(
            f'<g fill="{fill}"><path id="{_attr(element_id)}-{_attr(region.region_id)}"'
            f' data-option="{_attr(region.option)}" d="{data}">'
            f"<title>{escape(region.name)}: {escape(region.share_text)} under Russian"
            " control</title></path></g>"
        )
    parts.append("</g>")
    for status in ("annexed_2022", "annexed_2014"):
        colour, width = style.MAP_STATUS_LINES[status]
        ids = [r.region_id for r in regions if r.status == status and r.region_id in units]
        if ids:
            parts.append(
                f'<g fill="none" stroke="{colour}" stroke-width="{width:g}"'
                ' pointer-events="none">'
                + "".join(f'<use href="#{_attr(element_id)}-{_attr(i)}"/>' for i in ids)
                + "</g>"
            )
    cities = [label for label in labels if label.kind == "city"]
    if cities:
        parts.append(
            f'<g fill="{style.INK}" stroke="#FFFFFF" stroke-width="1" pointer-events="none">'
        )
        for city in cities:
            x, y = frame.point(city.lon, city.lat)
            radius = map_labels.CITY_DOT_RADIUS
            parts.append(f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{radius:g}"/>')
        parts.append("</g>")
    parts.append('<g pointer-events="none">')
    for kind in ("sea", "country", "region", "city", "place"):
        for label in labels:
            if label.kind == kind:
                parts += label_elements(label, frame)
    for callout in callouts:
        css = "t-callout-narrow" if narrow else "t-callout"
        lines = [Line(text, css) for text in callout.text.split("\n")]
        at = frame.point(callout.lon, callout.lat)
        shift = (
            callout_offset(lines, at, callout.anchor, frame, PHONE_TEXT_SCALE, narrow.margins)
            if narrow
            else 0
        )
        # Justified by the anchor (the map justifies left): a right-anchored note keeps its
        # right edge at the point whatever the reader's font, which no estimate of the
        # lines' widths could promise.
        parts += text_block(
            lines,
            at,
            callout.anchor,
            (shift, 0.0),
            line_height=1.25,
            attrs=f' stroke-width="{CALLOUT_HALO_WIDTH:g}"',
        )
    parts.append("</g>")
    if scale is not None:
        (x0, y0), (x1, _) = frame.point(*scale.start), frame.point(*scale.end)
        if narrow:
            # moved up, off what some of its pages crop off the bottom (its length hardly
            # changes over the fraction of a degree of latitude)
            y0 = min(y0, frame.height - narrow.margins[3])
        parts.append(
            f'<path stroke="{style.INK}" stroke-width="3"'
            f' d="M{_number(x0)} {_number(y0)}H{_number(x1)}"/>'
        )
        parts.append('<g pointer-events="none">')
        size = TEXT_CLASSES["t-scale"][0]
        parts += text_block(
            [Line(scale.text, "t-scale")], (x0, y0), "bottom-left", (0, -0.4 * size)
        )
        parts.append("</g>")
    for place in places:
        x, y = frame.point(place.lon, place.lat)
        if narrow and not _inside(x, y, frame, narrow.cut):
            continue  # some pages would cut it, its name gone (Kyiv on a tablet's)
        parts.append(
            f'<g class="place" data-option="{_attr(place.option)}">'
            f"<title>{escape(place.name)}</title>"
            f'<circle class="halo" cx="{_number(x)}" cy="{_number(y)}" r="{HALO_RADIUS:g}"'
            f' fill="{style.MAP_PLACE_HALO}"/>'
            f'<circle class="dot" cx="{_number(x)}" cy="{_number(y)}" r="{DOT_RADIUS:g}"'
            f' fill="{style.MAP_PLACE_COLOUR}"/></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def stylesheet_rules() -> str:
    """CSS of the previews: text classes from the map's label looks, enlarged on a phone."""
    lines = [
        ".map-preview text { font-family: 'Open Sans', system-ui, sans-serif; "
        f"paint-order: stroke; stroke: {map_labels.HALO}; stroke-width: {HALO_WIDTH:g}px; "
        "stroke-linejoin: round; }",
    ]
    phone = []
    for css, (size, colour, spacing) in TEXT_CLASSES.items():
        rule = f"font-size: {size:g}px; fill: {colour};"
        if spacing:
            rule += f" letter-spacing: {spacing:g}em;"
        lines.append(f".map-preview .{css} {{ {rule} }}")
        phone.append(f"  .map-preview .{css} {{ font-size: {size * PHONE_TEXT_SCALE:.2f}px; }}")
    phone.append(f"  .map-preview .halo {{ r: {HALO_RADIUS * PHONE_TEXT_SCALE:g}px; }}")
    phone.append(f"  .map-preview .dot {{ r: {DOT_RADIUS * PHONE_TEXT_SCALE:g}px; }}")
    lines += [f"@media (max-width: {PHONE_MAX_WIDTH}px) {{", *phone, "}"]
    # One map preview per page width: a phone's and a tablet's are framed on the narrow view.
    for narrow in NARROW_PREVIEWS:
        query = [f"(min-width: {narrow.min_width}px)"] if narrow.min_width else []
        query.append(f"(max-width: {narrow.max_width}px)")
        lines.append(f".map-preview.{narrow.name} {{ display: none; }}")
        lines.append(
            f"@media {' and '.join(query)} {{ .map-preview.wide {{ display: none; }}"
            f" .map-preview.{narrow.name} {{ display: block; }} }}"
        )
    # One history chart per page width.
    lines.append(".history-preview { display: none; }")
    lower = 0
    for variant, (_, _, upper) in HISTORY_SIZES.items():
        query = [f"(min-width: {lower + 1}px)"] if lower else []
        query += [f"(max-width: {upper}px)"] if upper else []
        lines.append(
            f"@media {' and '.join(query)} {{ .history-preview.{variant} {{ display: block; }} }}"
        )
        lower = upper or lower
    return "\n".join(lines) + "\n"
