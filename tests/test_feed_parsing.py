"""Payload validation on saved fixtures: accepted whole, or rejected whole with a precise reason."""

from __future__ import annotations

import contextlib
import json
import logging
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.core.trend import lowest_unambiguous_count, published_trend, trend_between
from druktemeter.plugin.feed import contract, parsing
from druktemeter.plugin.feed.errors import FeedError, FeedPayloadError, FeedTimeError
from druktemeter.plugin.feed.parsing import (
    MAX_COUNT,
    parse_cells,
    parse_counts,
    parse_health_time,
    parse_meta,
)
from hypothesis import given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures" / "feed"
NOW = datetime(2026, 11, 25, 21, 50, tzinfo=timezone.utc)  # 5 minutes after the fixtures' interval
KNOWN = {f"AMS-{n:03d}" for n in range(6)}


@pytest.fixture(autouse=True, scope="module", params=["whole windows", "7-byte windows"])
def text_window(request):
    """Every test here twice: the body decoded in windows of a megabyte (a fixture fits in one),
    and in windows of 7 bytes, so that every value, escape and multi-byte character is cut at a
    window's edge somewhere, with the same result and the same error, placed the same."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "7-byte windows":
            patch.setattr(parsing._Text, "WINDOW", 7)
        yield request.param


def test_a_number_at_a_windows_edge_is_read_whole_and_positions_count_in_the_whole_text(monkeypatch):
    monkeypatch.setattr(parsing._Text, "WINDOW", 4)
    text = parsing._Text('  [1234567890, "é\\u00e9", true]  '.encode())
    position = text.skip_space(0)
    assert position == 2 and text.startswith("[", position)
    assert text.value_at(3) == (1234567890, 13)
    assert text.value_at(text.skip_space(14)) == ("éé", 24)
    assert text.value_at(26) == (True, 30) and text.startswith("]", 30)
    assert text.ends_at(31)


def test_a_body_that_is_not_text_is_refused_as_such_even_after_a_syntax_error():
    body = b'{"type" 5, "features": []}' + b" " * 50 + b"\xff"
    error = rejected(body, "invalid_json", parse=parse_cells)
    assert error.facts == {"where": "UnicodeDecodeError"}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(name: str, edit) -> bytes:
    doc = json.loads(fixture(name))
    edit(doc)
    return json.dumps(doc).encode()


def counts(body: bytes, **kwargs) -> CountsSnapshot:
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("known_ids", KNOWN)
    return parse_counts(body, **kwargs)


def rejected(body: bytes, reason: str, parse=counts) -> FeedPayloadError:
    with pytest.raises(FeedPayloadError) as caught:
        parse(body)
    assert caught.value.reason == reason, caught.value.detail
    assert caught.value.user_message()  # renders with every fact filled in
    return caught.value


# ------------------------------------------------------------------ accepted


def test_meta_fixture():
    meta = parse_meta(fixture("meta.json"))
    assert meta.provider == "Voorbeeld Telecom"
    assert meta.interval_minutes == 15 and meta.min_count == 15
    assert meta.terms_url == "https://example.org/voorwaarden"


def test_cells_fixture_keeps_ids_geometry_and_properties():
    cell_set = parse_cells(fixture("cells.json"))
    assert [c.id for c in cell_set.cells] == sorted(KNOWN)
    first = cell_set.cells[0]
    assert first.geometry["type"] == "Polygon"
    assert first.properties == {"site": "AMS00", "technology": "LTE", "area_km2": 0.76}


@pytest.mark.parametrize("name", ["counts_columnar.json", "counts_cells.json"])
def test_both_counts_forms_give_the_same_snapshot(name):
    snapshot = counts(fixture(name))
    assert snapshot.interval == Interval(
        datetime(2026, 11, 25, 21, 30, tzinfo=timezone.utc),
        datetime(2026, 11, 25, 21, 45, tzinfo=timezone.utc),
    )
    assert snapshot.min_count == 15
    assert snapshot.counts == {
        "AMS-000": 1520,
        "AMS-001": None,
        "AMS-002": 87,
        "AMS-003": 15,
        "AMS-004": 402,
        "AMS-005": 3010,
    }
    assert snapshot.trends["AMS-000"] is Trend.UP
    assert snapshot.trends["AMS-001"] is Trend.UNKNOWN  # suppressed: no trend either
    assert snapshot.trends["AMS-002"] is Trend.EQUAL
    assert snapshot.trends["AMS-003"] is Trend.UNKNOWN  # 15 without the interval before: no trend
    assert snapshot.state("AMS-001").value == "suppressed"
    assert snapshot.state("NOT-THERE").value == "no_data"


def test_trends_are_derived_from_the_directly_preceding_interval_when_absent():
    current = counts(fixture("counts_without_trends.json"))
    assert set(current.trends.values()) == {Trend.UNKNOWN}  # nothing to compare with
    before = CountsSnapshot(
        interval=Interval(current.interval.start - timedelta(minutes=15), current.interval.start),
        min_count=15,
        counts={"AMS-000": 1000, "AMS-002": 85, "AMS-003": 200, "AMS-005": None},
        trends={},
    )
    derived = counts(fixture("counts_without_trends.json"), previous=before)
    assert derived.trends["AMS-000"] is Trend.UP  # 1000 -> 1520
    assert derived.trends["AMS-002"] is Trend.EQUAL  # 85 -> 87: inside the dead band
    assert derived.trends["AMS-003"] is Trend.DOWN  # 200 -> 15
    assert derived.trends["AMS-005"] is Trend.UP  # suppressed before, shown now: crossed the threshold
    assert derived.trends["AMS-004"] is Trend.UP  # no data before, shown now


def test_trends_are_not_derived_across_a_gap():
    current = counts(fixture("counts_without_trends.json"))
    older = CountsSnapshot(
        interval=Interval(
            current.interval.start - timedelta(hours=1), current.interval.start - timedelta(minutes=45)
        ),
        min_count=15,
        counts={"AMS-000": 10},
        trends={},
    )
    assert counts(fixture("counts_without_trends.json"), previous=older).trends["AMS-000"] is Trend.UNKNOWN


def test_the_same_interval_again_is_accepted():
    first = counts(fixture("counts_columnar.json"))
    assert counts(fixture("counts_columnar.json"), previous=first).interval == first.interval


def test_unsuppressed_count_under_min_count_is_suppressed_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        snapshot = counts(fixture("counts_unsuppressed_low.json"))
    assert snapshot.counts["AMS-002"] is None
    assert snapshot.trends["AMS-002"] is Trend.UNKNOWN
    assert snapshot.state("AMS-002").value == "suppressed"
    assert "Provider error" in caplog.text and "AMS-002" in caplog.text


def test_integral_floats_are_accepted_as_counts():
    snapshot = counts(edited("counts_columnar.json", lambda d: d["counts"].__setitem__(0, 1520.0)))
    assert snapshot.counts["AMS-000"] == 1520 and type(snapshot.counts["AMS-000"]) is int


# ------------------------------------------------------------------ rejected: transport-level garbage


def test_truncated_body_is_invalid_json():
    error = rejected(fixture("counts_truncated.json"), "invalid_json")
    assert "line" in error.reason_text()


@pytest.mark.parametrize(
    "body", [b"", b"<html>502 Bad Gateway</html>", b"\xff\xfe\x00garbage", b'{"a": NaN}']
)
def test_not_json(body):
    rejected(body, "invalid_json")


@pytest.mark.parametrize("body", [b"[]", b'"counts"', b"42", b'{"interval": []}'])
def test_valid_json_of_the_wrong_shape(body):
    rejected(body, "wrong_shape")


def test_wrong_shape_names_the_field():
    error = rejected(edited("counts_columnar.json", lambda d: d.pop("min_count")), "wrong_shape")
    assert "counts.min_count" in error.reason_text()


# ------------------------------------------------------------------ rejected: ids and counts


def test_unknown_cell_id_is_named():
    body = edited("counts_columnar.json", lambda d: d["ids"].__setitem__(4, "RDAM-999"))
    error = rejected(body, "unknown_cell")
    assert "RDAM-999" in error.user_message()


def test_unknown_ids_are_accepted_when_no_cell_list_is_known():
    body = edited("counts_columnar.json", lambda d: d["ids"].__setitem__(4, "RDAM-999"))
    assert "RDAM-999" in counts(body, known_ids=None).counts


@pytest.mark.parametrize("name", ["counts_columnar.json", "counts_cells.json"])
def test_duplicate_cell_id_is_named(name):
    def duplicate(doc):
        if "ids" in doc:
            doc["ids"][3] = "AMS-000"
        else:
            doc["cells"][3]["id"] = "AMS-000"

    error = rejected(edited(name, duplicate), "duplicate_cell")
    assert "AMS-000" in error.user_message() and "#3" in error.user_message()


def test_duplicate_feature_id_in_cells():
    body = edited("cells.json", lambda d: d["features"].append(d["features"][0]))
    rejected(body, "duplicate_cell", parse=parse_cells)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (-3, "negative_count"),
        (12.5, "fractional_count"),
        (MAX_COUNT + 1, "huge_count"),
        (1e300, "huge_count"),
        (True, "wrong_shape"),
        ("120", "wrong_shape"),
    ],
)
def test_bad_counts_name_the_cell(value, reason):
    error = rejected(edited("counts_columnar.json", lambda d: d["counts"].__setitem__(5, value)), reason)
    assert "AMS-005" in error.user_message()


def test_a_refused_small_count_is_not_repeated_in_the_message_or_the_log():
    error = rejected(
        edited("counts_columnar.json", lambda d: d["counts"].__setitem__(5, 3.5)), "fractional_count"
    )
    assert "3.5" not in error.user_message() and "3.5" not in str(error)


def test_column_lengths_must_agree():
    rejected(edited("counts_columnar.json", lambda d: d["counts"].pop()), "length_mismatch")


def test_unknown_trend_code_is_named():
    error = rejected(edited("counts_columnar.json", lambda d: d.__setitem__("trends", "u-ex-e")), "bad_trend")
    assert "counts.trends[3]" in error.user_message()


# ------------------------------------------------------------------ rejected: time


def test_interval_older_than_the_one_shown():
    shown = counts(fixture("counts_columnar.json"))
    body = edited(
        "counts_columnar.json",
        lambda d: d.__setitem__("interval", {"start": "2026-11-25T21:15:00Z", "end": "2026-11-25T21:30:00Z"}),
    )
    with pytest.raises(FeedTimeError) as caught:
        counts(body, previous=shown)
    assert not caught.value.future
    assert "21:30" in caught.value.user_message() and "21:45" in caught.value.user_message()


def test_interval_from_the_future_beyond_clock_skew():
    with pytest.raises(FeedTimeError) as caught:
        counts(fixture("counts_columnar.json"), now=NOW - timedelta(minutes=10))
    assert caught.value.future and "clock" in caught.value.user_message()
    # within the tolerated skew it is fine
    assert counts(fixture("counts_columnar.json"), now=NOW - timedelta(minutes=6))


def test_an_interval_overlapping_the_one_shown_is_refused():
    """Temporal differencing: 21:30-21:45 and 21:31-21:46 subtracted count one minute's people."""
    shown = counts(fixture("counts_columnar.json"))
    shifted = edited(
        "counts_columnar.json",
        lambda d: d.__setitem__("interval", {"start": "2026-11-25T21:31:00Z", "end": "2026-11-25T21:46:00Z"}),
    )
    error = rejected(shifted, "overlapping_interval", parse=lambda b: counts(b, previous=shown, now=NOW))
    assert "21:31" in error.user_message() and "21:30" in error.user_message()
    after = edited(
        "counts_columnar.json",
        lambda d: d.__setitem__("interval", {"start": "2026-11-25T21:45:00Z", "end": "2026-11-25T22:00:00Z"}),
    )
    later = NOW + timedelta(minutes=15)
    assert counts(after, previous=shown, now=later).interval.start == shown.interval.end  # adjoining is fine


@pytest.mark.parametrize("start", ["2026-11-25 21:30", "yesterday", "2026-11-25T21:30:00"])
def test_times_must_be_utc_iso(start):
    body = edited("counts_columnar.json", lambda d: d["interval"].__setitem__("start", start))
    rejected(body, "bad_time")


def test_interval_must_not_end_before_it_starts():
    body = edited(
        "counts_columnar.json", lambda d: d["interval"].__setitem__("start", "2026-11-25T22:00:00Z")
    )
    rejected(body, "bad_interval")


# ------------------------------------------------------------------ privacy (SPEC §4)


def test_subscriber_identifiers_are_refused():
    error = rejected(fixture("counts_with_imsi.json"), "identifier")
    assert "imsi_list" in error.user_message() and "counts.cells[2]" in error.user_message()


@pytest.mark.parametrize(
    "key", ["msisdn", "userId", "device_ids", "IMEI", "subscriber", "phone_number", "ue_id"]
)
def test_identifier_keys_anywhere_in_counts(key):
    rejected(edited("counts_columnar.json", lambda d: d.__setitem__("extra", {key: ["x"]})), "identifier")


@pytest.mark.parametrize("key", ["lat", "coordinates", "trajectory"])
def test_positions_in_counts_are_refused(key):
    rejected(edited("counts_cells.json", lambda d: d["cells"][1].__setitem__(key, [4.9, 52.3])), "location")


def test_identifier_in_cell_properties_is_refused():
    body = edited("cells.json", lambda d: d["features"][2]["properties"].__setitem__("device_id", "abc"))
    rejected(body, "identifier", parse=parse_cells)


def test_point_geometry_is_refused_as_a_trace():
    error = rejected(fixture("cells_with_point_trace.json"), "point_trace", parse=parse_cells)
    assert "AMS-003" in error.user_message() and "MultiPoint" in error.user_message()


@pytest.mark.parametrize(
    ("geometry", "problem"),
    [
        ({"type": "Polygon", "coordinates": [[[4.9, 52.3], [5.0, 52.3], [4.9, 52.3]]]}, "rings"),
        (
            {"type": "Polygon", "coordinates": [[[4.9, 52.3], [5.0, 52.3], [5.0, 52.4], [4.8, 52.4]]]},
            "closed",
        ),
        ({"type": "Polygon", "coordinates": [[[4.9, 95], [5.0, 52.3], [5.0, 52.4], [4.9, 95]]]}, "range"),
        ({"type": "Polygon", "coordinates": [[["a", 1], [5.0, 52.3], [5.0, 52.4], ["a", 1]]]}, "position"),
        ({"type": "GeometryCollection", "geometries": []}, "type"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[4.9, 52.3], [5.0, 52.4], [5.0, 52.3], [4.9, 52.35], [4.9, 52.3]]],
            },
            "self_intersection",
        ),
    ],
)
def test_invalid_polygons(geometry, problem):
    body = edited("cells.json", lambda d: d["features"][1].__setitem__("geometry", geometry))
    error = rejected(body, "bad_geometry", parse=parse_cells)
    assert error.facts["problem"] == problem and "AMS-001" in error.user_message()


def test_numeric_feature_ids_are_refused():
    rejected(
        edited("cells.json", lambda d: d["features"][0].__setitem__("id", 7)),
        "wrong_shape",
        parse=parse_cells,
    )


def test_meta_of_another_api_version():
    rejected(
        edited("meta.json", lambda d: d.__setitem__("api_version", "v2")), "wrong_version", parse=parse_meta
    )


# ------------------------------------------------------------------ speed


def test_national_columnar_payload_parses_every_cell():
    n = 60_000
    ids = [f"NL-{i:06d}" for i in range(n)]
    values = {i: (None if k % 5 == 0 else 15 + (k * 7919) % 5000) for k, i in enumerate(ids)}
    trends = {i: list(Trend)[k % 4] for k, i in enumerate(ids)}
    end = datetime(2026, 11, 25, 21, 45, tzinfo=timezone.utc)
    payload = contract.counts_payload(
        Interval(end - timedelta(minutes=15), end), 15, values, trends, columnar=True
    )
    body = json.dumps(payload, separators=(",", ":")).encode()
    known = frozenset(ids)
    snapshot = parse_counts(body, known_ids=known, now=NOW)  # its speed: `make bench` (poll_to_map parse_s)
    assert len(snapshot.counts) == n


# ------------------------------------------------------------------ property-based: only typed errors


def _typed_or_snapshot(parse, body: bytes) -> None:
    with contextlib.suppress(FeedError):
        parse(body)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_only_typed_errors(body):
    for parse in (parse_meta, parse_cells, counts):
        _typed_or_snapshot(parse, body)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_gives_only_typed_errors(value):
    body = json.dumps(value).encode()
    for parse in (parse_meta, parse_cells, counts):
        _typed_or_snapshot(parse, body)


_fields = {
    "interval": st.just({"start": "2026-11-25T21:30:00Z", "end": "2026-11-25T21:45:00Z"})
    | st.fixed_dictionaries({"start": json_values, "end": st.sampled_from(["2026-11-25T21:45:00Z", None])}),
    "min_count": st.integers(-5, 30) | json_values,
    "form": st.just("columnar"),
    "ids": st.lists(st.sampled_from(sorted(KNOWN)) | json_values, max_size=6),
    "counts": st.lists(st.integers(-10, 2_000_000) | st.none() | st.floats() | json_values, max_size=6),
    "trends": st.text(alphabet="uded-x", max_size=6) | json_values,
    "cells": st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(sorted(KNOWN)), "count": st.integers(-1, 100) | json_values},
            optional={
                "suppressed": json_values,
                "trend": st.sampled_from(["up", "down", None, "x"]) | json_values,
            },
        ),
        max_size=6,
    ),
}


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        {"interval": _fields["interval"], "min_count": st.integers(-5, 30)},
        optional={k: v for k, v in _fields.items() if k not in ("interval", "min_count")},
    )
    | st.fixed_dictionaries({}, optional=_fields)
)
def test_near_miss_counts_give_only_typed_errors(doc):
    _typed_or_snapshot(counts, json.dumps(doc).encode())


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {"type": st.just("FeatureCollection")},
        optional={
            "features": st.lists(
                st.fixed_dictionaries(
                    {"type": st.just("Feature"), "id": st.text(max_size=3) | json_values},
                    optional={
                        "geometry": st.fixed_dictionaries(
                            {"type": st.sampled_from(["Polygon", "MultiPolygon", "Point"])},
                            optional={"coordinates": json_values},
                        ),
                        "properties": json_values,
                    },
                ),
                max_size=4,
            )
        },
    )
)
def test_near_miss_cells_give_only_typed_errors(doc):
    _typed_or_snapshot(parse_cells, json.dumps(doc).encode())


def test_meta_marks_an_exercise():
    assert not parse_meta(fixture("meta.json")).exercise
    assert parse_meta(edited("meta.json", lambda d: d.__setitem__("exercise", True))).exercise
    rejected(edited("meta.json", lambda d: d.__setitem__("exercise", "yes")), "wrong_shape", parse=parse_meta)


def test_health_time():
    body = json.dumps(contract.health_payload(None, NOW)).encode()
    assert parse_health_time(body) == NOW
    rejected(b'{"status": "ok"}', "wrong_shape", parse=parse_health_time)


def test_cells_are_read_feature_by_feature_into_one_packed_object_per_geometry():
    import gc

    payload = json.loads(fixture("cells.json"))
    body = json.dumps(payload, indent=1).encode()
    seen = []
    from druktemeter.plugin.feed import parsing

    monkeypatch_every = parsing.PROGRESS_EVERY
    parsing.PROGRESS_EVERY = 1
    try:
        cells = parse_cells(body, progress=seen.append)
    finally:
        parsing.PROGRESS_EVERY = monkeypatch_every
    assert len(seen) == len(cells.cells) and seen == sorted(seen) and 0 < seen[-1] < 1
    for cell, feature in zip(cells.cells, payload["features"]):
        assert not [o for o in gc.get_referents(cell.geometry) if not isinstance(o, type)]
        assert cell.geometry == feature["geometry"] and dict(cell.geometry) == feature["geometry"]
    assert parse_cells(b' {"features": [] , "type": "FeatureCollection"} ').cells == ()


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b'{"type": "FeatureCollection", "features": []} x',
        b'{"type": "FeatureCollection" "features": []}',
        b'{"type": "FeatureCollection", "features": [] ]}',
        b'{"type": "FeatureCollection", "features": [',
        b'{1: "FeatureCollection"}',
        b"\xff\xfe{",
    ],
)
def test_broken_json_in_a_cell_list_is_refused_as_invalid_json(body):
    rejected(body, "invalid_json", parse=parse_cells)


def test_parsing_cells_pauses_the_cycle_collector_and_restores_it(monkeypatch):
    import gc

    from druktemeter.plugin.feed import parsing

    seen = []
    original = parsing._parse_cells
    monkeypatch.setattr(
        parsing,
        "_parse_cells",
        lambda body, progress: seen.append(gc.isenabled()) or original(body, progress),
    )
    assert gc.isenabled()
    assert parsing.parse_cells(b'{"type": "FeatureCollection", "features": []}').cells == ()
    assert seen == [False] and gc.isenabled()
    with pytest.raises(parsing.FeedPayloadError):
        parsing.parse_cells(b"{")
    assert gc.isenabled(), "re-enabled after a rejected payload too"


# ------------------------------------------------------------------ privacy: trends from published values


def preceding(current_interval: Interval, shown: dict) -> CountsSnapshot:
    """The interval the plugin showed directly before ``current_interval``."""
    start = current_interval.start - timedelta(minutes=15)
    return CountsSnapshot(Interval(start, current_interval.start), 15, shown, {})


FIXTURE_INTERVAL = Interval(
    datetime(2026, 11, 25, 21, 30, tzinfo=timezone.utc), datetime(2026, 11, 25, 21, 45, tzinfo=timezone.utc)
)


def test_trend_differencing_a_cell_that_crossed_the_threshold_is_up_whatever_the_feed_says(caplog):
    """'29, equal' from a feed that compares with the raw 14 before would reveal the 14."""
    before = preceding(FIXTURE_INTERVAL, {"AMS-000": 1000, "AMS-001": None, "AMS-003": 38, "AMS-005": 3000})
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        snapshot = counts(fixture("counts_trend_leak.json"), previous=before)
    assert snapshot.trends["AMS-001"] is Trend.UP  # suppressed before: crossed the threshold
    assert snapshot.trends["AMS-002"] is Trend.UP  # no data before
    assert snapshot.trends["AMS-003"] is Trend.EQUAL  # 38 -> 40: the feed's "up" does not follow
    assert snapshot.trends["AMS-004"] is Trend.UNKNOWN  # suppressed now: no trend, whatever was sent
    assert snapshot.trends["AMS-005"] is Trend.EQUAL
    warnings = [r for r in caplog.records if "trend(s) do not follow" in r.getMessage()]
    assert len(warnings) == 1, "the provider's error is logged once per interval"
    assert "4 trend(s)" in warnings[0].getMessage() and "AMS-001" in warnings[0].getMessage()


def test_without_the_preceding_interval_counts_near_the_floor_carry_no_trend(caplog):
    """Under floor + dead band (30) a wrong feed says "equal" where a correct one says "up":
    showing the one and hiding the other would tell them apart, so neither is shown."""
    with caplog.at_level(logging.INFO, logger="druktemeter.feed"):
        snapshot = counts(fixture("counts_trend_leak.json"))
    assert snapshot.trends["AMS-001"] is Trend.UNKNOWN  # 29 "equal": could mean 14 before
    assert snapshot.trends["AMS-002"] is Trend.UNKNOWN  # 16 "equal"
    assert snapshot.trends["AMS-003"] is Trend.UP  # 40: every previous count an "up" allows is fine
    assert snapshot.trends["AMS-004"] is Trend.UNKNOWN  # suppressed
    assert snapshot.trends["AMS-005"] is Trend.EQUAL  # 3010: an equal previous was far above the floor
    assert "cannot check" in caplog.text
    low_up = edited(
        "counts_columnar.json", lambda d: d.update(counts=[1520, None, 20, 15, 402, 3010], trends="u-uu-e")
    )
    assert {counts(low_up).trends[i] for i in ("AMS-002", "AMS-003")} == {Trend.UNKNOWN}


def test_derived_trends_across_a_gap_are_not_trusted_either():
    gap = Interval(
        FIXTURE_INTERVAL.start - timedelta(hours=1), FIXTURE_INTERVAL.start - timedelta(minutes=45)
    )
    older = CountsSnapshot(gap, 15, {"AMS-001": None}, {})
    assert counts(fixture("counts_trend_leak.json"), previous=older).trends["AMS-001"] is Trend.UNKNOWN


_TREND_LETTERS = "ude-"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=6, max_size=6),
    st.lists(st.one_of(st.none(), st.integers(0, 200), st.just("absent")), min_size=6, max_size=6),
    st.text(alphabet=_TREND_LETTERS, min_size=6, max_size=6),
    st.integers(0, 40),
)
def test_shown_trends_follow_from_published_values_whatever_the_feed_claims(now, before, claimed, min_count):
    """Property: with the preceding interval known, a trend is a function of the two
    published counts alone; the feed's trend letters and its suppressed numbers cannot
    change it (hostile trends, lowered thresholds, unsuppressed small counts)."""
    ids = sorted(KNOWN)
    doc = json.loads(fixture("counts_columnar.json"))
    doc.update(min_count=min_count, counts=now, trends=claimed)
    shown = {i: (None if b is None or b < 15 else b) for i, b in zip(ids, before) if b != "absent"}
    snapshot = counts(json.dumps(doc).encode(), previous=preceding(FIXTURE_INTERVAL, shown))
    for cell_id in ids:
        count = snapshot.counts[cell_id]
        assert count is None or count >= max(15, min_count)
        expected = published_trend(shown.get(cell_id), count)
        assert snapshot.trends[cell_id] is expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=6, max_size=6),
    st.text(alphabet=_TREND_LETTERS, min_size=6, max_size=6),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_without_history_no_shown_trend_can_stand_for_a_suppressed_count(now, claimed, min_count, meta_min):
    """Property: on an interval without its predecessor, whatever the feed claims, no shown
    trend can stand for a previous count under the floor (with the contract's dead band),
    and counts close enough to the floor for that to be possible carry no trend at all."""
    doc = json.loads(fixture("counts_columnar.json"))
    doc.update(min_count=min_count, counts=now, trends=claimed)
    snapshot = counts(json.dumps(doc).encode(), meta_min_count=meta_min)
    floor = max(15, min_count, meta_min)
    assert snapshot.min_count == floor
    for cell_id, count in snapshot.counts.items():
        trend = snapshot.trends[cell_id]
        if count is None:
            assert trend is Trend.UNKNOWN
            continue
        assert count >= floor
        if count < lowest_unambiguous_count(floor):
            assert trend is Trend.UNKNOWN
        for hidden in [h / 2 for h in range(2 * floor - 1)]:  # any raw previous count under the floor
            if trend_between(hidden, count) is trend and trend is not Trend.UP:
                raise AssertionError(f"{cell_id}: {count} {trend.value} could mean {hidden} before")


# ------------------------------------------------------------------ privacy: the plugin's own floor


def test_a_counts_document_cannot_lower_the_floor(caplog):
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        snapshot = counts(fixture("counts_lowered_min_count.json"))
    assert snapshot.min_count == 15
    assert snapshot.counts == {
        "AMS-000": 1520,
        "AMS-001": None,
        "AMS-002": None,
        "AMS-003": None,
        "AMS-004": 15,
        "AMS-005": 3010,
    }
    assert {snapshot.trends[i] for i in ("AMS-001", "AMS-002", "AMS-003")} == {Trend.UNKNOWN}
    assert "3 cell(s)" in caplog.text and "AMS-001" in caplog.text


def test_the_meta_min_count_raises_the_floor_and_a_counts_document_cannot_undo_it():
    snapshot = counts(fixture("counts_lowered_min_count.json"), meta_min_count=20)
    assert snapshot.min_count == 20 and snapshot.counts["AMS-004"] is None
    raised = edited("counts_columnar.json", lambda d: d.__setitem__("min_count", 100))
    assert counts(raised, meta_min_count=20).counts["AMS-002"] is None  # 87 under the provider's 100


# ------------------------------------------------------------------ privacy: duplicate keys


def test_duplicate_keys_are_refused_in_counts():
    error = rejected(fixture("counts_duplicate_keys.json"), "duplicate_key")
    assert "'count'" in error.user_message()


@pytest.mark.parametrize(
    ("parse", "body"),
    [
        (parse_meta, b'{"api_version": "v1", "min_count": 15, "min_count": 0}'),
        (parse_cells, b'{"type": "FeatureCollection", "features": [], "features": []}'),
        (
            parse_cells,
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "id": "b"}]}',
        ),
        (
            parse_health_time,
            b'{"status": "ok", "time": "2026-11-25T21:47:12Z", "time": "2030-01-01T00:00:00Z"}',
        ),
        (counts, b'{"interval": {"start": "2026-11-25T21:30:00Z", "start": "2026-11-25T21:00:00Z"}}'),
    ],
)
def test_duplicate_keys_are_refused_in_every_document(parse, body):
    rejected(body, "duplicate_key", parse=parse)


# ------------------------------------------------------------------ privacy: the allow-list


def test_personal_properties_of_a_cell_are_refused():
    error = rejected(fixture("cells_with_personal_properties.json"), "unknown_key", parse=parse_cells)
    assert "cells.features[1].properties" in error.user_message()


@pytest.mark.parametrize("key", ["telefoonnummer", "klant_id", "bsn", "naam", "email", "kenteken"])
@pytest.mark.parametrize(
    ("name", "parse", "target"),
    [
        ("cells.json", parse_cells, lambda d: d["features"][0]["properties"]),
        ("cells.json", parse_cells, lambda d: d["features"][0]),
        ("cells.json", parse_cells, lambda d: d["features"][0]["geometry"]),
        ("cells.json", parse_cells, lambda d: d),
        ("counts_cells.json", counts, lambda d: d),
        ("counts_cells.json", counts, lambda d: d["cells"][2]),
        ("counts_cells.json", counts, lambda d: d["interval"]),
        ("counts_columnar.json", counts, lambda d: d),
        ("meta.json", parse_meta, lambda d: d),
        ("meta.json", parse_meta, lambda d: d["provider"]),
    ],
)
def test_undocumented_keys_are_refused_at_every_level(key, name, parse, target):
    body = edited(name, lambda d: target(d).__setitem__(key, "0612345678"))
    rejected(body, "unknown_key", parse=parse)


def test_undocumented_keys_in_health_are_refused():
    body = json.dumps({**contract.health_payload(None, NOW), "klant_id": 7}).encode()
    rejected(body, "unknown_key", parse=parse_health_time)


def test_personal_fields_in_a_count_are_refused():
    error = rejected(fixture("counts_with_personal_fields.json"), "unknown_key")
    assert "klant_id" in error.user_message() and "counts.cells[1]" in error.user_message()


@pytest.mark.parametrize("value", [{"name": "x"}, ["AMS00"], True, 7])
def test_cell_properties_are_plain_scalars_of_their_documented_type(value):
    body = edited("cells.json", lambda d: d["features"][0]["properties"].__setitem__("site", value))
    rejected(body, "wrong_shape", parse=parse_cells)


@pytest.mark.parametrize(("key", "value"), [("area_km2", -1), ("area_km2", "1"), ("azimuth", 360)])
def test_numeric_cell_properties_are_in_range(key, value):
    body = edited("cells.json", lambda d: d["features"][0]["properties"].__setitem__(key, value))
    rejected(body, "bad_value", parse=parse_cells)


def test_the_suppressed_flag_is_a_boolean():
    body = edited("counts_cells.json", lambda d: d["cells"][2].__setitem__("suppressed", "yes"))
    rejected(body, "wrong_shape")


def test_a_place_name_is_read_into_the_cell():
    cells = parse_cells(fixture("cells_with_places.json")).cells
    assert cells[0].place == "Markt, Amsterdam" and "place" not in cells[0].properties
    assert parse_cells(fixture("cells.json")).cells[0].place is None


@pytest.mark.parametrize("place", ["Markt\nKlant: J. Jansen", "x" * 101, "Markt\u202e", 42])
def test_a_place_name_is_bounded_and_printable(place):
    body = edited("cells.json", lambda d: d["features"][0]["properties"].__setitem__("place", place))
    rejected(body, "wrong_shape" if place == 42 else "bad_text", parse=parse_cells)


@pytest.mark.parametrize("position", [[4.9], [4.9, 52.3, 0.0, 1.0], [4.9, 52.3, "0"]])
def test_positions_have_two_or_three_numbers(position):
    def edit(doc):
        ring = doc["features"][0]["geometry"]["coordinates"][0]
        ring[1] = position

    error = rejected(edited("cells.json", edit), "bad_geometry", parse=parse_cells)
    assert error.facts["problem"] == "position"


def test_positions_with_an_altitude_are_accepted():
    def edit(doc):
        ring = doc["features"][0]["geometry"]["coordinates"][0]
        ring[:] = [[*position, 2.0] for position in ring]

    assert len(parse_cells(edited("cells.json", edit)).cells) == 6


# ------------------------------------------------------------------ privacy: cells are areas, not houses


def test_a_house_sized_cell_refuses_the_whole_list():
    error = rejected(fixture("cells_with_a_house.json"), "tiny_cell", parse=parse_cells)
    assert "AMS-002" in error.user_message() and "10000" in error.user_message()


def test_a_hole_that_leaves_a_sliver_makes_a_cell_tiny():
    def edit(doc):
        shell = doc["features"][0]["geometry"]["coordinates"][0]
        inset = [[x + (1e-6 if x == shell[0][0] else -1e-6), y] for x, y in shell]  # all but a 0.14 m strip
        inset[-1] = inset[0]
        doc["features"][0]["geometry"]["coordinates"].append(inset)

    rejected(edited("cells.json", edit), "tiny_cell", parse=parse_cells)


def test_a_ring_without_area_is_invalid():
    line = [[4.9, 52.3], [4.95, 52.3], [5.0, 52.3], [4.9, 52.3]]
    body = edited("cells.json", lambda d: d["features"][0]["geometry"].__setitem__("coordinates", [line]))
    assert rejected(body, "bad_geometry", parse=parse_cells).facts["problem"] == "degenerate"


def test_a_cell_of_exactly_the_minimum_area_is_accepted():
    side = math.sqrt(parsing.MIN_CELL_AREA_M2) * 1.001 / 111_195.0  # degrees of latitude
    lat = 52.0
    width = side / math.cos(math.radians(lat))
    ring = [[5.0, lat], [5.0 + width, lat], [5.0 + width, lat + side], [5.0, lat + side], [5.0, lat]]
    body = edited("cells.json", lambda d: d["features"][0]["geometry"].__setitem__("coordinates", [ring]))
    assert parse_cells(body).cells[0].id == "AMS-000"


@pytest.mark.parametrize(
    ("cell_id", "reason"),
    [
        ("AMS-003\n2026-11-25T21:45:00Z", "control_id"),
        ("AMS-003\t", "control_id"),
        ("AMS\u202e300", "control_id"),  # right-to-left override: shows another id than it is
        ("AMS\u200b003", "control_id"),  # zero-width space: two ids that look the same
        ("A" * 65, "long_id"),
    ],
)
def test_ids_are_bounded_and_printable_in_cells_and_counts(cell_id, reason):
    rejected(
        edited("cells.json", lambda d: d["features"][3].__setitem__("id", cell_id)), reason, parse=parse_cells
    )
    body = edited("counts_columnar.json", lambda d: d["ids"].__setitem__(3, cell_id))
    error = rejected(body, reason, parse=lambda b: counts(b, known_ids=None))
    assert "\n" not in error.user_message() and "\u202e" not in error.user_message()


def test_an_id_with_a_newline_is_refused_whole():
    rejected(fixture("cells_with_newline_id.json"), "control_id", parse=parse_cells)


def test_an_id_of_the_maximum_length_is_accepted():
    body = edited("cells.json", lambda d: d["features"][3].__setitem__("id", "A" * 64))
    assert parse_cells(body).cells[3].id == "A" * 64


def test_vertices_per_cell_are_capped():
    def edit(doc):
        n = parsing.MAX_CELL_VERTICES
        ring = [
            [5.0 + 0.01 * math.cos(2 * math.pi * k / n), 52.0 + 0.01 * math.sin(2 * math.pi * k / n)]
            for k in range(n)
        ]
        doc["features"][0]["geometry"]["coordinates"] = [[*ring, ring[0]]]

    error = rejected(edited("cells.json", edit), "too_many_vertices", parse=parse_cells)
    assert "AMS-000" in error.user_message()


def test_vertices_per_list_are_capped(monkeypatch):
    assert len(parse_cells(fixture("cells.json")).cells) == 6  # 30 positions
    monkeypatch.setattr(parsing, "MAX_LIST_VERTICES", 29)
    rejected(fixture("cells.json"), "too_many_vertices", parse=parse_cells)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["features0", "properties", "geometry", "collection", "counts", "cell", "interval"]),
    st.text(min_size=1, max_size=12).filter(
        lambda k: (
            k
            not in {
                "type",
                "id",
                "geometry",
                "properties",
                "coordinates",
                "features",
                "site",
                "technology",
                "azimuth",
                "area_km2",
                "place",
                "interval",
                "min_count",
                "generated_at",
                "form",
                "ids",
                "counts",
                "trends",
                "cells",
                "cells_etag",
                "count",
                "suppressed",
                "trend",
                "start",
                "end",
            }
        )
    ),
    json_values,
)
def test_any_undocumented_key_anywhere_is_refused(level, key, value):
    """Property: an allow-list, not a deny-list: whatever the key is called, it does not pass."""
    targets = {
        "features0": ("cells.json", parse_cells, lambda d: d["features"][0]),
        "properties": ("cells.json", parse_cells, lambda d: d["features"][2]["properties"]),
        "geometry": ("cells.json", parse_cells, lambda d: d["features"][5]["geometry"]),
        "collection": ("cells.json", parse_cells, lambda d: d),
        "counts": ("counts_columnar.json", counts, lambda d: d),
        "cell": ("counts_cells.json", counts, lambda d: d["cells"][0]),
        "interval": ("counts_cells.json", counts, lambda d: d["interval"]),
    }
    name, parse, target = targets[level]
    body = edited(name, lambda d: target(d).__setitem__(key, value))
    with pytest.raises(FeedPayloadError) as caught:
        parse(body)
    assert caught.value.reason in ("unknown_key", "identifier", "location", "invalid_json")  # inf: not JSON
