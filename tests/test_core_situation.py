"""The busiest cells of the region: shown counts only, region cells only, highest first."""

from __future__ import annotations

from datetime import datetime, timezone

from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.core.situation import BusyCell, busiest_cells

END = datetime(2027, 2, 7, 12, 0, tzinfo=timezone.utc)


def test_busiest_region_cells_highest_first_suppressed_and_outside_left_out():
    snapshot = CountsSnapshot(
        Interval(END, END),
        min_count=15,
        counts={"a": 1200, "b": 300, "c": None, "d": 5000, "e": 900, "f": 10},
        trends={"a": Trend.UP, "b": Trend.DOWN, "e": Trend.EQUAL},
    )
    region = {"a", "b", "c", "e", "f"}  # "d" lies outside
    places = {"a": "Markt, 's-Hertogenbosch"}
    assert busiest_cells(snapshot, region, places) == [
        BusyCell("a", "Markt, 's-Hertogenbosch", 1200, Trend.UP),
        BusyCell("e", "", 900, Trend.EQUAL),
        BusyCell("b", "", 300, Trend.DOWN),
    ]
    assert busiest_cells(snapshot, {"c", "f"}, places) == []
