"""What the map draws for a cell, packed into one small integer, and its diff from poll to poll.

One stored value per cell, ``drawn``, holds everything the style needs:

==============  ===========================================================
valid           ``band * 4 + trend`` (trend 0 up, 1 down, 2 equal, 3 unknown)
suppressed      ``-1`` (a count under ``min_count``: never a number, no trend)
no data         ``-2`` (the cell is absent from the interval)
==============  ===========================================================

The style's rules read it (``"drawn" // 4`` is the band, tested as ``"drawn" IN (…)``,
``"drawn" % 4`` the trend; both negative for the other states), and the layer's ``state``,
``trend`` and ``band`` fields are expressions decoding it for Identify and the
attribute table. A poll therefore writes one value per changed cell, not three.

:class:`DrawnPlanner` runs on the poller's worker thread: it packs every cell
of a snapshot (aligned to the cell list) and compares the result with the
previous poll's, so the main thread only hands the changed values to the
layer's data provider. With an overview planner (:mod:`.overview`) it also builds, there,
the national overview's merged geometry whenever some cell changed band or state.
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy

from ..core.model import CellSet, CellState, CountsSnapshot, Trend
from ..core.trend import count_floor

if TYPE_CHECKING:  # overview.py imports this module
    from .overview import OverviewPlan, OverviewPlanner

LOGGER = logging.getLogger("druktemeter.map")

SUPPRESSED = -1
NO_DATA = -2
TRENDS = (Trend.UP, Trend.DOWN, Trend.EQUAL, Trend.UNKNOWN)  # position = the trend's code
TREND_CODES = {trend: code for code, trend in enumerate(TRENDS)}
CODE_TYPE = numpy.int16  # 6 bands x 4 trends fit easily; 2 bytes per cell


def pack(
    count: Optional[int], trend: Trend, min_count: int, edges: Sequence[int], present: bool = True
) -> int:
    """One cell's drawn value; a count under ``min_count`` is suppressed, whatever the feed says."""
    if not present:
        return NO_DATA
    if count is None or count < min_count:
        return SUPPRESSED
    return bisect_right(edges, count) * 4 + TREND_CODES[trend]


def unpack(code: int) -> tuple[CellState, Trend, Optional[int]]:
    """State, trend and band (None unless valid) of a drawn value."""
    if code == NO_DATA:
        return CellState.NO_DATA, Trend.UNKNOWN, None
    if code == SUPPRESSED:
        return CellState.SUPPRESSED, Trend.UNKNOWN, None
    band, trend = divmod(code, 4)
    return CellState.VALID, TRENDS[trend], band


def codes_for(
    snapshot: Optional[CountsSnapshot], cell_ids: Sequence[str], edges: Sequence[int]
) -> numpy.ndarray:
    """The drawn value of each of ``cell_ids`` in ``snapshot`` (all no data without one)."""
    if snapshot is None:
        return numpy.full(len(cell_ids), NO_DATA, dtype=CODE_TYPE)
    counts_get, trends_get = snapshot.counts.get, snapshot.trends.get
    absent = NO_DATA - 1  # a marker no count can take
    raw = [counts_get(cell_id, absent) for cell_id in cell_ids]
    counts = numpy.array([SUPPRESSED if count is None else count for count in raw], dtype=numpy.int64)
    unknown = TREND_CODES[Trend.UNKNOWN]
    trends = numpy.array(
        [TREND_CODES.get(trends_get(cell_id, Trend.UNKNOWN), unknown) for cell_id in cell_ids],
        dtype=numpy.int64,
    )
    codes = numpy.where(counts == absent, NO_DATA, SUPPRESSED)
    valid = counts >= count_floor(snapshot.min_count)  # whoever made the snapshot: never under the floor
    bands = numpy.searchsorted(numpy.asarray(edges, dtype=numpy.int64), counts[valid], side="right")
    codes[valid] = bands * 4 + trends[valid]
    return codes.astype(CODE_TYPE)


@dataclass(frozen=True, eq=False)
class DrawnPlan:
    """A snapshot's drawn values for a cell list, and where they differ from the previous plan's.

    ``changed`` (positions) is only meaningful against ``base``: the layer uses it
    when ``base`` is exactly what it shows, otherwise it compares with its own values.
    ``overview``: the national overview's changed groups, built; None when no cell changed group.
    """

    cells: CellSet
    edges: tuple[int, ...]
    codes: numpy.ndarray
    base: Optional[numpy.ndarray]
    changed: numpy.ndarray
    overview: Optional[OverviewPlan] = None


class DrawnPlanner:
    """Worker-thread side of the diff: the cell list and band edges it packs for, and the last codes.

    :meth:`set_edges` may be called from the main thread (a new band-edge setting):
    the edges are swapped as one tuple under a lock.
    """

    def __init__(self, edges: Sequence[int], overview: Optional[OverviewPlanner] = None) -> None:
        """``overview``: builds the national overview's geometry here too (:mod:`.overview`)."""
        self._lock = threading.Lock()
        self._overview = overview
        self._edges = tuple(edges)
        self._cells: Optional[CellSet] = None
        self._order: Sequence[str] = []
        self._last: Optional[DrawnPlan] = None

    def set_edges(self, edges: Sequence[int]) -> None:
        with self._lock:
            self._edges = tuple(edges)

    def set_cells(self, cells: CellSet) -> None:
        with self._lock:
            self._cells = cells
            packed_ids = getattr(cells.cells, "ids", None)  # a parsed list (core.geometry.PackedCells)
            self._order = packed_ids if packed_ids is not None else [cell.id for cell in cells.cells]
            self._last = None
        if self._overview is not None:
            self._overview.set_cells(cells)

    def plan(self, snapshot: CountsSnapshot) -> Optional[DrawnPlan]:
        """The drawn values of ``snapshot`` and what changed; None before any cell list."""
        with self._lock:
            cells, order, edges, last = self._cells, self._order, self._edges, self._last
        if cells is None:
            return None
        codes = codes_for(snapshot, order, edges)
        base = last.codes if last is not None and last.edges == edges else None
        changed = numpy.arange(len(codes)) if base is None else numpy.flatnonzero(codes != base)
        plan = DrawnPlan(cells, edges, codes, base, changed, self._overview_of(cells, codes, edges))
        with self._lock:
            if self._cells is cells:
                self._last = plan
        return plan

    def pending_overview(self, snapshot: Optional[CountsSnapshot]) -> Optional[OverviewPlan]:
        """The overview when none is built for the cell list and band edges yet: a new list before
        its counts (every cell without data), or new band edges before a new interval."""
        with self._lock:
            cells, order, edges = self._cells, self._order, self._edges
        if self._overview is None or cells is None or self._overview.built_for(cells, edges):
            return None
        return self._overview_of(cells, codes_for(snapshot, order, edges), edges)

    def _overview_of(
        self, cells: CellSet, codes: numpy.ndarray, edges: tuple[int, ...]
    ) -> Optional[OverviewPlan]:
        if self._overview is None:
            return None
        try:
            return self._overview.plan(cells, codes, edges)
        except Exception:  # the map's cells and counts go on; the overview keeps its last picture
            LOGGER.exception("The national overview could not be built")
            return None
