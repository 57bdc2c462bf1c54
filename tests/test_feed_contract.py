"""The contract as code, as documentation and as validation say the same thing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from conftest import REPO_ROOT
from druktemeter.plugin.core.model import Cell, FeedMeta, Interval, Trend
from druktemeter.plugin.feed import contract
from druktemeter.plugin.feed.parsing import parse_cells, parse_counts, parse_meta

END = datetime(2026, 11, 25, 21, 45, tzinfo=timezone.utc)
INTERVAL = Interval(END - timedelta(minutes=15), END)
COUNTS = {"a": 120, "b": None, "c": 45}  # an `equal` under 15 + dead band is not trusted without history
TRENDS = {"a": Trend.DOWN, "b": Trend.UNKNOWN, "c": Trend.EQUAL}


def encoded(payload: dict) -> bytes:
    return json.dumps(payload).encode()


def test_openapi_documents_every_path_of_the_contract():
    spec = yaml.safe_load((REPO_ROOT / "docs" / "openapi.yaml").read_text())
    assert spec["openapi"].startswith("3.")
    paths = {contract.PATH_META, contract.PATH_HEALTH, contract.PATH_CELLS, contract.PATH_COUNTS}
    assert paths | {contract.PATH_EXERCISE} == set(spec["paths"])
    form = next(p for p in spec["paths"][contract.PATH_COUNTS]["get"]["parameters"] if "name" in p)
    assert form["schema"]["enum"] == [contract.COLUMNAR]
    codes = spec["components"]["schemas"]["CountsColumnar"]["properties"]["trends"]["pattern"]
    assert set(contract.TREND_CODES.values()) == set(codes.strip("^[]*$"))


def test_every_documented_path_is_described_in_api_md():
    text = (REPO_ROOT / "docs" / "api.md").read_text()
    for path in (contract.PATH_META, contract.PATH_HEALTH, contract.PATH_CELLS, contract.PATH_COUNTS):
        assert f"`GET {path}`" in text


def test_builders_round_trip_through_the_parser():
    meta = FeedMeta("P", "© P", "terms", 15, 20, "https://example.org/t")
    assert parse_meta(encoded(contract.meta_payload(meta))) == meta
    square = {"type": "Polygon", "coordinates": [[[4.0, 52.0], [4.1, 52.0], [4.1, 52.1], [4.0, 52.0]]]}
    cells = [
        Cell(i, square, {"area_km2": 1.0}, place="Markt, 's-Hertogenbosch" if i == "a" else None)
        for i in COUNTS
    ]
    assert parse_cells(encoded(contract.cells_payload(cells))).cells == tuple(cells)
    for columnar in (False, True):
        body = encoded(contract.counts_payload(INTERVAL, 15, COUNTS, TRENDS, columnar=columnar))
        snapshot = parse_counts(body, known_ids=set(COUNTS), now=END)
        assert (snapshot.interval, snapshot.counts, snapshot.trends) == (INTERVAL, COUNTS, TRENDS)


def test_problem_documents_follow_rfc_9457():
    problem = contract.problem_payload(429, "Too Many Requests", "wait 2 s")
    assert problem == {
        "type": "about:blank",
        "title": "Too Many Requests",
        "status": 429,
        "detail": "wait 2 s",
    }


def test_times_are_utc_with_z():
    amsterdam = timezone(timedelta(hours=1))
    assert (
        contract.iso_utc(datetime(2026, 11, 25, 22, 45, 7, 999, tzinfo=amsterdam)) == "2026-11-25T21:45:07Z"
    )


def test_columnar_counts_without_ids_follow_the_cell_list_they_name():
    import dataclasses

    import pytest
    from druktemeter.plugin.core.model import CellSet
    from druktemeter.plugin.feed.errors import FeedPayloadError

    square = {"type": "Polygon", "coordinates": [[[4.0, 52.0], [4.1, 52.0], [4.1, 52.1], [4.0, 52.0]]]}
    listed = [*COUNTS, "NO-DATA-CELL"]  # a listed cell without a count this interval
    cells = CellSet(tuple(Cell(i, square) for i in listed), etag='W/"list-1"')
    payload = contract.counts_payload(INTERVAL, 15, COUNTS, TRENDS, columnar=True)
    aligned = contract.aligned_columnar(payload, listed, cells.etag)
    assert "ids" not in aligned and aligned["cells_etag"] == 'W/"list-1"'
    assert aligned["trends"][-1] == contract.NO_DATA_CODE and aligned["counts"][-1] is None
    snapshot = parse_counts(encoded(aligned), cells=cells, now=END)
    assert (snapshot.counts, snapshot.trends) == (COUNTS, TRENDS)
    assert "NO-DATA-CELL" not in snapshot.counts, "absent means no data, never 0"
    for held in (None, dataclasses.replace(cells, etag='W/"list-2"')):
        with pytest.raises(FeedPayloadError) as refused:
            parse_counts(encoded(aligned), cells=held, now=END)
        assert refused.value.reason == "cells_changed"


# ------------------------------------------------------------------ the OpenAPI schemas and the parser agree


def _json_schema(node):
    """OpenAPI 3.0 schema -> JSON Schema draft 4: `nullable: true` becomes "or null"."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def openapi_validator(name: str):
    jsonschema = pytest.importorskip("jsonschema")
    spec = yaml.safe_load((REPO_ROOT / "docs" / "openapi.yaml").read_text())
    root = {"$ref": f"#/components/schemas/{name}", "components": _json_schema(spec["components"])}
    return jsonschema.Draft4Validator(root)


FIXTURES = REPO_ROOT / "tests" / "fixtures" / "feed"


@pytest.mark.parametrize(
    ("schema", "name", "valid"),
    [
        ("Meta", "meta.json", True),
        ("CellCollection", "cells.json", True),
        ("CellCollection", "cells_with_places.json", True),
        ("CellCollection", "cells_with_personal_properties.json", False),
        ("CellCollection", "cells_with_newline_id.json", False),
        ("CellCollection", "cells_with_point_trace.json", False),
        ("CountsPerCell", "counts_cells.json", True),
        ("CountsPerCell", "counts_with_personal_fields.json", False),
        ("CountsPerCell", "counts_with_imsi.json", False),
        ("CountsColumnar", "counts_columnar.json", True),
    ],
)
def test_saved_payloads_are_judged_alike_by_the_openapi_schema_and_the_parser(schema, name, valid):
    document = json.loads((FIXTURES / name).read_bytes())
    errors = list(openapi_validator(schema).iter_errors(document))
    assert (not errors) is valid, [e.message for e in errors]


def test_what_the_simulator_serves_follows_the_openapi_schemas():
    from druktemeter.plugin.simulator import build_source

    source = build_source("markt", start=datetime(2026, 6, 13, 12, 0))
    cells = source.cells_payload()
    columnar = source.counts_payload(columnar=True)
    order = [feature["id"] for feature in cells["features"]]
    served = {
        "Meta": source.meta_payload(),
        "Health": source.health_payload(),
        "CellCollection": cells,
        "CountsPerCell": source.counts_payload(),
        "CountsColumnar": columnar,
        "CountsAligned": contract.aligned_columnar(columnar, order, source.cells_etag),
    }
    for schema, payload in served.items():
        errors = list(openapi_validator(schema).iter_errors(json.loads(json.dumps(payload))))
        assert not errors, (schema, [e.message for e in errors[:3]])


def test_every_test_docs_privacy_md_names_exists():
    """docs/privacy.md maps each attack to tests; a renamed or deleted test must not leave it lying."""
    import ast
    import re

    text = (REPO_ROOT / "docs" / "privacy.md").read_text()
    named, module = [], None
    for match in re.finditer(r"`(test_\w+\.py)?(?:::)?(test_\w+)?`", text):
        module = match.group(1) or module
        if match.group(2):
            named.append((module, match.group(2)))
    assert len(named) > 40
    for module, name in named:
        tree = ast.parse((REPO_ROOT / "tests" / module).read_text())
        functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert name in functions, f"docs/privacy.md names {module}::{name}, which does not exist"
