"""The packed drawn value and the worker-side diff from poll to poll."""

from __future__ import annotations

import numpy
from druktemeter.plugin.core.model import CellState, Trend
from druktemeter.plugin.mapping import drawn
from mapping_helpers import grid, snapshot

EDGES = [15, 50, 150, 500, 1500]


def test_pack_and_unpack_every_state_band_and_trend():
    assert drawn.pack(700, Trend.UP, 15, EDGES) == 4 * 4 + 0
    assert drawn.pack(2000, Trend.EQUAL, 15, EDGES) == 5 * 4 + 2
    assert drawn.pack(None, Trend.UNKNOWN, 15, EDGES) == drawn.SUPPRESSED
    assert drawn.pack(9, Trend.UP, 15, EDGES) == drawn.SUPPRESSED  # under min_count: never a band
    assert drawn.pack(None, Trend.UNKNOWN, 15, EDGES, present=False) == drawn.NO_DATA
    for band in range(len(EDGES) + 1):
        for trend in drawn.TRENDS:
            assert drawn.unpack(band * 4 + drawn.TREND_CODES[trend]) == (CellState.VALID, trend, band)
    assert drawn.unpack(drawn.SUPPRESSED) == (CellState.SUPPRESSED, Trend.UNKNOWN, None)
    assert drawn.unpack(drawn.NO_DATA) == (CellState.NO_DATA, Trend.UNKNOWN, None)


def test_codes_for_a_snapshot_match_pack_cell_by_cell():
    counts = {"a": 20, "b": None, "c": 9, "d": 1500, "e": 14}
    trends = {"a": Trend.UP, "b": Trend.UNKNOWN, "c": Trend.DOWN, "d": Trend.DOWN, "e": Trend.EQUAL}
    shot = snapshot(counts, trends)
    ids = ["a", "b", "c", "d", "e", "absent"]
    codes = drawn.codes_for(shot, ids, EDGES).tolist()
    expected = [drawn.pack(counts.get(i), trends.get(i, Trend.UNKNOWN), 15, EDGES, i in counts) for i in ids]
    assert codes == expected
    assert drawn.codes_for(None, ids, EDGES).tolist() == [drawn.NO_DATA] * 6


def test_planner_diffs_each_poll_against_the_previous_one():
    cells = grid(3, 1)
    planner = drawn.DrawnPlanner(EDGES)
    assert planner.plan(snapshot({"c0_0": 100})) is None  # no cell list yet
    planner.set_cells(cells)
    first = planner.plan(snapshot({"c0_0": 100, "c1_0": 100, "c2_0": 100}))
    assert first.cells is cells and first.base is None and first.changed.tolist() == [0, 1, 2]
    second = planner.plan(snapshot({"c0_0": 100, "c1_0": 2000, "c2_0": 120}, minute=15))
    assert second.base is first.codes and second.changed.tolist() == [1]  # c2_0 stays in its band
    planner.set_edges([100, 1000])
    third = planner.plan(snapshot({"c0_0": 100, "c1_0": 2000, "c2_0": 120}, minute=30))
    assert third.base is None and third.edges == (100, 1000)  # new edges: everything again
    assert numpy.array_equal(
        third.codes,
        drawn.codes_for(
            snapshot({"c0_0": 100, "c1_0": 2000, "c2_0": 120}), ["c0_0", "c1_0", "c2_0"], [100, 1000]
        ),
    )
    planner.set_cells(grid(2, 1))
    assert planner.plan(snapshot({"c0_0": 100}, minute=45)).base is None  # a new cell list starts afresh
