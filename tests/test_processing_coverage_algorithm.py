"""The Processing algorithm: sector coverage from a real point layer, clipped, in the layer's CRS."""

from __future__ import annotations

import pytest
from druktemeter.plugin.processing.coverage_algorithm import CoverageFromSitesAlgorithm
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer
from shapely import wkb
from shapely.ops import unary_union

# A few masts in RD New ('s-Hertogenbosch area); two of them carry three antennas each.
MASTS = [
    (149000, 411000, (0, 120, 240)),
    (151500, 412500, (30, 150, 270)),
    (150500, 409000, ()),
    (147500, 413000, ()),
]
CLIP_WKT = (
    "POLYGON((145000 407000, 154000 407000, 154000 415000, 149000 416000, 145000 415000, 145000 407000))"
)


def sites_layer(crs="EPSG:28992", masts=MASTS):
    layer = QgsVectorLayer(f"Point?crs={crs}&field=azimuth:double", "sites", "memory")
    features = []
    for x, y, azimuths in masts:
        for azimuth in azimuths or (None,):
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feature.setAttributes([azimuth])
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def clip_layer():
    layer = QgsVectorLayer("Polygon?crs=EPSG:28992", "clip", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(CLIP_WKT))
    layer.dataProvider().addFeatures([feature])
    return layer


@pytest.fixture
def run(tmp_path):
    import processing

    def run_algorithm(**parameters):
        target = str(tmp_path / "coverage.gpkg")
        processing.run(CoverageFromSitesAlgorithm(), {"OUTPUT": target, **parameters})
        layer = QgsVectorLayer(target, "coverage", "ogr")
        assert layer.isValid()
        return layer

    return run_algorithm


def shapes(layer):
    return [wkb.loads(bytes(f.geometry().asWkb())) for f in layer.getFeatures()]


def test_sector_cells_tile_the_clip_polygons(run):
    output = run(INPUT=sites_layer(), AZIMUTH_FIELD="azimuth", CLIP=clip_layer())
    rows = sorted([f["site"], f["sector"], f["azimuth"], f["area_km2"]] for f in output.getFeatures())
    assert len(rows) == 3 + 3 + 1 + 1
    assert [r[:2] for r in rows[:3]] == [[1, 1], [1, 2], [1, 3]]
    assert [r[2] for r in rows[:3]] == [0.0, 120.0, 240.0]
    assert rows[6][2] is None or str(rows[6][2]) == "NULL"
    polygons = shapes(output)
    clip = wkb.loads(bytes(QgsGeometry.fromWkt(CLIP_WKT).asWkb()))
    assert all(p.is_valid for p in polygons)
    assert unary_union(polygons).symmetric_difference(clip).area < clip.area * 1e-6
    assert sum(p.area for p in polygons) == pytest.approx(clip.area, rel=1e-6)
    assert sum(r[3] for r in rows) == pytest.approx(clip.area / 1e6, rel=1e-3)
    assert output.crs().authid() == "EPSG:28992"


def test_geographic_sites_are_worked_in_metres_and_returned_in_degrees(run):
    masts = [(5.30, 51.69, (0, 120, 240)), (5.33, 51.70, (60, 180, 300)), (5.31, 51.72, ())]
    output = run(INPUT=sites_layer("EPSG:4326", masts), AZIMUTH_FIELD="azimuth")
    assert output.featureCount() == 7
    assert output.crs().authid() == "EPSG:4326"
    north_sector = next(f for f in output.getFeatures() if f["site"] == 1 and f["sector"] == 1)
    assert north_sector.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(5.30, 51.695)))
    assert all(5.0 < f.geometry().centroid().asPoint().x() < 5.6 for f in output.getFeatures())


def test_an_extent_clips_when_no_polygons_are_given(run):
    output = run(INPUT=sites_layer(), EXTENT="146000,153000,408000,414000 [EPSG:28992]")
    assert output.featureCount() == 4  # no azimuth field: one polygon per mast
    assert sum(p.area for p in shapes(output)) == pytest.approx(7000 * 6000, rel=1e-6)


def test_an_empty_layer_is_explained(run):
    with pytest.raises(QgsProcessingException, match="no antenna sites"):
        run(INPUT=sites_layer(masts=[]))
