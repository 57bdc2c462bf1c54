"""Compare the current interval with an earlier one: per cell, and as a summary in words.

Only cells with a valid count at *both* moments are compared. A suppressed or
missing count has no number, so it cannot take part in a difference or a total
without inventing one; the summary therefore compares like with like, and says
how many cells that covers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Optional

from .history import Comparison, comparison_words
from .i18n import tr
from .model import CountsSnapshot


@dataclass(frozen=True)
class CellDifference:
    """One cell's count now and before; ``percent`` is ``None`` when there is no base to divide by."""

    now: int
    before: int

    @property
    def absolute(self) -> int:
        return self.now - self.before

    @property
    def percent(self) -> Optional[float]:
        return percent_change(self.now, self.before)


@dataclass(frozen=True)
class ComparisonSummary:
    """Totals over the cells counted at both moments."""

    cells: int
    now_total: int
    before_total: int

    @property
    def percent(self) -> Optional[float]:
        return percent_change(self.now_total, self.before_total)


def percent_change(now: int, before: int) -> Optional[float]:
    return None if before == 0 else 100.0 * (now - before) / before


def cell_differences(
    current: CountsSnapshot, earlier: CountsSnapshot, cell_ids: Optional[Collection[str]] = None
) -> dict[str, CellDifference]:
    """Differences for the cells (of ``cell_ids``, e.g. a region; all when ``None``) valid at both moments."""
    differences = {}
    for cell_id, now in current.counts.items():
        before = earlier.counts.get(cell_id)
        if now is None or before is None or (cell_ids is not None and cell_id not in cell_ids):
            continue
        differences[cell_id] = CellDifference(now, before)
    return differences


def summarize(
    current: CountsSnapshot, earlier: CountsSnapshot, cell_ids: Optional[Collection[str]] = None
) -> ComparisonSummary:
    differences = cell_differences(current, earlier, cell_ids).values()
    return ComparisonSummary(
        cells=len(differences),
        now_total=sum(d.now for d in differences),
        before_total=sum(d.before for d in differences),
    )


def summary_words(
    summary: ComparisonSummary, comparison: Comparison, number: Callable[[int], str] = "{:,}".format
) -> str:
    """E.g. "Now 12,340 in 85 cells vs 9,870 same time yesterday (+25 %)".

    ``number`` formats counts; the GUI passes the user's locale (12.340 in Dutch).
    """
    if summary.cells == 0:
        return tr("No cell was counted both now and {0}; nothing to compare.").format(
            comparison_words(comparison)
        )
    return tr("Now {0} in {1} cells vs {2} {3} ({4}).").format(
        number(summary.now_total),
        number(summary.cells),
        number(summary.before_total),
        comparison_words(comparison),
        change_words(summary.percent),
    )


def change_words(percent: Optional[float]) -> str:
    if percent is None:
        return tr("was 0")
    rounded = round(percent)
    if rounded == 0:
        return tr("about the same")
    return f"{rounded:+d} %"
