"""The simulated feed: contract payloads for the latest interval at the replay clock's now.

:class:`SimulatedSource` is a :class:`~..core.model.FeedSource`, so the
reference service can serve it over HTTP and the demo reader can hand it to the
same parser as live data. Counts follow the provider's rules exactly: rounded,
suppressed under ``min_count``, trends against the previous interval's raw
counts with the dead band of ``core.trend``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Optional

from ..core.collector import collector_paused
from ..core.i18n import tr
from ..core.model import FeedMeta, Interval, Trend
from ..core.trend import publish
from ..feed import contract
from .clock import INTERVAL, SimClock, as_utc
from .counts import CountModel
from .geography import DEFAULT_SITE_COUNT, Geography, GeographyBuild
from .scenarios import Scenario, load_scenario

_RAW_CACHE_LIMIT = 3  # the shown interval, the one before it, and one spare


class SimulatedSource:
    """A replayable simulated feed for one scenario and seed."""

    def __init__(self, scenario: Scenario, seed: int, clock: SimClock, min_count: int, geography: Geography):
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.min_count = min_count
        self.geography = geography
        self.model = CountModel(self.geography, scenario, seed)
        self._raw: dict[datetime, dict[str, float]] = {}
        self._raw_lock = threading.Lock()  # the reference service answers from several threads

    @property
    def cells_etag(self) -> str:
        """Changes only when the geometry does (region, seed, size)."""
        return f'"sim-{self.scenario.region}-{self.seed}-{len(self.geography.cells)}"'

    def meta(self) -> FeedMeta:
        return FeedMeta(
            provider=tr("Druktemeter simulator (EXERCISE / DEMO)"),
            attribution=tr("Simulated data for exercises: not real counts of real people"),
            terms=tr("For training only; do not use for operational decisions."),
            min_count=self.min_count,
        )

    def published(self, start: datetime) -> tuple[dict[str, Optional[int]], dict[str, Trend]]:
        """Published counts and trends of the interval starting at ``start``."""
        start = as_utc(start)
        return publish(self._raw_counts(start), self._raw_counts(start - INTERVAL), self.min_count)

    def latest_interval(self) -> Interval:
        return self.clock.latest_interval()

    def meta_payload(self) -> dict:
        return contract.meta_payload(self.meta())

    def cells_payload(self) -> dict:
        return contract.cells_payload(self.geography.contract_cells)

    def counts_payload(self, columnar: bool = False) -> dict:
        interval = self.latest_interval()
        counts, trends = self.published(interval.start)
        return contract.counts_payload(interval, self.min_count, counts, trends, columnar=columnar)

    def health_payload(self) -> dict:
        return contract.health_payload(self.latest_interval(), self.clock.now())

    def _raw_counts(self, start: datetime) -> dict[str, float]:
        with self._raw_lock:
            if start not in self._raw:
                if len(self._raw) >= _RAW_CACHE_LIMIT:
                    del self._raw[next(iter(self._raw))]  # the longest held
                self._raw[start] = self.model.raw_counts(start)
            return self._raw[start]


def build_source(
    scenario: str | Path | Scenario = "markt", seed: int = 1, speed: float = 1.0, **options
) -> SimulatedSource:
    """A simulated feed for a bundled scenario name, a scenario file path or a loaded scenario.

    The clock starts at ``start`` (naive = Dutch local time), else at the
    scenario's start, and runs at ``speed`` x real time. ``min_count`` defaults
    to the scenario's (15 unless the file says otherwise). Raises
    :class:`~.scenarios.ScenarioError` for a broken scenario file. ``options``:
    ``min_count``, ``start`` and ``site_count`` of :class:`SourceBuild`.
    """
    build = SourceBuild(scenario, seed, speed, **options)
    for _ in build.steps():
        pass
    return build.source()


class SourceBuild:
    """:func:`build_source` in steps of a few milliseconds (the geography takes most of a second).

    The scenario is read at once (a broken file raises :class:`~.scenarios.ScenarioError`
    here); iterate :meth:`steps` (each yield is the share done), then call :meth:`source`,
    which starts the exercise clock.
    """

    def __init__(
        self,
        scenario: str | Path | Scenario = "markt",
        seed: int = 1,
        speed: float = 1.0,
        min_count: Optional[int] = None,
        start: Optional[datetime] = None,
        site_count: int = DEFAULT_SITE_COUNT,
    ) -> None:
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.seed, self.speed, self.start = seed, speed, start
        self.min_count = self.scenario.min_count if min_count is None else min_count
        self._geography = GeographyBuild(seed, self.scenario.region, site_count)

    def steps(self) -> Iterator[float]:
        """The build in slices; the cycle collector rests until it is done (or dropped): its
        shapely temporaries would otherwise set off full collections on the main thread."""
        with collector_paused():
            yield from self._geography.steps()

    def source(self) -> SimulatedSource:
        geography = self._geography.geography
        if geography is None:
            raise RuntimeError("the geography is not built yet: run steps() first")
        clock = SimClock(self.start if self.start is not None else self.scenario.start, self.speed)
        return SimulatedSource(self.scenario, self.seed, clock, self.min_count, geography)
