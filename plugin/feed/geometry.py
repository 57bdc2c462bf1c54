"""Coverage polygons as the contract accepts them: checked positions, simple rings, and
an area that cannot be inflated (``docs/api.md``, "Cells are areas, not houses").

Pure Python on plain GeoJSON lists (the feed package imports no geometry library),
written for national lists: a ring is checked in one loop, a convex ring (Voronoi
cells and their sector wedges are) is known to be simple in one more, and only a
concave ring goes through the sweep for crossing edges.

Why simple rings matter for privacy: the shoelace area counts a region once per
turn a ring makes around it. A ring that runs around a house two hundred times
"covers" two hectares by that count, and a ring that runs twice around a square and
three times around the house in it is drawn (even-odd fill) as the house alone. A
ring that touches or crosses itself is therefore refused, and MultiPolygon parts
whose extents overlap count only once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

EARTH_RADIUS_M = 6_371_008.8
_SQUARE_METRES_PER_SQUARE_DEGREE = (math.pi / 180 * EARTH_RADIUS_M) ** 2
_NUMBER_TYPES = frozenset({int, float})  # not bool
MAX_EDGE_PAIRS = 20_000_000  # edge pairs the crossing sweep may compare per cell list


class GeometryError(Exception):
    """A polygon the contract does not accept; ``problem`` says why (a key of errors._GEOMETRY_PROBLEMS)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class EdgePairBudget:
    """Edge pairs the crossing sweep may still compare for the rest of a cell list: a list of
    combs (every edge beside every other) would otherwise keep the worker busy for hours."""

    def __init__(self, pairs: int = MAX_EDGE_PAIRS) -> None:
        self.left = pairs

    def spend(self, pairs: int) -> None:
        self.left -= pairs
        if self.left < 0:
            raise GeometryError("complex")


def cell_area_m2(geometry: Mapping[str, Any], budget: EdgePairBudget | None = None) -> float:
    """The area a cell's Polygon or MultiPolygon covers at least, in m², as the minimum-area
    rule measures it; raises :class:`GeometryError` for a polygon the contract refuses.

    Parts whose bounding boxes overlap another part's count only as the largest of
    them (a house repeated two hundred times is still one house); parts apart from
    all others add up.
    """
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    budget = budget or EdgePairBudget()
    parts = [(_polygon_area_m2(rings, budget), _extent(rings[0])) for rings in polygons]
    if len(parts) == 1:
        return parts[0][0]
    apart = _apart([extent for _, extent in parts])
    together = [area for (area, _), alone in zip(parts, apart) if not alone]
    return sum(area for (area, _), alone in zip(parts, apart) if alone) + max(together, default=0.0)


def _polygon_area_m2(rings: list, budget: EdgePairBudget) -> float:
    """Outer ring minus holes; every ring simple. Holes lying outside the ring or over each
    other only make the figure smaller: it stays a lower bound."""
    areas = [_ring_area_m2(ring) for ring in rings]
    for ring in rings:
        if not _ring_is_simple(ring, budget):
            raise GeometryError("self_intersection")
    shell, *holes = areas
    return max(0.0, shell - sum(holes))


def _ring_area_m2(ring: list) -> float:
    """Shoelace area on an equirectangular projection at the ring's first latitude, checking
    every position on the way: 2 or 3 numbers, in range, the ring closed.

    One plain loop: national rings are short (~7 positions), so per-call overhead,
    not per-position work, decides. JSON cannot carry NaN here (refused when read);
    an overflowing number becomes infinity, which the range check refuses.
    """
    if len(ring) < 4:
        raise GeometryError("rings")
    numbers = _NUMBER_TYPES
    x0 = y0 = None
    dx = dy = twice = 0.0
    for position in ring:
        if type(position) is not list:
            raise GeometryError("position")
        size = len(position)
        if size == 2:
            x, y = position
        elif size == 3 and type(position[2]) in numbers and math.isfinite(position[2]):
            x, y, _ = position
        else:
            raise GeometryError("position")
        if type(x) not in numbers or type(y) not in numbers:
            raise GeometryError("position")
        if not (-180.0 <= x <= 180.0 and -90.0 <= y <= 90.0):
            raise GeometryError("range")
        if x0 is None:
            x0, y0 = x, y
        else:
            twice += dx * (y - y0) - (x - x0) * dy
        dx, dy = x - x0, y - y0
    if dx != 0 or dy != 0:
        raise GeometryError("closed")
    if twice == 0.0:
        raise GeometryError("degenerate")
    return abs(twice) / 2 * math.cos(math.radians(y0)) * _SQUARE_METRES_PER_SQUARE_DEGREE


def _ring_is_simple(ring: list, budget: EdgePairBudget) -> bool:
    """No position twice (but the closing one; a position repeated at once, as rounding
    leaves them, counts once), no edge doubling back on the one before, and no two
    edges that meet other than neighbours at their shared position."""
    if _is_convex(ring):
        return True
    positions = [(position[0], position[1]) for position in ring]
    points = [b for a, b in zip(positions, positions[1:]) if a != b]  # ends with the closing position
    if len(set(points)) != len(points) or len(points) < 3:
        return False
    edges = [(bx - ax, by - ay) for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1])]
    for (ax, ay), (bx, by) in zip(edges, edges[1:] + edges[:1]):
        if ax * by - ay * bx == 0 and ax * bx + ay * by < 0:
            return False  # a spike: the ring runs back over itself
    return not _edges_cross(points, budget)


def _is_convex(ring: list) -> bool:
    """All turns one way, none back, and the direction going round exactly once (its east
    and north parts each change sign twice): a convex, hence simple, ring. A pentagram
    turns one way too, but twice round. One loop without lists: most cells are convex."""
    px, py = ring[0][0], ring[0][1]
    pex = pey = fex = fey = None
    turning = x_changes = y_changes = first_sx = first_sy = last_sx = last_sy = 0
    for position in ring[1:]:
        x, y = position[0], position[1]
        ex, ey = x - px, y - py
        if ex == 0 and ey == 0:
            continue  # a position repeated at once
        if pex is None:
            fex, fey = ex, ey
        else:
            turn = pex * ey - pey * ex
            if turn == 0 and pex * ex + pey * ey < 0:
                return False
            if turn:
                if turning * turn < 0:
                    return False
                turning = turn
        if ex:
            if last_sx * ex < 0:
                x_changes += 1
            first_sx, last_sx = first_sx or ex, ex
        if ey:
            if last_sy * ey < 0:
                y_changes += 1
            first_sy, last_sy = first_sy or ey, ey
        px, py, pex, pey = x, y, ex, ey
    if pex is None:
        return False
    turn = pex * fey - pey * fex  # from the last edge round to the first
    if (turn == 0 and pex * fex + pey * fey < 0) or turning * turn < 0 or not turning:
        return False
    x_changes += last_sx * first_sx < 0
    y_changes += last_sy * first_sy < 0
    return x_changes == 2 and y_changes == 2


def _edges_cross(points: list[tuple[float, float]], budget: EdgePairBudget) -> bool:
    """Whether two non-neighbouring edges meet: a sweep over the edges sorted by their
    west end, each compared with the edges still open at its west end."""
    count = len(points)
    edges = sorted(
        (min(ax, bx), max(ax, bx), min(ay, by), max(ay, by), index)
        for index, ((ax, ay), (bx, by)) in enumerate(zip(points, points[1:] + points[:1]))
    )
    open_edges: list[tuple] = []
    for edge in edges:
        west, _, south, north, index = edge
        open_edges = [other for other in open_edges if other[1] >= west]
        budget.spend(len(open_edges))
        for _, _, other_south, other_north, other in open_edges:
            if other_north < south or other_south > north or (index - other) % count in (1, count - 1):
                continue
            if _segments_meet(points, index, other):
                return True
        open_edges.append(edge)
    return False


def _segments_meet(points: list[tuple[float, float]], first: int, second: int) -> bool:
    count = len(points)
    p, q = points[first], points[(first + 1) % count]
    r, s = points[second], points[(second + 1) % count]
    d1, d2, d3, d4 = _side(r, s, p), _side(r, s, q), _side(p, q, r), _side(p, q, s)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (
        (d1 == 0 and _within(r, s, p))
        or (d2 == 0 and _within(r, s, q))
        or (d3 == 0 and _within(p, q, r))
        or (d4 == 0 and _within(p, q, s))
    )


def _side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _within(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    """``c``, on the line through ``a`` and ``b``, lies on the segment between them."""
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])


def _extent(ring: list) -> tuple[float, float, float, float]:
    xs = [position[0] for position in ring]
    ys = [position[1] for position in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _apart(extents: list[tuple[float, float, float, float]]) -> list[bool]:
    """Per part: whether its bounding box is clear of every other part's, east-west or
    north-south (sorted sweeps, so thousands of islands cost no pairwise loop)."""
    return [x or y for x, y in zip(_apart_along(extents, 0), _apart_along(extents, 1))]


def _apart_along(extents: list[tuple[float, float, float, float]], axis: int) -> list[bool]:
    """Intervals along one axis, swept west to east (or south to north) into groups that
    touch; a part is apart when its group is itself alone."""
    order = sorted(range(len(extents)), key=lambda i: extents[i][axis])
    group_of, sizes = [0] * len(extents), []
    reach = -math.inf  # the furthest end of the group being swept
    for i in order:
        low, high = extents[i][axis], extents[i][axis + 2]
        if low > reach:
            sizes.append(0)
        group_of[i] = len(sizes) - 1
        sizes[-1] += 1
        reach = max(reach, high)
    return [sizes[group] == 1 for group in group_of]
