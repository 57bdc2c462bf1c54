"""Words for codes, shared by the map, the alert panel, the alert log and exports, so an
operator reads the same word for the same thing everywhere."""

from __future__ import annotations

from .i18n import tr
from .model import Trend

TREND_ARROWS = {Trend.UP: "▲", Trend.DOWN: "▼", Trend.EQUAL: "=", Trend.UNKNOWN: "?"}


def trend_arrow(trend: Trend) -> str:
    """A one-character trend for narrow places (the alert list, the Situation summary)."""
    return TREND_ARROWS[trend]


def trend_word(trend: Trend) -> str:
    return {
        Trend.UP: tr("rising"),
        Trend.DOWN: tr("falling"),
        Trend.EQUAL: tr("equal"),
        Trend.UNKNOWN: tr("unknown"),
    }[trend]
