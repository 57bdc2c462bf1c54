"""Coverage polygons from antenna sites: Voronoi cells split into sectors.

Pure shapely (1.8: ``shapely.ops.voronoi_diagram``), in any *projected* (metric
or at least conformal) coordinate system: angles and distances are taken at
face value. Each site's Voronoi cell is the area closer to that site than to
any other; a site with antenna azimuths is split into sectors whose borders lie
halfway (in angle) between neighbouring azimuths, so three antennas at
0/120/240° each get a 120° wedge. Every piece is clipped to the given area, so
the pieces tile it without gaps or overlaps.

Used by the simulator's demo geography and by the Processing algorithm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform, unary_union, voronoi_diagram
from shapely.prepared import prep
from shapely.strtree import STRtree

ARC_STEP_DEGREES = 5.0  # wedge arcs lie far outside the cell; the step only shapes the far edge


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
    cells = site_cells(sites, area)
    inside = prep(area)
    pieces = []
    for index, site in enumerate(sites):
        cell = cells[index]
        if not inside.contains(cell):
            cell = cell.intersection(area)
        for sector_index, (azimuth, piece) in enumerate(split_into_sectors(site, cell)):
            piece = _polygonal(_snap(piece, grid))
            if not piece.is_empty:
                pieces.append(CoveragePiece(index, sector_index, azimuth, piece))
    return pieces


def site_cells(sites: Sequence[Site], area: BaseGeometry) -> list[BaseGeometry]:
    """The (unclipped) Voronoi cell of each site, in the order of ``sites``.

    shapely 1.8 returns Voronoi polygons in no particular order, so each one is
    matched to the site it contains.
    """
    points = [Point(s.x, s.y) for s in sites]
    if len(points) == 1:
        return [area.envelope.buffer(1.0)]
    frame = area.envelope.buffer(max(_extent(area), 1.0))
    diagram = voronoi_diagram(MultiPoint(points), envelope=frame)
    index_of = {(p.x, p.y): i for i, p in enumerate(points)}
    tree = STRtree(points)
    cells: list[BaseGeometry | None] = [None] * len(points)
    for polygon in diagram.geoms:
        for point in tree.query(polygon):
            if polygon.intersects(point):
                cells[index_of[(point.x, point.y)]] = polygon
    missing = [i for i, cell in enumerate(cells) if cell is None]
    if missing:
        raise ValueError(f"sites {missing} share a position with another site: merge them first")
    return cells  # type: ignore[return-value]


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
