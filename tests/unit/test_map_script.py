"""The map scripts' shared code: one library, scripts that wait for it."""

from __future__ import annotations

import pytest

from dashboard.figures.map_script import FIT_JS, LIBRARY_NAMES, fit_library, using_library


def test_the_library_exposes_its_names_from_the_fitting_code() -> None:
    library = fit_library()
    assert library.startswith("window.mapFit = (() => {") and FIT_JS.strip() in library
    assert library.rstrip().endswith("return {" + ", ".join(LIBRARY_NAMES) + "};\n})();")
    for name in LIBRARY_NAMES:
        assert f"const {name} = " in FIT_JS, name


def test_a_script_runs_its_first_part_at_once_and_the_rest_with_the_library() -> None:
    script = using_library("(() => {\n  window.__first = 1;\n  USES_MAP_FIT\n  fitMap(m);\n})();\n")
    before, after = script.split("withMapFit((", 1)
    assert "window.__first = 1;" in before and "fitMap(m);" in after
    assert "if (window.mapFit) run(window.mapFit);" in before
    assert after.startswith("{" + ", ".join(LIBRARY_NAMES) + "}) => {")
    assert script.rstrip().endswith("fitMap(m);\n  });\n})();")
    assert "USES_MAP_FIT" not in script


@pytest.mark.parametrize(
    "script",
    [
        "(() => {\n  fitMap(m);\n})();",
        "(() => {\n  USES_MAP_FIT\n  USES_MAP_FIT\n})();",
        "USES_MAP_FIT\n",
    ],
)
def test_a_script_must_have_one_library_line_in_an_arrow_function(script: str) -> None:
    with pytest.raises(ValueError):
        using_library(script)
