"""The alert service in real QGIS: settings -> region -> the crowd layer's cells -> alerts shown
first, then recorded; live setting changes; restart; and a real full or read-only disk under the
alert log: alerts still show, records wait in memory, the operator is told, nothing is lost."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.alert_log import AlertLog, event_to_record
from druktemeter.plugin.core.alerts import AlertEvent, AlertKind
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.model import Cell, CellSet, CountsSnapshot, Interval, Trend
from druktemeter.plugin.gui.alert_panel import PLACE, AlertPanel
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.runtime.alert_service import AlertService
from druktemeter.plugin.runtime.background import BackgroundWork
from druktemeter.plugin.runtime.settings import PREFIX, PluginSettings
from qgis.core import QgsSettings
from test_mapping_region import write_regions_gpkg

START = datetime(2026, 11, 25, 16, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=15)
CENTRES = {"inside": (5.45, 51.68), "outside": (5.9, 51.68), "overlapping": (5.45, 51.59)}


def square(x: float, y: float, half: float = 0.01) -> dict:
    ring = [[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def snapshot(index: int, counts: dict) -> CountsSnapshot:
    start = START + index * STEP
    return CountsSnapshot(Interval(start, start + STEP), 15, counts, dict.fromkeys(counts, Trend.UP))


@pytest.fixture
def settings(tmp_path):
    store = QgsSettings()
    for key in SETTINGS:
        store.remove(PREFIX + key)
    plugin_settings = PluginSettings()
    plugin_settings.set_value("region/source", write_regions_gpkg(tmp_path / "regions.gpkg"))
    plugin_settings.set_value("region/feature_expression", "\"statnaam\" = 'Brabant-Noord'")
    plugin_settings.set_value("region/name", "Brabant-Noord")
    yield plugin_settings
    for key in SETTINGS:
        store.remove(PREFIX + key)


@pytest.fixture
def crowd(qtbot):
    layer = CrowdLayer([15, 50, 150, 500, 1500])
    cells = CellSet(tuple(Cell(cell_id, square(*xy), {"area_km2": 2.0}) for cell_id, xy in CENTRES.items()))
    with qtbot.waitSignal(layer.cells_applied, timeout=5000):
        layer.set_cells(cells)
    yield layer
    layer.close()


def make_service(qtbot, settings, crowd, path) -> AlertService:
    service = AlertService(settings, crowd, path, now=lambda: START + timedelta(minutes=20))
    service.panel = AlertPanel(service)  # the plugin's wiring: the panel shows what the service emits
    qtbot.addWidget(service.panel)
    qtbot.waitUntil(lambda: not service.matching and bool(service.engine.region_cells()), timeout=5000)
    return service


@pytest.fixture
def service(qtbot, settings, crowd, tmp_path):
    service = make_service(qtbot, settings, crowd, tmp_path / "alerts.jsonl")
    yield service
    service.close()


def test_only_the_cell_in_the_region_alerts_and_is_shown_then_recorded(service):
    order = []
    service.alertsRaised.connect(lambda events: order.append(("shown", len(service.log.records()))))
    events = service.evaluate(snapshot(0, {"inside": 1500, "outside": 5000, "overlapping": 20}))
    assert [(e.kind, e.cell_id, e.region) for e in events] == [(AlertKind.RAISE, "inside", "Brabant-Noord")]
    assert service.panel.table.item(0, PLACE).text() == "inside"
    assert [r.cell_id for r in service.log.records()] == ["inside"]
    assert order == [("shown", 0)], "shown before anything was written"
    assert service.record_problem == "" and not service.panel.problem.isVisibleTo(service.panel)


def test_stale_data_never_alerts(service):
    old = snapshot(0, {"inside": 1500})
    service.now = lambda: old.interval.end + timedelta(minutes=31)  # 30 min: the stale rule at a 60 s poll
    assert service.evaluate(old) == []
    service.now = lambda: old.interval.end + timedelta(minutes=29)
    assert len(service.evaluate(old)) == 1


def test_rule_changes_apply_without_restart(service, settings):
    settings.set_value("alerts/count_threshold", 2000)
    assert service.evaluate(snapshot(0, {"inside": 1500})) == []
    settings.set_value("alerts/count_threshold", 0)
    settings.set_value("alerts/density_per_km2", 500.0)  # 2 km² -> 1000
    assert [e.rule for e in service.evaluate(snapshot(1, {"inside": 1500}))] == [
        "density at or above 500 per km²"
    ]


def test_a_new_region_is_matched_again(qtbot, service, settings):
    settings.set_value("region/feature_expression", "\"statnaam\" = 'Gelderland-Zuid'")
    qtbot.waitUntil(
        lambda: not service.matching and service.engine.region_cells() == {"outside"}, timeout=5000
    )
    events = service.evaluate(snapshot(0, {"inside": 1500, "outside": 1500}))
    assert [e.cell_id for e in events] == ["outside"]


def test_a_missing_region_is_reported_and_gives_no_alerts(qtbot, service, settings):
    with qtbot.waitSignal(service.regionUnreadable) as unreadable:
        settings.set_value("region/feature_expression", "\"statnaam\" = 'Atlantis'")
    assert unreadable.args[0].startswith("No alerts: No feature in the region layer matches")
    assert service.region_problem == unreadable.args[0]
    assert service.evaluate(snapshot(0, {"inside": 1500})) == []


def test_open_alerts_survive_a_restart_without_being_raised_again(qtbot, settings, crowd, tmp_path):
    path = tmp_path / "alerts.jsonl"
    first = make_service(qtbot, settings, crowd, path)
    first.evaluate(snapshot(0, {"inside": 1500}))
    first.close()
    restarted = make_service(qtbot, settings, crowd, path)
    try:
        assert restarted.evaluate(snapshot(1, {"inside": 1600})) == []
        assert restarted.panel.table.rowCount() == 1
        cleared = restarted.evaluate(snapshot(2, {"inside": 100}))
        assert [e.kind for e in cleared] == [AlertKind.CLEAR]
    finally:
        restarted.close()


# ---------------------------------------------------------------- a disk that refuses


def test_on_a_full_disk_the_alert_shows_waits_in_memory_and_is_written_when_there_is_room(
    qtbot, settings, crowd, full_folder
):
    folder = full_folder()
    path = folder.path / "alerts.jsonl"
    service = make_service(qtbot, settings, crowd, path)
    problems = []
    service.recordProblemChanged.connect(problems.append)
    try:
        raised = service.evaluate(snapshot(0, {"inside": 1500}))
        assert service.panel.table.item(0, PLACE).text() == "inside", "shown although it cannot be written"
        assert list(service.recorder.unwritten) == raised
        assert "cannot be written (No space left on device)" in service.record_problem
        assert (
            str(path) in service.record_problem and "records waiting in memory: 1" in service.record_problem
        )
        assert service.panel.problem.isVisibleTo(service.panel)
        assert service.panel.problem.text() == service.record_problem == problems[-1]
        service.panel.acknowledge_all()  # acknowledging works on a full disk too
        assert service.panel.open_alerts() == []
        assert service.evaluate(snapshot(1, {"inside": 1600})) == []  # still full: still held
        assert len(service.recorder.unwritten) == 2

        folder.make_room()
        service.evaluate(snapshot(2, {"inside": 1700}))  # the next evaluation writes what was held
        kinds = [e.kind for e in AlertLog(path).records()]
        assert kinds == [AlertKind.RAISE, AlertKind.ACKNOWLEDGE]
        assert AlertLog(path).acknowledged_ids() == {raised[0].id}
        assert problems[-1] == "" and service.record_problem == ""
        assert not service.panel.problem.isVisibleTo(service.panel)
    finally:
        service.close()


def test_held_records_are_retried_by_the_timer_without_a_new_evaluation(qtbot, settings, crowd, full_folder):
    folder = full_folder()
    service = make_service(qtbot, settings, crowd, folder.path / "alerts.jsonl")
    try:
        service.evaluate(snapshot(0, {"inside": 1500}))
        assert service.recorder.retry_timer.isActive()
        service.recorder.retry_timer.setInterval(20)  # the real period is 30 s
        folder.make_room()
        with qtbot.waitSignal(service.recordProblemChanged, timeout=5000) as recovered:
            pass
        assert recovered.args == [""]
        assert [e.cell_id for e in service.log.records()] == ["inside"]
        assert not service.recorder.retry_timer.isActive()
    finally:
        service.close()


def test_a_read_only_folder_keeps_the_old_log_readable_and_new_alerts_shown(
    qtbot, settings, crowd, read_only_folder
):
    def old_alert(folder):
        earlier = START - 8 * STEP
        raised = AlertEvent(
            AlertKind.RAISE, "inside", earlier, 1200, Trend.UP, "count", "Brabant-Noord", earlier
        )
        AlertLog(folder / "alerts.jsonl").extend([raised])

    folder = read_only_folder(old_alert)
    service = make_service(qtbot, settings, crowd, folder.path / "alerts.jsonl")
    try:
        assert service.panel.table.rowCount() == 1, "the earlier alert is read from the read-only log"
        assert service.evaluate(snapshot(0, {"inside": 1500})) == [], "still open from the last run"
        service.evaluate(snapshot(1, {"inside": 100}))  # cleared: shown, not writable
        assert service.panel.table.rowCount() == 2
        assert "Read-only file system" in service.record_problem
        export = folder.path.parent / "review.csv"
        with qtbot.waitSignal(service.exported) as exported:
            service.export_csv(export)
        assert exported.args == [str(export), 2], "the export holds what waits in memory too"
    finally:
        service.close()


def test_memory_holds_a_bounded_number_of_records_the_oldest(qtbot, settings, crowd, full_folder):
    folder = full_folder()
    service = make_service(qtbot, settings, crowd, folder.path / "alerts.jsonl")
    service.recorder.capacity = 1
    try:
        first = service.evaluate(snapshot(0, {"inside": 1500}))
        service.evaluate(snapshot(1, {"inside": 100}))
        assert list(service.recorder.unwritten) == first and service.recorder.dropped == 1
        assert "(newer records not kept: 1)" in service.record_problem
    finally:
        service.close()


def test_a_log_that_cannot_be_opened_at_all_still_shows_alerts(qtbot, settings, crowd, tmp_path):
    """An I/O error of another kind: the log's path is a folder (EISDIR on read and on write)."""
    path = tmp_path / "alerts.jsonl"
    path.mkdir()
    service = make_service(qtbot, settings, crowd, path)
    try:
        assert service.panel.table.rowCount() == 0 and "Is a directory" in service.record_problem
        raised = service.evaluate(snapshot(0, {"inside": 1500}))
        assert service.panel.table.rowCount() == 1 and list(service.recorder.unwritten) == raised
    finally:
        service.close()


def test_the_log_is_read_off_the_main_thread_and_a_snapshot_waits_for_it(qtbot, settings, crowd, tmp_path):
    """A slow log (a FIFO: reading blocks until the test writes it) must not block the main thread,
    and a snapshot that comes first must neither be lost nor raise again what was still open."""
    path = tmp_path / "alerts.jsonl"
    os.mkfifo(path)
    earlier = START - 8 * STEP
    still_open = AlertEvent(
        AlertKind.RAISE, "inside", earlier, 1200, Trend.UP, "count", "Brabant-Noord", earlier
    )
    background = BackgroundWork()
    service = AlertService(
        settings, crowd, path, now=lambda: START + timedelta(minutes=20), background=background
    )
    panel = AlertPanel(service)
    qtbot.addWidget(panel)
    raised = []
    service.alertsRaised.connect(raised.extend)
    try:
        qtbot.waitUntil(lambda: not service.matching and bool(service.engine.region_cells()), timeout=5000)
        assert not service.loaded, "the reading thread waits for the log; the main thread does not"
        assert service.evaluate(snapshot(0, {"inside": 1500, "overlapping": 1500})) == []
        with open(path, "w", encoding="utf-8") as writer:
            writer.write(json.dumps(event_to_record(still_open)) + "\n")
        qtbot.waitUntil(lambda: bool(raised), timeout=5000)
        assert [e.cell_id for e in raised] == ["overlapping"], "inside was still open at the last run"
        assert [panel.table.item(row, PLACE).text() for row in range(2)] == ["overlapping", "inside"]
    finally:
        service.close()
        assert background.shutdown() == []


def test_closing_on_a_full_disk_keeps_the_held_records_for_the_next_start(
    qtbot, settings, crowd, full_folder, caplog, tmp_path
):
    """Nothing lost when QGIS closes on a full disk: the held records go to a rescue file (on
    another file system), a start on a disk still full shows and holds them, and the first
    start with room puts them in the log and deletes the rescue file."""
    folder = full_folder()
    path = folder.path / "alerts.jsonl"
    rescue = tmp_path / "rescued-alerts"  # the tests' rescue folder (conftest)
    first = make_service(qtbot, settings, crowd, path)
    raised = first.evaluate(snapshot(0, {"inside": 1500}))
    first.close()
    assert not first.recorder.retry_timer.isActive()
    assert "1 alert records could not be written to" in caplog.text and str(rescue) in caplog.text
    (kept,) = rescue.iterdir()
    assert [e.id for e in AlertLog(path).rescued(rescue)[0][1]] == [raised[0].id]

    still_full = make_service(qtbot, settings, crowd, path)
    qtbot.waitUntil(lambda: still_full.loaded, timeout=5000)
    assert [e.id for e in still_full.history()] == [raised[0].id]
    assert list(still_full.recorder.unwritten) == raised and "records waiting in memory: 1" in (
        still_full.record_problem
    )
    assert still_full.evaluate(snapshot(1, {"inside": 1600})) == []  # still open: not raised again
    still_full.close()
    (again,) = rescue.iterdir()  # one rescue file: the earlier one's records are in it
    assert again != kept and [e.id for e in AlertLog(path).rescued(rescue)[0][1]] == [raised[0].id]

    folder.make_room()
    with_room = make_service(qtbot, settings, crowd, path)
    try:
        qtbot.waitUntil(lambda: with_room.loaded, timeout=5000)
        assert [e.id for e in AlertLog(path).records()] == [raised[0].id]
        assert list(rescue.iterdir()) == [] and not with_room.recorder.unwritten
        assert with_room.record_problem == ""
        assert [e.kind for e in with_room.evaluate(snapshot(2, {"inside": 100}))] == [AlertKind.CLEAR]
    finally:
        with_room.close()


def test_a_rescue_that_fails_too_says_what_is_lost(qtbot, settings, crowd, full_folder, caplog):
    folder = full_folder()
    service = make_service(qtbot, settings, crowd, folder.path / "alerts.jsonl")
    service.recorder.rescue_folder = folder.path / "rescue"  # the same full disk
    service.evaluate(snapshot(0, {"inside": 1500}))
    service.close()
    assert "1 alert records could not be written to" in caplog.text and "nor kept in" in caplog.text


def test_a_snapshot_that_comes_while_the_region_is_matched_is_evaluated_after_not_used_up(qtbot, service):
    raised = []
    service.alertsRaised.connect(raised.extend)
    service.match_region()  # the cells changed: matching runs in slices over the next event-loop turns
    assert service.matching
    assert service.evaluate(snapshot(0, {"inside": 1500})) == []
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    assert [e.cell_id for e in raised] == ["inside"], "the first alert does not wait for the next interval"


def test_an_alert_names_the_cells_place(qtbot, settings, tmp_path):
    layer = CrowdLayer([15, 50, 150, 500, 1500])
    named = Cell("inside", square(*CENTRES["inside"]), {"area_km2": 2.0}, place="Markt, 's-Hertogenbosch")
    with qtbot.waitSignal(layer.cells_applied, timeout=5000):
        layer.set_cells(CellSet((named,)))
    service = make_service(qtbot, settings, layer, tmp_path / "alerts.jsonl")
    try:
        [raised] = service.evaluate(snapshot(0, {"inside": 1500}))
        assert raised.place == "Markt, 's-Hertogenbosch"
        assert service.panel.table.item(0, PLACE).text() == "Markt, 's-Hertogenbosch"
        assert service.log.records()[0].place == "Markt, 's-Hertogenbosch"
    finally:
        service.close()
        layer.close()


def test_switching_demo_mode_loads_its_default_region(qtbot, service, settings):
    """No region set: demo mode's Brabant-Noord (bundled) applies when demo mode is switched on."""
    for key in ("region/source", "region/feature_expression", "region/name"):
        settings.set_value(key, "")
    qtbot.waitUntil(lambda: not service.matching and service.region is None, timeout=5000)
    assert service.region_problem and service.engine.region_name == ""
    with qtbot.waitSignal(service.regionChanged, timeout=5000):
        settings.set_value("demo/enabled", True)
    qtbot.waitUntil(lambda: not service.matching and bool(service.engine.region_cells()), timeout=20_000)
    assert service.engine.region_name == "Brabant-Noord" and service.region_problem == ""
    assert "inside" in service.engine.region_cells()  # 's-Hertogenbosch's east is in Brabant-Noord
    settings.set_value("demo/enabled", False)
    qtbot.waitUntil(lambda: service.region is None and not service.engine.region_cells(), timeout=20_000)
    assert service.engine.region_name == ""


def test_the_regions_cells_are_told_only_once_the_layer_has_cells(qtbot, settings, tmp_path):
    """An empty layer (the demo's region at start) would read as "no cells in the region"."""
    layer = CrowdLayer([15, 50, 150, 500, 1500])
    told = []
    service = AlertService(settings, layer, tmp_path / "alerts.jsonl", now=lambda: START)
    service.regionCellsMatched.connect(told.append)
    try:
        qtbot.waitUntil(lambda: not service.matching, timeout=5000)
        assert told == []
        cells = CellSet(tuple(Cell(cid, square(*xy), {"area_km2": 2.0}) for cid, xy in CENTRES.items()))
        with qtbot.waitSignal(service.regionCellsMatched, timeout=5000):
            layer.set_cells(cells)
        assert told[-1] == frozenset({"inside", "overlapping"})
    finally:
        service.close()
        layer.close()


# ---------------------------------------------------------------- a region too large for one turn


@pytest.fixture
def sliced(service):
    """The service as it treats a national region: every evaluation in slices over event-loop turns."""
    service.evaluated_at_once = 0
    return service


def test_a_large_region_is_evaluated_in_slices_shown_then_recorded(qtbot, sliced):
    order = []
    sliced.alertsRaised.connect(lambda events: order.append(("shown", len(sliced.log.records()))))
    assert sliced.evaluate(snapshot(0, {"inside": 1500, "outside": 5000})) == []
    assert sliced.evaluating, "not finished within the call: QGIS gets its turn"
    with qtbot.waitSignal(sliced.alertsRaised, timeout=5000) as shown:
        pass
    assert [e.cell_id for e in shown.args[0]] == ["inside"]
    assert order == [("shown", 0)], "shown before anything was written"
    assert [e.cell_id for e in sliced.log.records()] == ["inside"]
    assert not sliced.evaluating


def test_snapshots_that_come_while_one_is_evaluated_raise_each_cell_once_in_order(qtbot, sliced):
    raised = []
    sliced.alertsRaised.connect(raised.append)
    sliced.evaluate(snapshot(0, {"inside": 1500}))
    assert sliced.evaluate(snapshot(1, {"inside": 1600, "overlapping": 1500})) == []  # waits its turn
    qtbot.waitUntil(lambda: len(raised) == 2 and not sliced.evaluating, timeout=5000)
    assert [[e.cell_id for e in events] for events in raised] == [["inside"], ["overlapping"]]
    records = sliced.log.records()
    assert [(e.cell_id, e.time) for e in records] == [
        (e.cell_id, e.time) for events in raised for e in events
    ]


def test_a_rule_change_during_an_evaluation_evaluates_the_snapshot_again_with_the_new_rule(
    qtbot, sliced, settings
):
    raised = []
    sliced.alertsRaised.connect(raised.extend)
    sliced.evaluate(snapshot(0, {"inside": 1500, "overlapping": 1500}))
    settings.set_value("alerts/count_threshold", 2000)  # the engine changes under the evaluation
    qtbot.waitUntil(lambda: not sliced.evaluating, timeout=5000)
    assert raised == [], "decided under the old rule, so not committed but evaluated again"
    sliced.evaluate(snapshot(1, {"inside": 2100, "overlapping": 1500}))
    qtbot.waitUntil(lambda: not sliced.evaluating, timeout=5000)
    assert [e.cell_id for e in raised] == ["inside"]
    assert [e.cell_id for e in sliced.log.records()] == ["inside"]


def test_closing_during_an_evaluation_stops_it_and_decides_nothing(qtbot, settings, crowd, tmp_path):
    path = tmp_path / "alerts.jsonl"
    service = make_service(qtbot, settings, crowd, path)
    service.evaluated_at_once = 0
    service.evaluate(snapshot(0, {"inside": 1500}))
    service.close()
    assert not service.evaluating
    qtbot.wait(50)
    assert not path.exists() or AlertLog(path).records() == []
    again = make_service(qtbot, settings, crowd, path)
    try:
        assert [e.cell_id for e in again.evaluate(snapshot(0, {"inside": 1500}))] == ["inside"]
    finally:
        again.close()
