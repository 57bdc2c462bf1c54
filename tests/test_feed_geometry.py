"""Coverage polygons: simple rings only, and an area that no ring or part trick can inflate.

Each attack is a polygon that the shoelace sum alone would take for a hectare or more,
while it covers (or is drawn as) a single house.
"""

from __future__ import annotations

import math

import pytest
from druktemeter.plugin.feed.geometry import (
    EdgePairBudget,
    GeometryError,
    _ring_is_simple,
    cell_area_m2,
)
from druktemeter.plugin.feed.parsing import MIN_CELL_AREA_M2
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

LON, LAT = 5.3037, 51.6886  # the Markt in 's-Hertogenbosch
METRE_LAT = 1 / 111_195.0
METRE_LON = METRE_LAT / math.cos(math.radians(LAT))


def square(side_m: float, east_m: float = 0.0, north_m: float = 0.0, clockwise: bool = False) -> list:
    x, y = LON + east_m * METRE_LON, LAT + north_m * METRE_LAT
    dx, dy = side_m * METRE_LON, side_m * METRE_LAT
    ring = [[x, y], [x + dx, y], [x + dx, y + dy], [x, y + dy]]
    if clockwise:
        ring.reverse()
    return [*ring, ring[0]]


def polygon(*rings: list) -> dict:
    return {"type": "Polygon", "coordinates": list(rings)}


def refused(geometry: dict) -> str:
    with pytest.raises(GeometryError) as caught:
        cell_area_m2(geometry)
    return caught.value.problem


def test_a_plain_square_has_its_area():
    assert cell_area_m2(polygon(square(200))) == pytest.approx(40_000, rel=0.01)


def test_a_ring_run_round_a_house_two_hundred_times_is_refused():
    house = square(10)[:-1]
    looped = house * 200 + [house[0]]
    assert refused(polygon(looped)) == "self_intersection"


def test_a_spiral_round_a_house_without_a_repeated_position_is_refused():
    """Each turn a little rotated, so no position repeats; the shoelace sum counts every turn."""
    ring = []
    for turn in range(100):
        for corner in range(4):
            angle = math.radians(90 * corner + turn * 0.5)
            ring.append([LON + 7 * math.cos(angle) * METRE_LON, LAT + 7 * math.sin(angle) * METRE_LAT])
    ring.append(ring[0])
    assert refused(polygon(ring)) == "self_intersection"


def test_a_square_run_twice_round_with_a_house_run_three_times_is_refused():
    """Drawn with even-odd fill this shows the house alone, while its shoelace sum is 2 ha."""
    big = square(100)[:-1]
    house = square(10, 45, 45)[:-1]
    ring = big + big + [big[0]] + house * 3 + [house[0], big[0]]
    assert refused(polygon(ring)) == "self_intersection"


@pytest.mark.parametrize(
    "ring",
    [
        [[0, 0], [4, 4], [4, 0], [0, 2], [0, 0]],  # bow-tie (lobes of unequal size: an area)
        [[0, 0], [4, 0], [4, 4], [2, 4], [2, 6], [2, 4], [0, 4], [0, 0]],  # a spike out and back
        [[0, 0], [4, 0], [4, 4], [2, 0], [0, 4], [0, 0]],  # a corner touching an edge
    ],
)
def test_rings_that_touch_or_cross_themselves_are_refused(ring):
    scaled = [[LON + x * 0.001, LAT + y * 0.001] for x, y in ring]
    assert refused(polygon(scaled)) == "self_intersection"


def test_a_pentagram_turns_one_way_but_crosses_itself():
    points = [
        [
            LON + 0.002 * math.cos(math.radians(90 + 144 * k)),
            LAT + 0.002 * math.sin(math.radians(90 + 144 * k)),
        ]
        for k in range(5)
    ]
    assert refused(polygon([*points, points[0]])) == "self_intersection"


def test_concave_rings_and_repeated_rounding_positions_are_fine():
    l_shape = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]
    scaled = [[LON + x * 0.001, LAT + y * 0.001] for x, y in l_shape]
    scaled.insert(2, list(scaled[1]))  # a position repeated at once, as rounding leaves them
    assert cell_area_m2(polygon(scaled)) > MIN_CELL_AREA_M2


def test_a_house_repeated_as_two_hundred_parts_counts_once():
    house = square(10)
    area = cell_area_m2({"type": "MultiPolygon", "coordinates": [[house]] * 200})
    assert area == pytest.approx(100, rel=0.01)


def test_islands_apart_add_up_and_overlapping_parts_count_as_the_largest():
    west, east = square(80), square(80, east_m=200)
    assert cell_area_m2({"type": "MultiPolygon", "coordinates": [[west], [east]]}) == pytest.approx(
        12_800, rel=0.01
    )
    inside = square(10, 5, 5)
    assert cell_area_m2({"type": "MultiPolygon", "coordinates": [[west], [inside]]}) == pytest.approx(
        6_400, rel=0.01
    )


def test_a_hole_larger_than_its_shell_leaves_nothing():
    assert cell_area_m2(polygon(square(100), square(120, -10, -10, clockwise=True))) == 0.0


def test_a_list_of_combs_runs_out_of_edge_pairs():
    """Every edge beside every other: the sweep's work is bounded per list."""
    teeth = 200
    ring = [[0.0, 0.0]]
    for tooth in range(teeth):
        ring += [[tooth * 2 + 1.0, 100.0], [tooth * 2 + 2.0, 0.5]]
    ring += [[teeth * 2 + 1.0, -1.0], [0.0, -1.0], [0.0, 0.0]]
    comb = [[LON + y * 1e-5, LAT + x * 1e-5] for x, y in ring]  # teeth east-west: all open at once
    assert _ring_is_simple(comb, EdgePairBudget())
    budget = EdgePairBudget(pairs=1_000)
    with pytest.raises(GeometryError) as caught:
        cell_area_m2(polygon(comb), budget)
    assert caught.value.problem == "complex"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=3, max_size=8))
def test_simple_means_what_geos_calls_valid(points):
    """Property, against GEOS on a small integer grid (exact arithmetic, many touching cases):
    a ring with an area is accepted exactly when GEOS finds the polygon valid."""
    ring = [list(p) for p in points] + [list(points[0])]
    shape = Polygon(ring)
    if shape.area == 0:
        return  # refused as enclosing no area before simplicity is asked
    assert _ring_is_simple(ring, EdgePairBudget()) is shape.is_valid, ring
