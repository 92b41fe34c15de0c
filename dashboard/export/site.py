"""Write the static site: four HTML pages, one CSS file, one script and plotly.js once.

The stylesheet and the script are minified; they and plotly.js (the partial bundle of
:mod:`dashboard.export.bundle` when built, else the full one) carry a content hash in their
names; every text file gets ``.gz`` and ``.br`` twins (:mod:`dashboard.export.optimise`).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.datasets import control, geo
from dashboard.datasets.catalog import Catalog, load_catalog
from dashboard.export import bundle, content, map_content, optimise, pages, preview
from dashboard.figures import map_geometry, style
from dashboard.figures.accessibility import MIN_TEXT_CONTRAST as MIN_CONTRAST
from dashboard.figures.accessibility import contrast_ratio
from dashboard.figures.map_script import fit_library

ASSETS = Path(__file__).resolve().parent / "assets"
#: The Python package's full plotly.js (the export ships :func:`bundle.choose`'s pick).
PLOTLY_JS = bundle.FULL_BUNDLE
#: The map's glyph files (:mod:`dashboard.figures.map_style`) and where the pages find them:
#: the style's relative address, as in the app.
GLYPHS = Path(__file__).resolve().parents[1] / "static" / "glyphs"
GLYPHS_AT = "app/static/glyphs"
WHITE = "#FFFFFF"
BLACK = "#000000"


@dataclass(frozen=True)
class ExportResult:
    """What was written: file name → path, in writing order (compressed twins apart).

    ``assets`` maps the plain names the templates use (``site.css``) to the content-hashed
    names written (``site.<hash>.css``); ``plotly`` is the plotly.js shipped.
    """

    folder: Path
    files: dict[str, Path]
    assets: dict[str, str] = field(default_factory=dict)
    compressed: dict[str, list[Path]] = field(default_factory=dict)
    plotly: bundle.PlotlyBundle | None = None

    def sizes(self) -> dict[str, int]:
        """Bytes per file."""
        return {name: path.stat().st_size for name, path in self.files.items()}

    def total_bytes(self) -> int:
        """Bytes of the whole site (without the compressed twins)."""
        return sum(self.sizes().values())

    def gzip_sizes(self) -> dict[str, int]:
        """Bytes per file as sent gzip-compressed (its ``.gz`` twin, or the file itself)."""
        sizes = self.sizes()
        for name, twins in self.compressed.items():
            for twin in twins:
                if twin.suffix == ".gz":
                    sizes[name] = twin.stat().st_size
        return sizes


def load_inputs(
    catalog: Catalog | None = None,
    control_by_region: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    layers: Mapping[str, dict[str, Any]] | None = None,
) -> content.Inputs:
    """The committed data the site is built from (each part can be passed in instead).

    Only committed, openly publishable inputs: the curated tables, the derived control
    figures and the Natural Earth layers. The DeepStateMap snapshot cache is never read.
    """
    return content.Inputs(
        catalog=catalog if catalog is not None else load_catalog(),
        control=control_by_region
        if control_by_region is not None
        else control.load_control_by_region(),
        history=history if history is not None else control.load_control_history(),
        layers=layers
        if layers is not None
        else map_geometry.base_layers(
            geo.ukraine_units_geojson(),
            geo.russia_border_geojson(),
            geo.context_countries_geojson(),
        ),
    )


def text_on(background: str) -> str:
    """Text colour for ``background``: ink when it reaches 4.5:1, else white or black."""
    if contrast_ratio(style.INK, background) >= MIN_CONTRAST:
        return style.INK
    return max((WHITE, BLACK), key=lambda colour: contrast_ratio(colour, background))


def colour_rules() -> str:
    """CSS custom properties and classes for the palettes of ``dashboard.figures.style``."""
    lines = [":root {", f"  --ink: {style.INK};", f"  --neutral: {style.NEUTRAL};"]
    lines.append(f"  --russia: {style.PARTY_COLOURS['russia']};")
    lines.append(f"  --ukraine: {style.PARTY_COLOURS['ukraine']};")
    lines.append("}")
    for kind, colour in style.KIND_COLOURS.items():
        lines.append(f".kind-{kind} {{ --swatch: {colour}; }}")
    for party, colour in style.PARTY_COLOURS.items():
        lines.append(f".party-{party} {{ --swatch: {colour}; }}")
    low, high = map_content.SHARE_SCALE[0][1], map_content.SHARE_SCALE[-1][1]
    lines.append(f".ramp {{ background: linear-gradient(to right, {low}, {high}); }}")
    for status, (colour, width) in style.MAP_STATUS_LINES.items():
        lines.append(f".outline-{status} {{ border: {max(width, 2):g}px solid {colour}; }}")
    lines.append(f".key-swatch.context {{ background: {style.MAP_CONTEXT_FILL}; }}")
    lines.append(
        f".key-dot {{ background: {style.MAP_PLACE_COLOUR}; "
        f"box-shadow: 0 0 0 2px {style.MAP_PLACE_HALO}, 0 0 0 3px #8C8C8C; }}"
    )
    for stance, colour in style.STANCE_COLOURS.items():
        lines.append(
            f".stance-{stance} {{ background: {colour}; color: {text_on(colour)}; "
            f"border-color: {colour}; }}"
        )
    return "\n".join(lines) + "\n"


def stylesheet() -> str:
    """The shared stylesheet: palette rules from the style module, then the static CSS."""
    return (
        "/* Colours from dashboard/figures/style.py (generated) */\n"
        + colour_rules()
        + preview.stylesheet_rules()
        + "\n"
        + (ASSETS / "site.css").read_text(encoding="utf-8")
    )


def page_script() -> str:
    """The pages' script: the dashboard's map-fitting code (``window.mapFit``), then ``site.js``.

    The interactive map on a phone frames itself and keeps its names inside its edges with
    the very code the dashboard's map runs (:func:`dashboard.figures.map_script.fit_library`).
    """
    return fit_library() + "\n" + (ASSETS / "site.js").read_text(encoding="utf-8")


def export_site(
    out_dir: Path,
    inputs: content.Inputs | None = None,
    plotly_bundle: bundle.PlotlyBundle | None = None,
) -> ExportResult:
    """Write the static site into ``out_dir`` (created if needed; our files overwritten).

    Parameters
    ----------
    out_dir
        Target folder; keep it outside git or git-ignored (the default ``artifacts/export``).
    inputs
        The data to build from (:func:`load_inputs` when omitted).
    plotly_bundle
        The plotly.js to ship (:func:`bundle.choose` when omitted: the partial bundle
        when it is built and current, else the full one; its ``note`` says why).
    """
    inputs = inputs if inputs is not None else load_inputs()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    documents = {
        "index.html": pages.index_page(inputs),
        "map.html": pages.map_page(inputs, map_content.map_content(inputs)),
        "deal.html": pages.deal_page(inputs, content.deal_pages(inputs)),
        "timeline.html": pages.timeline_page(inputs, content.timeline_content(inputs)),
        "positions.html": pages.positions_page(inputs, content.positions_content(inputs)),
    }
    plotly_js = plotly_bundle if plotly_bundle is not None else bundle.choose()
    assets = {
        pages.CSS_FILE: optimise.minify_css(stylesheet()).encode("utf-8"),
        pages.JS_FILE: optimise.minify_js(page_script()).encode("utf-8"),
        pages.PLOTLY_FILE: plotly_js.path.read_bytes(),
    }
    names = {plain: optimise.hashed_name(plain, data) for plain, data in assets.items()}
    optimise.remove_stale(folder, names, keep=names.values())
    files: dict[str, Path] = {}
    for name, document in documents.items():
        files[name] = folder / name
        files[name].write_text(optimise.link_assets(document, names), encoding="utf-8")
    for plain, data in assets.items():
        files[names[plain]] = folder / names[plain]
        files[names[plain]].write_bytes(data)
    # The map's names need its glyph files at the same relative address as in the app.
    for glyph in sorted(GLYPHS.rglob("*")):
        if glyph.is_file():
            name = f"{GLYPHS_AT}/{glyph.relative_to(GLYPHS).as_posix()}"
            files[name] = folder / name
            files[name].parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(glyph, files[name])
    twins = optimise.compress_twins(files.values())
    by_path = {path: name for name, path in files.items()}
    return ExportResult(
        folder=folder,
        files=files,
        assets=names,
        compressed={by_path[path]: found for path, found in twins.items()},
        plotly=plotly_js,
    )
