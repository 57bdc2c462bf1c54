"""End to end: a feed on loopback -> cells matched to a GeoPackage region -> the alert engine ->
the alert panel and the alert log. A crowd builds up in one cell inside the region and in one
outside it; exactly one alert must come, for the inside cell."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

import pytest
import requests
from druktemeter.plugin.core.alert_log import AlertLog
from druktemeter.plugin.core.alerts import AlertEngine, AlertKind, AlertRules
from druktemeter.plugin.core.model import Cell, CountsSnapshot, FeedMeta, Interval, Trend
from druktemeter.plugin.core.trend import publish
from druktemeter.plugin.feed import contract
from druktemeter.plugin.gui.alert_panel import CELL, AlertPanel
from druktemeter.plugin.mapping.region import cells_in_region, region_from_layer
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

    def __init__(self) -> None:
        self.cells = [Cell(cell_id, square(c), {"area_km2": 2.5}) for cell_id, c in CENTRES.items()]
        self.index = 0

    def interval(self) -> Interval:
        start = START + self.index * STEP
        return Interval(start, start + STEP)

    def meta_payload(self) -> dict:
        return contract.meta_payload(FeedMeta(provider="Scripted test feed", attribution="", terms=""))

    def cells_payload(self) -> dict:
        return contract.cells_payload(self.cells)

    def counts_payload(self, columnar: bool = False) -> dict:
        now = {cell_id: float(series[self.index]) for cell_id, series in CROWD.items()}
        before = {c: float(series[self.index - 1]) for c, series in CROWD.items()} if self.index else {}
        counts, trends = publish(now, before, min_count=15)
        return contract.counts_payload(self.interval(), 15, counts, trends, columnar=columnar)

    def health_payload(self) -> dict:
        return contract.health_payload(self.interval(), self.interval().end)


class FeedHandler(BaseHTTPRequestHandler):
    """Test fake of the reference service: serves the source's payloads on the v1 paths."""

    def do_GET(self) -> None:
        source = self.server.source
        payloads = {
            contract.PATH_META: source.meta_payload,
            contract.PATH_CELLS: source.cells_payload,
            contract.PATH_COUNTS: source.counts_payload,
            contract.PATH_HEALTH: source.health_payload,
        }
        produce = payloads.get(self.path.split("?")[0])
        body = json.dumps(produce() if produce else {"title": "Not Found"}).encode()
        self.send_response(200 if produce else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def feed():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.source = ScriptedCrowd()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.server_close()


def read_cells(url: str) -> list[Cell]:
    features = requests.get(url + contract.PATH_CELLS, timeout=5).json()["features"]
    return [Cell(f["id"], f["geometry"], f["properties"]) for f in features]


def read_counts(url: str) -> CountsSnapshot:
    """Reads the default (per-cell) form of /v1/counts; suppressed cells carry no count."""
    payload = requests.get(url + contract.PATH_COUNTS, timeout=5).json()
    parse = datetime.fromisoformat
    interval = Interval(*(parse(payload["interval"][k].replace("Z", "+00:00")) for k in ("start", "end")))
    cells = payload["cells"]
    counts: dict[str, Optional[int]] = {c["id"]: None if c["suppressed"] else c["count"] for c in cells}
    trends = {c["id"]: Trend(c["trend"]) if c["trend"] else Trend.UNKNOWN for c in cells}
    return CountsSnapshot(interval, payload["min_count"], counts, trends)


def test_a_crowd_inside_the_region_gives_exactly_one_alert(qtbot, tmp_path, feed):
    url = f"http://127.0.0.1:{feed.server_address[1]}"
    regions = write_regions_gpkg(tmp_path / "regions.gpkg")
    region = region_from_layer(regions, "ogr", "\"statnaam\" = 'Brabant-Noord'")
    cells = read_cells(url)
    region_cells = cells_in_region(cells, region)
    assert region_cells == {"inside", "quiet", "empty"}

    rules = AlertRules(count_threshold=1000, clear_ratio=0.5, cooldown_minutes=60)
    engine = AlertEngine(rules, "Brabant-Noord")
    engine.set_region_cells(region_cells, {c.id: c.properties["area_km2"] for c in cells})
    log = AlertLog(tmp_path / "alerts.jsonl")
    panel = AlertPanel(log)
    qtbot.addWidget(panel)
    for index in range(7):  # up to the peak and a little after: no clear yet (clears below 500)
        feed.source.index = index
        snapshot = read_counts(url)
        received = snapshot.interval.end + timedelta(seconds=30)
        panel.add_events(engine.evaluate(snapshot, stale=False, now=received))

    assert panel.table.rowCount() == 1
    assert panel.table.item(0, CELL).text() == "inside"
    records = log.records()
    assert [(r.kind, r.cell_id, r.count) for r in records] == [(AlertKind.RAISE, "inside", 1100)]
    assert records[0].time == START + 4 * STEP and records[0].trend is Trend.UP
