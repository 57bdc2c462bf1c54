"""The Situation summary's one decision: which cells in the region are busiest now."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .model import CountsSnapshot, Trend


@dataclass(frozen=True)
class BusyCell:
    cell_id: str
    place: str
    count: int
    trend: Trend


def busiest_cells(
    snapshot: CountsSnapshot, region_cells: Collection[str], places: Mapping[str, str], limit: int = 3
) -> list[BusyCell]:
    """The ``limit`` region cells with the highest shown counts (suppressed cells never count)."""
    shown = [
        (count, cell_id)
        for cell_id, count in snapshot.counts.items()
        if count is not None and count >= snapshot.min_count and cell_id in region_cells
    ]
    shown.sort(key=lambda pair: (-pair[0], pair[1]))
    return [
        BusyCell(cell_id, places.get(cell_id, ""), count, snapshot.trends.get(cell_id, Trend.UNKNOWN))
        for count, cell_id in shown[:limit]
    ]
