"""Trend with a dead band, and suppression under ``min_count``: the provider's
privacy rules, shared by the reference service, the simulator and the plugin
(which derives trends itself when a feed sends counts without them).

A change smaller than ``max(15, 10 % of the previous count)`` is ``equal``, so
noise does not flip arrows. Trends are computed from unrounded counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

from .model import Trend

DEAD_BAND_ABSOLUTE = 15.0
DEAD_BAND_RELATIVE = 0.10


def dead_band(previous: float) -> float:
    return max(DEAD_BAND_ABSOLUTE, DEAD_BAND_RELATIVE * abs(previous))


def trend_between(previous: Optional[float], current: Optional[float]) -> Trend:
    """Trend from ``previous`` to ``current``; unknown when either is missing."""
    if previous is None or current is None:
        return Trend.UNKNOWN
    change = current - previous
    if abs(change) < dead_band(previous):
        return Trend.EQUAL
    return Trend.UP if change > 0 else Trend.DOWN


def publish(
    current: Mapping[str, float],
    previous: Mapping[str, float],
    min_count: int,
) -> tuple[dict[str, Optional[int]], dict[str, Trend]]:
    """Apply the provider's rules to raw (unrounded) counts of two intervals.

    Returns published counts (``None`` = suppressed: under ``min_count``) and
    trends. A suppressed cell carries no trend either, so it reveals nothing.
    """
    counts: dict[str, Optional[int]] = {}
    trends: dict[str, Trend] = {}
    for cell_id, raw in current.items():
        rounded = round(raw)
        if rounded < min_count:
            counts[cell_id] = None
            trends[cell_id] = Trend.UNKNOWN
        else:
            counts[cell_id] = rounded
            trends[cell_id] = trend_between(previous.get(cell_id), raw)
    return counts, trends
