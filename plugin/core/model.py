"""Data types shared by the feed, the simulator, the map and the alert rules.

Everything here is plain Python so that parsing, trends, alerts and the
simulator can be tested without QGIS. Counts are held per cell id; a cell id
that is absent from a :class:`CountsSnapshot` has *no data* for that interval.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional, Protocol


class Trend(str, enum.Enum):
    """Change of a cell's count against the previous interval."""

    UP = "up"
    DOWN = "down"
    EQUAL = "equal"
    UNKNOWN = "unknown"  # suppressed now or before, or no previous interval


# One character per trend: the columnar counts payload and the history store use these codes.
TREND_CODES = {Trend.UP: "u", Trend.DOWN: "d", Trend.EQUAL: "e", Trend.UNKNOWN: "-"}
TRENDS_BY_CODE = {code: trend for trend, code in TREND_CODES.items()}


class CellState(str, enum.Enum):
    """What the map can say about one cell for the interval shown."""

    VALID = "valid"
    SUPPRESSED = "suppressed"  # below the provider's min_count: never a number
    NO_DATA = "no_data"  # the cell is absent from the interval


@dataclass(frozen=True)
class Interval:
    """A counting interval, both ends timezone-aware UTC."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class FeedMeta:
    """What the provider says about itself (shown with every map)."""

    provider: str
    attribution: str
    terms: str
    interval_minutes: int = 15
    min_count: int = 15
    terms_url: str = ""
    exercise: bool = False  # simulated data on an exercise clock (the reference service in a classroom)


@dataclass(frozen=True)
class Cell:
    """One antenna cell: a stable id, its coverage polygon and provider metadata.

    ``properties`` holds the documented technical properties (``site``,
    ``technology``, ``area_km2``); ``place`` the optional human place name the
    provider gives the cell ("Markt, 's-Hertogenbosch").
    """

    id: str
    geometry: Mapping[str, Any]  # GeoJSON Polygon or MultiPolygon, EPSG:4326
    properties: Mapping[str, Any] = field(default_factory=dict)
    place: Optional[str] = None  # how people name the spot, e.g. "Markt, 's-Hertogenbosch" (optional)


@dataclass(frozen=True)
class CellSet:
    """All cells of a feed, as one version identified by its ETag."""

    cells: Sequence[Cell]  # a tuple, or a parsed list held column-wise (core.geometry.PackedCells)
    etag: Optional[str] = None


@dataclass(frozen=True)
class CountsSnapshot:
    """One interval of counts.

    ``counts[id]`` is the count, or ``None`` when the cell is suppressed;
    ``trends[id]`` is the trend of every cell present in ``counts``.
    """

    interval: Interval
    min_count: int
    counts: Mapping[str, Optional[int]]
    trends: Mapping[str, Trend]
    source: str = ""

    def state(self, cell_id: str) -> CellState:
        if cell_id not in self.counts:
            return CellState.NO_DATA
        if self.counts[cell_id] is None:
            return CellState.SUPPRESSED
        return CellState.VALID


class FeedSource(Protocol):
    """Something that produces contract payloads (the reference service serves one).

    Payloads are the JSON documents of ``docs/api.md``, as Python objects.
    """

    def meta_payload(self) -> dict: ...

    def cells_payload(self) -> dict: ...

    def counts_payload(self, columnar: bool = False) -> dict: ...

    def health_payload(self) -> dict: ...
