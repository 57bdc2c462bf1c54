"""The daily and weekly rhythm of a region: how many people a cell counts, by hour.

A cell's count has two parts. **Residents** are counted near home: few at
night (phones idle, not in contact with the network), more at the commute peaks
and in the evening. **Visitors** gather in town centres: shops and offices on
weekdays, a long shopping peak on Saturday, a quiet Sunday. The tables give, per
local hour, the share of residents (or of the region's centre-visitor pool)
counted; values between full hours are interpolated linearly.

The numbers are plausible shapes, not measurements.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

# Index = local hour 0..23.
_RESIDENTS = {
    "weekday": (
        0.10, 0.07, 0.06, 0.06, 0.06, 0.08, 0.15, 0.27, 0.30, 0.22, 0.20, 0.20,
        0.22, 0.20, 0.20, 0.22, 0.28, 0.34, 0.36, 0.36, 0.34, 0.30, 0.22, 0.15,
    ),
    "saturday": (
        0.14, 0.10, 0.07, 0.06, 0.05, 0.05, 0.06, 0.09, 0.14, 0.20, 0.22, 0.23,
        0.24, 0.23, 0.22, 0.22, 0.24, 0.27, 0.30, 0.32, 0.33, 0.32, 0.27, 0.20,
    ),
    "sunday": (
        0.16, 0.12, 0.08, 0.06, 0.05, 0.05, 0.05, 0.06, 0.09, 0.14, 0.20, 0.24,
        0.26, 0.26, 0.26, 0.26, 0.27, 0.29, 0.31, 0.32, 0.31, 0.28, 0.22, 0.14,
    ),
}  # fmt: skip
_VISITORS = {
    "weekday": (
        0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.12, 0.18, 0.22, 0.25, 0.28,
        0.30, 0.28, 0.27, 0.27, 0.28, 0.25, 0.18, 0.14, 0.12, 0.10, 0.06, 0.03,
    ),
    "saturday": (
        0.05, 0.03, 0.02, 0.01, 0.01, 0.01, 0.02, 0.04, 0.10, 0.22, 0.32, 0.38,
        0.40, 0.40, 0.38, 0.35, 0.30, 0.22, 0.15, 0.14, 0.15, 0.14, 0.10, 0.07,
    ),
    "sunday": (
        0.05, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.04, 0.07, 0.10, 0.14,
        0.18, 0.20, 0.20, 0.19, 0.16, 0.12, 0.09, 0.08, 0.07, 0.06, 0.04, 0.03,
    ),
}  # fmt: skip


class Activity(NamedTuple):
    residents: float  # share of a cell's residents counted
    visitors: float  # share of the region's centre-visitor pool counted (spread by centre weight)


def day_kind(local: datetime) -> str:
    weekday = local.weekday()
    return "saturday" if weekday == 5 else "sunday" if weekday == 6 else "weekday"


def activity(local: datetime) -> Activity:
    """The rhythm at Dutch local time ``local`` (naive)."""
    kind = day_kind(local)
    hour = local.hour + local.minute / 60.0 + local.second / 3600.0
    return Activity(_interpolate(_RESIDENTS[kind], hour), _interpolate(_VISITORS[kind], hour))


def _interpolate(table: tuple[float, ...], hour: float) -> float:
    """Linear between full hours; the last hour of the day runs towards the table's hour 0."""
    below = int(hour) % 24
    fraction = hour - int(hour)
    return table[below] * (1.0 - fraction) + table[(below + 1) % 24] * fraction
