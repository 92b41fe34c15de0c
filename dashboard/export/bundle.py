"""The plotly.js the static export ships: a partial bundle when one is built, else the full one.

The export's figures use four trace types (:data:`TRACES`); the full plotly.js that the
Python package ships (4.8 MB minified) carries every type there is. ``make plotly-bundle``
(run by ``make export``) builds a partial bundle with only :data:`TRACES` from the npm
packages pinned in ``tools/plotly-bundle/package-lock.json``: ``plotly.js`` at the version
the Python plotly package expects, bundled and minified by ``esbuild``. It lands in the
git-ignored ``.cache/plotly-bundle/`` with a manifest naming its plotly.js version and
trace types. :func:`choose` takes it only when that manifest matches this Python plotly
and these trace types; otherwise (no node, no build, a stale build) the export falls back
to the full bundle and says why, so the export never needs node to work.

``python -m dashboard.export --build-plotly`` builds it (what ``make plotly-bundle`` runs).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import plotly
from plotly.offline import get_plotlyjs_version

from dashboard.datasets.paths import REPO_ROOT

#: Trace types of every figure the export draws (a test checks the figures against it).
#: ``scatter`` is in every plotly.js bundle; map traces bring MapLibre with them.
TRACES: tuple[str, ...] = ("scatter", "bar", "choroplethmap", "scattermap")
#: The full bundle inside the Python package (the fallback).
FULL_BUNDLE = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
#: The npm project that builds the partial bundle, and where the build goes.
TOOL_DIR = REPO_ROOT / "tools" / "plotly-bundle"
BUILD_DIR = REPO_ROOT / ".cache" / "plotly-bundle"
BUNDLE_NAME = "plotly-export.min.js"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class PlotlyBundle:
    """One plotly.js file to ship: where it is, what it holds, and why it was chosen."""

    path: Path
    version: str
    traces: tuple[str, ...] | None  # None: every trace type (the full bundle)
    note: str = ""

    @property
    def partial(self) -> bool:
        """True for a bundle with only some trace types."""
        return self.traces is not None


def full_bundle(note: str = "") -> PlotlyBundle:
    """The Python package's own plotly.min.js (every trace type)."""
    return PlotlyBundle(FULL_BUNDLE, get_plotlyjs_version(), None, note)


def read_manifest(build_dir: Path) -> dict[str, object] | None:
    """The partial build's manifest, or None when there is no (readable) build."""
    try:
        manifest = json.loads((build_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def choose(build_dir: Path = BUILD_DIR, traces: tuple[str, ...] = TRACES) -> PlotlyBundle:
    """The partial bundle when its build matches this plotly and ``traces``, else the full one.

    The returned bundle's ``note`` says why the full bundle was taken (empty otherwise).
    """
    hint = "run `make plotly-bundle` (needs node and npm) for the partial bundle"
    manifest = read_manifest(build_dir)
    bundle = build_dir / BUNDLE_NAME
    if manifest is None or not bundle.is_file():
        return full_bundle(f"no partial plotly.js build in {build_dir}; {hint}")
    expected = get_plotlyjs_version()
    if manifest.get("plotly_js") != expected:
        return full_bundle(
            f"the partial plotly.js build is v{manifest.get('plotly_js')}, the Python plotly "
            f"package expects v{expected}; {hint}"
        )
    built = tuple(str(trace) for trace in manifest.get("traces", []))  # type: ignore[attr-defined]
    missing = sorted(set(traces) - set(built))
    if missing:
        return full_bundle(f"the partial plotly.js build lacks {', '.join(missing)}; {hint}")
    return PlotlyBundle(bundle, expected, built)


def build(
    out_dir: Path = BUILD_DIR, traces: tuple[str, ...] = TRACES, tool_dir: Path = TOOL_DIR
) -> PlotlyBundle:
    """Install the pinned npm packages (``npm ci``) and build the partial bundle.

    Raises ``RuntimeError`` when node or npm is missing or a step fails, and when the
    pinned plotly.js is not the version the Python plotly package expects.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise RuntimeError("node and npm are needed to build the partial plotly.js bundle")
    steps = [[node, "build.mjs", "--out", str(out_dir / BUNDLE_NAME), "--traces", ",".join(traces)]]
    installed = tool_dir / "node_modules" / ".package-lock.json"
    lock = tool_dir / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        steps.insert(0, [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    out_dir.mkdir(parents=True, exist_ok=True)
    for step in steps:
        result = subprocess.run(step, cwd=tool_dir, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(step[:2])} failed:\n{result.stdout}{result.stderr}")
    pinned = json.loads(
        (tool_dir / "node_modules" / "plotly.js" / "package.json").read_text(encoding="utf-8")
    )["version"]
    if pinned != get_plotlyjs_version():
        raise RuntimeError(
            f"tools/plotly-bundle pins plotly.js {pinned}; the Python plotly package expects "
            f"{get_plotlyjs_version()}: change the pin and rebuild package-lock.json"
        )
    manifest = {"plotly_js": pinned, "traces": list(traces), "file": BUNDLE_NAME}
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return PlotlyBundle(out_dir / BUNDLE_NAME, pinned, traces)


def build_or_explain(out_dir: Path = BUILD_DIR, required: bool = False) -> int:
    """Build the partial bundle and say so; without node, say so and leave the full one in use.

    Returns an exit status: 0, or 1 when the build failed and ``required`` is set.
    """
    try:
        built = build(out_dir)
    except (RuntimeError, OSError) as error:
        print(f"NOTE: partial plotly.js not built ({error}).", file=sys.stderr)
        print("The export ships the full plotly.js of the Python package instead.")
        return 1 if required else 0
    size = built.path.stat().st_size
    print(
        f"Partial plotly.js v{built.version} ({', '.join(TRACES)}): {built.path} "
        f"({size / 1e6:.1f} MB; the full bundle is {FULL_BUNDLE.stat().st_size / 1e6:.1f} MB)"
    )
    return 0
