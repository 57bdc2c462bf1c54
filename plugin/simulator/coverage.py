"""Coverage polygons from antenna sites: Voronoi cells split into sectors.

Pure shapely (1.8: ``shapely.ops.voronoi_diagram``), in any *projected* (metric
or at least conformal) coordinate system: angles and distances are taken at
face value. Each site's Voronoi cell is the area closer to that site than to
any other; a site with antenna azimuths is split into sectors whose borders lie
halfway (in angle) between neighbouring azimuths, so three antennas at
0/120/240° each get a 120° wedge. Every piece is clipped to the given area, so
the pieces tile it without gaps or overlaps.

Used by the simulator's demo geography and by the Processing algorithm. The
demo builds it in short steps (:func:`coverage_steps`) so QGIS stays responsive
while a trainer starts an exercise.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform, unary_union, voronoi_diagram
from shapely.prepared import prep

ARC_STEP_DEGREES = 5.0  # wedge arcs lie far outside the cell; the step only shapes the far edge
SITES_PER_STEP = 4  # sites split into sectors per step (2-3 ms)
POLYGONS_PER_STEP = 50  # Voronoi polygons matched to their site per step


@dataclass(frozen=True)
class Site:
    """An antenna site: position and the compass azimuths (degrees, 0 = north) of its sectors."""

    x: float
    y: float
    azimuths: tuple[float, ...] = ()


@dataclass(frozen=True)
class CoveragePiece:
    """The coverage of one sector (or of a whole site without azimuths)."""

    site_index: int
    sector_index: int  # position of the azimuth in the site's sorted azimuths; 0 without azimuths
    azimuth: float | None
    geometry: BaseGeometry  # Polygon or MultiPolygon


def coverage_pieces(sites: Sequence[Site], area: BaseGeometry, grid: float = 0.001) -> list[CoveragePiece]:
    """Voronoi cells of ``sites``, split into sectors and clipped to ``area``.

    Sites at the same position must be merged by the caller (one site, several
    azimuths). Pieces whose clipped geometry is empty are left out. Coordinates
    are snapped to ``grid`` (1 mm in metres): a corner that the Voronoi edge and
    the sector cut compute a hair apart becomes one shared vertex, which keeps
    later overlays (unions, overlap checks) robust in GEOS.
    """
    pieces: list[CoveragePiece] = []
    for _ in coverage_steps(sites, area, pieces, grid):
        pass
    return pieces


def coverage_steps(
    sites: Sequence[Site], area: BaseGeometry, pieces: list[CoveragePiece], grid: float = 0.001
) -> Iterator[float]:
    """:func:`coverage_pieces` in steps of a few milliseconds: appends to ``pieces`` and
    yields the share done after each step."""
    cells: list[BaseGeometry] = []
    for fraction in site_cell_steps(sites, area, cells):
        yield 0.3 * fraction
    inside = prep(area)
    for index, site in enumerate(sites):
        cell = cells[index]
        if not inside.contains(cell):
            cell = cell.intersection(area)
        for sector_index, (azimuth, piece) in enumerate(split_into_sectors(site, cell)):
            piece = _polygonal(_snap(piece, grid))
            if not piece.is_empty:
                pieces.append(CoveragePiece(index, sector_index, azimuth, piece))
        if (index + 1) % SITES_PER_STEP == 0:
            yield 0.3 + 0.7 * (index + 1) / len(sites)


def site_cells(sites: Sequence[Site], area: BaseGeometry) -> list[BaseGeometry]:
    """The (unclipped) Voronoi cell of each site, in the order of ``sites``."""
    cells: list[BaseGeometry] = []
    for _ in site_cell_steps(sites, area, cells):
        pass
    return cells


def site_cell_steps(sites: Sequence[Site], area: BaseGeometry, cells: list[BaseGeometry]) -> Iterator[float]:
    """:func:`site_cells` in steps, filling ``cells``; yields the share done.

    ``voronoi_diagram`` returns its polygons in no particular order, so each one
    is matched to the site it contains, looking only at sites in a coarse grid
    of buckets under the polygon (shapely 1.8 and 2 differ in ``STRtree``).
    """
    positions = [(s.x, s.y) for s in sites]
    if len(set(positions)) < len(positions):
        raise ValueError("two sites share a position: merge them into one site with several azimuths first")
    points = [Point(p) for p in positions]
    if len(points) == 1:
        cells.append(area.envelope.buffer(1.0))
        return
    frame = area.envelope.buffer(max(_extent(area), 1.0))
    diagram = list(voronoi_diagram(MultiPoint(points), envelope=frame).geoms)
    yield 0.2
    buckets = _SiteBuckets(sites)
    found: list[BaseGeometry | None] = [None] * len(points)
    for number, polygon in enumerate(diagram, start=1):
        inside = prep(polygon)
        for index in buckets.under(polygon.bounds):
            if inside.intersects(points[index]):
                found[index] = polygon
        if number % POLYGONS_PER_STEP == 0:
            yield 0.2 + 0.8 * number / len(diagram)
    cells.extend(found)  # type: ignore[arg-type]  # every site lies in exactly one Voronoi polygon


class _SiteBuckets:
    """Site indices in square buckets of about one site each, for finding sites under a box."""

    def __init__(self, sites: Sequence[Site]):
        xs, ys = [s.x for s in sites], [s.y for s in sites]
        self.size = max(math.hypot(max(xs) - min(xs), max(ys) - min(ys)) / math.sqrt(len(sites)), 1e-9)
        self.buckets: dict[tuple[int, int], list[int]] = {}
        for index, site in enumerate(sites):
            self.buckets.setdefault(self._key(site.x, site.y), []).append(index)
        keys = list(self.buckets)
        self.low = (min(k[0] for k in keys), min(k[1] for k in keys))
        self.high = (max(k[0] for k in keys), max(k[1] for k in keys))

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.size), math.floor(y / self.size)

    def under(self, bounds: tuple[float, float, float, float]) -> Iterator[int]:
        (kx0, ky0), (kx1, ky1) = self._key(bounds[0], bounds[1]), self._key(bounds[2], bounds[3])
        for kx in range(max(kx0, self.low[0]), min(kx1, self.high[0]) + 1):
            for ky in range(max(ky0, self.low[1]), min(ky1, self.high[1]) + 1):
                yield from self.buckets.get((kx, ky), ())


def split_into_sectors(site: Site, cell: BaseGeometry) -> list[tuple[float | None, BaseGeometry]]:
    """``cell`` cut into one wedge per azimuth, in sorted-azimuth order.

    Neighbouring wedges share the very same border ray (same coordinates), so
    the sectors meet without slivers.
    """
    azimuths = sorted({a % 360.0 for a in site.azimuths})
    if len(azimuths) < 2:
        return [(azimuths[0] if azimuths else None, cell)]
    reach = _extent(cell) * 2.0 + 1.0
    count = len(azimuths)
    # borders[i] is the bearing between sector i-1 and sector i
    borders = [(azimuths[i - 1] - (360.0 if i == 0 else 0.0) + azimuths[i]) / 2.0 for i in range(count)]
    rays = [_ahead(site, bearing, reach) for bearing in borders]
    result = []
    for i, azimuth in enumerate(azimuths):
        start, end = borders[i], borders[(i + 1) % count] + (360.0 if i == count - 1 else 0.0)
        steps = max(1, math.ceil((end - start) / ARC_STEP_DEGREES))
        arc = [_ahead(site, start + (end - start) * k / steps, reach) for k in range(1, steps)]
        wedge = Polygon([(site.x, site.y), rays[i], *arc, rays[(i + 1) % count]])
        result.append((azimuth, cell.intersection(wedge)))
    return result


def _ahead(site: Site, bearing: float, distance: float) -> tuple[float, float]:
    """The point ``distance`` from the site along compass ``bearing`` (degrees)."""
    radians = math.radians(bearing)
    return site.x + distance * math.sin(radians), site.y + distance * math.cos(radians)


def _snap(geometry: BaseGeometry, grid: float) -> BaseGeometry:
    return transform(lambda x, y, z=None: (round(x / grid) * grid, round(y / grid) * grid), geometry)


def _extent(geometry: BaseGeometry) -> float:
    minx, miny, maxx, maxy = geometry.bounds
    return math.hypot(maxx - minx, maxy - miny)


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Drop slivers of lower dimension (lines, points) that an intersection may leave."""
    if geometry.geom_type in ("Polygon", "MultiPolygon") or geometry.is_empty:
        return geometry
    polygons = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(polygons)
