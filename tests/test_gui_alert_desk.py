"""The alert desk in real QGIS: settings -> region -> the crowd layer's cells -> alerts in the
panel, the log and the message bar; live setting changes; restart; zoom to a cell."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.alerts import AlertKind
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.model import Cell, CellSet, CountsSnapshot, Interval, Trend
from druktemeter.plugin.gui.alert_desk import AlertDesk
from druktemeter.plugin.gui.alert_panel import PLACE
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.runtime.settings import PREFIX, PluginSettings
from qgis.core import Qgis, QgsSettings
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


def make_desk(qtbot, iface, settings, crowd, path) -> AlertDesk:
    desk = AlertDesk(iface, settings, crowd, path, now=lambda: START + timedelta(minutes=20))
    qtbot.addWidget(desk.panel)
    qtbot.waitUntil(lambda: not desk.matching and bool(desk.engine.region_cells()), timeout=5000)
    return desk


@pytest.fixture
def desk(qtbot, iface, settings, crowd, tmp_path):
    alert_desk = make_desk(qtbot, iface, settings, crowd, tmp_path / "alerts.jsonl")
    yield alert_desk
    alert_desk.close()
    iface.messageBar().clearWidgets()


def test_only_the_cell_in_the_region_alerts_and_everything_shows_it(desk, iface):
    events = desk.evaluate(snapshot(0, {"inside": 1500, "outside": 5000, "overlapping": 20}))
    assert [(e.kind, e.cell_id, e.region) for e in events] == [(AlertKind.RAISE, "inside", "Brabant-Noord")]
    assert desk.panel.table.item(0, PLACE).text() == "inside"
    assert [r.cell_id for r in desk.log.records()] == ["inside"]
    assert iface.messageBar().currentItem().text().startswith("Crowd alert in Brabant-Noord: cell inside")


def test_stale_data_never_alerts(desk):
    old = snapshot(0, {"inside": 1500})
    desk.now = lambda: old.interval.end + timedelta(minutes=31)  # 30 min: the stale rule at a 60 s poll
    assert desk.evaluate(old) == []
    desk.now = lambda: old.interval.end + timedelta(minutes=29)
    assert len(desk.evaluate(old)) == 1


def test_rule_changes_apply_without_restart(desk, settings):
    settings.set_value("alerts/count_threshold", 2000)
    assert desk.evaluate(snapshot(0, {"inside": 1500})) == []
    settings.set_value("alerts/count_threshold", 0)
    settings.set_value("alerts/density_per_km2", 500.0)  # 2 km² -> 1000
    assert [e.rule for e in desk.evaluate(snapshot(1, {"inside": 1500}))] == [
        "density at or above 500 per km²"
    ]
    settings.set_value("alerts/sound", True)
    assert desk.panel.sound_enabled


def test_a_new_region_is_matched_again(qtbot, desk, settings):
    settings.set_value("region/feature_expression", "\"statnaam\" = 'Gelderland-Zuid'")
    qtbot.waitUntil(lambda: not desk.matching and desk.engine.region_cells() == {"outside"}, timeout=5000)
    events = desk.evaluate(snapshot(0, {"inside": 1500, "outside": 1500}))
    assert [e.cell_id for e in events] == ["outside"]


def test_a_missing_region_is_reported_and_gives_no_alerts(qtbot, desk, settings, iface):
    settings.set_value("region/feature_expression", "\"statnaam\" = 'Atlantis'")
    warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)  # pytest-qgis records pushMessage
    assert any("No alerts: No feature in the region layer matches" in text for text in warnings)
    assert desk.evaluate(snapshot(0, {"inside": 1500})) == []


def test_open_alerts_survive_a_restart_without_being_raised_again(qtbot, iface, settings, crowd, tmp_path):
    path = tmp_path / "alerts.jsonl"
    first = make_desk(qtbot, iface, settings, crowd, path)
    first.evaluate(snapshot(0, {"inside": 1500}))
    first.close()
    restarted = make_desk(qtbot, iface, settings, crowd, path)
    try:
        assert restarted.evaluate(snapshot(1, {"inside": 1600})) == []
        assert restarted.panel.table.rowCount() == 1
        cleared = restarted.evaluate(snapshot(2, {"inside": 100}))
        assert [e.kind for e in cleared] == [AlertKind.CLEAR]
    finally:
        restarted.close()
        iface.messageBar().clearWidgets()


def test_show_zooms_to_the_cell(desk, iface, crowd):
    canvas = iface.mapCanvas()
    desk.show_cell("inside")
    assert canvas.extent().contains(crowd.feature_for("inside").geometry().boundingBox())
    desk.show_cell("vanished")
    infos = iface.messageBar().get_messages(Qgis.MessageLevel.Info)
    assert "Druktemeter:Cell vanished is no longer in the feed." in infos
