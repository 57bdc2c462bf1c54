"""Region alert rules: edge-triggered, with hysteresis and a cooldown.

Which cells take part is decided elsewhere (``mapping/region.py`` matches the
cells to the region once, with a spatial index); per poll the engine only does
dictionary look-ups over the region's cells.

Rules (0 switches a rule off):

* **count**: a cell is high at ``count >= count_threshold``;
* **density**: a cell is high at ``count / area_km2 >= density_per_km2``. Both
  level rules are turned into one count threshold per cell when the region is
  set; with both on, whichever is lower fires (either rule is enough);
* **rise**: a cell is high when its count rose by at least ``rise_percent``
  against the immediately preceding interval *and* the provider's trend says
  ``up`` (its dead band keeps noise out).

A raised cell clears when its count falls below ``clear_ratio`` times the level
that raised it (the cell's count threshold, or for a rise the count at the
raise), so a count hovering around the threshold does not flap. After a clear
no new raise for that cell comes within ``cooldown_minutes`` (measured in
interval time, so a sped-up demo behaves like the real thing).

Privacy and honesty: a stale snapshot is not evaluated at all; a suppressed or
missing cell is skipped and keeps its state either way: a raised cell is not
cleared on data we may not show, and a cell under a cooldown stays under it.

Outages: the first snapshot after a start or after a gap (the interval does not
follow the last evaluated one) is a *catch-up*. Cells that are high then are
raised, one event per cell, because an operator must learn which cells are high
and be able to zoom to each; raised cells that fell are cleared. These events
carry ``catch_up=True`` so the presentation can summarise them in one message
and one sound instead of a burst. The rise rule needs two consecutive
intervals, so it never fires on a catch-up.

Scale: a region as large as the country (200,000 cells) takes longer to evaluate
than QGIS may be kept waiting, so an evaluation can also run in bounded steps
(:class:`Evaluation`): first the region's cells are scanned for those that may
change state, then those are decided, and only the last step changes the engine.
"""

from __future__ import annotations

import enum
import math
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Optional

from .i18n import number, tr
from .model import CountsSnapshot, Trend

SCAN_STEP = 5000  # region cells scanned per step of an evaluation (~1-3 ms)
DECIDE_STEP = 500  # candidate cells decided per step (~1-5 ms)


class AlertKind(str, enum.Enum):
    RAISE = "raise"
    CLEAR = "clear"
    ACKNOWLEDGE = "acknowledge"


@dataclass(frozen=True)
class AlertEvent:
    """One alert record: what the panel shows and the log keeps (aggregates only).

    ``time`` is the end of the interval the event is about (for an acknowledge,
    the moment of acknowledging); ``detected`` is the wall-clock time of the
    evaluation. ``acknowledges`` holds the id of the raise an acknowledge is for.
    """

    kind: AlertKind
    cell_id: str
    time: datetime
    count: int
    trend: Trend
    rule: str
    region: str
    detected: datetime
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    catch_up: bool = False
    acknowledges: str = ""
    place: str = ""  # how people name the cell's spot ("Markt, 's-Hertogenbosch"); the id is the detail


@dataclass(frozen=True)
class AlertRules:
    count_threshold: int = 0
    density_per_km2: float = 0.0
    rise_percent: float = 0.0
    clear_ratio: float = 0.8
    cooldown_minutes: int = 30

    @classmethod
    def from_config(cls, value_of: Mapping[str, Any]) -> AlertRules:
        """Rules from the ``alerts/*`` settings (e.g. ``{key: PluginSettings.value(key)}``)."""
        return cls(
            count_threshold=int(value_of["alerts/count_threshold"]),
            density_per_km2=float(value_of["alerts/density_per_km2"]),
            rise_percent=float(value_of["alerts/rise_percent"]),
            clear_ratio=float(value_of["alerts/clear_ratio"]),
            cooldown_minutes=int(value_of["alerts/cooldown_minutes"]),
        )


class AlertEngine:
    """Turns successive snapshots into raise / clear events for the region's cells."""

    def __init__(self, rules: AlertRules, region_name: str = "") -> None:
        self.rules = rules
        self.region_name = region_name
        self._areas: dict[str, float] = {}
        self._places: Mapping[str, str] = {}
        self._thresholds: dict[str, tuple[float, str]] = {}
        self._lowest_threshold = math.inf
        self._region: frozenset[str] = frozenset()
        self._region_order: tuple[str, ...] = ()  # the region's cells, to scan them in steps
        self._version = 0  # counts changes of rules, region and raised cells (see Evaluation)
        self._clear_below: dict[str, float] = {}  # raised cells -> count under which they clear
        self._cooldown_until: dict[str, datetime] = {}
        self._previous: Mapping[str, Optional[int]] = {}  # counts of the last evaluated interval
        self._last_end: Optional[datetime] = None

    def set_rules(self, rules: AlertRules) -> None:
        """New rules apply from the next snapshot; raised cells keep their clear level."""
        self.rules = rules
        self._version += 1
        self._compute_thresholds()

    def set_region_cells(
        self,
        cell_ids: Collection[str],
        areas_km2: Mapping[str, float],
        places: Optional[Mapping[str, str]] = None,
    ) -> None:
        """The cells inside or overlapping the region, with their coverage areas and place names.

        Cells that leave the region are forgotten silently (no clear event: the
        region changed, not the crowd).
        """
        for _ in self.region_steps(cell_ids, areas_km2, places):
            pass

    def region_steps(
        self,
        cell_ids: Collection[str],
        areas_km2: Mapping[str, float],
        places: Optional[Mapping[str, str]] = None,
    ) -> Iterator[None]:
        """:meth:`set_region_cells` in steps of ``SCAN_STEP`` cells (a national region has
        200,000); the engine changes only in the last step."""
        region = frozenset(cell_ids)
        yield
        order = tuple(region)
        rules, areas, own_places, thresholds, lowest = self.rules, {}, {}, {}, math.inf
        places = places or {}
        for start in range(0, len(order), SCAN_STEP):
            chunk = order[start : start + SCAN_STEP]
            chunk_areas = {cell_id: areas_km2.get(cell_id, 0.0) for cell_id in chunk}
            own_places.update((cell_id, places[cell_id]) for cell_id in chunk if places.get(cell_id))
            chunk_thresholds = self._thresholds_of(chunk_areas)
            lowest = min(lowest, _lowest(chunk_thresholds))
            thresholds.update(chunk_thresholds)
            areas.update(chunk_areas)
            yield
        self._region, self._region_order, self._areas, self._places = region, order, areas, own_places
        self._version += 1
        for state in (self._clear_below, self._cooldown_until):
            for cell_id in [c for c in state if c not in region]:
                del state[cell_id]
        if rules is self.rules:
            self._thresholds, self._lowest_threshold = thresholds, lowest
        else:  # the rules changed meanwhile
            self._compute_thresholds()

    def _compute_thresholds(self) -> None:
        self._thresholds = self._thresholds_of(self._areas)
        self._lowest_threshold = _lowest(self._thresholds)

    def _thresholds_of(self, areas: Mapping[str, float]) -> dict[str, tuple[float, str]]:
        """One count threshold per cell: the lower of the count rule and the density rule
        times the cell's area (a cell without a known area has no density rule)."""
        rules = self.rules
        count_rule = tr("count at or above {0}").format(number(rules.count_threshold))
        density_rule = tr("density at or above {0} per km²").format(number(rules.density_per_km2))
        thresholds = {}
        for cell_id, area in areas.items():
            candidates = []
            if rules.count_threshold > 0:
                candidates.append((float(rules.count_threshold), count_rule))
            if rules.density_per_km2 > 0 and area > 0:
                candidates.append((rules.density_per_km2 * area, density_rule))
            if candidates:
                thresholds[cell_id] = min(candidates, key=lambda candidate: candidate[0])
        return thresholds

    def region_cells(self) -> frozenset[str]:
        return self._region

    def raised_cells(self) -> frozenset[str]:
        return frozenset(self._clear_below)

    def assume_raised(self, raises: Iterable[AlertEvent]) -> None:
        """Carry open raises (``AlertLog.open_raises()``) over after a restart, so they are not
        raised again; call it after :meth:`set_region_cells`."""
        self._version += 1
        for event in raises:
            if event.cell_id in self._region:
                self._clear_below[event.cell_id] = self._clear_level(event.cell_id, event.count)

    def _clear_level(self, cell_id: str, count_at_raise: int) -> float:
        """Below this count a raised cell clears: a share of its threshold, or of the count at a rise."""
        threshold = self._thresholds.get(cell_id)
        level = threshold[0] if threshold is not None and count_at_raise >= threshold[0] else count_at_raise
        return self.rules.clear_ratio * level

    def evaluate(self, snapshot: CountsSnapshot, *, stale: bool, now: datetime) -> list[AlertEvent]:
        """Events for ``snapshot``; none when it is stale or not newer than the last one evaluated."""
        evaluation = self.evaluation(snapshot, stale=stale, now=now)
        for _ in evaluation.steps():
            pass
        return evaluation.events or []

    def evaluation(self, snapshot: CountsSnapshot, *, stale: bool, now: datetime) -> Evaluation:
        """The same evaluation in bounded steps (:meth:`Evaluation.steps`), for a region too large
        to evaluate within one event-loop turn (the whole country)."""
        return Evaluation(self, snapshot, stale, now)

    def _scan(self, snapshot: CountsSnapshot, rise_on: bool, found: set[str]) -> Iterator[None]:
        """The region's cells that may be raised: at or above the lowest threshold, or risen
        enough. Read only; one step per ``SCAN_STEP`` cells. Raised cells are added when deciding."""
        floor, previous_get = self._lowest_threshold, self._previous.get
        counts_get, trends_get = snapshot.counts.get, snapshot.trends.get
        factor = 1 + self.rules.rise_percent / 100
        region = self._region_order
        for start in range(0, len(region), SCAN_STEP):
            chunk = region[start : start + SCAN_STEP]
            found.update(c for c in chunk if (count := counts_get(c)) is not None and count >= floor)
            if rise_on:
                found.update(
                    c
                    for c in chunk
                    if trends_get(c) is Trend.UP
                    and (count := counts_get(c)) is not None
                    and (before := previous_get(c)) is not None
                    and before > 0
                    and count >= before * factor
                )
            yield

    def _rose(self, cell_id: str, count: int, trend: Optional[Trend]) -> bool:
        previous = self._previous.get(cell_id)
        if previous is None or previous <= 0 or trend is not Trend.UP:
            return False
        return count >= previous * (1 + self.rules.rise_percent / 100)

    def _event(
        self,
        kind: AlertKind,
        cell_id: str,
        count: int,
        snapshot: CountsSnapshot,
        rule: str,
        catch_up: bool,
        now: datetime,
    ) -> AlertEvent:
        return AlertEvent(
            kind=kind,
            cell_id=cell_id,
            time=snapshot.interval.end,
            count=count,
            trend=snapshot.trends.get(cell_id, Trend.UNKNOWN),
            rule=rule,
            region=self.region_name,
            detected=now,
            catch_up=catch_up,
            place=self._places.get(cell_id, ""),
        )


class Evaluation:
    """One snapshot evaluated in bounded steps, committed to the engine only in the last one.

    Until then the engine is untouched, so an evaluation dropped half-way (the service
    closed, a trainer restarted) decided nothing and loses nothing. When the engine
    changed in between (new rules, a new region, open raises restored) the last step
    commits nothing and sets :attr:`outdated`: evaluate the snapshot again.
    """

    def __init__(self, engine: AlertEngine, snapshot: CountsSnapshot, stale: bool, now: datetime) -> None:
        self.engine = engine
        self.snapshot = snapshot
        self.stale = stale
        self.now = now
        self.events: Optional[list[AlertEvent]] = None  # once the last step ran and was committed
        self.outdated = False

    def steps(self) -> Iterator[None]:
        engine, snapshot = self.engine, self.snapshot
        interval, version = snapshot.interval, engine._version
        if self.stale or (engine._last_end is not None and interval.end <= engine._last_end):
            self.events = []
            return
        catch_up = engine._last_end is None or interval.start > engine._last_end
        rise_on = engine.rules.rise_percent > 0 and not catch_up
        candidates: set[str] = set()
        yield from engine._scan(snapshot, rise_on, candidates)
        candidates.update(engine._clear_below)
        raised: dict[str, float] = {}  # cell -> the count under which it will clear
        cleared: list[str] = []
        events: list[AlertEvent] = []
        ordered = list(candidates & engine._region)
        for start in range(0, len(ordered), DECIDE_STEP):
            for cell_id in ordered[start : start + DECIDE_STEP]:
                event = self._decide(cell_id, catch_up, rise_on)
                if event is not None:
                    events.append(event)
                    if event.kind is AlertKind.RAISE:
                        raised[cell_id] = engine._clear_level(cell_id, event.count)
                    else:
                        cleared.append(cell_id)
            yield
        if engine._version != version:
            self.outdated = True
            return
        cooldown_until = interval.end + timedelta(minutes=engine.rules.cooldown_minutes)
        for cell_id in cleared:
            del engine._clear_below[cell_id]
            engine._cooldown_until[cell_id] = cooldown_until
        engine._clear_below.update(raised)
        engine._previous = snapshot.counts
        engine._last_end = interval.end
        self.events = events

    def _decide(self, cell_id: str, catch_up: bool, rise_on: bool) -> Optional[AlertEvent]:
        """The raise or clear ``cell_id`` gets in this snapshot, if any (nothing is changed)."""
        engine, snapshot = self.engine, self.snapshot
        count = snapshot.counts.get(cell_id)
        if count is None:
            return None  # suppressed or missing: no alert, no clear, state kept
        level = engine._clear_below.get(cell_id)
        if level is not None:
            if count >= level:
                return None
            rule = tr("back below {0}").format(number(round(level)))
            return engine._event(AlertKind.CLEAR, cell_id, count, snapshot, rule, catch_up, self.now)
        threshold = engine._thresholds.get(cell_id)
        if threshold is not None and count >= threshold[0]:
            rule = threshold[1]
        elif rise_on and engine._rose(cell_id, count, snapshot.trends.get(cell_id)):
            rule = tr("rise of {0}% or more within one interval").format(number(engine.rules.rise_percent))
        else:
            return None
        if snapshot.interval.end < engine._cooldown_until.get(cell_id, snapshot.interval.end):
            return None
        return engine._event(AlertKind.RAISE, cell_id, count, snapshot, rule, catch_up, self.now)


def _lowest(thresholds: Mapping[str, tuple[float, str]]) -> float:
    return min((threshold for threshold, _ in thresholds.values()), default=math.inf)


def acknowledgement(raised: AlertEvent, now: datetime) -> AlertEvent:
    """The acknowledge record for a raise (same cell, count and trend; time of acknowledging)."""
    return AlertEvent(
        kind=AlertKind.ACKNOWLEDGE,
        cell_id=raised.cell_id,
        time=now,
        count=raised.count,
        trend=raised.trend,
        rule=raised.rule,
        region=raised.region,
        detected=now,
        acknowledges=raised.id,
        place=raised.place,
    )
