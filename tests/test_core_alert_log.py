"""The alert log: durable appends, crash-torn lines, acknowledgements across restarts, CSV export."""

from __future__ import annotations

import csv
import json
import stat
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.alert_log import AlertLog, csv_headers
from druktemeter.plugin.core.alerts import AlertEvent, AlertKind, acknowledgement
from druktemeter.plugin.core.model import Trend
from filesystems import run_with_file_size_limit

T0 = datetime(2026, 11, 25, 14, 15, tzinfo=timezone.utc)


def raise_event(cell_id: str = "cell-7", count: int = 1200, minutes: int = 0) -> AlertEvent:
    moment = T0 + timedelta(minutes=minutes)
    return AlertEvent(
        kind=AlertKind.RAISE,
        cell_id=cell_id,
        time=moment,
        count=count,
        trend=Trend.UP,
        rule="count at or above 1000",
        region="Brabant-Noord",
        detected=moment + timedelta(seconds=40),
    )


def test_records_come_back_as_they_were_written(tmp_path):
    log = AlertLog(tmp_path / "sub" / "alerts.jsonl")
    first, second = raise_event(), raise_event("cell-8", 1500, minutes=15)
    log.append(first)
    log.extend([second, acknowledgement(first, T0 + timedelta(minutes=20))])
    records = log.records()
    assert records[:2] == [first, second]
    assert records[2].kind is AlertKind.ACKNOWLEDGE and records[2].acknowledges == first.id


def test_only_aggregates_are_written(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    log.append(raise_event())
    record = json.loads(log.path.read_text().splitlines()[0])
    assert set(record) == {
        "id", "kind", "cell_id", "time", "count", "trend", "rule", "region",
        "detected", "catch_up", "acknowledges", "place",
    }  # fmt: skip


def test_a_crash_torn_last_line_is_skipped_and_the_next_record_is_kept(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    kept = raise_event()
    log.append(kept)
    whole = log.path.read_bytes()
    log.append(raise_event("cell-9"))
    torn = log.path.read_bytes()[: len(whole) + 30]  # the process died mid-write
    log.path.write_bytes(torn)
    assert AlertLog(log.path).records() == [kept]
    after_restart = raise_event("cell-10", minutes=30)
    log.append(after_restart)
    assert AlertLog(log.path).records() == [kept, after_restart]


def test_garbage_lines_never_make_reading_fail(tmp_path):
    path = tmp_path / "alerts.jsonl"
    good = raise_event()
    AlertLog(path).append(good)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"kind": "raise"}\n[1, 2]\nnot json at all\n\n{"id": "x", "count": "12"}\n')
    assert AlertLog(path).records() == [good]


def test_a_missing_log_reads_as_empty(tmp_path):
    log = AlertLog(tmp_path / "never-written.jsonl")
    assert log.records() == [] and log.acknowledged_ids() == set() and log.open_raises() == []


def test_acknowledged_state_survives_reopening(tmp_path):
    path = tmp_path / "alerts.jsonl"
    acked, open_alert = raise_event("a"), raise_event("b")
    AlertLog(path).extend([acked, open_alert, acknowledgement(acked, T0)])
    assert AlertLog(path).acknowledged_ids() == {acked.id}


def test_open_raises_are_those_not_cleared_since(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    a, b = raise_event("a"), raise_event("b")
    cleared_b = AlertEvent(
        kind=AlertKind.CLEAR, cell_id="b", time=T0 + timedelta(minutes=15), count=700,
        trend=Trend.DOWN, rule="back below 800", region="Brabant-Noord", detected=T0 + timedelta(minutes=16),
    )  # fmt: skip
    log.extend([a, b, cleared_b])
    assert log.open_raises() == [a]


def test_csv_export_has_headers_local_and_utc_times(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    import time

    time.tzset()
    try:
        log = AlertLog(tmp_path / "alerts.jsonl")
        first = raise_event()
        log.extend([first, acknowledgement(first, T0 + timedelta(minutes=5))])
        target = tmp_path / "review.csv"
        assert log.export_csv(target) == 2
        with open(target, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert rows[0] == csv_headers()
    header = {name: index for index, name in enumerate(rows[0])}
    alert = rows[1]
    assert alert[header["Interval end (local time)"]] == "2026-11-25 15:15:00"  # CET = UTC+1
    assert alert[header["Interval end (UTC)"]] == "2026-11-25T14:15:00Z"
    assert [alert[header[name]] for name in ("Event", "Cell", "Count")] == ["alert", "cell-7", "1200"]
    assert alert[header["Trend"]] == "rising"
    assert rows[2][header["Event"]] == "acknowledged"
    assert rows[2][header["Acknowledges alert id"]] == first.id


def test_the_place_is_logged_exported_and_old_records_without_it_still_read(tmp_path):
    from dataclasses import replace

    log = AlertLog(tmp_path / "alerts.jsonl")
    named = replace(raise_event(), place="Markt, 's-Hertogenbosch")
    log.append(named)
    assert log.records() == [named]
    old = json.loads(log.path.read_text().splitlines()[0])
    del old["place"]  # a record from before places existed
    log.path.write_text(json.dumps(old) + "\n")
    assert log.records()[0].place == ""
    log.path.write_text("")
    log.append(named)
    target = tmp_path / "review.csv"
    log.export_csv(target)
    with open(target, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    place_column = rows[0].index("Place")
    assert rows[1][place_column] == "Markt, 's-Hertogenbosch" and rows[1][place_column + 1] == named.cell_id


def test_a_file_size_limit_fails_the_append_and_keeps_what_was_written(tmp_path):
    """RLIMIT_FSIZE in a child process: the append fails with EFBIG (as on a full disk), loudly."""
    path = tmp_path / "alerts.jsonl"
    AlertLog(path).append(raise_event("first"))
    code = f"""
import errno
from druktemeter.plugin.core.alert_log import AlertLog
log = AlertLog({str(path)!r})
first = log.records()[0]
try:
    log.extend([first] * 50)
except OSError as error:
    print("refused:", errno.errorcode[error.errno])
"""
    result = run_with_file_size_limit(code, path.stat().st_size + 100)
    assert result.stdout.strip() == "refused: EFBIG", result.stdout + result.stderr
    records = AlertLog(path).records()
    assert records[0].cell_id == "first"  # a torn tail is skipped on reading, the first record kept
    AlertLog(path).append(raise_event("after"))
    assert AlertLog(path).records()[-1].cell_id == "after"


def test_the_log_and_its_export_are_private(tmp_path):
    log = AlertLog(tmp_path / "profile" / "alerts.jsonl")
    log.append(raise_event())
    target = tmp_path / "review.csv"
    target.write_text("someone else's old file")
    target.chmod(0o644)
    log.export_csv(target)
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.path.parent.stat().st_mode) == 0o700


def test_the_export_never_hands_a_spreadsheet_a_formula(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    hostile = [raise_event(cell_id) for cell_id in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\t=1")]
    log.extend(hostile)
    target = tmp_path / "review.csv"
    log.export_csv(target)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        cells = [row[csv_headers().index("Cell")] for row in list(csv.reader(handle))[1:]]
    assert cells == ['\'=HYPERLINK("http://x")', "'+1", "'-1", "'@SUM(A1)", "'\t=1"]


def test_records_held_in_memory_are_in_the_export(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    log.append(raise_event("written"))
    target = tmp_path / "review.csv"
    assert log.export_csv(target, [raise_event("held")]) == 2


def test_a_retried_append_after_a_partial_write_reads_each_record_once(tmp_path):
    log = AlertLog(tmp_path / "alerts.jsonl")
    a, b, c = raise_event("a"), raise_event("b"), raise_event("c")
    log.extend([a, b])  # the disk took these, then failed: the service writes all three again
    log.extend([a, b, c])
    assert log.records() == [a, b, c]


def test_rescued_records_come_back_for_their_own_log_only_and_privately(tmp_path):
    log, other = AlertLog(tmp_path / "a" / "alerts.jsonl"), AlertLog(tmp_path / "b" / "alerts.jsonl")
    folder = tmp_path / "rescue"
    first = log.rescue([raise_event("cell-1")], folder)
    second = log.rescue([raise_event("cell-2"), raise_event("cell-3")], folder)
    other.rescue([raise_event("cell-9")], folder)
    rescued = log.rescued(folder)
    assert [path for path, _ in rescued] == [first, second]  # oldest first
    assert [[e.cell_id for e in events] for _, events in rescued] == [["cell-1"], ["cell-2", "cell-3"]]
    assert [e.cell_id for _, events in other.rescued(folder) for e in events] == ["cell-9"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(first.stat().st_mode) == 0o600
    assert log.rescued(tmp_path / "nowhere") == []


def test_a_rescue_folder_others_can_enter_is_not_used(tmp_path):
    """In a shared temporary folder someone else could make the folder first, to read the records."""
    folder = tmp_path / "rescue"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    log = AlertLog(tmp_path / "alerts.jsonl")
    with pytest.raises(PermissionError):
        log.rescue([raise_event()], folder)
    with pytest.raises(PermissionError):
        log.rescued(folder)
    assert list(folder.iterdir()) == []
