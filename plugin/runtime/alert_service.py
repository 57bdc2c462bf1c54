"""Region alerts as a service without widgets: settings, region, engine, and the durable alert record.

The plugin creates one :class:`AlertService` and connects the crowd layer's
``counts_applied`` to :meth:`AlertService.evaluate`. The service

* builds the rules and the region from the settings, and follows ``changed``
  so new settings apply without a restart (switching demo mode on or off too:
  demo mode has a default region, Brabant-Noord);
* gives the engine each region cell's place name, so alerts name the place;
* matches the crowd layer's cells to the region whenever the cells or the
  region change, in short slices on the main thread (never per poll);
* reads the alert log once at start, on a thread of the plugin's
  :class:`~.background.BackgroundWork` when given one;
* holds back a snapshot that arrives while the log is read, the region is
  matched or a snapshot is evaluated in slices, and evaluates it as soon as
  that is done: alerts still open at the last run are not raised again, and
  the first alert is not an interval late;
* evaluates each new snapshot (dictionary look-ups only; a region as large as
  the country in short slices, committed in the last) and **first** emits
  ``alertsRaised`` — the panel row and the message bar — and **then** records
  the events (:class:`AlertRecorder`). A record that cannot be written (disk
  full, folder read-only, I/O error) is kept in memory and written on the next
  evaluation or retry tick; ``recordProblemChanged`` says so in words until the
  log is written again. An alert is never lost because the disk is.

Staleness is judged from the snapshot itself with the feed status's rule
(``core.status.stale_after``) and the same clock as the poller (``now``; the
demo's clock in demo mode), not from the poller's last status: that status may
still describe the outage when the first snapshot after it is applied.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Union

from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QObject, Qt, QTimer, pyqtSignal

from ..core import alert_log
from ..core.alert_log import AlertLog, open_raises
from ..core.alerts import AlertEngine, AlertEvent, AlertKind, AlertRules, Evaluation, acknowledgement
from ..core.config import SETTINGS
from ..core.i18n import tr
from ..core.model import CountsSnapshot
from ..core.status import stale_after
from ..mapping.crowd_layer import CrowdLayer
from ..mapping.region import RegionError, matching_job, region_from_settings, region_name
from ..mapping.slicing import SlicedRunner
from .background import BackgroundWork
from .settings import PluginSettings

LOGGER = logging.getLogger("druktemeter.alerts")
EVALUATED_AT_ONCE = 20_000  # region cells evaluated within one event-loop turn (~10 ms); more in slices
MAX_UNWRITTEN = 10_000  # records held in memory while the log cannot be written (a few MB at most)
RETRY_MS = 30_000  # how often unwritten records are tried again between evaluations


class AlertRecorder(QObject):
    """Writes alert records to the :class:`AlertLog`; what cannot be written waits in memory.

    Unwritten records keep their order and are written before newer ones. At
    most ``MAX_UNWRITTEN`` are held: beyond that the *oldest* are kept (the
    start of an incident matters most for the review; the newest are on screen)
    and the number dropped is reported. What is still unwritten when QGIS closes goes to a
    rescue file, and the next start adds rescued records to the log (:meth:`adopt`).
    """

    problemChanged = pyqtSignal(str)  # noqa: N815 - empty when the log is written, else why not

    def __init__(
        self,
        log: AlertLog,
        parent: Optional[QObject] = None,
        *,
        capacity: int = MAX_UNWRITTEN,
        rescue_folder: Optional[Path] = None,
    ):
        super().__init__(parent)
        self.log = log
        self.capacity = capacity
        self.rescue_folder = rescue_folder or alert_log.default_rescue_folder()
        self.rescue_files: list[Path] = []  # rescued at an earlier close; held here until written
        self.unwritten: deque[AlertEvent] = deque()
        self.dropped = 0
        self.problem = ""
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.flush)

    def adopt(self, rescued: Sequence[tuple[Path, Sequence[AlertEvent]]]) -> bool:
        """Records rescued when QGIS last closed: held (before any newer) and written to the log;
        each rescue file is deleted once its records are in the log."""
        if not rescued:
            return True
        older = [event for _, events in rescued for event in events]
        self.unwritten.extendleft(reversed(older))
        while len(self.unwritten) > self.capacity:  # the oldest are kept
            self.unwritten.pop()
            self.dropped += 1
        self.rescue_files += [path for path, _ in rescued]
        LOGGER.info(
            "%d alert records rescued when QGIS last closed are added to %s", len(older), self.log.path
        )
        return self.flush()

    def record(self, events: Sequence[AlertEvent]) -> bool:
        """Queue ``events`` behind any unwritten ones and write them all; True when all are on disk."""
        for event in events:
            if len(self.unwritten) < self.capacity:
                self.unwritten.append(event)
            else:
                self.dropped += 1
        return self.flush()

    def flush(self) -> bool:
        """Write what is held; True when nothing is left in memory."""
        if not self.unwritten:
            return True
        try:
            self.log.extend(list(self.unwritten))
        except OSError as error:
            self.retry_timer.start()
            self._set_problem(self._words_for(error))
            LOGGER.warning(
                "Alert log %s not written (%s); %d records held in memory",
                self.log.path,
                error.strerror or type(error).__name__,
                len(self.unwritten),
            )
            return False
        written = len(self.unwritten)
        self.unwritten.clear()
        self.retry_timer.stop()
        self._forget_rescue_files()
        if self.problem:
            LOGGER.info("Alert log %s written again (%d held records saved)", self.log.path, written)
        if self.dropped:
            LOGGER.error(
                "%d alert records could not be kept while %s was not written", self.dropped, self.log.path
            )
            self.dropped = 0
        self._set_problem("")
        return True

    def report_unreadable(self, error: OSError) -> None:
        """The log could not be read at start: it will most likely not be written either."""
        self._set_problem(self._words_for(error))

    def _words_for(self, error: OSError) -> str:
        reason = error.strerror or type(error).__name__
        held = tr("Alerts still show here; records waiting in memory: {0}").format(len(self.unwritten))
        if self.dropped:
            held += " " + tr("(newer records not kept: {0})").format(self.dropped)
        return (
            tr("The alert log cannot be written ({0}): {1}.").format(reason, self.log.path)
            + " "
            + held
            + ". "
            + tr("Free disk space or fix the folder; writing is retried every 30 seconds.")
        )

    def _set_problem(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.problemChanged.emit(problem)

    def close(self) -> None:
        """A last attempt to write what is held (plugin unload); what still fails goes to a rescue
        file for the next start, and only what cannot go there either is lost (logged)."""
        written = self.flush()
        self.retry_timer.stop()  # a failed flush restarts it
        if written:
            return
        try:
            rescue = self.log.rescue(self.unwritten, self.rescue_folder)
        except OSError as error:
            LOGGER.error(
                "%d alert records could not be written to %s, nor kept in %s (%s)",
                len(self.unwritten),
                self.log.path,
                self.rescue_folder,
                error.strerror or type(error).__name__,
            )
            return
        self._forget_rescue_files()  # their records are in the new one
        LOGGER.error(
            "%d alert records could not be written to %s; kept in %s, added to the log at the next start",
            len(self.unwritten),
            self.log.path,
            rescue,
        )

    def _forget_rescue_files(self) -> None:
        for path in self.rescue_files:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:  # read again at the next start: a record read twice counts once
                LOGGER.warning("Rescue file %s not deleted (%s)", path, error.strerror)
        self.rescue_files = []


class AlertService(QObject):
    """Owns the alert engine, the region match and the recorder; :meth:`close` on unload."""

    regionChanged = pyqtSignal(str)  # noqa: N815 - empty, or why no alerts can be raised
    regionUnreadable = pyqtSignal(str)  # noqa: N815 - the region layer failed: for the message bar
    regionCellsMatched = pyqtSignal(object)  # noqa: N815 - the ids of the cells in the region
    alertsRaised = pyqtSignal(object)  # noqa: N815 - new raise/clear events, emitted BEFORE recording
    acknowledged = pyqtSignal(object)  # ids of raises just acknowledged
    historyLoaded = pyqtSignal(object)  # noqa: N815 - every record at start, oldest first (see history())
    exported = pyqtSignal(str, object)  # path, records written or the OSError (queued from a thread)
    _read = pyqtSignal(object, object, object)  # from the reading thread: records, OSError or None, rescued
    recordProblemChanged = pyqtSignal(str)  # noqa: N815 - empty when the alert log is written, else why not

    def __init__(
        self,
        settings: PluginSettings,
        crowd: CrowdLayer,
        log_path: Union[str, os.PathLike],
        parent: Optional[QObject] = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__(parent)
        self.now = now
        self._background = background
        self.settings = settings
        self.crowd = crowd
        self.log = AlertLog(log_path)
        self.recorder = AlertRecorder(self.log, self)
        self.recorder.problemChanged.connect(self.recordProblemChanged)
        self.engine = AlertEngine(AlertRules.from_config(self._values()), region_name(self._values()))
        self.region: Optional[QgsGeometry] = None
        self.region_problem = ""
        self.runner = SlicedRunner(parent=self)  # matching the region
        self.evaluator = SlicedRunner(parent=self)  # evaluating a large region
        self.evaluated_at_once = EVALUATED_AT_ONCE
        self._open_raises_restored = False
        self._closed = False
        self.loaded = False  # the log has been read (see _apply_history)
        self._records_at_start: list[AlertEvent] = []
        self._acknowledged: set[str] = set()
        self._open_at_start: list[AlertEvent] = []
        self._waiting: Optional[CountsSnapshot] = None  # see evaluate()
        self._read.connect(self._apply_history, Qt.ConnectionType.QueuedConnection)
        settings.changed.connect(self.on_setting_changed)
        crowd.cells_applied.connect(self.match_region)
        self.load_region()
        if background is None:
            self._apply_history(*self._read_log())
        else:  # reading a long log takes a moment (bench/alert_log.py): not on the main thread
            background.start_thread(lambda: self._read.emit(*self._read_log()), "DruktemeterAlertLog")

    def _values(self) -> dict:
        return {key: self.settings.value(key) for key in SETTINGS}

    # ------------------------------------------------------------ alerts

    def evaluate(self, snapshot: CountsSnapshot) -> list[AlertEvent]:
        """Alerts for a snapshot now on the map (connect ``CrowdLayer.counts_applied``):
        shown first (``alertsRaised``), then recorded.

        A region of up to ``evaluated_at_once`` cells (a safety region) is evaluated at once
        and its events are returned. A larger one (the whole country) is evaluated in slices
        (``evaluating``) so QGIS never waits on it; its events come with ``alertsRaised``."""
        if not self.loaded or self.matching or self.evaluating:
            # The raises still open at the last run and the region's cells must be known first;
            # evaluated now, the snapshot would be used up and its alerts come an interval late.
            self._waiting = snapshot
            return []
        now = self.now()
        evaluation = self.engine.evaluation(snapshot, stale=self.is_stale(snapshot, now), now=now)
        self.evaluator.start(evaluation.steps(), lambda: self._evaluated(evaluation))
        if len(self.engine.region_cells()) <= self.evaluated_at_once:
            self.evaluator.finish_now()
        return evaluation.events or []

    def _evaluated(self, evaluation: Evaluation) -> None:
        """Show the events, then record them (also what an earlier evaluation could not write)."""
        if evaluation.outdated:  # rules or region changed meanwhile: the snapshot again, unless a newer waits
            self._waiting = self._waiting or evaluation.snapshot
        events = evaluation.events or []
        if events:
            self.alertsRaised.emit(events)
        self.recorder.record(events)
        self._evaluate_waiting()

    @property
    def evaluating(self) -> bool:
        """True while a large region's snapshot is being evaluated in slices."""
        return self.evaluator.busy

    def acknowledge(self, events: Iterable[AlertEvent]) -> list[str]:
        """Acknowledge open raises: the panel shows it at once (``acknowledged``), then it is recorded."""
        done = self.acknowledged_ids()
        raises = [e for e in events if e.kind is AlertKind.RAISE and e.id not in done]
        if not raises:
            return []
        now = datetime.now(timezone.utc)
        ids = [e.id for e in raises]
        self._acknowledged.update(ids)
        self.acknowledged.emit(ids)
        self.recorder.record([acknowledgement(e, now) for e in raises])
        return ids

    def history(self) -> list[AlertEvent]:
        """Every record read at start (acknowledgements included), oldest first; empty until
        ``loaded`` (``historyLoaded`` brings the same list)."""
        return list(self._records_at_start)

    def _read_log(self) -> tuple[list[AlertEvent], Optional[OSError], list]:
        """On the reading thread: the log's records, or the error that kept them from us, and the
        records rescued when QGIS last closed (see ``AlertRecorder.adopt``)."""
        try:
            rescued = self.log.rescued(self.recorder.rescue_folder)
        except OSError as error:
            LOGGER.warning("Rescued alert records not read from %s (%s)", self.recorder.rescue_folder, error)
            rescued = []
        try:
            return self.log.records(), None, rescued
        except OSError as error:
            return [], error, rescued

    def _apply_history(self, records: list[AlertEvent], error: Optional[OSError], rescued: list) -> None:
        """The log is read: restore acknowledgements and open raises, then evaluate what waited."""
        if self._closed:
            return
        if error is not None:
            self.recorder.report_unreadable(error)
        known = {event.id for event in records}
        records = records + [event for _, events in rescued for event in events if event.id not in known]
        self.recorder.adopt(rescued)
        self._records_at_start = records
        self._acknowledged = {e.acknowledges for e in records if e.kind is AlertKind.ACKNOWLEDGE}
        self._open_at_start = open_raises(records)
        self.loaded = True
        self.historyLoaded.emit(self.history())
        self._restore_open_raises()
        self._evaluate_waiting()

    def _evaluate_waiting(self) -> None:
        """The snapshot that came while the log was read, the region matched or a snapshot was
        evaluated, now it can be."""
        if self._waiting is not None and self.loaded and not self.matching and not self.evaluating:
            snapshot, self._waiting = self._waiting, None
            self.evaluate(snapshot)

    def acknowledged_ids(self) -> set[str]:
        return set(self._acknowledged)

    def export_csv(self, path: Union[str, os.PathLike]) -> None:
        """Every record, those held in memory included, as a CSV file; ``exported`` says how it went.

        Off the main thread when the service has a ``BackgroundWork`` (10,000 records take
        about half a second, ``bench/alert_log.py``)."""
        held = list(self.recorder.unwritten)

        def write() -> None:
            try:
                outcome: Union[int, OSError] = self.log.export_csv(path, held)
            except OSError as error:
                outcome = error
            self.exported.emit(str(path), outcome)

        if self._background is None:
            write()
        else:
            self._background.start_thread(write, "DruktemeterAlertExport")

    @property
    def record_problem(self) -> str:
        """Empty while the alert log is written, else why not and what to do."""
        return self.recorder.problem

    def is_stale(self, snapshot: CountsSnapshot, now: datetime) -> bool:
        interval = snapshot.interval
        interval_minutes = round((interval.end - interval.start).total_seconds() / 60)
        return now >= interval.end + stale_after(self.settings.value("feed/poll_seconds"), interval_minutes)

    # ------------------------------------------------------------ settings and region

    def on_setting_changed(self, key: str) -> None:
        if key.startswith("alerts/") and key != "alerts/sound":
            self.engine.set_rules(AlertRules.from_config(self._values()))
        elif key == "region/name":
            self.engine.region_name = region_name(self._values())
        elif key.startswith("region/") or key == "demo/enabled":  # demo mode has a default region
            self.engine.region_name = region_name(self._values())
            self.load_region()

    def load_region(self) -> None:
        """Build the region from the settings, then match the cells."""
        try:
            self.region = region_from_settings(self._values())
            problem = "" if self.region is not None else tr("No region set: no alerts will be raised.")
        except RegionError as error:
            self.region = None
            problem = tr("No alerts: {0}").format(error)
            self.regionUnreadable.emit(problem)
        self.region_problem = problem
        self.regionChanged.emit(problem)
        self.match_region()

    def set_crowd(self, crowd: CrowdLayer) -> None:
        """Follow a new crowd layer (the user removed the old one from the project)."""
        self.crowd.cells_applied.disconnect(self.match_region)
        self.crowd = crowd
        crowd.cells_applied.connect(self.match_region)
        self.match_region()

    def restart_rules(self) -> None:
        """Forget every cell's alert state (a trainer jumped back in time to replay)."""
        self.evaluator.cancel()  # a snapshot of the time left behind: nothing of it was committed
        self.engine = AlertEngine(self.engine.rules, self.engine.region_name)
        self._open_raises_restored = True
        self.match_region()

    def match_region(self) -> None:
        """Match the crowd layer's cells to the region in slices; the engine switches when done."""
        if self.region is None:
            self.runner.cancel()
            self.engine.set_region_cells((), {})
            self._evaluate_waiting()
            return
        self.runner.start(self._matching(self.region), self._region_matched)

    def _matching(self, region: QgsGeometry) -> Iterator[None]:
        """The cells in ``region``, then the engine switched to them: both in slices (a region as
        large as the country has 200,000 cells, their areas and places)."""
        found: set[str] = set()
        yield from matching_job(self.crowd.layer, region, found)
        areas = self.crowd.cell_areas_km2()
        yield
        places = self.crowd.cell_places()
        yield
        yield from self.engine.region_steps(found, areas, places)

    def _region_matched(self) -> None:
        if self.crowd.layer.featureCount() > 0:
            # With no cells yet (e.g. demo mode's default region at start) there is nothing to tell:
            # an empty region here would read as "no cells in the region".
            self.regionCellsMatched.emit(self.engine.region_cells())
        self._restore_open_raises()
        self._evaluate_waiting()

    def _restore_open_raises(self) -> None:
        """Once the log is read and the region's cells are known: what was high stays raised."""
        if self.loaded and self.engine.region_cells() and not self._open_raises_restored:
            self.engine.assume_raised(self._open_at_start)
            self._open_raises_restored = True

    @property
    def matching(self) -> bool:
        """True while the cells are being matched to a new region or cell set."""
        return self.runner.busy

    def close(self) -> None:
        """Stop matching, write what is held, let go of the settings and the crowd layer (unload)."""
        if self._closed:
            return
        self._closed = True
        self.runner.cancel()
        self.evaluator.cancel()  # an evaluation not finished has decided nothing yet
        self.recorder.close()
        self.settings.changed.disconnect(self.on_setting_changed)
        self.crowd.cells_applied.disconnect(self.match_region)
