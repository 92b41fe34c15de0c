"""Colour checks for readers with colour-vision deficiencies and for text contrast (pure).

Deficiency simulation uses the Machado, Oliveira & Fernandes (2009) matrices at full
severity, applied in linear RGB; colour differences are CIE76 ΔE in CIELAB (D65).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import combinations

MACHADO_2009 = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
# Two marks whose colours differ by less than this are easily confused at chart sizes.
MIN_DELTA_E = 12.0
MIN_TEXT_CONTRAST = 4.5

RGB = tuple[float, float, float]


def hex_to_rgb(colour: str) -> RGB:
    """``#RRGGBB`` → sRGB components in 0…1."""
    value = colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_linear(channel: float) -> float:
    """Convert an sRGB component to linear light."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def to_srgb(channel: float) -> float:
    """Linear light → sRGB component, clipped to 0…1."""
    channel = min(1.0, max(0.0, channel))
    return channel * 12.92 if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def simulate(colour: str, deficiency: str) -> RGB:
    """How ``colour`` appears with ``deficiency`` (protanopia or deuteranopia), as sRGB."""
    linear = [to_linear(c) for c in hex_to_rgb(colour)]
    matrix = MACHADO_2009[deficiency]
    return tuple(to_srgb(sum(m * c for m, c in zip(row, linear, strict=True))) for row in matrix)  # type: ignore[return-value]


def to_lab(rgb: RGB) -> RGB:
    """Convert sRGB (0…1) to CIELAB under D65."""
    r, g, b = (to_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: RGB, second: RGB) -> float:
    """CIE76 colour difference between two sRGB colours."""
    return math.dist(to_lab(first), to_lab(second))


def confusable_pairs(
    colours: dict[str, str], minimum: float = MIN_DELTA_E
) -> list[tuple[str, str, str, float]]:
    """Pairs of named colours closer than ``minimum`` for normal, protan or deutan vision."""
    problems = []
    for (name_a, a), (name_b, b) in combinations(colours.items(), 2):
        views = {"normal vision": (hex_to_rgb(a), hex_to_rgb(b))}
        views.update({d: (simulate(a, d), simulate(b, d)) for d in MACHADO_2009})
        for vision, (seen_a, seen_b) in views.items():
            difference = delta_e(seen_a, seen_b)
            if difference < minimum:
                problems.append((name_a, name_b, vision, round(difference, 1)))
    return problems


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    r, g, b = (to_linear(c) for c in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two colours (1 … 21)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def low_contrast(pairs: Iterable[tuple[str, str]], minimum: float = MIN_TEXT_CONTRAST) -> list:
    """The (foreground, background, ratio) pairs below ``minimum``."""
    return [
        (fg, bg, round(contrast_ratio(fg, bg), 2))
        for fg, bg in pairs
        if contrast_ratio(fg, bg) < minimum
    ]
