"""Voronoi coverage split into sectors: tiles the area, sectors face their azimuths."""

from __future__ import annotations

import math

import pytest
from druktemeter.plugin.simulator.coverage import Site, coverage_pieces
from shapely.geometry import Point, box
from shapely.ops import unary_union

AREA = box(0, 0, 10_000, 10_000)


def assert_tiles(pieces, area):
    """No gaps and no overlaps, up to the millimetre snapping of vertices (< 1 m2 per km2)."""
    total = sum(p.geometry.area for p in pieces)
    union = unary_union([p.geometry for p in pieces])
    assert all(p.geometry.is_valid for p in pieces)
    assert union.symmetric_difference(area).area < area.area * 1e-6
    assert abs(total - union.area) < area.area * 1e-6  # no overlaps


def test_three_sector_sites_tile_the_area_and_each_sector_faces_its_azimuth():
    sites = [
        Site(2000, 3000, (10, 130, 250)),
        Site(7000, 2500, (0, 120, 240)),
        Site(5000, 8000, (45, 165, 285)),
    ]
    pieces = coverage_pieces(sites, AREA)
    assert len(pieces) == 9
    assert_tiles(pieces, AREA)
    for piece in pieces:
        site = sites[piece.site_index]
        bearing = math.radians(piece.azimuth)
        ahead = Point(site.x + 100 * math.sin(bearing), site.y + 100 * math.cos(bearing))
        assert piece.geometry.contains(ahead)


def test_sites_without_azimuths_get_their_whole_voronoi_cell():
    pieces = coverage_pieces([Site(2500, 5000), Site(7500, 5000)], AREA)
    assert [p.azimuth for p in pieces] == [None, None]
    left, right = pieces
    assert left.geometry.contains(Point(4900, 9000)) and right.geometry.contains(Point(5100, 100))
    assert left.geometry.area == pytest.approx(AREA.area / 2)


def test_uneven_azimuths_split_halfway_between_neighbours():
    (north, east) = coverage_pieces([Site(5000, 5000, (0, 90))], AREA)
    # borders at 45 and 225 degrees: north-west belongs to "north", south-east to "east"
    assert north.geometry.contains(Point(4000, 5500)) and east.geometry.contains(Point(5500, 4000))
    assert north.geometry.area == pytest.approx(AREA.area / 2)


def test_pieces_are_clipped_to_a_concave_area():
    area = box(0, 0, 10_000, 10_000).difference(box(5000, 5000, 10_000, 10_000))
    pieces = coverage_pieces([Site(1000, 1000, (0, 120, 240)), Site(8000, 2000, (30, 150, 270))], area)
    assert_tiles(pieces, area)


def test_two_sites_at_one_position_must_be_merged_first():
    with pytest.raises(ValueError, match="share a position"):
        coverage_pieces([Site(1000, 1000, (0,)), Site(1000, 1000, (180,)), Site(5000, 5000)], AREA)
