"""Command line: ``python -m dashboard.build geo|control|costs|fetch|glyphs``.

Examples::

    python -m dashboard.build geo
    python -m dashboard.build fetch --from 2025-11-01 --to 2026-01-31
    python -m dashboard.build fetch --dates 2025-12-15 --source-dir ../shared/geo/deepstate/daily
    python -m dashboard.build control
    python -m dashboard.build glyphs --font-dir /usr/share/fonts/truetype/open-sans
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from dashboard.build import areas, control, costs, geo, glyphs


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("timeout must be positive")
    return value


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.build",
        description="Build the map layers and control figures of the dashboard.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    geo_parser = commands.add_parser("geo", help="simplify Natural Earth into data/geo/*.geojson")
    geo_parser.add_argument(
        "--source", type=Path, help="full-detail Natural Earth folder (default: shared)"
    )
    geo_parser.add_argument("--out", type=Path, help="output folder (default: data/geo)")

    fetch_parser = commands.add_parser(
        "fetch", help="download or copy DeepStateMap daily snapshots into the cache"
    )
    when = fetch_parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--dates", nargs="+", type=_iso_date, metavar="DATE", help="dates")
    when.add_argument("--from", dest="start", type=_iso_date, metavar="DATE", help="first date")
    fetch_parser.add_argument("--to", dest="end", type=_iso_date, metavar="DATE", help="last date")
    origin = fetch_parser.add_mutually_exclusive_group()
    origin.add_argument("--source-dir", type=Path, help="copy from this folder, no download")
    origin.add_argument(
        "--base-url",
        help=f"archive URL prefix (default: ${control.BASE_URL_ENV} or {control.DEFAULT_BASE_URL})",
    )
    fetch_parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=control.DEFAULT_TIMEOUT_SECONDS,
        help="network timeout in seconds (default: %(default)g)",
    )
    fetch_parser.add_argument(
        "--cache-dir",
        type=Path,
        help="cache folder (default: $DASHBOARD_CACHE_DIR/deepstate/daily)",
    )
    fetch_parser.add_argument(
        "--force", action="store_true", help="fetch again even if a valid copy is cached"
    )

    control_parser = commands.add_parser(
        "control", help="compute data/derived/control_*.csv from the snapshots"
    )
    control_parser.add_argument(
        "--snapshots", type=Path, help="folder of daily snapshots (default: shared daily folder)"
    )
    control_parser.add_argument("--monthly", type=Path, help="monthly control file")
    control_parser.add_argument("--natural-earth", type=Path, help="Natural Earth folder")
    control_parser.add_argument("--out", type=Path, help="output folder (default: data/derived)")

    costs_parser = commands.add_parser(
        "costs", help="compute data/derived/proposal_*.csv for the article's date"
    )
    costs_parser.add_argument(
        "--date", type=_iso_date, default=costs.COMMITTED_DAY, help="snapshot date"
    )
    costs_parser.add_argument("--out", type=Path, help="output folder (default: data/derived)")

    glyphs_parser = commands.add_parser(
        "glyphs", help="render the map's text glyphs into dashboard/static/glyphs"
    )
    glyphs_parser.add_argument(
        "--font-dir",
        type=Path,
        help=f"folder with OpenSans-Regular.ttf (default: {glyphs.DEFAULT_FONT_DIR})",
    )
    glyphs_parser.add_argument(
        "--out", type=Path, help="output folder (default: dashboard/static/glyphs)"
    )
    return parser


def run_geo(args: argparse.Namespace) -> int:
    """Write the simplified layers."""
    for path in geo.build_geo(args.source, args.out).values():
        print(f"wrote {path} ({path.stat().st_size / 1024:.1f} kB)")
    return 0


def run_fetch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Fetch snapshots; print one line per date and a summary."""
    if args.dates:
        if args.end is not None:
            parser.error("--to goes with --from, not with --dates")
        days = sorted(set(args.dates))
    else:
        if args.end is None:
            parser.error("--from needs --to")
        try:
            days = control.date_range(args.start, args.end)
        except ValueError as error:
            parser.error(str(error))
    results = control.fetch_snapshots(
        days,
        cache_dir=args.cache_dir,
        source_dir=args.source_dir,
        base_url=args.base_url,
        timeout=args.timeout,
        force=args.force,
        progress=sys.stderr,
        report=sys.stdout,
    )
    control.print_summary(results, sys.stderr)
    return control.exit_code(results)


def run_control(args: argparse.Namespace) -> int:
    """Compute the control figures."""
    written = areas.build_control(args.snapshots, args.monthly, args.natural_earth, args.out)
    for path in written.values():
        print(f"wrote {path}")
    return 0


def run_costs(args: argparse.Namespace) -> int:
    """Compute the committed cost figures of the proposals."""
    for path in costs.build_costs(args.date, out_dir=args.out).values():
        print(f"wrote {path}")
    return 0


def run_glyphs(args: argparse.Namespace) -> int:
    """Write the glyph files; print their count and total size."""
    try:
        written = glyphs.build_glyphs(args.font_dir, args.out)
    except ImportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = sum(path.stat().st_size for path in written)
    folder = written[0].parents[1] if written else args.out
    print(f"wrote {len(written)} glyph files into {folder} ({size / 1024:.1f} kB)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; return the process exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "geo":
            return run_geo(args)
        if args.command == "fetch":
            return run_fetch(args, parser)
        if args.command == "glyphs":
            return run_glyphs(args)
        if args.command == "costs":
            return run_costs(args)
        return run_control(args)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
