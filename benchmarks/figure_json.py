"""Dump every plotly figure the dashboard sends, page by page, to compare two versions.

A refactoring that is not meant to change what readers see must leave these bytes alone::

    .venv/bin/python -m benchmarks.figure_json dump /tmp/before     # on the old commit
    .venv/bin/python -m benchmarks.figure_json dump /tmp/after      # on the new one
    .venv/bin/python -m benchmarks.figure_json compare /tmp/before /tmp/after

Each page runs through Streamlit's AppTest (the real entry point, no browser) in a fixed list
of URL states; each ``st.plotly_chart`` element's JSON spec is written as it would be sent,
and the page's text elements (titles, markdown, captions, notices) without markdown escapes.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "main.py"

#: A backslash escape in Streamlit markdown: removed, so the text compared is what readers see
#: whether a sentence was escaped as a whole or piece by piece.
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+\-.!|$~:&])")

#: (page url_path, state name, URL query) for every view compared.
STATES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("overview", "default", {}),
    ("map", "default", {}),
    ("map", "donetsk", {"region": "UA-14"}),
    ("map", "kupyansk", {"place": "kupyansk"}),
    ("map", "date", {"date": "2025-11-20"}),
    ("timeline", "default", {}),
    ("timeline", "russia", {"party": "russia"}),
    ("timeline", "all", {"all": "1"}),
    ("positions", "default", {}),
    ("positions", "later", {"later": "1"}),
    ("sources", "default", {}),
)


def unescaped(markdown: str) -> str:
    """``markdown`` without its backslash escapes."""
    return MARKDOWN_ESCAPE.sub(r"\1", markdown)


def figure_specs(page: str, query: dict[str, str]) -> tuple[list[str], str]:
    """The JSON spec of every plotly chart on ``page`` opened with ``query``, and its text."""
    from dashboard.page_scripts import PAGES

    spec = next(spec for spec in PAGES if spec.url_path == page)
    at = AppTest.from_file(str(APP), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if not spec.default:
        at.switch_page(str(Path(spec.path).relative_to(APP.parent))).run()
    if at.exception:
        raise RuntimeError(f"{page} {query} raised: {at.exception[0].value}")
    texts = [
        f"{kind}: {unescaped(str(element.value))}"
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
        for element in getattr(at, kind)
    ]
    return [element.proto.spec for element in at.get("plotly_chart")], "\n".join(texts)


def dump(folder: Path) -> None:
    """Write ``<page>-<state>-<n>.json`` for every figure and ``<page>-<state>.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    for page, name, query in STATES:
        specs, text = figure_specs(page, query)
        (folder / f"{page}-{name}.txt").write_text(text, encoding="utf-8")
        for index, spec in enumerate(specs):
            (folder / f"{page}-{name}-{index}.json").write_text(spec, encoding="utf-8")
        print(f"{page:10} {name:10} {len(specs)} figure(s)")


def compare(before: Path, after: Path) -> int:
    """Print which figures differ; 0 when every file is byte-identical."""
    names = sorted({p.name for p in before.glob("*.*")} | {p.name for p in after.glob("*.*")})
    changed = 0
    for name in names:
        old, new = before / name, after / name
        digest = [
            hashlib.sha256(p.read_bytes()).hexdigest()[:12] if p.exists() else "missing"
            for p in (old, new)
        ]
        same = digest[0] == digest[1]
        changed += not same
        print(f"{'same   ' if same else 'CHANGED'} {name}  {digest[0]} {digest[1]}")
    print(f"{len(names) - changed} of {len(names)} figures and page texts byte-identical")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("folder", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.folder)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
