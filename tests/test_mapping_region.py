"""The region: from a real GeoPackage feature or a drawn polygon, and which cells lie in it."""

from __future__ import annotations

import pytest
from druktemeter.plugin.core.model import Cell
from druktemeter.plugin.mapping.fields import qgs_field
from druktemeter.plugin.mapping.region import (
    RegionError,
    cells_in_region,
    matching_job,
    region_from_layer,
    region_from_settings,
    region_from_wkt,
    zoom_to_cell,
)
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

# Two neighbouring regions, as squares in the Dutch RD New grid (EPSG:28992).
RD_REGIONS = {
    "Brabant-Noord": "POLYGON((150000 400000, 170000 400000, 170000 420000, 150000 420000, 150000 400000))",
    "Gelderland-Zuid": "POLYGON((170000 400000, 190000 400000, 190000 420000, 170000 420000, 170000 400000))",
}
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
RD = QgsCoordinateReferenceSystem("EPSG:28992")
SQUARE = "POLYGON((5 51, 6 51, 6 52, 5 52, 5 51))"


def write_regions_gpkg(path) -> str:
    memory = QgsVectorLayer("Polygon?crs=EPSG:28992", "regions", "memory")
    memory.dataProvider().addAttributes([qgs_field("statnaam", "string")])
    memory.updateFields()
    for name, wkt in RD_REGIONS.items():
        feature = QgsFeature(memory.fields())
        feature.setAttribute("statnaam", name)
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        memory.dataProvider().addFeature(feature)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    context = QgsCoordinateTransformContext()
    error = QgsVectorFileWriter.writeAsVectorFormatV3(memory, str(path), context, options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return str(path)


def rd_to_wgs84(x: float, y: float) -> QgsPointXY:
    transform = QgsCoordinateTransform(RD, WGS84, QgsProject.instance())
    return transform.transform(QgsPointXY(x, y))


def square_cell(cell_id: str, west: float, south: float, size: float = 0.1) -> Cell:
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return Cell(cell_id, {"type": "Polygon", "coordinates": [ring]})


def test_region_from_a_geopackage_feature_is_transformed_to_wgs84(tmp_path):
    source = write_regions_gpkg(tmp_path / "regions.gpkg")
    region = region_from_layer(source, "ogr", "\"statnaam\" = 'Brabant-Noord'")
    assert region.contains(QgsGeometry.fromPointXY(rd_to_wgs84(160000, 410000)))
    assert not region.contains(QgsGeometry.fromPointXY(rd_to_wgs84(180000, 410000)))
    box = region.boundingBox()
    assert 5.3 < box.xMinimum() < box.xMaximum() < 5.7 and 51.5 < box.yMinimum() < box.yMaximum() < 51.8


def test_an_empty_expression_takes_the_whole_layer(tmp_path):
    region = region_from_layer(write_regions_gpkg(tmp_path / "regions.gpkg"), "ogr", "")
    assert region.contains(QgsGeometry.fromPointXY(rd_to_wgs84(180000, 410000)))
    assert region.contains(QgsGeometry.fromPointXY(rd_to_wgs84(160000, 410000)))


@pytest.mark.parametrize(
    ("source", "expression", "message"),
    [
        ("missing.gpkg", "", "The region layer could not be opened"),
        ("regions.gpkg", "\"statnaam\" = 'Twente'", "No feature in the region layer matches"),
        ("regions.gpkg", '"statnaam" = = 1', "The feature expression is not valid"),
    ],
)
def test_missing_layer_or_feature_gives_a_clear_error(tmp_path, source, expression, message):
    write_regions_gpkg(tmp_path / "regions.gpkg")
    with pytest.raises(RegionError, match=message):
        region_from_layer(str(tmp_path / source), "ogr", expression)


def test_memory_and_point_layers_are_refused(tmp_path):
    with pytest.raises(RegionError, match="only in memory"):
        region_from_layer("Polygon?crs=EPSG:4326", "memory", "")
    points = QgsVectorLayer("Point?crs=EPSG:4326", "points", "memory")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    path = str(tmp_path / "points.gpkg")
    QgsVectorFileWriter.writeAsVectorFormatV3(points, path, QgsCoordinateTransformContext(), options)
    with pytest.raises(RegionError, match="no polygons"):
        region_from_layer(path, "ogr", "")


def test_drawn_region_from_wkt_and_a_self_crossing_drawing_is_repaired():
    assert region_from_wkt(SQUARE).area() == pytest.approx(1.0)
    bow_tie = region_from_wkt("POLYGON((5 51, 6 52, 6 51, 5 52, 5 51))")
    assert bow_tie.isGeosValid() and bow_tie.area() == pytest.approx(0.5)
    for bad in ("LINESTRING(5 51, 6 52)", "not wkt"):
        with pytest.raises(RegionError, match="not a valid polygon"):
            region_from_wkt(bad)


def test_region_from_settings_prefers_the_drawn_polygon(tmp_path):
    source = write_regions_gpkg(tmp_path / "regions.gpkg")
    values = {
        "region/wkt": "",
        "region/source": source,
        "region/provider": "ogr",
        "region/feature_expression": "\"statnaam\" = 'Gelderland-Zuid'",
    }
    assert region_from_settings(values).contains(QgsGeometry.fromPointXY(rd_to_wgs84(180000, 410000)))
    assert region_from_settings({**values, "region/wkt": SQUARE}).area() == pytest.approx(1.0)
    assert region_from_settings({**values, "region/source": ""}) is None


CELLS = [
    square_cell("inside", 5.4, 51.4),
    square_cell("overlapping", 5.95, 51.5),
    square_cell("touching", 6.0, 51.5),  # shares only the region's eastern border
    square_cell("corner", 4.95, 51.95),  # overlaps a corner
    square_cell("outside", 7.0, 51.5),
]


def test_cells_inside_or_overlapping_take_part_touching_and_outside_do_not():
    assert cells_in_region(CELLS, region_from_wkt(SQUARE)) == {"inside", "overlapping", "corner"}


def test_multipolygon_cells_match_by_any_part():
    far_part = [[[8, 51], [8.1, 51], [8.1, 51.1], [8, 51]]]
    near_part = [[[5.5, 51.5], [5.6, 51.5], [5.6, 51.6], [5.5, 51.5]]]
    cell = Cell("split", {"type": "MultiPolygon", "coordinates": [far_part, near_part]})
    assert cells_in_region([cell], region_from_wkt(SQUARE)) == {"split"}


def cell_layer(crs: str) -> QgsVectorLayer:
    """A cell layer like the crowd layer (``cell_id`` field), optionally in another CRS."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&field=cell_id:string&index=yes", "cells", "memory")
    transform = QgsCoordinateTransform(WGS84, QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    features = []
    for cell in CELLS:
        feature = QgsFeature(layer.fields())
        feature.setAttribute("cell_id", cell.id)
        geometry = QgsGeometry.fromWkt(
            "POLYGON(({}))".format(",".join(f"{x} {y}" for x, y in cell.geometry["coordinates"][0]))
        )
        geometry.transform(transform)
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:28992"])
def test_cells_of_a_layer_are_matched_in_any_crs(crs):
    found = cells_in_region(cell_layer(crs), region_from_wkt(SQUARE))
    assert {"inside", "overlapping", "corner"} <= found and "outside" not in found
    if crs == "EPSG:4326":
        assert "touching" not in found  # reprojection may nudge a shared border by a hair


def test_zoom_to_cell_shows_the_cell_on_the_canvas(qgis_iface):
    layer = cell_layer("EPSG:4326")
    QgsProject.instance().addMapLayer(layer)
    try:
        canvas = qgis_iface.mapCanvas()
        canvas.setDestinationCrs(WGS84)
        canvas.setExtent(QgsGeometry.fromWkt("POLYGON((0 40, 20 40, 20 60, 0 60, 0 40))").boundingBox())
        fid = next(f.id() for f in layer.getFeatures() if f["cell_id"] == "outside")
        zoom_to_cell(canvas, layer, fid)
        extent = canvas.extent()
        assert extent.contains(layer.getFeature(fid).geometry().boundingBox())
        assert extent.width() < 1.0
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_matching_in_slices_finds_the_same_cells():
    grid = [square_cell(f"{i}-{j}", 4.5 + i / 20, 50.5 + j / 20, 0.05) for i in range(40) for j in range(40)]
    region = region_from_wkt(SQUARE)
    found: set[str] = set()
    slices = sum(1 for _ in matching_job(grid, region, found, step=50))
    assert found == cells_in_region(grid, region) and len(found) == 20 * 20  # the ring around only touches
    assert slices > 5
