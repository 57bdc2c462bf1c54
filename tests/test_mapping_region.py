"""The region: from a real GeoPackage feature or a drawn polygon, and which cells lie in it."""

from __future__ import annotations

import math

import pytest
from druktemeter.plugin.core.model import Cell
from druktemeter.plugin.mapping.fields import qgs_field
from druktemeter.plugin.mapping.region import (
    ALERT_SCALE,
    SAFETY_REGIONS_PATH,
    CellMarks,
    RegionError,
    cells_in_region,
    ground_scale,
    matching_job,
    region_from_layer,
    region_from_safety_region,
    region_from_settings,
    region_from_wkt,
    region_name,
    safety_region_in_use,
    safety_region_names,
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
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas

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
        "region/safety_region": "Zeeland",  # a layer wins over a safety region
        "demo/enabled": False,
    }
    assert region_from_settings(values).contains(QgsGeometry.fromPointXY(rd_to_wgs84(180000, 410000)))
    assert region_from_settings({**values, "region/wkt": SQUARE}).area() == pytest.approx(1.0)
    assert region_from_settings({**values, "region/source": "", "region/safety_region": ""}) is None


def test_the_25_bundled_safety_regions_are_valid_polygons_zeeland_repaired_on_load():
    names = safety_region_names()
    assert len(names) == 25 and "Brabant-Noord" in names and "Fryslân" in names
    published = QgsVectorLayer(str(SAFETY_REGIONS_PATH), "regions", "ogr")
    zeeland = next(f for f in published.getFeatures() if f["statnaam"] == "Zeeland")
    assert not zeeland.geometry().isGeosValid()  # as CBS publishes it
    for name in names:
        region = region_from_safety_region(name)
        assert region.isGeosValid() and region.type() == QgsWkbTypes.GeometryType.PolygonGeometry, name
    repaired = region_from_safety_region("Zeeland")
    assert repaired.area() == pytest.approx(zeeland.geometry().area(), rel=0.02)
    # Middelburg and Terneuzen lie in Zeeland, 's-Hertogenbosch in Brabant-Noord.
    for lon, lat in ((3.61, 51.50), (3.83, 51.33)):
        assert repaired.contains(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
    assert region_from_safety_region("Brabant-Noord").contains(
        QgsGeometry.fromPointXY(QgsPointXY(5.3037, 51.6886))
    )
    with pytest.raises(RegionError, match="not one of the 25"):
        region_from_safety_region("Atlantis")


def test_a_safety_region_by_name_and_brabant_noord_by_default_in_demo_mode():
    values = {
        "region/wkt": "",
        "region/source": "",
        "region/provider": "ogr",
        "region/feature_expression": "",
        "region/safety_region": "",
        "region/name": "",
        "demo/enabled": False,
    }
    assert region_from_settings(values) is None and region_name(values) == ""
    demo = {**values, "demo/enabled": True}
    assert safety_region_in_use(demo) == "Brabant-Noord" and region_name(demo) == "Brabant-Noord"
    assert region_from_settings(demo).equals(region_from_safety_region("Brabant-Noord"))
    utrecht = {**demo, "region/safety_region": "Utrecht"}
    assert region_from_settings(utrecht).contains(QgsGeometry.fromPointXY(QgsPointXY(5.12, 52.09)))
    assert region_name({**utrecht, "region/name": "VRU"}) == "VRU"
    assert safety_region_in_use({**demo, "region/wkt": SQUARE}) == ""  # a drawn region wins


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


@pytest.fixture
def canvas(qtbot):
    """A map canvas of a known size: what "in view" means depends on its shape."""
    widget = QgsMapCanvas()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.mapSettings().outputSize().width() > 700)  # less its frame
    return widget


def test_zoom_to_cell_shows_the_cell_on_the_canvas(canvas):
    layer = cell_layer("EPSG:4326")
    QgsProject.instance().addMapLayer(layer)
    try:
        canvas.setDestinationCrs(WGS84)
        canvas.setExtent(QgsGeometry.fromWkt("POLYGON((0 40, 20 40, 20 60, 0 60, 0 40))").boundingBox())
        fid = next(f.id() for f in layer.getFeatures() if f["cell_id"] == "outside")
        zoom_to_cell(canvas, layer, fid)
        extent = canvas.extent()
        assert extent.contains(layer.getFeature(fid).geometry().boundingBox())
        assert extent.width() < 1.0
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def small_cells_layer() -> QgsVectorLayer:
    """A 5 x 5 grid of 200 m cells in RD New, ids "c<col>_<row>"."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:28992&field=cell_id:string", "cells", "memory")
    features = []
    for col in range(5):
        for row in range(5):
            x, y = 150000 + col * 200, 410000 + row * 200
            feature = QgsFeature(layer.fields())
            feature.setAttribute("cell_id", f"c{col}_{row}")
            feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, y, x + 200, y + 200)))
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize("canvas_crs", ["EPSG:3857", "EPSG:28992", "EPSG:4326"])
def test_zoom_to_a_small_cell_keeps_context_never_closer_than_1_15000(canvas, canvas_crs):
    layer = small_cells_layer()
    QgsProject.instance().addMapLayer(layer)
    try:
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem(canvas_crs))
        fid = next(f.id() for f in layer.getFeatures() if f["cell_id"] == "c2_2")
        zoom_to_cell(canvas, layer, fid)
        ground = ground_scale(canvas.mapSettings())
        assert ground >= ALERT_SCALE * 0.99 and canvas.scale() >= ALERT_SCALE * 0.99
        assert min(ground, canvas.scale()) == pytest.approx(ALERT_SCALE, rel=0.02)  # a small cell: the floor
        if canvas_crs == "EPSG:3857":  # Mercator shows a larger denominator than the ground has
            assert canvas.scale() == pytest.approx(ground / math.cos(math.radians(51.69)), rel=0.03)
        to_canvas = QgsCoordinateTransform(
            layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        extent = canvas.extent()
        for neighbour in layer.getFeatures():  # the whole 1 km grid around the cell is in view
            assert extent.contains(to_canvas.transformBoundingBox(neighbour.geometry().boundingBox()))
        centre = to_canvas.transform(layer.getFeature(fid).geometry().centroid().asPoint())
        assert abs(extent.center().x() - centre.x()) < extent.width() * 0.01
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_a_marked_cell_is_outlined_until_unmarked(canvas):
    layer = small_cells_layer()
    marks = CellMarks(canvas)
    items_before = len(canvas.scene().items())
    fid = next(f.id() for f in layer.getFeatures() if f["cell_id"] == "c1_1")
    marks.mark("c1_1", layer, fid)
    marks.mark("c1_1", layer, fid)  # marking again keeps one outline
    assert marks.marked() == {"c1_1"} and len(canvas.scene().items()) == items_before + 1
    outline = marks.bands["c1_1"].asGeometry()
    to_canvas = QgsCoordinateTransform(
        layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    expected = to_canvas.transformBoundingBox(layer.getFeature(fid).geometry().boundingBox())
    assert outline.boundingBox().toString(0) == expected.toString(0)
    marks.unmark("c1_1")
    assert marks.marked() == frozenset() and len(canvas.scene().items()) == items_before


def test_matching_in_slices_finds_the_same_cells():
    grid = [square_cell(f"{i}-{j}", 4.5 + i / 20, 50.5 + j / 20, 0.05) for i in range(40) for j in range(40)]
    region = region_from_wkt(SQUARE)
    found: set[str] = set()
    slices = sum(1 for _ in matching_job(grid, region, found, step=50))
    assert found == cells_in_region(grid, region) and len(found) == 20 * 20  # the ring around only touches
    assert slices > 5
