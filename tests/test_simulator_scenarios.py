"""Scenario files: the bundled ones load; broken ones say which file, where and what."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime, timezone

import pytest
from conftest import REPO_ROOT
from druktemeter.plugin.core import i18n
from druktemeter.plugin.feed.contract import MAX_SCENARIO_BYTES
from druktemeter.plugin.simulator.scenarios import (
    ScenarioError,
    bundled_scenarios,
    load_scenario,
    scenario_from_text,
)

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import i18n as i18n_tool

UTC = timezone.utc

VALID = {
    "name": "oefening",
    "description": {"nl": "Een oefening.", "en": "An exercise."},
    "start": "2026-06-13T09:00",
    "region": "brabant-noord",
    "events": [
        {
            "kind": "gathering",
            "name": "Markt",
            "location": [5.3037, 51.6886],
            "radius_m": 100,
            "start": "10:00",
            "peak": "12:00",
            "end": "2026-06-13T15:30",
            "peak_extra": 500,
        },
        {
            "kind": "procession",
            "name": "Stoet",
            "path": [
                {"at": "13:00", "location": [5.2935, 51.6905]},
                {"at": "14:00", "location": [5.3140, 51.6893]},
            ],
            "radius_m": 150,
            "start": "12:30",
            "peak": "13:30",
            "end": "15:00",
            "peak_extra": 800,
        },
    ],
}


def write(tmp_path, document, name="mijn-oefening.json"):
    path = tmp_path / name
    path.write_text(
        document if isinstance(document, str) else json.dumps(document, indent=2), encoding="utf-8"
    )
    return path


def broken(tmp_path, change):
    document = json.loads(json.dumps(VALID))
    change(document)
    return write(tmp_path, document)


def error_for(path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value


@pytest.mark.parametrize("name", ["markt", "park", "carnaval"])
def test_bundled_scenarios_load(name):
    scenario = load_scenario(name)
    assert scenario.name == name
    assert scenario.description["nl"] and scenario.description["en"]
    assert scenario.events and scenario.alerts
    assert set(bundled_scenarios()) >= {"markt", "park", "carnaval"}


def test_a_trainers_file_loads_with_local_times_and_defaults(tmp_path):
    scenario = load_scenario(str(write(tmp_path, VALID)))
    assert (scenario.seed, scenario.min_count, scenario.region) == (1, 15, "brabant-noord")
    assert scenario.start == datetime(2026, 6, 13, 7, 0, tzinfo=UTC)  # 09:00 CEST
    gathering, procession = scenario.events
    assert gathering.peak == datetime(2026, 6, 13, 10, 0, tzinfo=UTC)
    assert gathering.end == datetime(2026, 6, 13, 13, 30, tzinfo=UTC)
    assert gathering.strength(gathering.start) == 0 and gathering.strength(gathering.peak) == 1
    assert 0 < gathering.strength(datetime(2026, 6, 13, 9, 0, tzinfo=UTC)) < 1
    assert gathering.strength(gathering.end) == 0
    assert procession.position(datetime(2026, 6, 13, 11, 30, tzinfo=UTC)) == pytest.approx((5.30375, 51.6899))
    assert procession.position(datetime(2026, 6, 13, 16, 0, tzinfo=UTC)) == (5.3140, 51.6893)


def test_the_files_text_is_kept_and_reads_back_as_the_same_scenario(tmp_path):
    """The reference service hands the text to classroom stations (docs/statistics.md)."""
    path = write(tmp_path, VALID)
    scenario = load_scenario(path)
    assert scenario.text == path.read_text(encoding="utf-8")
    again = scenario_from_text(scenario.text, "the service's")
    assert again.file == "the service's"
    assert dataclasses.replace(again, file=scenario.file) == scenario


def test_a_file_too_large_for_a_scenario_is_refused_unread(tmp_path):
    padded = json.dumps(VALID) + " " * MAX_SCENARIO_BYTES
    error = error_for(write(tmp_path, padded))
    assert error.place == "the file" and "larger than 64 KB" in error.problem
    with pytest.raises(ScenarioError, match="larger than 64 KB"):
        scenario_from_text(padded, "the service's")


def test_a_text_nested_too_deeply_is_refused_in_words():
    """Python 3.11 gives up on this nesting (RecursionError), 3.13 parses it: a ScenarioError both ways."""
    deep = '{"name": ' + "[" * 30_000 + "]" * 30_000 + "}"
    assert len(deep) < MAX_SCENARIO_BYTES
    with pytest.raises(ScenarioError, match=r"not a scenario's JSON|must be text"):
        scenario_from_text(deep, "the service's")


def test_invalid_json_names_line_and_column(tmp_path):
    text = json.dumps(VALID, indent=2).replace('"region": "brabant-noord",', '"region": "brabant-noord"')
    path = write(tmp_path, text)
    error = error_for(path)
    line = text.splitlines().index('  "region": "brabant-noord"') + 2
    assert error.file == str(path)
    assert error.place == f"line {line}, column 3"
    assert "invalid JSON" in error.problem
    assert str(error).startswith(f'Scenario file "{path}", line {line}, column 3: invalid JSON')


def test_a_key_named_twice_is_refused(tmp_path):
    """Which region would count? Neither: the trainer is told."""
    text = json.dumps(VALID).replace(
        '"region": "brabant-noord"', '"region": "brabant-noord", "region": "x"', 1
    )
    assert '"region": "x"' in text
    error = error_for(write(tmp_path, text))
    assert "'region' twice" in error.problem


@pytest.mark.parametrize(
    ("change", "place", "problem"),
    [
        (lambda d: d["events"][1].pop("peak"), "events[1].peak", "this required field is missing"),
        (lambda d: d.pop("start"), "start", "this required field is missing"),
        (lambda d: d["events"][0].update(radius_m="100"), "events[0].radius_m", "must be a number"),
        (lambda d: d.update(seed=1.5), "seed", "must be a whole number"),
        (lambda d: d["events"][0].update(peak="12.00"), "events[0].peak", '"12.00" is not a time'),
        (lambda d: d["events"][0].update(start="25:00"), "events[0].start", '"25:00" is not a time'),
        (lambda d: d.update(start="13-06-2026 09:00"), "start", "is not a date and time"),
        (lambda d: d["events"][0].update(kind="concert"), "events[0].kind", 'unknown event kind "concert"'),
        (lambda d: d["events"][0].update(peek="11:00"), "events[0].peek", "unknown field"),
        (lambda d: d["events"][0].update(end="11:00"), "events[0].end", "must come after events[0].peak"),
        (
            lambda d: d["events"][0].update(location=[51.6886, 5.3037]),
            "events[0].location",
            "outside the region",
        ),
        (lambda d: d["events"][1]["path"][1].update(at="12:00"), "events[1].path[1].at", "must increase"),
        (lambda d: d["events"][1].update(path=[]), "events[1].path", "at least two waypoints"),
        (lambda d: d["events"][0].update(path=[]), "events[0].path", "a gathering has a location"),
        (lambda d: d["events"][1].update(location=[5.3, 51.7]), "events[1].location", "not both"),
        (lambda d: d.update(events={}), "events", "must be a list"),
        (lambda d: d["description"].pop("nl"), "description.nl", "this required field is missing"),
        (lambda d: d.update(region="haaglanden"), "region", "unknown region"),
        (lambda d: d["events"][0].update(peak_extra=-5), "events[0].peak_extra", "greater than zero"),
    ],
)
def test_schema_errors_name_the_json_path_and_the_problem(tmp_path, change, place, problem):
    path = broken(tmp_path, change)
    error = error_for(path)
    assert (error.file, error.place) == (str(path), place)
    assert problem in error.problem
    assert f'"{path}", {place}: ' in str(error)


def test_a_document_that_is_not_an_object(tmp_path):
    error = error_for(write(tmp_path, "[1, 2]"))
    assert (error.place, error.problem) == ("the top level", "must be an object ({...})")


def test_unknown_names_and_missing_files_are_explained(tmp_path):
    error = error_for("kermis")
    assert "markt" in error.problem and "file path" in error.problem
    missing = tmp_path / "weg.json"
    error = error_for(missing)
    assert error.file == str(missing) and "cannot be read" in error.problem
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"name": "caf\xe9"}'.encode("latin-1"))
    assert "UTF-8" in error_for(latin1).problem


def test_messages_are_dutch_when_the_plugin_speaks_dutch(tmp_path):
    translations = {
        source: text for source, (text, finished) in i18n_tool.read_translations().items() if finished
    }
    i18n.install(lambda context, text: translations.get(text, text))
    try:
        error = error_for(broken(tmp_path, lambda d: d["events"][1].pop("peak")))
    finally:
        i18n.install(None)
    assert str(error) == (
        f'Scenariobestand "{error.file}", events[1].peak: dit verplichte veld ontbreekt. '
        "Verbeter het bestand of kies een ander scenario."
    )
