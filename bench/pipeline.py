"""The steps the benchmark times: our poll, the GeoJSON-reload alternative, first load, render."""

from __future__ import annotations

import dataclasses
import gc
import gzip
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, TypeVar

from druktemeter.plugin.core.alerts import AlertEngine, AlertRules
from druktemeter.plugin.core.config import band_edges
from druktemeter.plugin.core.model import CellSet, CountsSnapshot
from druktemeter.plugin.feed import contract
from druktemeter.plugin.feed.cache import CellsCache
from druktemeter.plugin.feed.cells_file import cells_from_packed, packed_bytes
from druktemeter.plugin.feed.parsing import parse_cells, parse_counts
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer, cell_ids
from druktemeter.plugin.mapping.drawn import DrawnPlanner
from druktemeter.plugin.mapping.overview import NationalOverview, OverviewPlanner
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
from qgis.PyQt.QtCore import QSize, QTimer
from qgis.PyQt.QtGui import QColor

EDGES = band_edges("15,50,150,500,1500")

PARSER = "plugin.feed.parsing (strict validation, privacy checks)"
ALERTS = "plugin.core.alerts.AlertEngine over a ~3,000-cell region (count 1000, +50 % rise)"
DISK_SOURCE = "plugin.feed.cache.CellsCache load + parse_cells + set_cells"
FEED_URL = "https://bench.invalid/v1"
DISPOSAL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-overview")  # as BackgroundWork's


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


T = TypeVar("T")


class MainThreadWatch:
    """The longest stretch in which the main thread's event loop could not run Python: a 1 ms
    timer on the main thread notes the gaps between its ticks while active. It sees everything
    that keeps QGIS from reacting: our slices, the cycle collector, and a worker holding the GIL."""

    def __init__(self) -> None:
        self.longest_s = 0.0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def __enter__(self) -> MainThreadWatch:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_s = max(self.longest_s, now - self._last)
        self._last = now


def on_worker(work: Callable[[], T]) -> T:
    """Run ``work`` on a worker thread (as the poller does) while the main thread runs its event loop."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the main thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="bench-worker")
    thread.start()
    while thread.is_alive():
        QgsApplication.processEvents()
        thread.join(0.0005)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@dataclass
class PollFigures:
    parse_s: float  # in the plugin this runs in the poller's worker thread
    main_thread_s: float
    longest_s: float
    alerts_s: float
    values_written: int
    body: bytes
    gc_pause_s: float

    @property
    def poll_to_map_s(self) -> float:
        return self.parse_s + self.main_thread_s + self.alerts_s

    @property
    def bytes(self) -> int:
        return len(self.body)

    @property
    def gzip_bytes(self) -> int:
        """Compressed on demand: a national body takes ~0.1 s, too much for every memory poll."""
        return len(gzip.compress(self.body))


@dataclass
class LoadFigures:
    seconds: float
    parse_s: float
    longest_s: float  # main-thread stretch (MainThreadWatch)
    longest_slice_s: float
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


@dataclass
class AlertFigures:
    seconds: float  # until the events are known (and would be shown)
    main_thread_s: float
    longest_s: float  # main-thread stretch (MainThreadWatch)
    longest_slice_s: float
    events: int


def evaluation_as_the_service_does(engine: AlertEngine, snapshot: CountsSnapshot) -> AlertFigures:
    """One snapshot evaluated as ``runtime.alert_service.AlertService.evaluate`` does: at once
    for a region of up to ``EVALUATED_AT_ONCE`` cells, else in slices on the main thread."""
    from druktemeter.plugin.mapping.slicing import SlicedRunner
    from druktemeter.plugin.runtime.alert_service import EVALUATED_AT_ONCE

    runner = SlicedRunner()
    evaluation = engine.evaluation(snapshot, stale=False, now=snapshot.interval.end)
    with MainThreadWatch() as watch:
        started = time.perf_counter()
        runner.start(evaluation.steps(), lambda: None)
        if len(engine.region_cells()) <= EVALUATED_AT_ONCE:
            runner.finish_now()
            runner.total_s = runner.longest_slice_s = time.perf_counter() - started
        while runner.busy:
            QgsApplication.processEvents()
        seconds = time.perf_counter() - started
    return AlertFigures(
        seconds,
        runner.total_s,
        max(watch.longest_s, runner.longest_slice_s),
        runner.longest_slice_s,
        len(evaluation.events or []),
    )


def planner_for(crowd: CrowdLayer) -> DrawnPlanner:
    """The poller's worker-side packer and differ, for the cell list on ``crowd``."""
    planner = DrawnPlanner(EDGES)
    planner.set_cells(crowd.cells)
    return planner


def overview_planner(crs: str) -> DrawnPlanner:
    """The poller's planner as the monitor makes it: it builds the national overview too."""
    context = QgsProject.instance().transformContext()
    return DrawnPlanner(EDGES, overview=OverviewPlanner(QgsCoordinateReferenceSystem(crs), context))


def with_overview(crowd: CrowdLayer, snapshot: CountsSnapshot) -> tuple[NationalOverview, DrawnPlanner]:
    """``crowd`` showing ``snapshot`` as the plugin shows it: the cells closer than 1:500,000 and the
    national overview (built on a worker) beyond; and the worker's planner."""
    planner = overview_planner(crowd.layer.crs().authid())

    def planned():
        planner.set_cells(crowd.cells)
        return planner.plan(snapshot)

    plan = on_worker(planned)
    crowd.apply_counts(snapshot, "bench", plan)
    wait_until_idle(crowd)
    overview = NationalOverview(disposal=DISPOSAL)
    overview.follow(crowd)
    overview.apply(plan.overview)
    overview.sync_style()
    return overview, planner


@dataclass
class OverviewFigures:
    worker_s: float  # drawn values packed and diffed, the changed groups merged (the poller's worker)
    apply_s: float  # main thread: the changed geometries handed to the layer
    longest_s: float  # main-thread stretch meanwhile (MainThreadWatch)
    groups: int  # groups rebuilt


def overview_update(
    crowd: CrowdLayer, overview: NationalOverview, planner: DrawnPlanner, snapshot: CountsSnapshot
) -> OverviewFigures:
    """A new interval for the national overview: planned on a worker, applied on the main thread."""
    with MainThreadWatch() as watch:  # the overview's part only: the crowd layer's writes follow
        started = time.perf_counter()
        plan = on_worker(lambda: planner.plan(snapshot))
        planned = time.perf_counter()
        if plan.overview is not None:
            overview.apply(plan.overview)
        applied = time.perf_counter()
    crowd.apply_counts(snapshot, "bench", plan)
    wait_until_idle(crowd)
    groups = 0 if plan.overview is None else len(plan.overview.geometries)
    return OverviewFigures(planned - started, applied - planned, watch.longest_s, groups)


def apply_body(
    crowd: CrowdLayer, engine: AlertEngine, body: bytes, cells: CellSet, planner: DrawnPlanner
) -> PollFigures:
    """Parse, pack and diff (the poller's worker thread), apply in slices and evaluate alerts
    (main thread). ``main_thread_s`` is the time the main thread spends on the update
    (its slices), not the wall time between them."""

    def parsed_and_planned():
        snapshot = parse_counts(body, cells=cells)
        return snapshot, planner.plan(snapshot)

    with GcPauses() as pauses, MainThreadWatch() as watch:
        started = time.perf_counter()
        snapshot, plan = on_worker(parsed_and_planned)
        parsed = time.perf_counter()
        crowd.runner.longest_slice_s = 0.0
        crowd.runner.total_s = 0.0
        crowd.apply_counts(snapshot, "bench", plan)
        wait_until_idle(crowd)
        applied = time.perf_counter()
        engine.evaluate(snapshot, stale=False, now=snapshot.interval.end)
        evaluated = time.perf_counter()
    return PollFigures(
        parse_s=parsed - started,
        main_thread_s=crowd.runner.total_s,
        longest_s=max(watch.longest_s, evaluated - applied),
        alerts_s=evaluated - applied,
        values_written=crowd.values_written,
        body=body,
        gc_pause_s=pauses.longest_s,
    )


def poll(crowd: CrowdLayer, engine: AlertEngine, simulator, planner: DrawnPlanner) -> PollFigures:
    """One poll of the cell list on ``crowd`` (named by :data:`BENCH_CELLS_ETAG`)."""
    cells = crowd.cells
    return apply_body(crowd, engine, counts_body(simulator.next_snapshot(), cell_ids(cells)), cells, planner)


def as_received(cells: CellSet) -> CellSet:
    """A generated cell list as the plugin holds it once parsed (geometry packed as WKB)."""
    return dataclasses.replace(parse_cells(cells_body(cells)), etag=cells.etag)


def cells_body(cells: CellSet) -> bytes:
    return json.dumps(contract.cells_payload(cells.cells), separators=(",", ":")).encode()


def load_body(
    body: bytes | Callable[[], bytes], crs: str = "EPSG:4326", crowd: Optional[CrowdLayer] = None
) -> tuple[CrowdLayer, LoadFigures]:
    """A cell list read and parsed on a worker, then put on a new (or the given) layer in slices."""
    read = body if callable(body) else lambda: body

    def parsed() -> tuple[CellSet, int]:
        data = read()
        return parse_cells(data), len(data)

    return load_cells(parsed, crs, crowd)


def load_cells(
    read: Callable[[], tuple[CellSet, int]], crs: str = "EPSG:4326", crowd: Optional[CrowdLayer] = None
) -> tuple[CrowdLayer, LoadFigures]:
    """Cells from ``read`` (run on a worker: cells and bytes read) put on a new or given layer in slices."""
    with GcPauses() as pauses, MainThreadWatch() as watch:
        started = time.perf_counter()
        cells, size = on_worker(read)
        cells = dataclasses.replace(cells, etag=BENCH_CELLS_ETAG)
        parse_s = time.perf_counter() - started
        crowd = crowd or CrowdLayer(EDGES, crs=crs)
        crowd.runner.longest_slice_s = 0.0
        crowd.set_cells(cells)
        wait_until_idle(crowd)
        seconds = time.perf_counter() - started
    return crowd, LoadFigures(
        seconds, parse_s, watch.longest_s, crowd.runner.longest_slice_s, size, pauses.longest_s
    )


def first_load(cells: CellSet, crs: str = "EPSG:4326") -> tuple[CrowdLayer, LoadFigures]:
    return load_body(cells_body(cells), crs)


def first_load_from_cache(cells: CellSet, crs: str = "EPSG:4326") -> tuple[CrowdLayer, LoadFigures]:
    """A QGIS restart: the parsed cell list comes from the feed's disk cache (read on the worker)."""
    with tempfile.TemporaryDirectory(prefix="druktemeter-cache-") as folder:
        cache = CellsCache(Path(folder))
        cache.save(FEED_URL, "bench-etag", packed_bytes(parse_cells(cells_body(cells)).cells))

        def cached() -> tuple[CellSet, int]:
            block = cache.load(FEED_URL)[1]
            return CellSet(cells_from_packed(block)), len(block)

        return load_cells(cached, crs)


@dataclass
class PictureFigures:
    seconds: float  # start -> the national picture drawn
    overview_s: float  # start -> the overview on its layer (cells read, parsed, merged on the worker)
    render_s: float
    load: LoadFigures  # the crowd layer's own load, every cell on it (meanwhile, in slices; the render
    # threads compete for the two cores, so its stretches are not the first_load_disk figure)


def first_picture_from_cache(
    cells: CellSet, crs: str, extent: QgsRectangle, size: tuple[int, int]
) -> tuple[CrowdLayer, NationalOverview, PictureFigures]:
    """A QGIS restart, as the poller and the monitor take it: the cell list read from the feed's disk
    cache on the worker (kept as parsed); on the main thread the crowd layer starts loading it in slices
    while the worker merges the overview (no counts yet: every cell "no data"); the overview is put
    on its layer and the national map rendered as the canvas does (in the background, the event
    loop running, so the crowd layer's slices go on). As in QGIS, the event loop turns between the
    worker's result, the style and the redraw (the canvas redraws from a timer, not in the slot)."""
    with tempfile.TemporaryDirectory(prefix="druktemeter-cache-") as folder:
        cache = CellsCache(Path(folder))
        cache.save(FEED_URL, "bench-etag", packed_bytes(parse_cells(cells_body(cells)).cells))
        crowd = CrowdLayer(EDGES, crs=crs)
        overview = NationalOverview(disposal=DISPOSAL)
        overview.follow(crowd)
        planner = overview_planner(crs)

        def parsed() -> tuple[CellSet, int]:
            block = cache.load(FEED_URL)[1]  # as first_load_from_cache: the list as parsed
            cell_set = CellSet(cells_from_packed(block))
            planner.set_cells(cell_set)
            return cell_set, len(block)

        with GcPauses() as pauses, MainThreadWatch() as watch:
            started = time.perf_counter()
            cell_set, size_bytes = on_worker(parsed)
            parse_s = time.perf_counter() - started
            crowd.runner.longest_slice_s = 0.0
            crowd.set_cells(cell_set)
            overview.apply(on_worker(lambda: planner.pending_overview(None)))
            QgsApplication.processEvents()  # QGIS: the worker's result, the style and the redraw each a turn
            overview.sync_style()
            layers = [crowd.layer, overview.layer]
            QgsApplication.processEvents()
            overview_s = time.perf_counter() - started
            render_s = render_seconds(layers, extent, size, crs, in_background=True)
            picture_s = time.perf_counter() - started
            wait_until_idle(crowd)
            seconds = time.perf_counter() - started
    load = LoadFigures(
        seconds, parse_s, watch.longest_s, crowd.runner.longest_slice_s, size_bytes, pauses.longest_s
    )
    return crowd, overview, PictureFigures(picture_s, overview_s, render_s, load)


def changed_cells(cells: CellSet, share: float = 0.05) -> CellSet:
    """A new cell list: ``share`` of the cells gone, as many new, and as many moved a little."""
    step = max(1, round(1 / share))
    kept = [cell for index, cell in enumerate(cells.cells) if index % step != 0]
    moved = [
        dataclasses.replace(cell, geometry=_shifted(cell.geometry, 0.001)) if index % step == 1 else cell
        for index, cell in enumerate(kept)
    ]
    added = [
        dataclasses.replace(cell, id=f"{cell.id}-new", geometry=_shifted(cell.geometry, 0.002))
        for cell in cells.cells[::step]
    ]
    return CellSet(tuple(moved + added), "changed")


def _shifted(geometry, offset: float) -> dict:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    moved = [[[[x + offset, y] for x, y in ring] for ring in polygon] for polygon in polygons]
    return {"type": "MultiPolygon", "coordinates": moved}


@dataclass
class ReloadFigures:
    seconds: float
    bytes: int


class GeoJsonReload:
    """A layer pointed at a GeoJSON document with geometry and counts, refreshed per update."""

    def __init__(self, cells: CellSet) -> None:
        # Geometry as JSON text per cell: the bench holds no GeoJSON objects of its own.
        self.features = [(c.id, json.dumps(dict(c.geometry), separators=(",", ":"))) for c in cells.cells]
        self.folder = tempfile.TemporaryDirectory(prefix="druktemeter-geojson-")
        self.path = Path(self.folder.name) / "crowd.geojson"
        self.layer: Optional[QgsVectorLayer] = None
        self.body = b""

    def update(self, snapshot: CountsSnapshot) -> ReloadFigures:
        features = []
        for cell_id, geometry in self.features:
            count = snapshot.counts.get(cell_id)
            trend = snapshot.trends.get(cell_id)
            properties = json.dumps({"cell_id": cell_id, "count": count, "trend": trend and trend.value})
            features.append(
                f'{{"type":"Feature","id":{json.dumps(cell_id)},"geometry":{geometry},"properties":{properties}}}'
            )
        self.body = ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()
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


def warm_up_renderer() -> None:
    """QGIS's first map render in a process initialises itself for ~50 ms on the main thread (an
    empty layer shows it too). The real QGIS has drawn its canvas long before any data arrives, so
    the bench pays this once up front rather than inside the first measure that renders."""
    empty = QgsVectorLayer("Point?crs=EPSG:3857", "warm-up", "memory")
    render_seconds(empty, QgsRectangle(4.0, 52.0, 5.0, 53.0), (64, 64), "EPSG:3857")


def render_seconds(
    layers: QgsVectorLayer | list[QgsVectorLayer],
    extent: QgsRectangle,
    size: tuple[int, int],
    crs: str = "",
    in_background: bool = False,
) -> float:
    """A full render of ``extent`` (lon/lat); with ``crs`` the map is in that CRS (reprojected on the fly).

    Several layers are drawn as QGIS draws them: each only within its scale range. ``in_background``:
    the event loop runs meanwhile, as under the map canvas."""
    layers = layers if isinstance(layers, list) else [layers]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    destination = QgsCoordinateReferenceSystem(crs) if crs else layers[0].crs()
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
    while in_background and job.isActive():
        QgsApplication.processEvents()
        time.sleep(0.0005)
    job.waitForFinished()
    return time.perf_counter() - started


@dataclass
class StretchFigures:
    seconds: float
    longest_s: float
    cells: int = 0


def region_change(crowd: CrowdLayer, wkt: str) -> StretchFigures:
    """The user draws a new region: built and matched to the layer's cells as the alert service does."""
    from druktemeter.plugin.mapping.region import matching_job, region_from_wkt
    from druktemeter.plugin.mapping.slicing import SlicedRunner

    runner = SlicedRunner()
    found: set[str] = set()
    with MainThreadWatch() as watch:
        started = time.perf_counter()
        region = region_from_wkt(wkt)
        runner.start(matching_job(crowd.layer, region, found), lambda: None)
        while runner.busy:
            QgsApplication.processEvents()
        seconds = time.perf_counter() - started
    return StretchFigures(seconds, watch.longest_s, len(found))


def history_write(snapshot: CountsSnapshot) -> StretchFigures:
    """An interval recorded in the history, on the history panel's worker thread."""
    from druktemeter.plugin.core.history import HistoryStore

    with tempfile.TemporaryDirectory(prefix="druktemeter-history-") as folder:
        store = HistoryStore(Path(folder) / "history.sqlite", 8, clock=lambda: snapshot.interval.end)
        with MainThreadWatch() as watch:
            started = time.perf_counter()
            on_worker(lambda: store.record(snapshot))
            seconds = time.perf_counter() - started
        store.close()
    return StretchFigures(seconds, watch.longest_s)


def snapshot_export(snapshot: CountsSnapshot) -> StretchFigures:
    """The interval shown exported as CSV, where the history panel does it (its worker thread)."""
    from druktemeter.plugin.core.snapshot_csv import write_snapshot_csv

    with tempfile.TemporaryDirectory(prefix="druktemeter-export-") as folder, MainThreadWatch() as watch:
        started = time.perf_counter()
        on_worker(lambda: write_snapshot_csv(snapshot, Path(folder) / "snapshot.csv"))
        seconds = time.perf_counter() - started
    return StretchFigures(seconds, watch.longest_s)


def exercise_start(seed: int) -> StretchFigures:
    """A trainer starts an exercise: built as the monitor does, until its first counts are drawn.

    Steps as :class:`druktemeter.plugin.runtime.monitor.CrowdMonitor` takes them: the
    exercise built in slices, then cells and counts read on a worker and put on the layer."""
    from druktemeter.plugin.mapping.slicing import SlicedRunner
    from druktemeter.plugin.simulator.reader import SimulatedFeedReader
    from druktemeter.plugin.simulator.source import SourceBuild

    runner = SlicedRunner()
    crowd = CrowdLayer(EDGES, crs="EPSG:3857")
    with MainThreadWatch() as watch:
        started = time.perf_counter()
        build = SourceBuild("markt", seed)
        runner.start(build.steps(), lambda: None)
        while runner.busy:
            QgsApplication.processEvents()
        reader = SimulatedFeedReader(build.source())
        cells = on_worker(reader.read_cells)
        crowd.set_cells(cells)
        planner = DrawnPlanner(EDGES)
        planner.set_cells(cells)

        def counts():
            snapshot = reader.read_counts(None)
            return snapshot, planner.plan(snapshot)

        snapshot, plan = on_worker(counts)
        crowd.apply_counts(snapshot, "bench", plan)
        wait_until_idle(crowd)
        seconds = time.perf_counter() - started
    crowd.close()
    return StretchFigures(seconds, watch.longest_s, len(cells.cells))


def least_squares_slope(samples: dict[int, float]) -> float:
    """Growth per poll fitted through (poll, RSS) samples; 0 with fewer than two."""
    if len(samples) < 2:
        return 0.0
    xs, ys = list(samples), list(samples.values())
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread
