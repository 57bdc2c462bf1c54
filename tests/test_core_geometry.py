"""Packed polygons: WKB bytes that read like the GeoJSON geometry they came from."""

from __future__ import annotations

import gc
import json
from collections.abc import Mapping

import shapely.geometry
import shapely.wkb
from druktemeter.plugin.core.geometry import PackedPolygons

SQUARE = [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]]
HOLED = [
    [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
    [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0], [1.0, 1.0]],
]


def test_a_polygon_round_trips_as_geojson_and_as_wkb():
    geojson = {"type": "Polygon", "coordinates": SQUARE}
    packed = PackedPolygons.from_geojson(geojson)
    assert isinstance(packed, Mapping) and isinstance(packed, bytes)
    assert not [o for o in gc.get_referents(packed) if not isinstance(o, type)]  # no nested objects
    assert packed["type"] == "Polygon" and packed["coordinates"] == SQUARE
    assert packed == geojson and dict(packed) == geojson and packed.get("bbox") is None
    assert shapely.geometry.shape(packed).equals(shapely.geometry.shape(geojson))
    multi = shapely.wkb.loads(packed.multipolygon_wkb())
    assert multi.geom_type == "MultiPolygon" and abs(multi.area - 0.01) < 1e-12


def test_a_multipolygon_with_a_hole_round_trips():
    geojson = {"type": "MultiPolygon", "coordinates": [SQUARE, HOLED]}
    packed = PackedPolygons.from_geojson(geojson)
    assert packed.geometry_type == "MultiPolygon" and packed["coordinates"] == [SQUARE, HOLED]
    assert shapely.wkb.loads(packed.multipolygon_wkb()).area == shapely.geometry.shape(geojson).area
    assert json.loads(json.dumps(dict(packed))) == geojson


def test_only_x_and_y_are_kept_and_equal_geometries_compare_equal():
    with_z = {"type": "Polygon", "coordinates": [[[*p, 3.0] for p in SQUARE[0]]]}
    assert PackedPolygons.from_geojson(with_z) == PackedPolygons.from_geojson(
        {"type": "Polygon", "coordinates": SQUARE}
    )
    assert PackedPolygons.from_geojson(with_z) != {"type": "Polygon", "coordinates": HOLED}


def test_a_cell_list_held_column_wise_gives_the_collector_nothing_and_reads_as_cells():
    from druktemeter.plugin.core.geometry import PackedCells
    from druktemeter.plugin.core.model import Cell

    cells = [
        Cell("a", {"type": "Polygon", "coordinates": SQUARE}, {"site": "s1", "area_km2": 0.5}),
        Cell("b", {"type": "MultiPolygon", "coordinates": [SQUARE, HOLED]}, {}),
    ]
    packed = PackedCells.of(cells)
    gc.collect()
    assert not gc.is_tracked(packed.ids) and not gc.is_tracked(
        packed._wkb
    )  # strings and bytes: nothing to walk
    assert not any(gc.is_tracked(properties) for properties in packed._properties)  # flat dictionaries
    assert len(packed) == 2 and packed.ids == ("a", "b") and packed == tuple(cells)
    assert packed[1] == cells[1] and packed[-1].id == "b" and packed[0:1] == cells[:1]
    assert [cell.geometry for cell in packed] == [cell.geometry for cell in cells]
    assert PackedCells.from_rows([]) == ()
