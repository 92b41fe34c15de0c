"""``python -m dashboard.export --out DIR``: write the static site into DIR."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from dashboard.datasets.paths import REPO_ROOT
from dashboard.datasets.schema import DataError
from dashboard.export import bundle
from dashboard.export.site import export_site

DEFAULT_OUT = REPO_ROOT / "artifacts" / "export"


def tracked_by_git(folder: Path) -> bool:
    """True when ``folder`` lies inside this repository and git does not ignore it."""
    folder = folder.resolve()
    if folder != REPO_ROOT and REPO_ROOT not in folder.parents:
        return False
    if folder == REPO_ROOT:
        return True
    try:
        result = subprocess.run(
            ["git", "check-ignore", "-q", str(folder / "index.html")],
            cwd=REPO_ROOT,
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    # 0: ignored; 1: not ignored; 128: not a git work tree (nothing to protect).
    return result.returncode == 1


def human(size: int) -> str:
    """``4.6 MB``, ``212 kB``, ``880 B``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} B"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, export, print what was written."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.export",
        description="Write a self-contained static site of the map, timeline and positions.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder, outside git or git-ignored (default: artifacts/export)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    parser.add_argument(
        "--build-plotly",
        action="store_true",
        help="only build the partial plotly.js bundle (make plotly-bundle; needs node, npm)",
    )
    args = parser.parse_args(argv)
    if args.build_plotly:
        return bundle.build_or_explain()
    if tracked_by_git(args.out):
        parser.error(
            f"{args.out} is inside the repository and not git-ignored; export to "
            "artifacts/export (ignored) or a folder outside the repository"
        )
    try:
        result = export_site(args.out)
    except DataError as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    if result.plotly is not None and result.plotly.note:
        print(f"NOTE: shipping the full plotly.js: {result.plotly.note}", file=sys.stderr)
    if not args.quiet:
        plotly_kind = "partial" if result.plotly and result.plotly.partial else "full"
        print(f"Wrote {len(result.files)} files to {result.folder} ({plotly_kind} plotly.js):")
        compressed = result.gzip_sizes()
        width = max(len(name) for name in result.files)
        for name, size in result.sizes().items():
            print(f"  {name:<{width}} {human(size):>9}  gzip {human(compressed[name]):>9}")
        total = human(result.total_bytes())
        print(f"  {'total':<{width}} {total:>9}  gzip {human(sum(compressed.values())):>9}")
        print("Each text file has .gz and .br twins beside it (for gzip_static / brotli_static).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
