"""data/datapackage.json is the one definition of the tables: valid, complete, and obeyed."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
import yaml

from dashboard.datasets import docs, package, schema, sources
from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.control import CONTROL_BY_REGION, CONTROL_HISTORY
from dashboard.datasets.schema import DataError
from dashboard.datasets.tables import TABLES
from tests.unit.minimal_data import TABLES as MINIMAL
from tests.unit.minimal_data import write_minimal_data, write_table

DATA = Path(__file__).resolve().parents[2] / "data"
PACKAGE = DATA / "datapackage.json"


def descriptor() -> dict[str, Any]:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def fields_of(name: str) -> dict[str, dict[str, Any]]:
    resource = next(r for r in descriptor()["resources"] if r["name"] == name)
    return {field["name"]: field for field in resource["schema"]["fields"]}


def with_source_keys(described: dict[str, Any], source_ids: list[str]) -> dict[str, Any]:
    """The package plus sources.yml's keys as a table, and every source reference as a key."""
    described = copy.deepcopy(described)
    for resource in described["resources"]:
        for field in resource["schema"]["fields"]:
            if field.get("x-dashboard", {}).get("references") == "sources":
                resource["schema"].setdefault("foreignKeys", []).append(
                    {"fields": field["name"], "reference": {"resource": "sources", "fields": "id"}}
                )
    described["resources"].append(
        {
            "name": "sources",
            "profile": "tabular-data-resource",
            "data": [["id"], *([key] for key in source_ids)],
            "schema": {"fields": [{"name": "id", "type": "string"}], "primaryKey": "id"},
        }
    )
    return described


def problems(described: dict[str, Any], folder: Path) -> list[list[Any]]:
    report = frictionless.Package(described, basepath=str(folder)).validate()
    assert not report.errors, report.errors
    return [
        [task.name, *problem]
        for task in report.tasks
        for problem in task.flatten(["rowNumber", "fieldName", "type", "note"])
    ]


# --- the package as open-data tools read it ----------------------------------------------


def test_frictionless_validates_every_table_with_its_foreign_keys() -> None:
    report = frictionless.Package(str(PACKAGE)).validate()
    assert report.valid, report.flatten(["name", "rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == {r["name"] for r in descriptor()["resources"]}


def test_source_ids_are_keys_of_sources_yml_for_frictionless_too() -> None:
    source_ids = list(yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8")))
    assert problems(with_source_keys(descriptor(), source_ids), DATA) == []
    fewer = [source_id for source_id in source_ids if source_id != "geonames"]
    found = problems(with_source_keys(descriptor(), fewer), DATA)
    assert found and all(problem[3] == "foreign-key" for problem in found)


def test_a_broken_foreign_key_is_found_by_frictionless(tmp_path: Path) -> None:
    folder = write_minimal_data(tmp_path / "data")
    write_table(folder / "events.csv", [dict(MINIMAL["events.csv"][0], place_id="atlantis")])
    described = descriptor()
    described["resources"] = [r for r in described["resources"] if "/" not in r["path"]]
    found = problems(described, folder)
    assert [(p[0], p[1], p[3]) for p in found] == [("events", 2, "foreign-key")]


def test_every_csv_column_is_described_and_every_field_is_a_column() -> None:
    resources = {r["path"]: r for r in descriptor()["resources"]}
    csv_files = sorted(
        str(path.relative_to(DATA)) for path in [*DATA.glob("*.csv"), *DATA.glob("derived/*.csv")]
    )
    assert sorted(resources) == csv_files
    for path, resource in resources.items():
        with (DATA / path).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [field["name"] for field in resource["schema"]["fields"]] == header, path
        for field in resource["schema"]["fields"]:
            assert field.get("description") and field.get("title"), (path, field["name"])


def test_sources_yml_fields_are_described() -> None:
    described = descriptor()["x-dashboard"]["sources"]["fields"]
    names = {field["name"] for field in described}
    entries = yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8"))
    assert set().union(*(entry.keys() for entry in entries.values())) <= names
    must_have = {
        field["name"]
        for field in described
        if field.get("constraints", {}).get("required")
        or field.get("x-dashboard", {}).get("keyRequired")
    }
    assert must_have == set(sources.REQUIRED_FIELDS)
    source_type = next(field for field in described if field["name"] == "source_type")
    assert tuple(source_type["constraints"]["enum"]) == schema.SOURCE_TYPES


def test_vocabularies_in_python_are_the_package_enums() -> None:
    events, positions = fields_of("events"), fields_of("positions")
    assert tuple(positions["party"]["constraints"]["enum"]) == schema.NEGOTIATING_PARTIES
    assert tuple(events["claimed_by"]["constraints"]["enum"]) == schema.CLAIMANTS
    assert tuple(events["parties"]["x-dashboard"]["itemEnum"]) == schema.CLAIMANTS
    assert tuple(events["date_precision"]["constraints"]["enum"]) == schema.DATE_PRECISIONS
    assert tuple(events["kind"]["constraints"]["enum"]) == schema.EVENT_KINDS
    assert tuple(positions["stance"]["constraints"]["enum"]) == schema.STANCES
    verdicts = tuple(fields_of("fact_checks")["verdict"]["constraints"]["enum"])
    assert verdicts == schema.VERDICTS
    assert set(schema.CRITICAL_VERDICTS) < set(verdicts)


def test_list_patterns_match_their_items() -> None:
    for resource in descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            extras = field.get("x-dashboard", {})
            if "separator" not in extras:
                continue
            item = "(" + ("|".join(extras["itemEnum"]) if "itemEnum" in extras else "") + ")"
            if "itemPattern" in extras:
                item = f"({extras['itemPattern']})"
            separator = extras["separator"]
            assert field["constraints"]["pattern"] == f"{item}({separator}{item})*", field["name"]


def test_quote_limits_are_the_verifiers() -> None:
    limits = {
        field["x-dashboard"]["maxWords"]
        for resource in descriptor()["resources"]
        for field in resource["schema"]["fields"]
        if "maxWords" in field.get("x-dashboard", {})
    }
    assert limits == {schema.MAX_QUOTE_WORDS}


def test_generated_tables_keep_the_columns_of_their_builder() -> None:
    assert list(CONTROL_BY_REGION.columns) == list(fields_of("control_by_region"))
    assert list(CONTROL_HISTORY.columns) == list(fields_of("control_history"))


# --- the Python schema built from it -----------------------------------------------------


def test_python_schemas_follow_the_package() -> None:
    for name, table in TABLES.items():
        fields = fields_of(name)
        assert list(table.columns) == list(fields)
        for column_name, column in table.columns.items():
            required = fields[column_name].get("constraints", {}).get("required", False)
            assert column.required == required, (name, column_name)
    assert TABLES["events"].key == "event_id"
    assert TABLES["events"].file_name == "events.csv"


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_minimal_data(tmp_path / "data")


BAD_CELLS = [
    ("events.csv", "kind", "meeting", "'meeting' is not one of talks, statement"),
    ("events.csv", "parties", "us;mars", "'mars' is not one of us, russia"),
    ("events.csv", "parties", "us;;russia", "'us;;russia' has an empty item"),
    ("events.csv", "in_article", "yes", "'yes' is not true or false"),
    ("events.csv", "title", "x" * 101, "has 101 characters; at most 100"),
    ("events.csv", "region_id", "Kharkiv", "'Kharkiv' is not an ISO 3166-2 code such as UA-14"),
    ("positions.csv", "score", "3", "3 is outside -2 … 2"),
    ("positions.csv", "event_id", "Berlin Meeting", "'Berlin Meeting' is not an id"),
    ("places.csv", "geonameid", "7036.5", "'7036.5' is not a whole number"),
    ("places.csv", "lon", "east", "'east' is not a plain number"),
    ("places.csv", "country", "Ukraine", "'Ukraine' is not an ISO 3166-1 alpha-2 code"),
    ("issues.csv", "region_ids", "UA-63;Donbas", "'Donbas' is not an ISO 3166-2 code"),
    ("regions.csv", "demand_source_id", "article", "column 'demand_quote': is empty, but a row"),
    ("events.csv", "date_note", "", "column 'date_note': is empty, but the row has a date_basis"),
    ("fact_checks.csv", "verdict", "incorrect", "column 'source_quote': is empty, but a 'incorr"),
    ("fact_checks.csv", "source_quote", "w " * 31, "column 'source_quote': has 31 words"),
]


@pytest.mark.parametrize(("file_name", "column", "value", "expected"), BAD_CELLS)
def test_schema_from_the_package_rejects_bad_cells(
    data_dir: Path, file_name: str, column: str, value: str, expected: str
) -> None:
    write_table(data_dir / file_name, [dict(MINIMAL[file_name][0], **{column: value})])
    with pytest.raises(DataError) as caught:
        load_catalog(data_dir)
    message = str(caught.value)
    assert f"{file_name}, row 1, column '" in message
    assert expected in message


#: The cells above that break the Table Schema itself (the rest break the project's row checks).
SCHEMA_LEVEL = BAD_CELLS[:12]


@pytest.mark.parametrize(("file_name", "column", "value", "expected"), SCHEMA_LEVEL)
def test_frictionless_rejects_the_same_cells(
    data_dir: Path, file_name: str, column: str, value: str, expected: str
) -> None:
    described = descriptor()
    described["resources"] = [r for r in described["resources"] if "/" not in r["path"]]
    assert problems(described, data_dir) == []
    write_table(data_dir / file_name, [dict(MINIMAL[file_name][0], **{column: value})])
    found = problems(described, data_dir)
    assert (file_name.removesuffix(".csv"), 2, column) in [tuple(p[:3]) for p in found]


def test_empty_optional_cells_keep_their_types(data_dir: Path) -> None:
    catalog = load_catalog(data_dir)
    regions = catalog.regions.iloc[0]
    assert regions["annexation_claimed"] is None and regions["demand_claimed_by"] is None
    assert regions["russia_demand"] == "" and regions["demand_source_id"] is None
    assert catalog.events.iloc[0]["date_end"] is None
    assert catalog.events.iloc[0]["claimed_by"] is None
    assert catalog.fact_checks.iloc[0]["source_quote"] == ""


# --- a broken package --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"resources": [', "datapackage.json, row 1: is not valid JSON"),
        ('{"name": "x"}', "datapackage.json: must be a Data Package with a list of 'resources'"),
        ('{"resources": [{"name": "events"}]}', "resource 'events' needs a 'path' and a schema"),
        (
            '{"resources": [{"name": "events", "path": "events.csv", '
            '"schema": {"fields": [{"name": "date", "type": "datetime"}]}}]}',
            "datapackage.json, column 'date': resource 'events': type 'datetime' is not one of",
        ),
        (
            '{"resources": [{"name": "events", "path": "events.csv", '
            '"schema": {"fields": [{"name": "id", "constraints": {"pattern": "[a-"}}]}}]}',
            "datapackage.json, column 'id': resource 'events':",
        ),
    ],
)
def test_broken_package_gives_a_data_error_naming_it(
    tmp_path: Path, text: str, expected: str
) -> None:
    broken = tmp_path / "datapackage.json"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        package.load_package(broken)
    assert expected in str(caught.value)


def test_loading_the_data_with_a_broken_or_missing_package_names_it(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "datapackage.json"
    broken.write_text(PACKAGE.read_text(encoding="utf-8")[:500], encoding="utf-8")
    monkeypatch.setattr(package, "package_path", lambda: broken)
    with pytest.raises(DataError, match=r"datapackage\.json, row \d+: is not valid JSON"):
        load_catalog(data_dir)
    monkeypatch.setattr(package, "package_path", lambda: tmp_path / "missing.json")
    with pytest.raises(DataError, match=r"missing\.json: file is missing"):
        load_catalog(data_dir)
    without_events = descriptor()
    without_events["resources"] = [r for r in without_events["resources"] if r["name"] != "events"]
    broken.write_text(json.dumps(without_events), encoding="utf-8")
    monkeypatch.setattr(package, "package_path", lambda: broken)
    with pytest.raises(DataError, match=r"datapackage\.json: has no resource 'events'"):
        load_catalog(data_dir)


# --- docs and notes written from it ------------------------------------------------------


def test_readme_column_sections_are_up_to_date() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert docs.render_readme(readme, descriptor()) == readme, (
        "data/README.md is stale: run python -m dashboard.datasets.docs"
    )


def test_readme_describes_every_field_and_no_other() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    generated = readme.split(docs.BEGIN)[1].split(docs.END)[0]
    rows = [line.split(" | ")[0].removeprefix("| ") for line in generated.splitlines()]
    listed = [row for row in rows if row and not row.startswith(("|", "#", "column"))]
    described = [
        *(f["name"] for f in descriptor()["x-dashboard"]["sources"]["fields"]),
        *(f["name"] for r in descriptor()["resources"] for f in r["schema"]["fields"]),
    ]
    assert [name for name in listed if name in described] == described
    for resource in descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            assert docs.cell(field["description"]) in generated, (resource["name"], field["name"])


def test_column_notes_give_each_columns_description() -> None:
    notes = package.column_notes("positions")
    assert list(notes) == list(fields_of("positions"))
    assert notes["score"].startswith(fields_of("positions")["score"]["description"])
    assert "From -2 to 2." in notes["score"]
    assert "Primary key." in notes["position_id"]
