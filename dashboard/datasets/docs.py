"""The column sections of ``data/README.md``, written from ``data/datapackage.json``.

``python -m dashboard.datasets.docs`` rewrites the part of the README between the two
markers; ``--check`` only says whether it is up to date (a unit test runs that check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dashboard.datasets import paths
from dashboard.datasets.package import (
    EXTRAS,
    field_note,
    field_type,
    load_package,
    primary_key,
)
from dashboard.datasets.schema import DataError

BEGIN = (
    "<!-- BEGIN columns: written from datapackage.json by "
    "`python -m dashboard.datasets.docs`; edit that file, not this part -->"
)
END = "<!-- END columns -->"


def readme_path() -> Path:
    """The repository's ``data/README.md``."""
    return paths.REPO_ROOT / "data" / "README.md"


def cell(text: str) -> str:
    """Text fit for one markdown table cell (no pipes or line breaks)."""
    return " ".join(text.replace("|", "\\|").split())


def field_table(fields: list[dict[str, Any]], key: str | None) -> list[str]:
    """A markdown table with one row per field."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for field in fields:
        lines.append(f"| {field['name']} | {field_type(field)} | {cell(field_note(field, key))} |")
    return lines


def render_sections(descriptor: dict[str, Any]) -> str:
    """The README's column sections: ``sources.yml``, then one per resource, in package order."""
    sources = descriptor.get(EXTRAS, {}).get("sources")
    lines: list[str] = []
    if sources:
        lines += [f"## {sources['path']}", "", sources["description"], ""]
        lines += [*field_table(sources["fields"], None), ""]
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        key = primary_key(schema)
        lines += [f"## {resource['path']}", "", f"**{resource['title']}.**"]
        lines[-1] += f" {resource['description']}"
        generated = resource.get(EXTRAS, {}).get("generatedBy")
        if generated:
            lines[-1] += f" Written by `{generated}` (generated, do not edit)."
        lines += ["", *field_table(schema["fields"], key), ""]
    return "\n".join(lines)


def render_readme(readme: str, descriptor: dict[str, Any]) -> str:
    """``readme`` with the part between the markers written from ``descriptor``."""
    if readme.count(BEGIN) != 1 or readme.count(END) != 1:
        raise DataError("data/README.md", "needs the BEGIN and END columns markers once each")
    head, rest = readme.split(BEGIN)
    _, tail = rest.split(END)
    return f"{head}{BEGIN}\n\n{render_sections(descriptor)}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or, with ``--check``, check) the column sections of ``data/README.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the README is stale")
    arguments = parser.parse_args(argv)
    path = readme_path()
    current = path.read_text(encoding="utf-8")
    wanted = render_readme(current, load_package().descriptor)
    if current == wanted:
        print(f"{path.name} is up to date with datapackage.json")
        return 0
    if arguments.check:
        print(f"{path.name} is out of date: run python -m dashboard.datasets.docs")
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"{path.name}: column sections rewritten from datapackage.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
