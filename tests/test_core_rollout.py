"""Roll-out files: round trip, and every kind of bad file refused with a reason before anything applies."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.rollout import (
    FORMAT_MARKER,
    RolloutError,
    export_document,
    exported_keys,
    parse_document,
    read_file,
    weakened_security,
    write_file,
)

NOW = datetime(2026, 11, 25, 22, 0, tzinfo=timezone.utc)


def configured() -> dict:
    values = {key: setting.default for key, setting in SETTINGS.items()}
    values.update(
        {
            "feed/url": "https://drukte.example.nl/api",
            "feed/authcfg": "abc1234",
            "feed/poll_seconds": 120,
            "feed/verify_tls": False,
            "map/band_edges": "20,100,400",
            "region/name": "Brabant-Noord",
            "region/feature_expression": "\"statnaam\" = 'Brabant-Noord'",
            "alerts/count_threshold": 2500,
            "alerts/clear_ratio": 0.75,
            "feed/paused": True,  # workstation-local: never exported
        }
    )
    return values


def exported(tmp_path) -> dict:
    path = tmp_path / "config.json"
    write_file(path, configured(), NOW)
    return json.loads(path.read_text(encoding="utf-8"))


def test_round_trip_returns_every_exported_setting(tmp_path):
    path = tmp_path / "config.json"
    write_file(path, configured(), NOW)
    values = configured()
    assert read_file(path) == {key: values[key] for key in exported_keys()}


def test_the_file_is_marked_versioned_and_holds_only_exported_keys(tmp_path):
    document = exported(tmp_path)
    assert document["format"] == FORMAT_MARKER and document["schema_version"] == 1
    assert document["exported_at"] == "2026-11-25T22:00:00Z"
    assert "feed/paused" not in document["settings"] and "demo/enabled" not in document["settings"]
    assert document["settings"]["feed/authcfg"] == "abc1234"  # only the id of the auth configuration


def refused(text: str) -> str:
    with pytest.raises(RolloutError) as caught:
        parse_document(text)
    return str(caught.value)


def test_broken_and_truncated_json_is_refused(tmp_path):
    text = json.dumps(exported(tmp_path))
    assert "not valid JSON" in refused(text[: len(text) // 2])
    assert "not valid JSON" in refused("")


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"settings": {}},
        {"format": "qgis_project", "schema_version": 1, "settings": {}},
        {"type": "FeatureCollection"},
    ],
)
def test_foreign_documents_are_refused(document):
    assert refused(json.dumps(document)) == "This is not a Druktemeter configuration file."


def test_a_newer_schema_asks_for_an_update(tmp_path):
    document = exported(tmp_path)
    document["schema_version"] = 2
    assert "newer Druktemeter" in refused(json.dumps(document))


def test_every_problem_is_named_and_nothing_partial_is_returned(tmp_path):
    document = exported(tmp_path)
    settings = document["settings"]
    settings["feed/token"] = "secret"
    del settings["alerts/cooldown_minutes"]
    settings["feed/poll_seconds"] = "60"
    settings["feed/verify_tls"] = 1
    settings["map/band_edges"] = "50,20"
    settings["feed/url"] = "ftp://example.nl"
    message = refused(json.dumps(document))
    assert message.startswith("The configuration was not imported; nothing was changed.")
    for expected in (
        "Unknown setting: feed/token",
        "Missing setting: alerts/cooldown_minutes",
        "feed/poll_seconds: Expected a whole number, got '60'.",
        "feed/verify_tls: Expected true or false, got 1.",
        "map/band_edges: Each band edge must be larger than the one before it.",
        "feed/url: Enter a web address that starts with http:// or https://",
    ):
        assert expected in message


def test_workstation_local_keys_are_not_accepted_in_a_rollout(tmp_path):
    document = exported(tmp_path)
    document["settings"]["demo/enabled"] = True
    assert "Unknown setting: demo/enabled" in refused(json.dumps(document))


def test_unreadable_and_oversized_files_are_refused(tmp_path):
    with pytest.raises(RolloutError, match="could not be read"):
        read_file(tmp_path / "missing.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2_000_000)
    with pytest.raises(RolloutError, match="too large"):
        read_file(big)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "\xe9"}')
    with pytest.raises(RolloutError, match="could not be read"):
        read_file(latin)


def test_a_setting_named_twice_is_refused(tmp_path):
    """A checker that keeps the first value and an importer that keeps the last would disagree."""
    text = json.dumps(exported(tmp_path))
    doubled = text.replace('"feed/verify_tls": false', '"feed/verify_tls": true, "feed/verify_tls": false')
    assert doubled != text
    message = refused(doubled)
    assert "feed/verify_tls" in message and "twice" in message


def test_the_roll_out_file_is_private(tmp_path):
    import stat

    path = tmp_path / "config.json"
    write_file(path, configured(), NOW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_weakened_security_names_tls_off_and_plain_http():
    safe = {"feed/url": "https://drukte.example.nl", "feed/verify_tls": True}
    assert weakened_security(safe, safe) == []
    weaker = {"feed/url": "http://127.0.0.1:8080", "feed/verify_tls": False}
    reasons = weakened_security(safe, weaker)
    assert len(reasons) == 2 and "certificate" in reasons[0] and "http://127.0.0.1:8080" in reasons[1]
    assert weakened_security(weaker, weaker) == [], "nothing changes: nothing to confirm"


def test_an_address_with_a_secret_in_a_roll_out_file_is_refused():
    values = configured()
    values["feed/url"] = "https://drukte.example.nl/api?token=geheim"
    document = json.dumps(export_document(values, NOW))
    with pytest.raises(RolloutError) as refused:
        parse_document(document)
    assert "feed/url: Remove the token or key" in str(refused.value)
