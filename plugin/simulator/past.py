"""The past of an exercise, computed by the simulator itself.

Exercises are never recorded into the live history, yet a trainer wants to show
"fewer movements than yesterday?". The simulator is deterministic (counts are a
pure function of scenario, seed and interval start), so any earlier interval
can be computed on demand, published with the provider's rules (rounding,
suppression, trend) exactly as the demo feed publishes it. Nothing is written to
disk; what was computed is kept in memory, bounded (:data:`COLUMNS_CACHE_LIMIT`).
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Callable, Optional

from ..core.history import HistoryError
from ..core.i18n import tr
from ..core.indicators import SUPPRESSED, Columns
from ..core.model import CountsSnapshot, Interval
from ..core.trend import publish, suppress
from ..feed.exercise import ServedSimulation
from .clock import INTERVAL, as_utc
from .counts import CountModel
from .scenarios import ScenarioError, scenario_from_text
from .source import SimulatedSource, build_source

_RAW_CACHE_LIMIT = 4  # a day is read in time order: an interval and the one before suffice
# Published intervals kept as columns: a week chart with four weeks' usual level reads ~600, and a new
# scope (another cell selected) reads them all again; at the demo's 2,100 cells that is ~5 MB.
COLUMNS_CACHE_LIMIT = 1_000


class SimulatedPast:
    """A ``PastSource`` over an exercise's simulated feed (thread-safe: read from a worker)."""

    def __init__(self, source: SimulatedSource, now: Optional[Callable[[], datetime]] = None) -> None:
        """``now``: the exercise's clock (default the source's own; a classroom station follows the
        service's)."""
        self.source = source
        self._now = source.clock.now if now is None else now
        self._model = CountModel(source.geography, source.scenario, source.seed)  # not shared with the feed's
        self._ids = tuple(cell.id for cell in source.geography.cells)
        self._raw: dict[datetime, dict[str, float]] = {}
        self._columns: dict[datetime, Columns] = {}
        self._lock = threading.Lock()

    def columns_at(self, interval_end: datetime) -> Optional[Columns]:
        """The published interval ending at ``interval_end``; ``None`` for the exercise's future.

        The counts are those ``publish`` gives (each raw count through ``suppress``), without the
        trends a chart does not need. Computing one takes a few milliseconds (a random draw per
        cell), so they are kept (:data:`COLUMNS_CACHE_LIMIT`): the simulator is deterministic."""
        end = as_utc(interval_end)
        if end > self._now():  # checked every time: a trainer may set the exercise clock back
            return None
        with self._lock:
            cached = self._columns.get(end)
            raw = self._model.raw_values(end - INTERVAL) if cached is None else []
        if cached is not None:
            return cached
        min_count = self.source.min_count
        published = (suppress(count, min_count) for count in raw)  # in the geography's cell order
        values = [SUPPRESSED if count is None else count for count in published]
        columns = Columns.of(Interval(end - INTERVAL, end), min_count, self._ids, values)
        with self._lock:
            if len(self._columns) >= COLUMNS_CACHE_LIMIT:
                del self._columns[next(iter(self._columns))]
            self._columns[end] = columns
        return columns

    def snapshot_at(self, interval_end: datetime) -> Optional[CountsSnapshot]:
        """Counts and trends of the interval ending at ``interval_end``, as the demo feed publishes them."""
        end = as_utc(interval_end)
        if end > self._now():
            return None
        return self.published(end)

    def published(self, interval_end: datetime) -> CountsSnapshot:
        """The interval ending at ``interval_end`` as published, whatever the exercise's clock says."""
        end = as_utc(interval_end)
        start = end - INTERVAL
        with self._lock:
            current, before = self._raw_counts(start), self._raw_counts(start - INTERVAL)
        counts, trends = publish(current, before, self.source.min_count)
        interval = Interval(start, end)
        return CountsSnapshot(interval, self.source.min_count, counts, trends, self.source.meta().provider)

    def _raw_counts(self, start: datetime) -> dict[str, float]:
        if start not in self._raw:
            if len(self._raw) >= _RAW_CACHE_LIMIT:
                del self._raw[next(iter(self._raw))]
            self._raw[start] = self._model.raw_counts(start)
        return self._raw[start]


class ExercisePastUnavailable(HistoryError):  # noqa: N818 (read like the history's errors)
    """The served scenario cannot be simulated on this station (e.g. written for a newer version)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem

    def user_message(self) -> str:
        return tr(
            "This station cannot compute the exercise's past, so there is nothing to compare with: {0}"
        ).format(self.problem)


class ServedExercisePast:
    """The past of a classroom exercise that the reference service simulates, computed on this
    station from the same simulation (the scenario file's text the service hands out, its seed and
    min_count): the simulator is deterministic, so the cells and counts are the service's, for a
    bundled scenario and a trainer's own file alike. Built on first use, on the reader's thread
    (the geography takes about a second), and checked against an interval the service published."""

    def __init__(
        self, simulation: ServedSimulation, now: Callable[[], datetime], served: CountsSnapshot
    ) -> None:
        """``served``: an interval as the service published it; the past is only used when this
        station's simulator gives the same counts for it (another Druktemeter version may not)."""
        self.simulation = simulation
        self._now = now
        self._served = served
        self._past: Optional[SimulatedPast] = None
        self._problem: Optional[ExercisePastUnavailable] = None
        self._lock = threading.Lock()

    def columns_at(self, interval_end: datetime) -> Optional[Columns]:
        return self._built().columns_at(interval_end)

    def snapshot_at(self, interval_end: datetime) -> Optional[CountsSnapshot]:
        return self._built().snapshot_at(interval_end)

    def _built(self) -> SimulatedPast:
        """Raises :class:`ExercisePastUnavailable` (every time, built once) when the served scenario
        cannot be read here or this station's simulation differs from the service's."""
        with self._lock:
            if self._past is None and self._problem is None:
                try:
                    self._past = self._build()
                except ExercisePastUnavailable as problem:
                    self._problem = problem
            if self._problem is not None:
                raise self._problem
            return self._past

    def _build(self) -> SimulatedPast:
        served = self.simulation
        try:
            scenario = scenario_from_text(served.definition, served.scenario[:80])
        except ScenarioError as error:
            raise ExercisePastUnavailable(str(error)) from None
        source = build_source(scenario, served.seed, min_count=served.min_count)
        past = SimulatedPast(source, now=self._now)
        if not _agrees(past.published(self._served.interval.end), self._served):
            raise ExercisePastUnavailable(
                tr(
                    "its simulation does not give the counts the exercise service published; "
                    "use the same Druktemeter version on this station and the service."
                )
            )
        return past


def _agrees(mine: CountsSnapshot, served: CountsSnapshot) -> bool:
    """Every count the service published (this station may hide more under its own floor) is ours."""
    return all(mine.counts.get(cell) == count for cell, count in served.counts.items() if count is not None)
