"""Play back a stretch of the past on the map with the QGIS Temporal Controller.

*Play back* builds a separate memory layer: one feature per cell and interval,
with the interval's start and end as datetime fields, styled with the crowd
style (bands, *suppressed*, *no data*, trend arrows), and temporal properties
that tell the Temporal Controller to show each feature during its interval.
The live crowd layer is not touched and keeps updating.

The whole layer is made on a worker thread: the intervals are read from the
history (or the simulator in an exercise), the cells' polygons from a
``QgsVectorLayerFeatureSource`` of the crowd layer (taken on the main thread:
the documented way to read a layer's features on another thread), the features
added and the style (QML) loaded; then the layer is moved to the main thread
(``moveToThread``, as QGIS documents for layers made in a ``QgsTask``) and only
added to the project there. Adding its features on the main thread in slices
took 50-90 ms a slice on a busy machine. A window is bounded: at most
:data:`MAX_FEATURES` cells x intervals (choose a region or a shorter window for
a national feed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Protocol

from qgis.core import (
    Qgis,
    QgsDateTimeRange,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsInterval,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.PyQt.QtCore import QDateTime, QObject, Qt, pyqtSignal

from ..core.collector import collector_paused
from ..core.history import HistoryError
from ..core.i18n import tr
from ..core.indicators import Scope, privacy_floor
from ..core.model import CellState, CountsSnapshot, Trend
from . import drawn, style
from .crowd_layer import CrowdLayer
from .fields import qgs_field

LOGGER = logging.getLogger("druktemeter.playback")
INTERVAL = timedelta(minutes=15)
MAX_FEATURES = 300_000  # cells x intervals in one play-back layer
# Cells whose features are made and added at a time on the worker, which holds the GIL in stretches
# while it does (chunks of 500 cells x 4 intervals held the main thread up to 35 ms); it also bounds
# what the worker holds.
CHUNK = 100
FIELDS = (
    ("cell_id", "string"),
    ("drawn", "int"),  # what the crowd style reads (mapping/drawn.py)
    ("state", "string"),
    ("count", "int"),
    ("area_km2", "double"),
    ("interval_start", "datetime"),
    ("interval_end", "datetime"),
)


class PastSnapshots(Protocol):
    """The history store, or the simulator's past in an exercise."""

    def snapshot_at(self, interval_end: datetime) -> Optional[CountsSnapshot]: ...


class PlaybackTooLargeError(ValueError):
    def user_message(self) -> str:
        return tr(
            "That play-back would hold too many cells and intervals. Choose a shorter window, "
            "or set a region so only its cells are played back."
        )


def interval_ends(start: datetime, end: datetime) -> list[datetime]:
    """Ends of the 15-minute intervals inside ``start``..``end``."""
    ends, moment = [], start + INTERVAL
    while moment <= end:
        ends.append(moment)
        moment += INTERVAL
    return ends


def cell_row(snapshot: CountsSnapshot, cell_id: str, edges: Sequence[int]) -> tuple:
    """(drawn, state, count) as the crowd style and Identify read them; no number under the floor."""
    count = snapshot.counts.get(cell_id)
    trend = snapshot.trends.get(cell_id, Trend.UNKNOWN)
    code = drawn.pack(count, trend, privacy_floor(snapshot.min_count), edges, cell_id in snapshot.counts)
    state = drawn.unpack(code)[0]
    return code, state.value, count if state is CellState.VALID else None


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), Qt.TimeSpec.UTC)


@dataclass(frozen=True)
class Window:
    """What a play-back layer covers and how it is drawn."""

    start: datetime
    end: datetime
    crs: str
    edges: list[int]


class Playback(QObject):
    """Builds one play-back layer at a time; ``ready(layer)`` or ``failed(message)`` when done."""

    ready = pyqtSignal(object)
    failed = pyqtSignal(str)
    _built = pyqtSignal(int, object)  # generation, the layer (on the main thread now) or a message

    def __init__(
        self, parent: Optional[QObject] = None, *, executor: Optional[ThreadPoolExecutor] = None
    ) -> None:
        """``executor``: the one-thread executor that builds the layer (the plugin passes one its
        background-work owner joins on unload)."""
        super().__init__(parent)
        self._worker = executor or ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="druktemeter-playback"
        )
        self._generation = 0
        self._built.connect(self._deliver)

    def start(
        self,
        past: PastSnapshots,
        crowd: CrowdLayer,
        start: datetime,
        end: datetime,
        edges: Sequence[int],
        scope: Scope = None,
    ) -> None:
        """Build the layer of ``start``..``end`` from ``past`` on the worker (returns at once)."""
        ends = interval_ends(start, end)
        cells = [c for c in crowd.cell_ids() if scope is None or c in scope]
        if len(cells) * len(ends) > MAX_FEATURES:
            self.failed.emit(PlaybackTooLargeError().user_message())
            return
        self._generation += 1
        fids = {cell_id: fid for cell_id in cells if (fid := crowd.fid_for(cell_id)) is not None}
        cell_source = QgsVectorLayerFeatureSource(crowd.layer)
        window = Window(start, end, crowd.layer.crs().authid(), list(edges))
        job = self._worker.submit(self._build, self._generation, past, ends, cell_source, fids, window)
        job.add_done_callback(_log_failure)

    def shutdown(self) -> None:
        self._generation += 1
        self._worker.shutdown(wait=True)

    def _build(self, generation: int, past: PastSnapshots, ends, cell_source, fids, window: Window) -> None:
        """On the worker: the whole layer, styled, handed to the main thread; or why there is none."""
        try:
            snapshots = [s for s in (past.snapshot_at(end) for end in ends) if s is not None]
        except HistoryError as error:
            self._built.emit(generation, error.user_message())
            return
        if not snapshots:
            self._built.emit(
                generation, tr("Nothing was recorded in that window; there is nothing to play back.")
            )
            return
        if generation != self._generation:
            return  # a newer window was asked for
        layer = new_layer(window.crs, window.start, window.end)
        with collector_paused():  # thousands of short-lived features (core/collector.py)
            for _ in _fill(layer, cell_source, fids, snapshots, window.edges):
                if generation != self._generation:
                    return
        layer.updateExtents()
        style_and_time(layer, window.edges, snapshots[-1].min_count)
        layer.moveToThread(self.thread())  # from the thread that made it, before the main thread uses it
        self._built.emit(generation, layer)

    def _deliver(self, generation: int, outcome) -> None:
        if generation != self._generation:
            return  # an older window's layer: dropped here, on the main thread
        if isinstance(outcome, str):
            self.failed.emit(outcome)
        else:
            self.ready.emit(outcome)


def new_layer(crs: str, start: datetime, end: datetime) -> QgsVectorLayer:
    local = f"{start.astimezone():%Y-%m-%d %H:%M}–{end.astimezone():%H:%M}"
    layer = QgsVectorLayer(
        f"MultiPolygon?crs={crs}", tr("Druktemeter — play-back {0}").format(local), "memory"
    )
    fields = QgsFields()
    for name, kind in FIELDS:
        fields.append(qgs_field(name, kind))
    layer.dataProvider().addAttributes(list(fields))
    layer.updateFields()
    return layer


def style_and_time(layer: QgsVectorLayer, edges: Sequence[int], min_count: int) -> None:
    """The crowd style, never stale, and each feature shown during its own interval."""
    style.apply_default_style(layer, edges, min_count)
    QgsExpressionContextUtils.setLayerVariable(layer, style.STALE_VARIABLE, 0)
    properties = layer.temporalProperties()
    properties.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    properties.setStartField("interval_start")
    properties.setEndField("interval_end")
    properties.setIsActive(True)


def _fill(layer: QgsVectorLayer, cell_source, fids: dict[str, int], snapshots: list, edges) -> Iterator[None]:
    """Add one feature per cell and interval, :data:`CHUNK` cells at a time (on the worker)."""
    provider, fields = layer.dataProvider(), layer.fields()
    cells = list(fids)
    for first in range(0, len(cells), CHUNK):
        chunk = cells[first : first + CHUNK]
        request = QgsFeatureRequest().setFilterFids([fids[cell_id] for cell_id in chunk])
        source = {f["cell_id"]: f for f in cell_source.getFeatures(request)}
        features = []
        for cell_id in chunk:
            live = source.get(cell_id)
            if live is None:
                continue
            for snapshot in snapshots:
                feature = QgsFeature(fields)
                feature.setGeometry(live.geometry())
                feature.setAttributes(
                    [
                        cell_id,
                        *cell_row(snapshot, cell_id, edges),
                        live["area_km2"],
                        qdatetime(snapshot.interval.start),
                        qdatetime(snapshot.interval.end),
                    ]
                )
                features.append(feature)
        provider.addFeatures(features)
        yield


def _log_failure(future) -> None:
    error = future.exception()
    if error is not None:
        LOGGER.error("Play-back worker failed: %r", error)


def animate(navigation, start: datetime, end: datetime) -> bool:
    """Point the Temporal Controller at ``start``..``end`` in 15-minute frames (False: not animatable)."""
    if not isinstance(navigation, QgsTemporalNavigationObject):
        return False
    modes = getattr(Qgis, "TemporalNavigationMode", None) or QgsTemporalNavigationObject.NavigationMode
    navigation.setNavigationMode(modes.Animated)
    navigation.setTemporalExtents(QgsDateTimeRange(qdatetime(start), qdatetime(end)))
    navigation.setFrameDuration(QgsInterval(INTERVAL.total_seconds()))
    navigation.setCurrentFrameNumber(0)
    return True
