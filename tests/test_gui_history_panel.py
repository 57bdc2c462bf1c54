"""The history panel with a real store in tmp, a real canvas and qtbot."""

from __future__ import annotations

import csv
import sqlite3
import stat
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from druktemeter.plugin.core.history import Comparison, HistoryStore
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.gui.history_panel import HistoryPanel
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QFileDialog

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def snapshot(end: datetime, counts: dict) -> CountsSnapshot:
    trends = {i: Trend.UNKNOWN if c is None else Trend.UP for i, c in counts.items()}
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, counts, trends, "Provider X")


@pytest.fixture
def store(tmp_path):
    opened = HistoryStore(tmp_path / "history.sqlite", 8, clock=lambda: NOON)
    yield opened
    opened.close()


@pytest.fixture
def panel(qtbot, store):
    widget = HistoryPanel(store)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def choose(panel: HistoryPanel, comparison: Comparison) -> None:
    panel.compare_combo.setCurrentIndex(panel.compare_combo.findData(comparison))


def show_and_wait(qtbot, panel: HistoryPanel, shown: CountsSnapshot) -> str:
    with qtbot.waitSignal(panel.summaryShown, timeout=5000) as blocker:
        panel.show_snapshot(shown)
    return blocker.args[0]


def test_offers_the_three_comparisons(panel):
    texts = [panel.compare_combo.itemText(i) for i in range(panel.compare_combo.count())]
    assert texts == ["15 minutes earlier", "same time yesterday", "same weekday last week"]


def test_records_what_it_is_shown_and_says_when_there_is_no_history(qtbot, panel, store):
    text = show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    assert text == panel.summary_label.text() == "No history for that moment yet."
    assert store.snapshot_at(NOON).counts == {"a": 100}


def test_compares_with_the_previous_quarter_hour(qtbot, panel):
    show_and_wait(qtbot, panel, snapshot(NOON - timedelta(minutes=15), {"a": 100, "b": 50, "c": None}))
    text = show_and_wait(qtbot, panel, snapshot(NOON, {"a": 150, "b": None, "c": 30}))
    assert text == "Now 150 in 1 cells vs 100 15 minutes earlier (+50 %)."


def test_choosing_another_moment_compares_again(qtbot, panel, store):
    store.record(snapshot(NOON - timedelta(days=7), {"a": 200}))
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 150}))
    with qtbot.waitSignal(panel.summaryShown, timeout=5000) as blocker:
        choose(panel, Comparison.LAST_WEEK)
    assert blocker.args[0] == "Now 150 in 1 cells vs 200 same weekday last week (-25 %)."


def test_region_limits_the_comparison(qtbot, panel, store):
    store.record(snapshot(NOON - timedelta(minutes=15), {"a": 100, "b": 100}))
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 300, "b": 100}))
    with qtbot.waitSignal(panel.summaryShown, timeout=5000) as blocker:
        panel.set_region_cells({"b"})
    assert blocker.args[0] == "Now 100 in 1 cells vs 100 15 minutes earlier (about the same)."


def test_writing_happens_off_the_main_thread(qtbot, panel, store, monkeypatch):
    threads = []
    real_record = store.record
    monkeypatch.setattr(
        store, "record", lambda s: threads.append(threading.current_thread()) or real_record(s)
    )
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    assert threads and threads[0] is not threading.main_thread()


def test_a_locked_history_shows_a_message_not_a_crash(qtbot, panel, tmp_path):
    other = sqlite3.connect(tmp_path / "history.sqlite")
    other.execute("BEGIN EXCLUSIVE")
    try:
        text = show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    finally:
        other.rollback()
        other.close()
    assert "in use by another program" in text


def test_export_writes_the_table(qtbot, panel, tmp_path):
    assert not panel.export_button.isEnabled()
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100, "b": None}))
    assert panel.export_button.isEnabled()
    with qtbot.waitSignal(panel.exported, timeout=10000):
        panel.export_snapshot(tmp_path / "briefing.csv")  # written on the worker thread
    with open(tmp_path / "briefing.csv", newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert [row[:3] for row in rows[1:]] == [["a", "100", "rising"], ["b", "< 15", "unknown"]]
    assert "2 cells exported" in panel.summary_label.text()
    assert not (tmp_path / "briefing.png").exists()  # no canvas, no map image


def test_export_to_an_impossible_place_says_so(qtbot, panel, tmp_path):
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    with qtbot.waitSignal(panel.exported, timeout=10000):
        panel.export_snapshot(tmp_path / "no such folder" / "briefing.csv")
    assert "could not be saved" in panel.summary_label.text()


def test_export_button_asks_for_a_file(qtbot, panel, tmp_path, monkeypatch):
    target = tmp_path / "chosen.csv"
    asked = []

    def fake_dialog(parent, title, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    with qtbot.waitSignal(panel.exported, timeout=10000):
        panel.export_button.click()
    assert target.exists()
    assert asked[0].startswith("druktemeter-") and asked[0].endswith(".csv")


@pytest.fixture
def canvas(qtbot):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "cells", "memory")
    feature = QgsFeature()
    feature.setGeometry(
        QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in [(4, 52), (5, 52), (5, 53), (4, 52)]]])
    )
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    widget = QgsMapCanvas()
    qtbot.addWidget(widget)
    widget.setLayers([layer])
    widget.setExtent(QgsRectangle(3.5, 51.5, 5.5, 53.5))
    yield widget
    QgsProject.instance().removeMapLayer(layer.id())


def test_export_with_a_canvas_saves_the_map_beside_the_table(qtbot, store, canvas, tmp_path):
    panel = HistoryPanel(store, canvas)
    qtbot.addWidget(panel)
    show_and_wait(qtbot, panel, snapshot(NOON, {"a": 100}))
    with qtbot.waitSignal(panel.mapImageSaved, timeout=10000) as blocker:
        panel.export_snapshot(tmp_path / "briefing.csv")
    panel.shutdown()
    assert blocker.args[0] == str(tmp_path / "briefing.png")
    image = QImage(blocker.args[0])
    assert image.size() == canvas.mapSettings().outputSize()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)}
    assert len(colours) > 1  # the polygon is drawn on the background
    assert stat.S_IMODE(Path(blocker.args[0]).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "briefing.csv").stat().st_mode) == 0o600
