"""Benchmarks and tests stay apart: they share only the browser harness."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_test_module_imports_the_benchmarks() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "tests").rglob("*.py")
        if any(name.split(".")[0] == "benchmarks" for name in imported_modules(path))
    ]
    assert offenders == []


def test_benchmarks_import_only_the_harness_from_tests() -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(
            name
            for name in imported_modules(path)
            if name.split(".")[0] == "tests" and not name.startswith("tests.harness")
        )
        for path in (REPO / "benchmarks").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
