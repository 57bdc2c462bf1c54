"""The privacy rules of published counts, shared by the reference service, the
simulator and the plugin: suppression under a floor, and trends with a dead band
that are computed **from published values only**.

- A count under ``min_count`` is suppressed: no number, no trend. The plugin
  applies its own floor ``max(MIN_COUNT_FLOOR, meta.min_count)``, which no counts
  document can lower (:func:`count_floor`).
- A trend compares two *published* counts of directly consecutive intervals. A
  change smaller than ``max(15, 10 % of the previous count)`` is ``equal``, so
  noise does not flip arrows. When the previous interval was suppressed or had no
  data and this one is shown, the trend is ``up`` without a dead band: it says only
  that the cell crossed the threshold. Computing it against the suppressed raw
  count instead would leak it ("29, equal" would mean "14 before").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from .model import Trend

MIN_COUNT_FLOOR = 15  # the plugin never shows or stores a count under this, whatever a feed says
DEAD_BAND_ABSOLUTE = 15.0
DEAD_BAND_RELATIVE = 0.10


def count_floor(*min_counts: int) -> int:
    """The smallest count that may be shown: never under ``MIN_COUNT_FLOOR``."""
    return max(MIN_COUNT_FLOOR, *min_counts)


def dead_band(previous: float) -> float:
    return max(DEAD_BAND_ABSOLUTE, DEAD_BAND_RELATIVE * abs(previous))


def trend_between(previous: Optional[float], current: Optional[float]) -> Trend:
    """Dead-band trend between two shown counts; unknown when either is missing."""
    if previous is None or current is None:
        return Trend.UNKNOWN
    change = current - previous
    if abs(change) < dead_band(previous):
        return Trend.EQUAL
    return Trend.UP if change > 0 else Trend.DOWN


def published_trend(previous: Optional[int], current: Optional[int]) -> Trend:
    """The trend of a cell from the published counts of two directly consecutive intervals.

    ``previous`` is ``None`` when the cell was suppressed or had no data then;
    ``current`` is ``None`` when it is suppressed now (no trend at all).
    """
    return published_trends([previous], [current])[0]


def published_trends(previous: Sequence[Optional[int]], current: Sequence[Optional[int]]) -> list[Trend]:
    """:func:`published_trend` for aligned lists, in one pass without a call per cell
    (a national feed has 60,000 cells, every poll)."""
    up, down, equal, unknown = Trend.UP, Trend.DOWN, Trend.EQUAL, Trend.UNKNOWN
    knee = DEAD_BAND_ABSOLUTE / DEAD_BAND_RELATIVE  # above it the relative band is the wider one
    return [
        unknown
        if now is None
        else up  # crossed the threshold (or appeared): says nothing about how far below it was
        if before is None
        else equal
        if abs(now - before) < (DEAD_BAND_ABSOLUTE if before <= knee else DEAD_BAND_RELATIVE * before)
        else up
        if now > before
        else down
        for before, now in zip(previous, current)
    ]


def lowest_unambiguous_count(floor: int) -> float:
    """The lowest count whose trend from a feed, without the preceding interval at hand
    to check it, cannot stand for a suppressed count: ``floor + max(15, 10 % of floor)``.

    From here on ``equal`` means a previous count within the dead band, all of it at
    or above the floor; ``down`` always means a higher previous count. Under it a
    feed comparing with suppressed counts says ``equal`` where a correct one says
    ``up``, so neither (nor the absence of either) may be shown.
    """
    return floor + dead_band(floor)


def suppress(raw: float, min_count: int) -> Optional[int]:
    """The published form of one raw count: rounded, or ``None`` under ``min_count``."""
    rounded = round(raw)
    return None if rounded < min_count else rounded


def publish(
    current: Mapping[str, float],
    previous: Optional[Mapping[str, float]],
    min_count: int,
) -> tuple[dict[str, Optional[int]], dict[str, Trend]]:
    """Apply the provider's rules to raw (unrounded) counts of two consecutive intervals.

    Returns published counts (``None`` = suppressed) and trends computed from the
    published counts only. ``previous`` is ``None`` when there is no preceding
    interval at all (the feed's first): then no trend is known.
    """
    counts = {cell_id: suppress(raw, min_count) for cell_id, raw in current.items()}
    if previous is None:
        return counts, {cell_id: Trend.UNKNOWN for cell_id in counts}
    shown_before = {cell_id: suppress(raw, min_count) for cell_id, raw in previous.items()}
    trends = published_trends(list(map(shown_before.get, counts)), list(counts.values()))
    return counts, dict(zip(counts, trends))
