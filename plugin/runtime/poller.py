"""Polling the feed off the QGIS main thread.

One long-lived worker ``QThread`` runs the poll loop: read meta (now and then),
cells (a conditional request, usually ``304``) and counts, then sleep until the
next poll, a :meth:`FeedPoller.poll_now` or :meth:`FeedPoller.stop`. Network
and parsing happen there; the main thread only receives finished, validated
results through queued signals and turns outcomes into a :class:`FeedStatus`.

Why a QThread and not a ``QgsTask`` per poll: polling never ends, so a task
per poll would flood the QGIS task manager with entries the operator did not
start and could cancel by accident, and would need its own timer on the main
thread besides; one thread that sleeps on an event is simpler to pause, wake
and, above all, to stop deterministically: :meth:`FeedPoller.stop` aborts a
read in flight (``Abortable``) and joins the thread before it returns.

On failure the last good data simply stays (no new counts are emitted), the
status says what is wrong and when the next attempt is, and the loop backs off
with jitter (honouring ``Retry-After``) until the feed answers again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from qgis.PyQt.QtCore import QObject, Qt, QThread, pyqtSignal

from ..core.model import CountsSnapshot, FeedMeta
from ..core.status import FeedState, FeedStatus
from ..feed.backoff import Backoff
from ..feed.client import Abortable, FeedClock, FeedReader
from ..feed.errors import FeedError
from ..mapping.drawn import DrawnPlan, DrawnPlanner
from .background import BackgroundWork

LOGGER = logging.getLogger("druktemeter.feed")

META_REFRESH_POLLS = 30  # provider metadata is re-read every this many successful polls
MIN_POLL_SECONDS = 1


@dataclass
class _Outcome:
    """What one poll cycle tells the main thread (besides the data signals)."""

    interval_minutes: int
    counts: Optional[CountsSnapshot] = None  # the latest good snapshot, new or not
    error: Optional[FeedError] = None
    next_attempt: Optional[datetime] = None
    clock_offset: timedelta = timedelta(0)  # the feed's clock minus ours (an exercise's simulated time)


class _WorkerThread(QThread):
    def __init__(self, loop: Callable[[], None]) -> None:
        super().__init__()
        self._loop = loop
        self.setObjectName("DruktemeterFeedPoller")

    def run(self) -> None:
        self._loop()


class FeedPoller(QObject):
    """Polls a :class:`FeedReader` every ``poll_seconds`` on a worker thread."""

    # Qt's mixedCase signal names (noqa N815):
    metaReady = pyqtSignal(object)  # noqa: N815  FeedMeta
    cellsReady = pyqtSignal(object)  # noqa: N815  CellSet, only when it changed
    countsReady = pyqtSignal(object)  # noqa: N815  CountsSnapshot, only a new valid one
    statusChanged = pyqtSignal(object)  # noqa: N815  FeedStatus, after every poll and on pause
    cellsProgress = pyqtSignal(float)  # noqa: N815  share of a new cell list read (HTTP feeds), from the worker
    overviewReady = pyqtSignal(object)  # noqa: N815  OverviewPlan without new counts (mapping/overview.py)
    _delivered = pyqtSignal(int, str, object)  # from the worker: generation, kind, payload

    def __init__(
        self,
        reader: FeedReader,
        poll_seconds: int,
        parent: Optional[QObject] = None,
        *,
        backoff: Optional[Backoff] = None,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        planner: Optional[DrawnPlanner] = None,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        """``planner``: packs each snapshot for the map and diffs it with the previous one, here
        on the worker, so the main thread only writes what changed (:meth:`plan_for`)."""
        super().__init__(parent)
        self.reader = reader
        self._background = background
        self._planner = planner
        self._latest_plan: tuple[Optional[CountsSnapshot], Optional[DrawnPlan]] = (None, None)
        self.status = FeedStatus(FeedState.WAITING)
        self._poll_seconds = max(MIN_POLL_SECONDS, int(poll_seconds))
        self._backoff = backoff or Backoff()
        self._now = now
        self._paused = False
        self._generation = 0
        self._thread: Optional[_WorkerThread] = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        if hasattr(reader, "cells_progress"):
            reader.cells_progress = self.cellsProgress.emit  # queued to the main thread

    # ------------------------------------------------------------ control (main thread)

    @property
    def poll_seconds(self) -> int:
        return self._poll_seconds

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._generation += 1
        self._stop.clear()
        self._wake.clear()
        generation = self._generation
        self._thread = _WorkerThread(lambda: self._loop(generation))
        if self._background is not None:
            self._background.adopt(self._thread)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling: abort a read in flight, join the worker; no late results are applied."""
        if self._thread is None:
            return
        self._generation += 1  # anything still queued from the old worker is dropped
        self._stop.set()
        self._wake.set()
        if isinstance(self.reader, Abortable):
            self.reader.abort()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread = None

    def set_paused(self, paused: bool) -> None:
        if paused == self._paused:
            return
        self._paused = paused
        if paused:
            self._set_status(self.status.paused())
        self._wake.set()

    def poll_now(self) -> None:
        self._wake.set()

    def set_band_edges(self, edges: list[int]) -> None:
        """New band edges: the worker packs the next snapshot with them, and regroups the
        national overview now (a poll, then the last snapshot with the new edges)."""
        if self._planner is not None:
            self._planner.set_edges(edges)
            self._wake.set()

    def set_poll_seconds(self, seconds: int) -> None:
        self._poll_seconds = max(MIN_POLL_SECONDS, int(seconds))
        self._wake.set()

    def plan_for(self, snapshot: CountsSnapshot) -> Optional[DrawnPlan]:
        """What the worker computed for the map for ``snapshot`` (None for another snapshot)."""
        delivered, plan = self._latest_plan
        return plan if delivered is snapshot else None

    # ------------------------------------------------------------ worker thread

    def _loop(self, generation: int) -> None:
        previous: Optional[CountsSnapshot] = None
        meta: Optional[FeedMeta] = None
        polls = 0
        while not self._stop.is_set():
            if self._paused:
                self._sleep(None)
                continue
            try:
                if meta is None or polls % META_REFRESH_POLLS == 0:
                    meta = self.reader.read_meta()
                    self._delivered.emit(generation, "meta", meta)
                cells = self.reader.read_cells()
                if cells is not None:
                    if self._planner is not None:
                        self._planner.set_cells(cells)
                    self._delivered.emit(generation, "cells", cells)
                counts = self.reader.read_counts(previous)
                if counts is not None:
                    previous = counts
                    plan = self._planner.plan(counts) if self._planner is not None else None
                    self._delivered.emit(generation, "counts", (counts, plan))
            except Exception as exc:
                if self._stop.is_set():
                    break
                delay = self._failed(generation, _as_feed_error(exc), meta, previous)
            else:
                polls += 1
                self._backoff.success()
                minutes = meta.interval_minutes if meta else 15
                outcome = _Outcome(minutes, counts=previous, clock_offset=self._clock_offset())
                self._delivered.emit(generation, "outcome", outcome)
                delay = self._poll_seconds
            self._deliver_pending_overview(generation, previous)
            self._sleep(delay)

    def _failed(
        self, generation: int, error: FeedError, meta: Optional[FeedMeta], previous: Optional[CountsSnapshot]
    ) -> float:
        delay = self._backoff.failure(error.retry_after)
        LOGGER.warning(
            "Feed poll failed (%s: %s); next attempt in %.0f s", type(error).__name__, error.detail, delay
        )
        next_attempt = self._now() + timedelta(seconds=delay)
        minutes = meta.interval_minutes if meta else 15
        outcome = _Outcome(minutes, previous, error, next_attempt, self._clock_offset())
        self._delivered.emit(generation, "outcome", outcome)
        return delay

    def _deliver_pending_overview(self, generation: int, previous: Optional[CountsSnapshot]) -> None:
        """An overview for a cell list whose counts did not come (feed down after the disk cache)
        or for new band edges: built here from the last counts, or as no data."""
        overview = self._planner.pending_overview(previous) if self._planner is not None else None
        if overview is not None:
            self._delivered.emit(generation, "overview", overview)

    def _clock_offset(self) -> timedelta:
        return self.reader.clock_offset() if isinstance(self.reader, FeedClock) else timedelta(0)

    def _sleep(self, seconds: Optional[float]) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    # ------------------------------------------------------------ main thread

    def _deliver(self, generation: int, kind: str, payload: object) -> None:
        if generation != self._generation:
            return
        if kind == "meta":
            self.metaReady.emit(payload)
        elif kind == "cells":
            self.cellsReady.emit(payload)
        elif kind == "counts":
            self._latest_plan = payload
            self.countsReady.emit(payload[0])
        elif kind == "overview":
            self.overviewReady.emit(payload)
        else:
            self._set_status(self._status_after(payload))

    def _status_after(self, outcome: _Outcome) -> FeedStatus:
        interval = outcome.counts.interval if outcome.counts else None
        answered = FeedStatus.answered(
            interval, self._poll_seconds, outcome.interval_minutes, self._now(), outcome.clock_offset
        )
        status = answered if outcome.error is None else answered.failed(outcome.error, outcome.next_attempt)
        return status.paused() if self._paused else status

    def _set_status(self, status: FeedStatus) -> None:
        self.status = status
        self.statusChanged.emit(status)


def _as_feed_error(exc: Exception) -> FeedError:
    if isinstance(exc, FeedError):
        return exc
    LOGGER.exception("Unexpected error while polling the feed")
    return FeedError(type(exc).__name__)
