"""The context layers in the real project: above and below the crowd layer, following the
region, back after a new project, gone on unload (the user's background map stays)."""

from __future__ import annotations

from druktemeter.plugin.core.places import Place
from druktemeter.plugin.mapping.region import region_from_safety_region
from druktemeter.plugin.runtime.map_context import MapContext
from qgis.core import QgsProject, QgsVectorLayer


def tree_names() -> list[str]:
    return [node.layer().name() for node in QgsProject.instance().layerTreeRoot().findLayers()]


def test_context_layers_sit_around_the_crowd_layer_and_leave_on_shutdown(qtbot):
    project = QgsProject.instance()
    crowd = QgsVectorLayer("Polygon?crs=EPSG:3857", "crowd", "memory")
    context = MapContext(lambda: crowd)
    try:
        context.set_region(region_from_safety_region("Brabant-Noord"), "Brabant-Noord")
        context.set_places([Place("Oss", 5.532, 51.765)], offline_land=True)
        assert not context.layer_ids  # nothing before the crowd layer is shown
        project.addMapLayer(crowd)
        assert tree_names() == [
            "Place names",
            "Region: Brabant-Noord",
            "crowd",
            "Land (safety regions, offline)",
        ]
        assert "CBS" in context.attribution() and "Kadaster" not in context.attribution()
        with qtbot.waitSignal(context.attributionChanged) as changed:
            context.add_background("grijs")
        assert "CBS" in changed.args[0] and "Kadaster" in changed.args[0]
        assert tree_names()[-2:] == ["PDOK BRT-Achtergrondkaart (grijs)", "Land (safety regions, offline)"]
        assert context.has_background()
        own = QgsVectorLayer("Point?crs=EPSG:4326", "user layer", "memory")
        project.addMapLayer(own)  # a user's layer lands above the crowd, below the context
        assert tree_names()[:3] == ["Place names", "Region: Brabant-Noord", "user layer"]
        context.set_region(region_from_safety_region("Utrecht"), "Utrecht")
        assert "Region: Utrecht" in tree_names() and "Region: Brabant-Noord" not in tree_names()
        context.set_region(None, "")
        assert not [name for name in tree_names() if name.startswith("Region")]
        context.set_places([], offline_land=False)
        assert "Land (safety regions, offline)" not in tree_names() and "Place names" not in tree_names()
    finally:
        context.shutdown()
    assert sorted(tree_names()) == ["PDOK BRT-Achtergrondkaart (grijs)", "crowd", "user layer"]
    project.clear()


def test_context_comes_back_when_the_crowd_layer_returns_to_a_new_project():
    project = QgsProject.instance()
    crowd = QgsVectorLayer("Polygon?crs=EPSG:3857", "crowd", "memory")
    context = MapContext(lambda: crowd)
    try:
        context.set_region(region_from_safety_region("Zeeland"), "Zeeland")
        project.addMapLayer(crowd)
        project.removeAllMapLayers()  # a new project; QGIS deletes the crowd layer too
        crowd = QgsVectorLayer("Polygon?crs=EPSG:3857", "crowd", "memory")
        project.addMapLayer(crowd)
        assert tree_names() == ["Region: Zeeland", "crowd"]
    finally:
        context.shutdown()
        project.clear()
