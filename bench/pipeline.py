"""The steps the benchmark times: our poll, the GeoJSON-reload alternative, first load, render."""

from __future__ import annotations

import dataclasses
import gc
import gzip
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from druktemeter.plugin.core.alerts import AlertEngine, AlertRules
from druktemeter.plugin.core.config import band_edges
from druktemeter.plugin.core.model import CellSet, CountsSnapshot
from druktemeter.plugin.feed import contract
from druktemeter.plugin.feed.cache import CellsCache
from druktemeter.plugin.feed.parsing import parse_cells, parse_counts
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.mapping.drawn import DrawnPlanner
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

EDGES = band_edges("15,50,150,500,1500")

PARSER = "plugin.feed.parsing (strict validation, privacy checks)"
ALERTS = "plugin.core.alerts.AlertEngine over a ~3,000-cell region (count 1000, +50 % rise)"
DISK_SOURCE = "plugin.feed.cache.CellsCache load + parse_cells + set_cells"
FEED_URL = "https://bench.invalid/v1"


class GcPauses:
    """The longest pause of Python's garbage collector while active: it holds the GIL, so
    wherever it is triggered (a worker parsing cells, our update) it stalls the main thread."""

    def __init__(self) -> None:
        self.longest_s = 0.0
        self._started = 0.0

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest_s = max(self.longest_s, time.perf_counter() - self._started)


@dataclass
class PollFigures:
    parse_s: float  # in the plugin this runs in the poller's worker thread
    main_thread_s: float
    longest_s: float
    alerts_s: float
    values_written: int
    bytes: int
    gzip_bytes: int
    gc_pause_s: float

    @property
    def poll_to_map_s(self) -> float:
        return self.parse_s + self.main_thread_s + self.alerts_s


@dataclass
class LoadFigures:
    seconds: float
    parse_s: float
    longest_s: float
    bytes: int
    gc_pause_s: float


BENCH_CELLS_ETAG = 'W/"bench-cells"'


def counts_body(snapshot: CountsSnapshot, order: list[str]) -> bytes:
    """The compact form the plugin asks for: columnar, aligned to the cell list, no ids."""
    payload = contract.counts_payload(
        snapshot.interval, snapshot.min_count, snapshot.counts, snapshot.trends, columnar=True
    )
    aligned = contract.aligned_columnar(payload, order, BENCH_CELLS_ETAG)
    return json.dumps(aligned, separators=(",", ":")).encode()


def wait_until_idle(crowd: CrowdLayer) -> None:
    while crowd.busy:
        QgsApplication.processEvents()


def alert_engine(crowd: CrowdLayer, region: CellSet) -> AlertEngine:
    rules = AlertRules(count_threshold=1000, rise_percent=50.0, clear_ratio=0.8, cooldown_minutes=30)
    engine = AlertEngine(rules, "bench region")
    engine.set_region_cells([cell.id for cell in region.cells], crowd.cell_areas_km2())
    return engine


def planner_for(crowd: CrowdLayer) -> DrawnPlanner:
    """The poller's worker-side packer and differ, for the cell list on ``crowd``."""
    planner = DrawnPlanner(EDGES)
    planner.set_cells(crowd.cells)
    return planner


def apply_body(
    crowd: CrowdLayer, engine: AlertEngine, body: bytes, cells: CellSet, planner: DrawnPlanner
) -> PollFigures:
    """Parse, pack and diff (the poller's worker thread), apply in slices and evaluate alerts
    (main thread)."""
    with GcPauses() as pauses:
        started = time.perf_counter()
        snapshot = parse_counts(body, cells=cells)
        plan = planner.plan(snapshot)
        parsed = time.perf_counter()
        crowd.runner.longest_slice_s = 0.0
        crowd.apply_counts(snapshot, "bench", plan)
        wait_until_idle(crowd)
        applied = time.perf_counter()
        engine.evaluate(snapshot, stale=False, now=snapshot.interval.end)
        evaluated = time.perf_counter()
    return PollFigures(
        parse_s=parsed - started,
        main_thread_s=applied - parsed,
        longest_s=max(crowd.runner.longest_slice_s, evaluated - applied),
        alerts_s=evaluated - applied,
        values_written=crowd.values_written,
        bytes=len(body),
        gzip_bytes=len(gzip.compress(body)),
        gc_pause_s=pauses.longest_s,
    )


def poll(crowd: CrowdLayer, engine: AlertEngine, simulator, planner: DrawnPlanner) -> PollFigures:
    """One poll of the cell list on ``crowd`` (named by :data:`BENCH_CELLS_ETAG`)."""
    cells = crowd.cells
    order = [cell.id for cell in cells.cells]
    return apply_body(crowd, engine, counts_body(simulator.next_snapshot(), order), cells, planner)


def cells_body(cells: CellSet) -> bytes:
    return json.dumps(contract.cells_payload(cells.cells), separators=(",", ":")).encode()


def load_body(body: bytes, crs: str = "EPSG:4326") -> tuple[CrowdLayer, LoadFigures]:
    with GcPauses() as pauses:
        started = time.perf_counter()
        cells = dataclasses.replace(parse_cells(body), etag=BENCH_CELLS_ETAG)
        parsed = time.perf_counter()
        crowd = CrowdLayer(EDGES, crs=crs)
        crowd.set_cells(cells)
        wait_until_idle(crowd)
        seconds = time.perf_counter() - started
    return crowd, LoadFigures(
        seconds, parsed - started, crowd.runner.longest_slice_s, len(body), pauses.longest_s
    )


def first_load(cells: CellSet) -> tuple[CrowdLayer, LoadFigures]:
    return load_body(cells_body(cells))


def first_load_from_cache(cells: CellSet) -> tuple[CrowdLayer, LoadFigures]:
    """A QGIS restart: the cell list comes from the feed's disk cache instead of the network."""
    with tempfile.TemporaryDirectory(prefix="druktemeter-cache-") as folder:
        cache = CellsCache(Path(folder))
        cache.save(FEED_URL, "bench-etag", cells_body(cells))
        started = time.perf_counter()
        _, body = cache.load(FEED_URL)
        crowd, figures = load_body(body)
        figures.seconds = time.perf_counter() - started
    return crowd, figures


@dataclass
class ReloadFigures:
    seconds: float
    bytes: int


class GeoJsonReload:
    """A layer pointed at a GeoJSON document with geometry and counts, refreshed per update."""

    def __init__(self, cells: CellSet) -> None:
        self.features = [
            {"type": "Feature", "id": c.id, "geometry": c.geometry, "properties": {"cell_id": c.id}}
            for c in cells.cells
        ]
        self.folder = tempfile.TemporaryDirectory(prefix="druktemeter-geojson-")
        self.path = Path(self.folder.name) / "crowd.geojson"
        self.layer: Optional[QgsVectorLayer] = None
        self.body = b""

    def update(self, snapshot: CountsSnapshot) -> ReloadFigures:
        for feature in self.features:
            cell_id = feature["id"]
            count = snapshot.counts.get(cell_id)
            trend = snapshot.trends.get(cell_id)
            feature["properties"] = {"cell_id": cell_id, "count": count, "trend": trend and trend.value}
        self.body = json.dumps(
            {"type": "FeatureCollection", "features": self.features}, separators=(",", ":")
        ).encode()
        started = time.perf_counter()
        self.path.write_bytes(self.body)
        if self.layer is None:
            self.layer = QgsVectorLayer(str(self.path), "geojson", "ogr")
        else:
            self.layer.reload()
        feature = QgsFeature()
        iterator = self.layer.getFeatures()
        while iterator.nextFeature(feature):
            pass
        return ReloadFigures(time.perf_counter() - started, len(self.body))

    def gzip_bytes(self) -> int:
        return len(gzip.compress(self.body))

    def close(self) -> None:
        self.layer = None
        self.folder.cleanup()


def render_seconds(
    layer: QgsVectorLayer, extent: QgsRectangle, size: tuple[int, int], crs: str = ""
) -> float:
    """A full render of ``extent`` (lon/lat); with ``crs`` the map is in that CRS (reprojected on the fly)."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    destination = QgsCoordinateReferenceSystem(crs) if crs else layer.crs()
    settings.setDestinationCrs(destination)
    settings.setOutputSize(QSize(*size))
    to_map = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), destination, QgsProject.instance()
    )
    settings.setExtent(to_map.transformBoundingBox(extent))
    settings.setBackgroundColor(QColor("white"))
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(None))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))  # as the map canvas does
    settings.setExpressionContext(context)
    job = QgsMapRendererParallelJob(settings)
    started = time.perf_counter()
    job.start()
    job.waitForFinished()
    return time.perf_counter() - started
