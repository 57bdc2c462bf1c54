"""Indicators per interval: *presence* and *movement*, for a region, one cell or the whole feed.

What they measure and what they cannot is written down for operators in
``docs/statistics.md``; in short:

- **Presence**: the sum of the published counts of the cells in scope that are
  valid in the interval, with beside it how many cells were suppressed or had
  no data. A suppressed or missing cell is never read as 0: it is left out and
  *counted as unknown*, so a reader sees how much of the picture is missing.
- **Movement**: a lower bound of the number of people who changed cell during
  the interval: half the sum, over the cells valid in *both* this interval and
  the one before, of ``|count - count before|``. Someone who moves from cell A
  to cell B lowers A by one and raises B by one, so two units of change are at
  least one person moving. Movement inside one cell, and moves that cancel out
  (one person in, another out), cannot be seen: hence a lower bound.

Privacy: a count under the plugin's floor ``max(15, min_count)`` is treated as
suppressed here as well, whatever the feed sent, so no suppressed count enters
either indicator, and since only valid counts are summed, none can be recovered
from them (a scope holding only suppressed cells has presence ``None``, never 0).

Speed: a national interval (60,000 cells) takes a fraction of a millisecond
(whole-array numpy operations; a masked sum or a copy per scope took five times
longer, which a week chart pays ~250 times for a new scope). Counts are
held as a numpy array aligned to the cell order, as the history stores them
(``HistoryStore.columns_at``), so a week of intervals is read and summed
without building a dictionary per interval.
"""

from __future__ import annotations

import hashlib
import heapq
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Protocol

import numpy as np

from .model import CountsSnapshot, Interval

PRIVACY_FLOOR = 15  # never show or use a count below this, whatever the provider's min_count
SUPPRESSED = -1  # a suppressed count inside a values array; never summed
MIN_VALID_SHARE = 0.8  # a side of a comparison needs at least 80 % of its cells valid (docs/statistics.md)

Scope = Optional[frozenset[str]]  # the cell ids to look at; None = the whole feed


def privacy_floor(min_count: int) -> int:
    """The lowest count the plugin shows or uses: ``max(15, min_count)``."""
    return max(PRIVACY_FLOOR, min_count)


@dataclass(frozen=True, eq=False)
class Columns:
    """One interval's counts aligned to a cell order: ``values[i]`` is the count of ``ids[i]``.

    Suppressed counts (and counts under the floor) are :data:`SUPPRESSED`. The
    ``ids`` sequence is shared by every interval recorded in the same cell
    order, so positions of a scope are looked up once per order.
    """

    interval: Interval
    min_count: int
    ids: tuple[str, ...]
    values: np.ndarray  # int32

    @classmethod
    def of(cls, interval: Interval, min_count: int, ids: tuple[str, ...], values) -> Columns:
        """Columns from raw values (a sequence or array; negative = suppressed), floor applied."""
        array = np.asarray(values, dtype=np.int32)
        if len(array) != len(ids):
            raise ValueError("cell ids and counts differ in length")
        floored = np.where(array < privacy_floor(min_count), np.int32(SUPPRESSED), array).astype(
            np.int32, copy=False
        )
        floored.setflags(write=False)
        return cls(interval, min_count, ids, floored)

    @classmethod
    def floored(cls, interval: Interval, min_count: int, ids: tuple[str, ...], values: np.ndarray) -> Columns:
        """Columns from int32 ``values`` whose floor is already applied (as ``HistoryStore`` decodes
        them): checked in one pass instead of floored again, not copied."""
        if len(values) != len(ids) or values.dtype != np.int32:
            raise ValueError("cell ids and counts differ in length or type")
        # one pass: as unsigned, SUPPRESSED (-1) is the largest value and only 0..floor-1 are below the floor
        if np.count_nonzero(values.view(np.uint32) < privacy_floor(min_count)):
            raise ValueError("a count under the floor")
        values.setflags(write=False)
        return cls(interval, min_count, ids, values)

    @classmethod
    def from_snapshot(cls, snapshot: CountsSnapshot) -> Columns:
        ids = tuple(snapshot.counts)
        raw = [SUPPRESSED if count is None else count for count in snapshot.counts.values()]
        return cls.of(snapshot.interval, snapshot.min_count, ids, raw)


class PastSource(Protocol):
    """Where earlier intervals come from: the live history, or the simulator in an exercise."""

    def columns_at(self, interval_end: datetime) -> Optional[Columns]:
        """The interval ending at ``interval_end``, or ``None`` when there is none."""

    # Optional: ``columns_for(interval_ends) -> Iterator[Columns]``, the intervals there are among
    # ``interval_ends``, oldest first, read in few steps (``HistoryStore``); without it each interval
    # is asked for with ``columns_at`` (the simulator computes them one by one anyway).


@dataclass(frozen=True)
class Indicators:
    """Presence and movement of one interval over one scope.

    ``cells`` is the number of cells in scope: valid + suppressed + missing.
    ``movement`` is ``None`` without a previous interval; ``moved_cells`` is
    the number of cells valid in both intervals (the base of ``movement``).
    ``presence`` is ``None`` when no cell in scope is valid.
    """

    interval: Interval
    cells: int
    valid: int
    suppressed: int
    missing: int
    presence: Optional[int]
    movement: Optional[float]
    moved_cells: int

    @property
    def unknown_share(self) -> float:
        """Share of the cells in scope without a number (suppressed or missing), 0..1."""
        return 1.0 if self.cells == 0 else (self.suppressed + self.missing) / self.cells

    def value(self, kind: str) -> Optional[float]:
        """``kind`` is ``"presence"`` or ``"movement"``."""
        return self.presence if kind == PRESENCE else self.movement

    def comparable(self, kind: str) -> bool:
        """Whether enough cells are valid for this figure to be compared (:data:`MIN_VALID_SHARE`).

        Presence needs that share of the cells valid in the interval; movement
        needs it valid in both the interval and the one before.
        """
        base = self.valid if kind == PRESENCE else self.moved_cells
        return self.cells > 0 and self.value(kind) is not None and base >= MIN_VALID_SHARE * self.cells


PRESENCE = "presence"
MOVEMENT = "movement"
KINDS = (PRESENCE, MOVEMENT)


def indicators(current: Columns, before: Optional[Columns] = None, scope: Scope = None) -> Indicators:
    """Presence and movement of ``current`` over ``scope`` (movement only with ``before``).

    ``before`` is the interval preceding ``current``; cells absent from it
    simply do not take part in movement.
    """
    positions, missing = _positions(current.ids, scope)
    values = current.values if positions is None else current.values[positions]
    valid_mask = values >= 0
    valid = int(np.count_nonzero(valid_mask))
    movement, moved_cells = None, 0
    if before is not None:
        earlier = _aligned(before, current.ids)
        earlier = earlier if positions is None else earlier[positions]
        both = valid_mask & (earlier >= 0)
        moved_cells = int(np.count_nonzero(both))
        changes = np.abs(np.subtract(values, earlier, dtype=np.int64))
        changes *= both  # only cells valid in both intervals take part (a masked sum is 10x slower)
        movement = float(changes.sum()) / 2.0
    return Indicators(
        interval=current.interval,
        cells=len(values) + missing,
        valid=valid,
        suppressed=len(values) - valid,
        missing=missing,
        presence=int(np.maximum(values, 0).sum(dtype=np.int64)) if valid else None,  # SUPPRESSED adds 0
        movement=movement,
        moved_cells=moved_cells,
    )


class IndicatorMemo:
    """Indicators of complete earlier intervals, remembered between day pictures: the past does not
    change, so each interval is read and summed once per scope. In memory and bounded here;
    ``HistoryStore.indicator_memo`` also keeps them in the history file, so a restart or a new day
    does not read a week of national intervals again.
    """

    LIMIT = 20_000  # indicators held in memory (a few MB)

    def __init__(self) -> None:
        self._held: dict[tuple[datetime, Scope], Indicators] = {}
        self._unsaved: list[tuple[datetime, Scope, Indicators]] = []
        self._lock = threading.Lock()

    def get(self, end: datetime, scope: Scope) -> Optional[Indicators]:
        found = self._held.get((end, scope))
        if found is None:
            found = self._load(end, scope)
            if found is not None:
                self._hold(end, scope, found)
        return found

    def put(self, end: datetime, scope: Scope, found: Indicators) -> None:
        self._hold(end, scope, found)
        with self._lock:
            self._unsaved.append((end, scope, found))

    def flush(self) -> None:
        """Keep what was added since the last flush (one write for a whole picture)."""
        with self._lock:
            unsaved, self._unsaved = self._unsaved, []
        if unsaved:
            self._save(unsaved)

    def _hold(self, end: datetime, scope: Scope, found: Indicators) -> None:
        if len(self._held) >= self.LIMIT:
            self._held.clear()
        self._held[(end, scope)] = found

    def _load(self, end: datetime, scope: Scope) -> Optional[Indicators]:
        return None  # nothing beyond memory here

    def _save(self, items: list[tuple[datetime, Scope, Indicators]]) -> None:
        return None


_SCOPE_KEYS: dict[Scope, str] = {}


def scope_key(scope: Scope) -> str:
    """A short stable name of a scope for storage: ``*`` for the whole feed, else a digest of its ids."""
    if scope is None:
        return "*"
    if scope not in _SCOPE_KEYS:
        if len(_SCOPE_KEYS) >= _ORDER_CACHE_LIMIT:
            _SCOPE_KEYS.clear()
        _SCOPE_KEYS[scope] = hashlib.sha1("\n".join(sorted(scope)).encode("utf-8")).hexdigest()
    return _SCOPE_KEYS[scope]


def scope_of(cell_ids: Optional[Collection[str]]) -> Scope:
    return None if cell_ids is None else frozenset(cell_ids)


# Per cell order (the ids tuple, by identity) the positions of each scope asked for.
_ORDER_CACHE_LIMIT = 8
_order_cache: dict[int, tuple[tuple[str, ...], dict[str, int], dict[Scope, tuple[np.ndarray, int]]]] = {}


def _order_entry(ids: tuple[str, ...]):
    entry = _order_cache.get(id(ids))
    if entry is None or entry[0] is not ids:
        if len(_order_cache) >= _ORDER_CACHE_LIMIT:
            del _order_cache[next(iter(_order_cache))]
        entry = (ids, {cell_id: k for k, cell_id in enumerate(ids)}, {})
        _order_cache[id(ids)] = entry
    return entry


def _positions(ids: tuple[str, ...], scope: Scope) -> tuple[Optional[np.ndarray], int]:
    """Positions in ``ids`` of the cells in ``scope`` (``None``: every cell, as they are: the whole
    feed needs no copy) and how many scope cells ``ids`` lacks."""
    _, index, by_scope = _order_entry(ids)
    if scope not in by_scope:
        if scope is None or (len(scope) >= len(ids) and scope.issuperset(ids)):
            by_scope[scope] = (None, 0 if scope is None else len(scope) - len(ids))
        else:
            found = np.array(sorted(index[c] for c in scope if c in index), dtype=np.intp)
            by_scope[scope] = (found, len(scope) - len(found))
    return by_scope[scope]


def _aligned(before: Columns, ids: tuple[str, ...]) -> np.ndarray:
    """``before``'s values in the order of ``ids`` (suppressed where a cell is absent)."""
    if before.ids is ids or before.ids == ids:
        return before.values
    _, index, _ = _order_entry(before.ids)
    positions = np.array([index.get(cell_id, -1) for cell_id in ids], dtype=np.intp)
    padded = np.append(before.values, np.int32(SUPPRESSED))  # position -1 reads this
    return padded[positions]


def busiest(snapshot: CountsSnapshot, scope: Scope = None, limit: int = 10) -> list[tuple[str, int]]:
    """The ``limit`` cells in scope with the highest valid counts (never a suppressed one), highest first."""
    floor = privacy_floor(snapshot.min_count)
    counts = snapshot.counts
    in_scope = counts.items() if scope is None else ((cell_id, counts.get(cell_id)) for cell_id in scope)
    valid = [(cell_id, count) for cell_id, count in in_scope if count is not None and count >= floor]
    return heapq.nsmallest(limit, valid, key=lambda item: (-item[1], item[0]))
