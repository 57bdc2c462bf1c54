"""The context layers: region outline with dimming and label, place labels by scale, offline
land, and the PDOK background map (created, never fetched: there is no network in tests)."""

from __future__ import annotations

import pytest
from druktemeter.plugin.core.places import Place
from druktemeter.plugin.mapping import context_layers
from druktemeter.plugin.mapping.context_layers import (
    background_layer,
    context_kind,
    land_layer,
    places_layer,
    region_layer,
)
from druktemeter.plugin.mapping.region import region_from_safety_region
from mapping_helpers import BACKGROUND
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsInvertedPolygonRenderer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize


def render(layers, extent: QgsRectangle, crs: str = "EPSG:4326"):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    settings.setExtent(extent)
    settings.setOutputSize(QSize(300, 300))
    settings.setBackgroundColor(BACKGROUND)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def test_region_layer_outlines_the_region_dims_outside_and_is_labelled():
    region = region_from_safety_region("Brabant-Noord")
    layer = region_layer(region, "Brabant-Noord")
    assert layer.isValid() and context_kind(layer) == "region"
    assert isinstance(layer.renderer(), QgsInvertedPolygonRenderer)
    assert layer.labelsEnabled() and layer.labeling().settings().fieldName == "name"
    assert any("CBS" in right for right in layer.metadata().rights())
    box = region.boundingBox()
    image = render(
        [layer],
        QgsRectangle(box.xMinimum() - 0.3, box.yMinimum() - 0.3, box.xMaximum() + 0.3, box.yMaximum() + 0.3),
    )
    inside, outside = image.pixelColor(150, 150), image.pixelColor(2, 2)
    assert inside.name() == BACKGROUND.name()  # inside: untouched
    assert outside.lightness() < BACKGROUND.lightness() - 10  # outside: dimmed


def test_place_labels_depend_on_scale_and_kind():
    places = [Place("Oss", 5.532, 51.765, population=64000), Place("Geffen", 5.465, 51.741),
              Place("Markt", 5.3037, 51.6886, town="'s-Hertogenbosch")]  # fmt: skip
    layer = places_layer(places)
    assert layer.featureCount() == 3 and layer.labelsEnabled() and context_kind(layer) == "places"
    rules = {rule.filterExpression(): rule.minimumScale() for rule in layer.labeling().rootRule().children()}
    assert sorted(rules.values()) == [
        context_layers.SPOT_SCALE,
        context_layers.TOWN_SCALE,
        context_layers.BIG_TOWN_SCALE,
    ]
    assert rules["\"town\" <> ''"] == context_layers.SPOT_SCALE  # spots only in the street view


def test_land_layer_is_the_25_regions_offline():
    layer = land_layer()
    assert layer.isValid() and layer.featureCount() == 25 and context_kind(layer) == "land"
    assert sorted(f["name"] for f in layer.getFeatures())[:2] == ["Amsterdam-Amstelland", "Brabant-Noord"]


@pytest.mark.parametrize("project_crs", ["EPSG:3857", "EPSG:28992", "EPSG:4326"])
def test_background_map_is_pdok_grey_xyz_and_transforms_to_every_project_crs(project_crs):
    layer = background_layer()
    assert layer.isValid(), layer.error().summary()
    assert context_kind(layer) == "background"
    source = layer.source()
    assert "type=xyz" in source and "achtergrondkaart" in source and "grijs" in source
    assert layer.crs().authid() == "EPSG:3857"
    assert any("Kadaster" in right for right in layer.metadata().rights())
    to_project = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem(project_crs), QgsProject.instance()
    )
    den_bosch = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance()
    ).transform(QgsPointXY(5.3037, 51.6886))
    back = to_project.transform(den_bosch)
    assert to_project.isValid() and back.x() == back.x()  # a finite point, no datum prompt needed
    assert "pastel" in background_layer("pastel").source()
    assert "grijs" in background_layer("no-such-style").source()
