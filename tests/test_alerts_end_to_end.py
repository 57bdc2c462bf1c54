"""End to end: the reference service on loopback (serving a scripted test source) -> the plugin's
HTTP reader and poller -> the crowd layer -> cells matched to a GeoPackage region -> the alert
engine -> the alert panel, the alert log and the message bar.

1. A crowd builds up in one cell inside the region and in one outside it; exactly one alert
   must come, for the inside cell.
2. The feed goes down while thirty cells fill up; when it comes back, each high cell is
   reported once, as one message and one sound, not a burst."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.alerts import AlertEngine, AlertKind, AlertRules
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.model import Cell, FeedMeta, Interval, Trend
from druktemeter.plugin.core.trend import publish
from druktemeter.plugin.feed import contract
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.feed.contract import PATH_COUNTS
from druktemeter.plugin.gui.alert_panel import PLACE, AlertPanel, push_alert_message
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.mapping.region import cells_in_region, region_from_layer
from druktemeter.plugin.runtime.alert_service import AlertService
from druktemeter.plugin.runtime.poller import FeedPoller
from druktemeter.plugin.runtime.settings import PREFIX, PluginSettings
from druktemeter.plugin.service.server import ReferenceServer
from feed_fakes import MisbehavingServer, answer
from qgis.core import QgsSettings
from test_mapping_region import write_regions_gpkg

START = datetime(2026, 11, 25, 16, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=15)
# Raw counts per interval: a crowd builds up and disperses, inside and outside the region.
CROWD = {
    "inside": [120, 300, 700, 1100, 1600, 1500, 1400, 900, 600, 300],
    "outside": [150, 500, 1200, 2500, 3000, 2800, 2000, 900, 400, 200],
    "quiet": [40, 42, 38, 41, 39, 40, 43, 40, 41, 39],
    "empty": [3, 2, 4, 1, 0, 2, 3, 1, 2, 2],  # always suppressed
}
CENTRES = {"inside": (5.45, 51.68), "outside": (5.9, 51.68), "quiet": (5.40, 51.62), "empty": (5.50, 51.72)}


def square(centre: tuple[float, float], half: float = 0.01) -> dict:
    x, y = centre
    west, south, east, north = x - half, y - half, x + half, y + half
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


class ScriptedCrowd:
    """A scripted test feed source (``FeedSource``): contract payloads for one interval at a time."""

    def __init__(self, series: dict[str, list[int]], centres: dict[str, tuple[float, float]]) -> None:
        self.series = series
        self.cells = [Cell(cell_id, square(c), {"area_km2": 2.5}) for cell_id, c in centres.items()]
        self.index = 0

    def interval(self) -> Interval:
        start = START + self.index * STEP
        return Interval(start, start + STEP)

    def meta_payload(self) -> dict:
        return contract.meta_payload(FeedMeta(provider="Scripted test feed", attribution="", terms=""))

    def cells_payload(self) -> dict:
        return contract.cells_payload(self.cells)

    def counts_payload(self, columnar: bool = False) -> dict:
        now = {cell_id: float(series[self.index]) for cell_id, series in self.series.items()}
        before = {c: float(series[self.index - 1]) for c, series in self.series.items()} if self.index else {}
        counts, trends = publish(now, before, min_count=15)
        return contract.counts_payload(self.interval(), 15, counts, trends, columnar=columnar)

    def health_payload(self) -> dict:
        return contract.health_payload(self.interval(), self.interval().end)


@pytest.fixture
def feed():
    server = ReferenceServer(ScriptedCrowd(CROWD, CENTRES), rate_limit=None)
    server.start()
    yield server
    server.stop()


def make_poller(feed: ReferenceServer) -> FeedPoller:
    clock = ScriptedClock(feed.source)
    reader = HttpFeedReader(feed.url, token_provider=lambda: None, read_timeout=5.0)
    feed_poller = FeedPoller(reader, 900, now=clock)
    feed_poller.clock = clock
    return feed_poller


@pytest.fixture
def poller(feed):
    feed_poller = make_poller(feed)
    yield feed_poller
    feed_poller.stop()
    feed_poller.reader.close()


class ScriptedClock:
    """The wall clock of the test: 40 seconds after the end of the interval the source serves."""

    def __init__(self, source: ScriptedCrowd) -> None:
        self.source = source

    def __call__(self) -> datetime:
        return self.source.interval().end + timedelta(seconds=40)


def test_a_crowd_inside_the_region_gives_exactly_one_alert(qtbot, tmp_path, iface, feed, poller):
    crowd = CrowdLayer([15, 50, 150, 500, 1500])
    counts = []
    poller.cellsReady.connect(crowd.set_cells)
    poller.countsReady.connect(counts.append)
    with qtbot.waitSignal(crowd.cells_applied, timeout=10_000):
        poller.start()
    regions = write_regions_gpkg(tmp_path / "regions.gpkg")
    region = region_from_layer(regions, "ogr", "\"statnaam\" = 'Brabant-Noord'")
    region_cells = cells_in_region(crowd.layer, region)
    assert region_cells == {"inside", "quiet", "empty"}

    rules = AlertRules(count_threshold=1000, clear_ratio=0.5, cooldown_minutes=60)
    engine = AlertEngine(rules, "Brabant-Noord")
    engine.set_region_cells(region_cells, crowd.cell_areas_km2())
    service = AlertService(PluginSettings(), crowd, tmp_path / "alerts.jsonl")  # records; the engine is above
    log = service.log
    panel = AlertPanel(service)
    qtbot.addWidget(panel)
    shown = []
    for index in range(7):  # up to the peak and a little after: no clear yet (clears below 500)
        if index:
            feed.source.index = index
            with qtbot.waitSignal(poller.statusChanged, timeout=10_000):
                poller.poll_now()
        qtbot.waitUntil(lambda: len(counts) == index + 1, timeout=10_000)  # noqa: B023
        events = engine.evaluate(counts[-1], stale=poller.status.is_stale(poller.clock()), now=poller.clock())
        service.alertsRaised.emit(events)  # what AlertService.evaluate does: show, then record
        service.recorder.record(events)
        push_alert_message(iface, events, shown.append)

    assert [s.interval.end for s in counts] == [START + (i + 1) * STEP for i in range(7)]
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, PLACE).text() == "inside"
    records = log.records()
    assert [(r.kind, r.cell_id, r.count) for r in records] == [(AlertKind.RAISE, "inside", 1100)]
    assert records[0].time == START + 4 * STEP and records[0].trend is Trend.UP
    assert len(iface.messageBar().items()) == 1
    iface.messageBar().clearWidgets()
    service.close()
    crowd.close()


# Thirty cells inside the region fill up while the feed is down.
BLOCK = {f"block-{i:02d}": (5.36 + (i % 6) * 0.03, 51.63 + (i // 6) * 0.025) for i in range(30)}
BLOCK_SERIES = {cell_id: [200, 220, 240, 600, 900, 1300, 1500] for cell_id in BLOCK}


@pytest.fixture
def region_settings(tmp_path):
    def reset():
        store = QgsSettings()
        for key in SETTINGS:
            store.remove(PREFIX + key)

    reset()
    settings = PluginSettings()
    settings.set_value("region/source", write_regions_gpkg(tmp_path / "regions.gpkg"))
    settings.set_value("region/feature_expression", "\"statnaam\" = 'Brabant-Noord'")
    settings.set_value("region/name", "Brabant-Noord")
    settings.set_value("alerts/sound", True)
    yield settings
    reset()


def test_after_a_feed_outage_high_cells_come_as_one_summary_not_a_burst(
    qtbot, tmp_path, iface, region_settings, monkeypatch
):
    beeps = []  # a fake speaker: records QApplication.beep() instead of sounding
    monkeypatch.setattr("druktemeter.plugin.gui.alert_panel.QApplication.beep", lambda: beeps.append(1))
    server = MisbehavingServer(ScriptedCrowd(BLOCK_SERIES, BLOCK))
    server.start()
    poller = make_poller(server)
    crowd = CrowdLayer([15, 50, 150, 500, 1500])
    desk = AlertService(region_settings, crowd, tmp_path / "alerts.jsonl", now=poller.clock)
    panel = AlertPanel(desk)  # wired as the plugin wires them
    panel.set_sound_enabled(True)
    desk.alertsRaised.connect(lambda raised: push_alert_message(iface, raised, lambda cell: None))
    qtbot.addWidget(panel)
    events = []
    poller.cellsReady.connect(crowd.set_cells)
    poller.countsReady.connect(lambda snapshot: crowd.apply_counts(snapshot, snapshot.source))
    crowd.counts_applied.connect(lambda snapshot: events.append(desk.evaluate(snapshot)))
    iface.messageBar().clearWidgets()
    try:
        with qtbot.waitSignal(crowd.counts_applied, timeout=10_000):
            poller.start()
        qtbot.waitUntil(lambda: desk.engine.region_cells() == set(BLOCK), timeout=10_000)
        server.overrides[PATH_COUNTS] = answer(503, b'{"title": "Service Unavailable"}')
        for index in (1, 2, 3, 4, 5):  # the feed is down while the crowd builds up
            server.source.index = index
            with qtbot.waitSignal(poller.statusChanged, timeout=10_000):
                poller.poll_now()
        assert poller.status.is_stale(poller.clock())
        del server.overrides[PATH_COUNTS]
        server.source.index = 6
        with qtbot.waitSignal(crowd.counts_applied, timeout=10_000):
            poller.poll_now()
    finally:
        poller.stop()
        poller.reader.close()
        server.stop()
        desk.close()
        crowd.close()

    assert [len(batch) for batch in events] == [0, 30]  # nothing before, then every high cell once
    assert all(e.kind is AlertKind.RAISE and e.catch_up for e in events[1])
    assert len(desk.log.records()) == 30 and panel.table.rowCount() == 30
    assert beeps == [1]
    items = iface.messageBar().items()
    assert len(items) == 1 and items[0].text().startswith("30 crowd alerts in Brabant-Noord; highest: cell ")
    iface.messageBar().clearWidgets()
