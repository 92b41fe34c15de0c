"""The committed map glyphs (dashboard/static/glyphs) parse, cover English and Ukrainian, and are
exactly what ``python -m dashboard.build glyphs`` makes.

The PBF files are read with a small protobuf decoder written here, independent of the
builder's encoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.build import glyphs as builder
from dashboard.build.__main__ import main as build_main
from dashboard.figures.map_style import FONT_STACKS, GLYPH_RANGES, GLYPHS_URL, map_style
from tests.harness.fixtures import in_ci

REPO_ROOT = Path(__file__).resolve().parents[2]
GLYPH_DIR = REPO_ROOT / "dashboard" / "static" / "glyphs"
BUFFER = 3

UKRAINIAN = "".join(chr(c) for c in range(ord("А"), ord("я") + 1)) + "ҐґЄєІіЇї"
REQUIRED = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    + ".,;:!?'\"()[]-/&%+’‘“”–—…«»ʼ"
    + UKRAINIAN
)


# --------------------------------------------------------------------------- decoder


@dataclass
class DecodedGlyph:
    id: int
    bitmap: bytes = b""
    width: int = 0
    height: int = 0
    left: int = 0
    top: int = 0
    advance: int = 0


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """(field number, value) pairs of one message; only varint and length-delimited wire types."""
    out: list[tuple[int, int | bytes]] = []
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(data, pos)
            out.append((number, value))
        elif wire == 2:
            length, pos = read_varint(data, pos)
            assert pos + length <= len(data), "length-delimited field runs past the end"
            out.append((number, data[pos : pos + length]))
            pos += length
        else:
            raise AssertionError(f"unexpected wire type {wire} for field {number}")
    assert pos == len(data)
    return out


def unzigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def decode_glyph(data: bytes) -> DecodedGlyph:
    values = dict(fields(data))
    assert {1, 3, 4, 5, 6, 7} <= set(values), f"required glyph field missing: {sorted(values)}"
    return DecodedGlyph(
        id=values[1],
        bitmap=values.get(2, b""),
        width=values[3],
        height=values[4],
        left=unzigzag(values[5]),
        top=unzigzag(values[6]),
        advance=values[7],
    )


def decode_file(path: Path) -> tuple[str, str, dict[int, DecodedGlyph]]:
    return decode_bytes(path.read_bytes())


def decode_bytes(data: bytes) -> tuple[str, str, dict[int, DecodedGlyph]]:
    """(stack name, range, glyphs by code point) of one glyph file."""
    top = fields(data)
    assert [number for number, _ in top] == [1], "one fontstack per file"
    name = glyph_range = None
    glyphs: dict[int, DecodedGlyph] = {}
    for number, value in fields(top[0][1]):
        if number == 1:
            name = value.decode("utf-8")
        elif number == 2:
            glyph_range = value.decode("ascii")
        elif number == 3:
            glyph = decode_glyph(value)
            assert glyph.id not in glyphs, f"glyph {glyph.id} twice"
            glyphs[glyph.id] = glyph
    assert name is not None and glyph_range is not None
    return name, glyph_range, glyphs


def expected_files() -> list[Path]:
    return [
        GLYPH_DIR / stack / f"{start}-{end}.pbf"
        for stack in FONT_STACKS
        for start, end in GLYPH_RANGES
    ]


@pytest.fixture(scope="module")
def decoded() -> dict[Path, tuple[str, str, dict[int, DecodedGlyph]]]:
    return {path: decode_file(path) for path in expected_files()}


# --------------------------------------------------------------------------- tests


def test_every_stack_and_range_has_a_file_and_nothing_else() -> None:
    committed = sorted(GLYPH_DIR.rglob("*.pbf"))
    assert committed == sorted(expected_files())
    assert (GLYPH_DIR / "LICENSE-OpenSans.txt").is_file()
    assert "Apache License" in (GLYPH_DIR / "LICENSE-OpenSans.txt").read_text("utf-8")
    assert "dashboard.build glyphs" in (GLYPH_DIR / "README.md").read_text("utf-8")


def test_files_parse_and_name_their_stack_and_range(decoded) -> None:
    for path, (name, glyph_range, glyphs) in decoded.items():
        assert name == path.parent.name
        assert glyph_range == path.stem
        start, end = (int(part) for part in glyph_range.split("-"))
        assert all(start <= code <= end for code in glyphs), path


def test_stacks_carry_the_same_glyphs(decoded) -> None:
    for start, end in GLYPH_RANGES:
        versions = [decoded[GLYPH_DIR / stack / f"{start}-{end}.pbf"][2] for stack in FONT_STACKS]
        assert all(version == versions[0] for version in versions[1:])


def test_english_and_ukrainian_glyphs_are_present_with_full_bitmaps(decoded) -> None:
    for stack in FONT_STACKS:
        glyphs: dict[int, DecodedGlyph] = {}
        for start, end in GLYPH_RANGES:
            glyphs.update(decoded[GLYPH_DIR / stack / f"{start}-{end}.pbf"][2])
        missing = [char for char in REQUIRED if ord(char) not in glyphs]
        assert missing == [], f"{stack}: no glyph for {missing}"
        for char in REQUIRED:
            glyph = glyphs[ord(char)]
            assert glyph.width > 0 and glyph.height > 0, char
            assert len(glyph.bitmap) == (glyph.width + 2 * BUFFER) * (glyph.height + 2 * BUFFER)
            assert 0 < glyph.advance < 40, char
            # the edge value (191) is crossed: ink inside, empty outside
            assert max(glyph.bitmap) > 191 and min(glyph.bitmap) < 191, char
        space = glyphs[ord(" ")]
        assert space.bitmap == b"" and space.width == 0 and space.advance > 0


def test_glyph_shapes_are_plausible(decoded) -> None:
    glyphs = decoded[GLYPH_DIR / FONT_STACKS[0] / "0-255.pbf"][2]
    capital, small, descender = glyphs[ord("H")], glyphs[ord("x")], glyphs[ord("p")]
    assert capital.height > small.height  # cap height above x-height
    assert descender.top == small.top  # both start at the x-height...
    assert descender.height > small.height  # ...and p goes below the baseline
    # a bitmap row through the middle of "H" crosses ink twice (its two stems)
    row = capital.bitmap[
        (capital.height // 4 + BUFFER) * (capital.width + 2 * BUFFER) : (
            capital.height // 4 + BUFFER + 1
        )
        * (capital.width + 2 * BUFFER)
    ]
    runs = "".join("#" if value > 191 else "." for value in row).split(".")
    assert len([run for run in runs if run]) == 2


def test_encoder_primitives() -> None:
    assert builder.varint(0) == b"\x00"
    assert builder.varint(300) == b"\xac\x02"
    assert [builder.zigzag(value) for value in (0, -1, 1, -2, 2)] == [0, 1, 2, 3, 4]
    assert all(unzigzag(builder.zigzag(value)) == value for value in range(-300, 300))
    empty = builder.encode_range("Open Sans Regular", 57344, 57599, [])
    assert decode_bytes(empty) == ("Open Sans Regular", "57344-57599", {})


def test_map_style_points_at_the_served_glyphs() -> None:
    style = map_style("#F3F4F6")
    assert style["glyphs"] == GLYPHS_URL == "app/static/glyphs/{fontstack}/{range}.pbf"
    assert style["sources"], "an empty sources object breaks the map in Streamlit"
    # no 300 ms paint transitions: a selection or a new date is drawn in one frame
    assert style["transition"] == {"duration": 0, "delay": 0}
    assert style["layers"] == [
        {"id": "background", "type": "background", "paint": {"background-color": "#F3F4F6"}}
    ]
    # the URL template resolves to the committed files
    for stack in FONT_STACKS:
        for start, end in GLYPH_RANGES:
            relative = GLYPHS_URL.format(fontstack=stack, range=f"{start}-{end}")
            assert (REPO_ROOT / "dashboard" / relative.replace("app/", "", 1)).is_file()


def font_dir_or_skip() -> Path:
    font_dir = builder.DEFAULT_FONT_DIR
    if not (font_dir / "OpenSans-Regular.ttf").is_file():
        if in_ci():
            pytest.fail(f"CI must have Open Sans at {font_dir} (apt-get install fonts-open-sans)")
        pytest.skip(f"no Open Sans at {font_dir} (apt-get install fonts-open-sans)")
    return font_dir


def test_rebuilding_gives_the_committed_bytes(tmp_path: Path, capsys) -> None:
    font_dir = font_dir_or_skip()
    assert build_main(["glyphs", "--font-dir", str(font_dir), "--out", str(tmp_path)]) == 0
    assert "wrote 10 glyph files" in capsys.readouterr().out
    rebuilt = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.pbf"))
    assert rebuilt == sorted(path.relative_to(GLYPH_DIR) for path in expected_files())
    changed = [
        str(name)
        for name in rebuilt
        if (tmp_path / name).read_bytes() != (GLYPH_DIR / name).read_bytes()
    ]
    assert changed == [], f"committed glyphs differ from a rebuild (run make glyphs): {changed}"


def test_a_missing_font_is_named_with_the_package_to_install(tmp_path: Path, capsys) -> None:
    assert build_main(["glyphs", "--font-dir", str(tmp_path), "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert str(tmp_path / "OpenSans-Regular.ttf") in error
    assert "apt-get install fonts-open-sans" in error
    assert not list(tmp_path.rglob("*.pbf"))


def test_signed_distance_field_of_a_square() -> None:
    square = builder.np.array([[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]], dtype=float)
    field = builder.signed_distance_field([square], left=0, top=10, width=10, height=10)
    assert field.shape == (16, 16)
    assert field[8, 8] == 255  # 4.5 px inside: clamped
    # the corner pixel's centre (-2.5, 12.5) is sqrt(12.5) px from the corner (0, 10)
    assert field[0, 0] == 255 - int(12.5**0.5 * 32 + 64)
    # one pixel inside / outside the left edge: 0.5 px from it, 16 steps per pixel
    assert field[8, 3] == 255 - int(-0.5 * 32 + 64)
    assert field[8, 2] == 255 - int(0.5 * 32 + 64)


def test_curves_are_flattened_within_tolerance() -> None:
    from types import SimpleNamespace

    def vector(x: float, y: float) -> SimpleNamespace:
        return SimpleNamespace(x=x * 64, y=y * 64)

    rings = builder._Rings()
    rings.move_to(vector(0, 0))
    rings.conic_to(vector(5, 10), vector(10, 0))
    rings.cubic_to(vector(7, -5), vector(3, -5), vector(0, 0))
    (ring,) = rings.closed()
    assert (ring[0] == ring[-1]).all() and len(ring) > 10
    # the quadratic's top (t = 1/2) is at y = 5; its chords come within FLATNESS of it
    assert 5 - builder.FLATNESS <= ring[:, 1].max() <= 5
    assert -3.75 - 1e-9 <= ring[:, 1].min() <= -3.75 + builder.FLATNESS
