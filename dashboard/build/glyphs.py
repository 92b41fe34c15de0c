"""Glyph files for text on the offline map: ``python -m dashboard.build glyphs``.

MapLibre draws text from glyph files in the Mapbox glyph PBF format: one protobuf file per
font stack and range of 256 code points, each glyph a signed-distance field (SDF) bitmap
rendered at 24 px with a 3 px buffer. This module makes them from Open Sans (Debian's
``fonts-open-sans``, Apache-2.0) with FreeType (``freetype-py``) and numpy, so the map needs
no font server. The output is deterministic: the same font and library versions give the same
bytes.

How a glyph is made (the algorithm of Mapbox's ``sdf-glyph-foundry``): the outline, scaled
to 24 px without hinting, is flattened into line segments; for each bitmap pixel centre the
distance to the nearest segment (capped at :data:`RADIUS` px) is scaled to 256 / radius per
pixel, made negative inside the outline (non-zero winding), shifted by ``CUTOFF * 256`` and
stored as ``255 - value``: 191 is the edge, larger values are inside.

Protobuf (written by hand, no dependency)::

    glyphs    { repeated fontstack stacks = 1; }
    fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
    glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
                required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
                required uint32 advance = 7; }

``top`` is the glyph's top edge above the baseline minus the font's ascender (as MapLibre
expects); the bitmap is ``(width + 6) × (height + 6)`` bytes, rows from the top.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dashboard.build.atomic import write_bytes_atomically
from dashboard.figures.map_style import FONT_STACKS, GLYPH_RANGES

#: Rendering size in pixels per em (MapLibre's glyphs are laid out at 24 px).
FONT_SIZE = 24
#: Empty pixels around each glyph's bounding box in the bitmap.
BUFFER = 3
#: Distances are capped at this many pixels.
RADIUS = 8
#: Share of the 0-255 scale kept for distances inside the outline (the edge is at 191).
CUTOFF = 0.25
#: Largest distance from a curve to its flattened line segments, in pixels.
FLATNESS = 0.02

DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/open-sans")
DEFAULT_OUT_DIR = Path(__file__).resolve().parents[1] / "static" / "glyphs"
#: Font file → the stack names its glyphs are served under.
FONTS: dict[str, tuple[str, ...]] = {"OpenSans-Regular.ttf": FONT_STACKS}


@dataclass(frozen=True)
class Glyph:
    """One glyph as the PBF stores it (``bitmap`` empty for a glyph without ink)."""

    id: int
    bitmap: bytes
    width: int
    height: int
    left: int
    top: int
    advance: int


# --------------------------------------------------------------------------- protobuf


def varint(value: int) -> bytes:
    """Protobuf base-128 varint of a non-negative integer."""
    if value < 0:
        raise ValueError(f"varint of a negative number: {value}")
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def zigzag(value: int) -> int:
    """Zigzag encoding of a signed integer (``sint32``): 0, -1, 1, -2 → 0, 1, 2, 3."""
    return value << 1 if value >= 0 else ((-value) << 1) - 1


def _uint_field(number: int, value: int) -> bytes:
    return varint(number << 3) + varint(value)


def _bytes_field(number: int, data: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(data)) + data


def encode_glyph(glyph: Glyph) -> bytes:
    """The ``glyph`` message (no bitmap field for a glyph without ink)."""
    parts = [_uint_field(1, glyph.id)]
    if glyph.bitmap:
        parts.append(_bytes_field(2, glyph.bitmap))
    parts += [
        _uint_field(3, glyph.width),
        _uint_field(4, glyph.height),
        _uint_field(5, zigzag(glyph.left)),
        _uint_field(6, zigzag(glyph.top)),
        _uint_field(7, glyph.advance),
    ]
    return b"".join(parts)


def encode_range(stack: str, start: int, end: int, glyphs: Iterable[Glyph]) -> bytes:
    """A whole glyph file: one ``fontstack`` named ``stack`` for the range ``start-end``."""
    fontstack = b"".join(
        [
            _bytes_field(1, stack.encode("utf-8")),
            _bytes_field(2, f"{start}-{end}".encode("ascii")),
            *(_bytes_field(3, encode_glyph(glyph)) for glyph in glyphs),
        ]
    )
    return _bytes_field(1, fontstack)


# --------------------------------------------------------------------------- outlines


def _segments(count: int, points: Sequence[np.ndarray], degree: int) -> np.ndarray:
    """``count`` evenly spaced (in t) points of a Bézier curve after its start (Bernstein form)."""
    # plain products, no pow(): IEEE arithmetic gives the same bytes on every machine
    t = (np.arange(1, count + 1, dtype=np.float64) / count)[:, None]
    u = 1 - t
    if degree == 2:
        p0, p1, p2 = points
        return u * u * p0 + 2 * u * t * p1 + t * t * p2
    p0, p1, p2, p3 = points
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


def _length(vector: np.ndarray) -> float:
    """Euclidean length (sqrt is correctly rounded everywhere, unlike hypot)."""
    return math.sqrt(float(vector[0] * vector[0] + vector[1] * vector[1]))


def _steps(deviation: float) -> int:
    """Line segments a curve needs so they stay within :data:`FLATNESS` of it."""
    return max(1, math.ceil(math.sqrt(deviation / FLATNESS)))


class _Rings:
    """Collects an outline's contours as closed polylines in pixels (FreeType callbacks)."""

    def __init__(self) -> None:
        self.rings: list[list[np.ndarray]] = []

    @staticmethod
    def _point(vector: Any) -> np.ndarray:
        return np.array([vector.x / 64.0, vector.y / 64.0])

    def move_to(self, to: Any, _context: Any = None) -> int:
        self.rings.append([self._point(to)])
        return 0

    def line_to(self, to: Any, _context: Any = None) -> int:
        self.rings[-1].append(self._point(to))
        return 0

    def conic_to(self, control: Any, to: Any, _context: Any = None) -> int:
        p0, p1, p2 = self.rings[-1][-1], self._point(control), self._point(to)
        # a quadratic curve strays at most |p0 - 2 p1 + p2| / (8 n²) from n chords
        count = _steps(_length(p0 - 2 * p1 + p2) / 8)
        self.rings[-1].extend(_segments(count, (p0, p1, p2), 2))
        return 0

    def cubic_to(self, c1: Any, c2: Any, to: Any, _context: Any = None) -> int:
        p0, p1, p2, p3 = self.rings[-1][-1], self._point(c1), self._point(c2), self._point(to)
        bend = max(_length(p0 - 2 * p1 + p2), _length(p1 - 2 * p2 + p3))
        count = _steps(bend * 3 / 4)
        self.rings[-1].extend(_segments(count, (p0, p1, p2, p3), 3))
        return 0

    def closed(self) -> list[np.ndarray]:
        """Each contour as an ``(n, 2)`` array whose last point is its first."""
        out = []
        for ring in self.rings:
            points = np.array(ring, dtype=np.float64)
            if not np.array_equal(points[0], points[-1]):
                points = np.vstack([points, points[:1]])
            if len(points) >= 3:
                out.append(points)
        return out


def _round_half_away(value: float) -> int:
    """Round like C's ``std::round`` (halves away from zero), not to even."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def signed_distance_field(
    rings: Sequence[np.ndarray], left: int, top: int, width: int, height: int
) -> np.ndarray:
    """The SDF bitmap (uint8, ``height + 2 * BUFFER`` rows) of closed polylines.

    Parameters
    ----------
    rings
        Closed contours in pixels, y up, as ``(n, 2)`` arrays.
    left, top, width, height
        The glyph's bounding box in whole pixels (``top`` above the baseline).

    Returns
    -------
    numpy.ndarray
        ``255 - clip(trunc(distance * 256 / RADIUS + CUTOFF * 256), 0, 255)`` per pixel
        centre, the distance negative inside the outline.
    """
    columns = width + 2 * BUFFER
    rows = height + 2 * BUFFER
    xs = left - BUFFER + np.arange(columns, dtype=np.float64) + 0.5
    ys = top + BUFFER - np.arange(rows, dtype=np.float64) - 0.5
    px = np.broadcast_to(xs[None, :], (rows, columns)).reshape(-1, 1)
    py = np.broadcast_to(ys[:, None], (rows, columns)).reshape(-1, 1)

    starts = np.vstack([ring[:-1] for ring in rings])
    ends = np.vstack([ring[1:] for ring in rings])
    ax, ay = starts[:, 0][None, :], starts[:, 1][None, :]
    dx, dy = (ends[:, 0] - starts[:, 0])[None, :], (ends[:, 1] - starts[:, 1])[None, :]

    # distance from each pixel centre to each segment
    length2 = dx * dx + dy * dy
    safe = np.where(length2 == 0, 1.0, length2)
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / safe, 0.0, 1.0)
    t = np.where(length2 == 0, 0.0, t)
    ex = px - (ax + t * dx)
    ey = py - (ay + t * dy)
    distance = np.sqrt((ex * ex + ey * ey).min(axis=1))

    # non-zero winding: signed crossings of a ray from each pixel centre towards +x
    upward = (ay <= py) & (py < ay + dy)
    downward = (ay + dy <= py) & (py < ay)
    crossing_x = ax + (py - ay) * dx / np.where(dy == 0, 1.0, dy)
    right_of_pixel = px < crossing_x
    winding = (upward & right_of_pixel).sum(axis=1) - (downward & right_of_pixel).sum(axis=1)
    inside = winding != 0

    scaled = np.minimum(distance, RADIUS) * (256 / RADIUS)
    scaled = np.where(inside, -scaled, scaled) + CUTOFF * 256
    value = np.clip(np.trunc(scaled), 0, 255).astype(np.uint8)
    return (255 - value).reshape(rows, columns)


def render_glyph(face: Any, codepoint: int, ascender: int) -> Glyph:
    """Render one code point of a FreeType face (its size already set to :data:`FONT_SIZE`).

    Parameters
    ----------
    face
        A ``freetype.Face``.
    codepoint
        The Unicode code point; the face must map it to a glyph.
    ascender
        The face's ascender in whole pixels at this size.
    """
    freetype = _freetype()
    face.load_char(codepoint, freetype.FT_LOAD_NO_HINTING | freetype.FT_LOAD_NO_BITMAP)
    slot = face.glyph
    advance = _round_half_away(slot.linearHoriAdvance / 65536)
    empty = Glyph(codepoint, b"", 0, 0, 0, 0, advance)
    if slot.format != freetype.FT_GLYPH_FORMAT_OUTLINE or not slot.outline.n_points:
        return empty
    collector = _Rings()
    slot.outline.decompose(
        move_to=collector.move_to,
        line_to=collector.line_to,
        conic_to=collector.conic_to,
        cubic_to=collector.cubic_to,
    )
    rings = collector.closed()
    if not rings:
        return empty
    points = np.vstack(rings)
    x_min, y_min = (_round_half_away(v) for v in points.min(axis=0))
    x_max, y_max = (_round_half_away(v) for v in points.max(axis=0))
    width, height = x_max - x_min, y_max - y_min
    if width <= 0 or height <= 0:
        return empty
    bitmap = signed_distance_field(rings, x_min, y_max, width, height)
    return Glyph(codepoint, bitmap.tobytes(), width, height, x_min, y_max - ascender, advance)


# --------------------------------------------------------------------------- files


def _freetype() -> Any:
    """The ``freetype`` module (``freetype-py``, in the ``build`` and ``test`` extras)."""
    try:
        import freetype
    except ImportError as error:
        raise ImportError(
            "the glyph builder needs freetype-py: pip install 'freetype-py>=2.4' "
            "(or pip install -e '.[build]')"
        ) from error
    return freetype


def font_path(font_dir: Path, name: str) -> Path:
    """The font file ``name`` in ``font_dir``; a clear error when it is not there."""
    path = font_dir / name
    if not path.is_file():
        raise FileNotFoundError(
            f"font file {path} not found. Install Open Sans with "
            "`sudo apt-get install fonts-open-sans` (Debian/Ubuntu) or pass --font-dir "
            "with the folder holding OpenSans-Regular.ttf."
        )
    return path


def range_glyphs(path: Path, start: int, end: int) -> list[Glyph]:
    """Every glyph the font maps in ``start..end`` (inclusive), in code point order."""
    freetype = _freetype()

    face = freetype.Face(str(path))
    face.set_char_size(FONT_SIZE * 64)
    ascender = face.size.ascender // 64
    return [
        render_glyph(face, codepoint, ascender)
        for codepoint in range(start, end + 1)
        if face.get_char_index(codepoint)
    ]


def build_glyphs(
    font_dir: Path | None = None,
    out_dir: Path | None = None,
    ranges: Sequence[tuple[int, int]] = GLYPH_RANGES,
) -> list[Path]:
    """Write ``<out_dir>/<stack>/<start>-<end>.pbf`` for every stack and range.

    Parameters
    ----------
    font_dir
        Folder with the TTF files (default: Debian's ``/usr/share/fonts/truetype/open-sans``).
    out_dir
        Output folder (default: ``dashboard/static/glyphs``).
    ranges
        Inclusive code point ranges of 256; a range the font has no glyph in still gets a
        valid file with no glyphs, so no request for it fails.

    Returns
    -------
    list of Path
        The files written, sorted.
    """
    font_dir = DEFAULT_FONT_DIR if font_dir is None else font_dir
    out_dir = DEFAULT_OUT_DIR if out_dir is None else out_dir
    fonts = {name: font_path(font_dir, name) for name in FONTS}
    written = []
    for name, path in fonts.items():
        for start, end in ranges:
            glyphs = range_glyphs(path, start, end)
            for stack in FONTS[name]:
                target = out_dir / stack / f"{start}-{end}.pbf"
                written.append(
                    write_bytes_atomically(target, encode_range(stack, start, end, glyphs))
                )
    return sorted(written)
