"""Demo mode inside QGIS: the simulated feed read like a live one, without a network.

:class:`SimulatedFeedReader` implements the feed's ``FeedReader`` protocol. It
serialises the simulated source's payloads to JSON bytes and runs them through
the very parser that checks live data (``feed.parsing``), so demo data passes
the same validation and privacy checks before it reaches the map.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Optional

from ..core.model import CellSet, CountsSnapshot, FeedMeta, Interval
from ..core.trend import count_floor
from ..feed.parsing import parse_cells, parse_counts, parse_meta
from .clock import INTERVAL
from .source import SimulatedSource


class SimulatedFeedReader:
    """A ``FeedReader`` over an in-process :class:`SimulatedSource` (called from the poller's worker)."""

    def __init__(self, source: SimulatedSource):
        self.source = source
        self._cells_etag: Optional[str] = None
        self._known_ids: Optional[frozenset[str]] = None

    def __repr__(self) -> str:
        return f"SimulatedFeedReader({self.source.scenario.name!r}, seed={self.source.seed})"

    def read_meta(self) -> FeedMeta:
        return parse_meta(_encode(self.source.meta_payload()))

    def read_cells(self) -> Optional[CellSet]:
        """The cells, or None when they have not changed since the last call."""
        etag = self.source.cells_etag
        if etag == self._cells_etag:
            return None
        cells = dataclasses.replace(parse_cells(_encode(self.source.cells_payload())), etag=etag)
        self._cells_etag = etag
        self._known_ids = frozenset(cell.id for cell in cells.cells)
        return cells

    def read_counts(self, previous: Optional[CountsSnapshot]) -> Optional[CountsSnapshot]:
        """The latest interval at the exercise clock's now, or None when it is still ``previous``'s.

        A trainer's jump back in time is deliberate, not a stale feed: the
        earlier interval is then read afresh instead of being refused as older
        than the one shown. When the interval on the map is not the directly
        preceding one (first read, a jump, a fast clock), the simulator's own
        is used, so trends are derived from published values from the start.
        """
        interval = self.source.latest_interval()
        if previous is not None and previous.interval == interval:
            return None
        if previous is None or previous.interval.end != interval.start:
            previous = self._preceding(interval)
        payload = _encode(self.source.counts_payload(columnar=True))
        snapshot = parse_counts(
            payload,
            known_ids=self._known_ids,
            previous=previous,
            now=self.source.clock.now(),
            meta_min_count=self.source.min_count,
        )
        return dataclasses.replace(snapshot, source=self.source.meta().provider)

    def _preceding(self, interval: Interval) -> CountsSnapshot:
        """The published interval before ``interval``, as the plugin would have shown it.

        A live feed's first interval comes without one, so the parser must trust
        (or drop) the feed's trends; the simulator can hand it over, and the plugin
        then derives every trend itself from the first interval on.
        """
        start = interval.start - INTERVAL
        counts, trends = self.source.published(start)
        floor = count_floor(self.source.min_count)
        shown = {cell_id: None if c is None or c < floor else c for cell_id, c in counts.items()}
        return CountsSnapshot(Interval(start, interval.start), floor, shown, trends)


def _encode(payload: dict) -> bytes:
    """The payload as compact JSON, list items one call each: one ``json.dumps`` of a
    whole cell list is one C call that holds the GIL (100+ ms), stalling QGIS's main thread."""
    members = []
    for key, value in payload.items():
        if isinstance(value, list):
            text = "[" + ",".join(json.dumps(item, separators=_COMPACT) for item in value) + "]"
        else:
            text = json.dumps(value, separators=_COMPACT)
        members.append(f"{json.dumps(key)}:{text}")
    return ("{" + ",".join(members) + "}").encode("utf-8")


_COMPACT = (",", ":")
