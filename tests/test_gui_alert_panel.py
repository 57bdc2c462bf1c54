"""The alert panel on a real alert service and log, and the message-bar warning in the stub QGIS iface."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.alert_log import AlertLog
from druktemeter.plugin.core.alerts import AlertEvent, AlertKind
from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.gui.alert_panel import COUNT, PLACE, TIME, TREND, AlertPanel, push_alert_message
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.runtime.alert_service import AlertService
from druktemeter.plugin.runtime.locale import number_text
from druktemeter.plugin.runtime.settings import PluginSettings
from qgis.PyQt.QtCore import QItemSelectionModel, Qt
from qgis.PyQt.QtWidgets import QPushButton

T0 = datetime(2026, 11, 25, 14, 15, tzinfo=timezone.utc)


def event(kind: AlertKind, cell_id: str, count: int, minutes: int = 0, catch_up: bool = False) -> AlertEvent:
    moment = T0 + timedelta(minutes=minutes)
    return AlertEvent(
        kind=kind, cell_id=cell_id, time=moment, count=count, trend=Trend.UP,
        rule="count at or above 1000", region="Brabant-Noord", detected=moment, catch_up=catch_up,
    )  # fmt: skip


@pytest.fixture
def crowd():
    layer = CrowdLayer([15, 50, 150, 500, 1500])
    yield layer
    layer.close()


def start_service(crowd, path) -> AlertService:
    return AlertService(PluginSettings(), crowd, path)


@pytest.fixture
def service(crowd, tmp_path):
    alert_service = start_service(crowd, tmp_path / "alerts.jsonl")
    yield alert_service
    alert_service.close()


@pytest.fixture
def log(service) -> AlertLog:
    return service.log


@pytest.fixture
def panel(qtbot, service) -> AlertPanel:
    widget = AlertPanel(service)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def raise_events(service: AlertService, events) -> None:
    """What ``AlertService.evaluate`` does with the engine's events: show, then record."""
    service.alertsRaised.emit(events)
    service.recorder.record(events)


def column(panel: AlertPanel, index: int) -> list[str]:
    return [panel.table.item(row, index).text() for row in range(panel.table.rowCount())]


def statuses(panel: AlertPanel) -> list[str]:
    return [panel.status_text(row) for row in range(panel.table.rowCount())]


def test_events_are_logged_and_shown_newest_first(panel, service, log):
    first, second = event(AlertKind.RAISE, "a", 1200), event(AlertKind.RAISE, "b", 1500, minutes=15)
    raise_events(service, [first])
    raise_events(service, [second])
    assert log.records() == [first, second]
    assert column(panel, PLACE) == ["b", "a"]
    assert column(panel, COUNT) == [number_text(1500), number_text(1200)]  # in the user's locale
    assert column(panel, TREND) == ["▲", "▲"]  # the word is in the details
    assert statuses(panel) == ["NOT acknowledged"] * 2
    assert panel.summary.text() == "2 alerts not acknowledged"


def test_open_acknowledged_and_cleared_rows_look_different(panel):
    raised, cleared = event(AlertKind.RAISE, "a", 1200), event(AlertKind.CLEAR, "b", 700)
    acknowledged = event(AlertKind.RAISE, "c", 1100)
    panel.add_events([acknowledged, raised, cleared])
    panel._acknowledge([acknowledged])
    rows = {panel.table.item(r, PLACE).text(): r for r in range(panel.table.rowCount())}

    def look(cell: str):
        item = panel.table.item(rows[cell], PLACE)
        return panel.status_text(rows[cell]), item.background().color().name(), item.font().bold()

    looks = {cell: look(cell) for cell in "abc"}
    assert looks["a"][0] == "NOT acknowledged" and looks["a"][2] is True
    assert looks["b"][0] == "Cleared" and looks["c"][0] == "Acknowledged"
    assert len({looks[c][1] for c in "abc"}) == 3  # three different backgrounds


def test_alerts_found_after_an_outage_say_so(panel):
    panel.add_events([event(AlertKind.RAISE, "a", 1200, catch_up=True), event(AlertKind.RAISE, "b", 1200)])
    outage = "feed outage"
    assert [outage in panel.table.item(row, TIME).toolTip() for row in range(2)] == [False, True]


def test_clicking_a_row_asks_to_zoom_to_its_cell(qtbot, panel):
    panel.add_events([event(AlertKind.RAISE, "cell-42", 1200)])
    rect = panel.table.visualItemRect(panel.table.item(0, PLACE))
    with qtbot.waitSignal(panel.zoomRequested) as zoom:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert zoom.args == ["cell-42"]


def test_acknowledge_selected_writes_the_log_and_survives_a_restart(qtbot, panel, service, log, crowd):
    a, b = event(AlertKind.RAISE, "a", 1200), event(AlertKind.RAISE, "b", 1300, minutes=15)
    raise_events(service, [a, b])
    assert not panel.acknowledge_selected_button.isEnabled()
    panel.table.selectionModel().select(
        panel.table.model().index(1, 0),  # "a" (older, so second row)
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert panel.acknowledge_selected_button.isEnabled()
    qtbot.mouseClick(panel.acknowledge_selected_button, Qt.MouseButton.LeftButton)
    assert log.acknowledged_ids() == {a.id}
    assert [e.id for e in panel.open_alerts()] == [b.id]

    service.close()
    restarted_service = start_service(crowd, log.path)  # QGIS restarted: a new service on the same log
    restarted = AlertPanel(restarted_service)
    qtbot.addWidget(restarted)
    assert column(restarted, PLACE) == ["b", "a"]
    assert statuses(restarted) == ["NOT acknowledged", "Acknowledged"]
    qtbot.mouseClick(restarted.acknowledge_all_button, Qt.MouseButton.LeftButton)
    assert AlertLog(log.path).acknowledged_ids() == {a.id, b.id}
    assert not restarted.acknowledge_all_button.isEnabled()
    assert restarted.summary.text() == "No open alerts"
    restarted_service.close()


def test_acknowledging_twice_writes_one_record(panel, service, log):
    raised = event(AlertKind.RAISE, "a", 1200)
    raise_events(service, [raised])
    panel.acknowledge_all()
    panel.acknowledge_all()
    assert [e.kind for e in log.records()] == [AlertKind.RAISE, AlertKind.ACKNOWLEDGE]


def test_export_writes_the_csv(panel, service, tmp_path):
    raise_events(service, [event(AlertKind.RAISE, "a", 1200), event(AlertKind.CLEAR, "a", 700, minutes=30)])
    target = tmp_path / "review.csv"
    panel.export_csv(str(target))
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[2] for row in rows[1:]] == ["alert", "cleared"]
    assert "2 records exported" in panel.summary.text()


def test_sound_once_per_batch_only_when_switched_on(panel, monkeypatch):
    beeps = []
    monkeypatch.setattr("druktemeter.plugin.gui.alert_panel.QApplication.beep", lambda: beeps.append(1))
    panel.add_events([event(AlertKind.RAISE, "a", 1200)])
    panel.set_sound_enabled(True)
    panel.add_events([event(AlertKind.RAISE, c, 1200, minutes=15) for c in "bcd"])
    panel.add_events([event(AlertKind.CLEAR, "b", 100, minutes=30)])
    assert beeps == [1]


def message_button(item) -> QPushButton:
    return next(b for b in item.findChildren(QPushButton) if b.text() == "Show")


def test_message_bar_warning_with_a_show_button(iface, qtbot):
    shown = []
    item = push_alert_message(iface, [event(AlertKind.RAISE, "cell-7", 1234)], shown.append)
    try:
        assert iface.messageBar().currentItem() is item
        expected = (
            f"Crowd alert in Brabant-Noord: cell cell-7, count {number_text(1234)} (count at or above 1000)."
        )
        assert item.text() == expected
        qtbot.mouseClick(message_button(item), Qt.MouseButton.LeftButton)
        assert shown == ["cell-7"]
    finally:
        iface.messageBar().clearWidgets()


def test_many_raises_make_one_summary_message_and_clears_none(iface, qtbot):
    shown = []
    raises = [event(AlertKind.RAISE, f"c{i}", 1000 + i, catch_up=True) for i in range(30)]
    assert push_alert_message(iface, [event(AlertKind.CLEAR, "x", 10)], shown.append) is None
    item = push_alert_message(iface, raises, shown.append)
    try:
        assert (
            item.text() == f"30 crowd alerts in Brabant-Noord; highest: cell c29, count {number_text(1029)}."
        )
        assert len(iface.messageBar().items()) == 1
        qtbot.mouseClick(message_button(item), Qt.MouseButton.LeftButton)
        assert shown == ["c29"]
    finally:
        iface.messageBar().clearWidgets()


def test_a_row_shows_time_place_count_trend_and_the_rest_in_details(qtbot, panel):
    raised = AlertEvent(
        kind=AlertKind.RAISE, cell_id="BN-0040-2", time=T0, count=1047, trend=Trend.UP,
        rule="count at or above 1000", region="Brabant-Noord", detected=T0, place="Markt, 's-Hertogenbosch",
    )  # fmt: skip
    panel.add_events([raised])
    assert [panel.table.horizontalHeaderItem(c).text() for c in range(4)] == [
        "Time",
        "Place",
        "Count",
        "Trend",
    ]
    assert column(panel, PLACE) == ["Markt, 's-Hertogenbosch"]
    tip = panel.table.item(0, PLACE).toolTip()
    assert "BN-0040-2" in tip and "count at or above 1000" in tip and "NOT acknowledged" in tip
    rect = panel.table.visualItemRect(panel.table.item(0, PLACE))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "BN-0040-2" in panel.details.text() and "count at or above 1000" in panel.details.text()
    assert "Brabant-Noord" in panel.details.toolTip()


def test_the_message_bar_names_the_place_and_keeps_the_cell_id(iface):
    raised = AlertEvent(
        kind=AlertKind.RAISE, cell_id="BN-0040-2", time=T0, count=1047, trend=Trend.UP,
        rule="count at or above 1000", region="Brabant-Noord", detected=T0, place="Markt, 's-Hertogenbosch",
    )  # fmt: skip
    item = push_alert_message(iface, [raised], lambda cell_id: None)
    try:
        assert item.text() == (
            "Crowd alert in Brabant-Noord: Markt, 's-Hertogenbosch (cell BN-0040-2), "
            f"count {number_text(1047)} (count at or above 1000)."
        )
    finally:
        iface.messageBar().popWidget(item)


def test_acknowledging_tells_whoever_marks_cells(qtbot, panel):
    raised = event(AlertKind.RAISE, "a", 1200)
    panel.add_events([raised])
    with qtbot.waitSignal(panel.acknowledgedChanged):
        panel.acknowledge_all()
    assert panel.open_alerts() == []


def test_an_export_to_a_folder_that_refuses_says_so(panel, service, read_only_folder):
    raise_events(service, [event(AlertKind.RAISE, "a", 1200)])
    folder = read_only_folder()
    panel.export_csv(str(folder.path / "review.csv"))
    assert "could not be exported" in panel.summary.text() and "Read-only file system" in panel.summary.text()


def test_feed_text_is_shown_as_text_never_as_markup(iface, panel, service):
    hostile = event(AlertKind.RAISE, "<img src='http://example.invalid/x.png'>", 1200)
    raise_events(service, [hostile])
    item = push_alert_message(iface, [hostile], lambda cell: None)
    try:
        assert "&lt;img src='http://example.invalid/x.png'&gt;" in item.text()
        assert "<img" not in item.text()
    finally:
        iface.messageBar().clearWidgets()
    assert panel.table.item(0, PLACE).text() == hostile.cell_id  # table items are plain text
    assert panel.problem.textFormat() == Qt.TextFormat.PlainText
