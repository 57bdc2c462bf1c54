"""The national overview, rendered offscreen: merged groups, scale ranges, following the crowd layer."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy
import pytest
from druktemeter.plugin.core.model import Cell, CellSet, Trend
from druktemeter.plugin.mapping import overview as overview_module
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.mapping.drawn import NO_DATA, SUPPRESSED, DrawnPlanner
from druktemeter.plugin.mapping.overview import (
    OVERVIEW_PROPERTY,
    OVERVIEW_SCALE,
    NationalOverview,
    OverviewPlanner,
    group_keys,
)
from mapping_helpers import ORIGIN, distance, grid, map_settings, snapshot
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapLayer,
    QgsMapRendererParallelJob,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVertexId,
)
from qgis.PyQt.QtGui import QColor

EDGES = [15, 50, 150, 500, 1500]
MAP_CRS = QgsCoordinateReferenceSystem("EPSG:3857")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
NATIONAL = QgsRectangle(3.3, 50.7, 7.3, 53.6)
BIG = 0.2  # degrees: cells of ~14 km, several pixels wide on a national map of 400 pixels
# One cell per band and state: counts 0 (no data: absent), None (suppressed), then one per band.
COUNTS = {"c0_0": 20, "c1_0": 60, "c2_0": 200, "c3_0": 700, "c0_1": 2000, "c1_1": None, "c3_1": 30}
GROUPS = {
    "c0_0": 1,
    "c1_0": 2,
    "c2_0": 3,
    "c3_0": 4,
    "c0_1": 5,
    "c1_1": SUPPRESSED,
    "c2_1": NO_DATA,
    "c3_1": 1,
}


def planner_for(cells: CellSet) -> DrawnPlanner:
    planner = DrawnPlanner(EDGES, overview=OverviewPlanner(MAP_CRS, QgsProject.instance().transformContext()))
    planner.set_cells(cells)
    return planner


class Shown:
    """A crowd layer in the map's CRS with its overview, both fed as the monitor feeds them."""

    def __init__(self, cells: CellSet, counts: dict, trends: dict | None = None) -> None:
        self.cells = cells
        self.planner = planner_for(cells)
        self.crowd = CrowdLayer(EDGES, crs=MAP_CRS.authid())
        self.crowd.set_cells(cells)
        self.overview = NationalOverview()
        self.overview.follow(self.crowd)
        self.show(counts, trends)

    def show(self, counts: dict, trends: dict | None = None, minute: int = 0):
        shot = snapshot(counts, trends, minute=minute)
        plan = self.planner.plan(shot)
        self.crowd.apply_counts(shot, "Testnet", plan)
        self.crowd.finish_now()
        if plan.overview is not None:
            self.overview.apply(plan.overview)
        self.overview.sync_style()
        return plan

    def groups(self) -> dict[int, tuple[int, int]]:
        """Per group (by drawn value): its cells and its polygons."""
        result = {}
        for feature in self.overview.layer.getFeatures():
            geometry = feature.geometry()
            parts = 0 if geometry.isNull() else geometry.constGet().numGeometries()
            result[feature["drawn"]] = (feature["cells"], parts)
        return result

    def close(self) -> None:
        self.overview.shutdown()
        self.crowd.close()


@pytest.fixture
def shown(qgis_new_project):
    instance = Shown(grid(4, 2, BIG), COUNTS)
    yield instance
    instance.close()


def render_both(layers, extent_wgs84: QgsRectangle, width: int = 400, height: int = 400):
    settings = map_settings(layers[0], QgsRectangle(), width, height)
    settings.setLayers(layers)
    settings.setDestinationCrs(MAP_CRS)
    settings.setExtent(
        QgsCoordinateTransform(WGS84, MAP_CRS, QgsProject.instance()).transformBoundingBox(extent_wgs84)
    )
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), settings


def center(cells: CellSet, cell_id: str) -> QgsPointXY:
    ring = next(c for c in cells.cells if c.id == cell_id).geometry["coordinates"][0]
    lonlat = QgsPointXY((ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2)
    return QgsCoordinateTransform(WGS84, MAP_CRS, QgsProject.instance()).transform(lonlat)


def test_one_feature_per_group_in_drawing_order_made_of_its_cells(shown):
    groups = shown.groups()
    drawn = [feature["drawn"] for feature in shown.overview.layer.getFeatures()]  # feature id order
    assert drawn == [NO_DATA, SUPPRESSED, 3, 7, 11, 15, 19, 23]  # quiet under busy; trend "unknown"
    assert groups[NO_DATA] == (1, 1) and groups[SUPPRESSED] == (1, 1)  # kept: never dropped or merged
    assert groups[1 * 4 + 3] == (2, 2)  # two cells in band 1, two polygons, no union
    for band in (2, 3, 4, 5):
        assert groups[band * 4 + 3] == (1, 1)
    assert groups[3] == (0, 0)  # band 0 (below the floor's edge) is empty
    bands = {f["drawn"]: f["shown"] for f in shown.overview.layer.getFeatures()}
    assert bands[7] == "15 – 49" and bands[NO_DATA] == "no data"


def test_the_merged_polygons_are_the_cells_own(shown):
    feature = next(f for f in shown.overview.layer.getFeatures() if f["drawn"] == 7)
    union = feature.geometry()
    for cell_id in ("c0_0", "c3_1"):
        cell = shown.crowd.feature_for(cell_id).geometry()
        assert union.contains(cell.centroid()) and abs(union.area() - 2 * cell.area()) / union.area() < 0.01


def test_national_render_of_both_layers_shows_the_cells_band_colours(shown):
    assert (
        shown.crowd.layer.minimumScale() == OVERVIEW_SCALE
        and shown.overview.layer.maximumScale() == OVERVIEW_SCALE
    )
    picture, settings = render_both([shown.crowd.layer, shown.overview.layer], NATIONAL)
    assert settings.scale() > OVERVIEW_SCALE
    detailed = CrowdLayer(EDGES, crs=MAP_CRS.authid())  # the cells alone, at every scale
    detailed.set_cells(shown.cells)
    detailed.apply_counts(snapshot(COUNTS), "Testnet")
    detailed.finish_now()
    reference, _ = render_both([detailed.layer], NATIONAL)
    background = QColor("#b4d2f0")
    for cell_id in GROUPS:
        point = settings.mapToPixel().transform(center(shown.cells, cell_id))
        ours = QColor(picture.pixel(round(point.x()), round(point.y())))
        theirs = QColor(reference.pixel(round(point.x()), round(point.y())))
        assert distance(theirs, background) > 30, cell_id  # the reference draws the cell
        assert distance(ours, theirs) <= 6, cell_id
    detailed.close()


def test_zoomed_in_the_crowd_layer_draws_and_the_overview_does_not(shown):
    extent = QgsRectangle(ORIGIN[0], ORIGIN[1], ORIGIN[0] + 2 * BIG, ORIGIN[1] + BIG)
    both, settings = render_both([shown.crowd.layer, shown.overview.layer], extent, 800, 400)
    assert settings.scale() < OVERVIEW_SCALE
    crowd_alone, _ = render_both([shown.crowd.layer], extent, 800, 400)
    overview_alone, _ = render_both([shown.overview.layer], extent, 800, 400)
    point = settings.mapToPixel().transform(center(shown.cells, "c1_0"))
    x, y = round(point.x()), round(point.y())
    assert distance(QColor(both.pixel(x, y)), QColor(crowd_alone.pixel(x, y))) <= 6
    assert QColor(overview_alone.pixel(x, y)) == QColor("#b4d2f0")  # out of its scale range: nothing


def test_a_trend_only_change_builds_nothing(shown):
    builds = shown.planner._overview.builds
    trends = {cell_id: Trend.UP for cell_id, count in COUNTS.items() if count is not None}
    plan = shown.show(
        {cell_id: (count + 1 if count else count) for cell_id, count in COUNTS.items()}, trends, 15
    )
    assert plan.overview is None and shown.planner._overview.builds == builds
    assert len(plan.changed) > 0  # the crowd layer itself did change (trends)


def test_a_band_change_moves_the_cell_and_rebuilds_only_the_two_groups(shown):
    builds = shown.planner._overview.builds
    plan = shown.show({**COUNTS, "c2_0": 700}, minute=15)  # band 3 -> band 4
    assert set(plan.overview.geometries) == {3, 4} and shown.planner._overview.builds == builds + 2
    groups = shown.groups()
    assert groups[3 * 4 + 3] == (0, 0) and groups[4 * 4 + 3] == (2, 2)
    assert groups[NO_DATA] == (1, 1) and groups[SUPPRESSED] == (1, 1)


def test_a_cell_list_before_its_counts_is_shown_as_no_data(qgis_new_project):
    cells = grid(3, 1, BIG)
    planner = planner_for(cells)
    overview_plan = planner.pending_overview(None)
    assert overview_plan.complete and overview_plan.cells[NO_DATA] == 3
    assert planner.pending_overview(None) is None  # built once
    planner.set_edges([20, 100])  # new band edges: regrouped from the last counts
    regrouped = planner.pending_overview(snapshot({"c0_0": 50}))
    assert regrouped.cells[1] == 1 and len(group_keys([20, 100])) == len(regrouped.cells)


def test_new_band_edges_replace_every_feature_with_the_new_labels(shown):
    shown.planner.set_edges([100, 1000])
    shown.overview.apply(shown.planner.pending_overview(snapshot(COUNTS)))
    labels = [feature["shown"] for feature in shown.overview.layer.getFeatures()]
    assert labels[2:] == ["0 – 99", "100 – 999", "≥ 1000"]


def test_the_stale_fade_applies_to_the_overview(shown):
    fresh, settings = render_both([shown.crowd.layer, shown.overview.layer], NATIONAL)
    shown.crowd.set_stale(True)
    shown.overview.sync_style()  # in QGIS the crowd layer's repaint request does this
    stale, _ = render_both([shown.crowd.layer, shown.overview.layer], NATIONAL)
    point = settings.mapToPixel().transform(center(shown.cells, "c0_1"))
    x, y = round(point.x()), round(point.y())
    assert distance(QColor(fresh.pixel(x, y)), QColor(stale.pixel(x, y))) > 100


def test_the_crowd_layers_repaint_brings_its_style_over(shown, qtbot):
    shown.crowd.set_stale(True)  # sets the variable and asks for a repaint
    qtbot.waitUntil(
        lambda: (
            shown.overview.layer.customProperty("variableValues") is not None
            and "1" in [str(v) for v in shown.overview.layer.customProperty("variableValues")]
        )
    )


def test_the_overview_sits_hidden_just_below_the_crowd_layer_and_follows_it(shown, qtbot):
    project, root = QgsProject.instance(), QgsProject.instance().layerTreeRoot()
    project.addMapLayer(shown.crowd.layer)
    layer = shown.overview.layer
    ids = [node.layerId() for node in root.findLayers()]
    assert ids.index(layer.id()) == ids.index(shown.crowd.layer.id()) + 1
    assert layer.flags() & QgsMapLayer.LayerFlag.Private  # not in the Layers panel or a layout legend
    assert layer.legend().createLayerTreeModelLegendNodes(root.findLayer(layer.id())) == []
    assert layer.customProperty(OVERVIEW_PROPERTY) == 1
    root.findLayer(shown.crowd.layer.id()).setItemVisibilityChecked(False)
    qtbot.waitUntil(lambda: not root.findLayer(layer.id()).itemVisibilityChecked())
    layer_id = layer.id()
    project.removeMapLayer(shown.crowd.layer.id())  # the user removes the crowd layer: the overview goes too
    qtbot.waitUntil(lambda: project.mapLayer(layer_id) is None)


def test_the_overview_is_rebuilt_with_its_geometry_when_the_crowd_layer_comes_back(shown, qtbot):
    project = QgsProject.instance()
    project.addMapLayer(shown.crowd.layer)
    project.clear()  # a new project: QGIS deletes both layers
    replacement = CrowdLayer(EDGES, crs=MAP_CRS.authid())
    shown.overview.follow(replacement)
    project.addMapLayer(replacement.layer)
    overview = project.mapLayer(shown.overview.layer.id())
    assert overview is not None and shown.groups()[7] == (2, 2)
    replacement.close()


def test_shutdown_takes_the_overview_out_of_the_project(shown):
    QgsProject.instance().addMapLayer(shown.crowd.layer)
    layer_id = shown.overview.layer.id()
    shown.overview.shutdown()
    assert QgsProject.instance().mapLayer(layer_id) is None
    shown.overview = NationalOverview()  # the fixture's close() shuts a fresh one down


def test_multipolygon_cells_keep_every_part(qgis_new_project):
    square = grid(1, 1, BIG).cells[0].geometry["coordinates"]
    shifted = [[[x + 1.0, y] for x, y in square[0]]]
    cells = CellSet((Cell("two", {"type": "MultiPolygon", "coordinates": [square, shifted]}, {}),), "v1")
    planner = planner_for(cells)
    plan = planner.plan(snapshot({"two": 60}))
    assert plan.overview.geometries[2].constGet().numGeometries() == 2


def test_cells_projected_and_merged_in_pieces_are_the_same_as_in_one(qgis_new_project, monkeypatch):
    """Projected and merged a few cells per call (as 200,000 cells are, 5,000 per call), the
    overview holds every cell's own polygon, projected, in list order, as one call would give."""
    cells = grid(5, 3, BIG)
    context = QgsProject.instance().transformContext()
    whole = OverviewPlanner(MAP_CRS, context)
    whole.set_cells(cells)
    codes = numpy.array([4 * (index % 3) + 1 for index in range(len(cells.cells))])
    in_one = whole.plan(cells, codes, EDGES)
    monkeypatch.setattr(overview_module, "PIECE_CELLS", 2)
    pieced = OverviewPlanner(MAP_CRS, context)
    pieced.set_cells(cells)
    in_pieces = pieced.plan(cells, codes, EDGES)
    assert in_pieces.cells == in_one.cells and sum(in_one.cells.values()) == 15
    for key, geometry in in_one.geometries.items():
        assert in_pieces.geometries[key].asWkb() == geometry.asWkb()
    band_one = in_pieces.geometries[1].constGet()
    assert band_one.numGeometries() == 5  # cells 1, 4, 7, 10, 13, each its own polygon
    to_map = QgsCoordinateTransform(WGS84, MAP_CRS, QgsProject.instance())
    first = to_map.transform(QgsPointXY(*cells.cells[1].geometry["coordinates"][0][0]))
    assert band_one.geometryN(0).vertexAt(QgsVertexId(0, 0, 0)).distance(first.x(), first.y()) < 1e-3


def test_replaced_geometry_is_freed_off_the_main_thread(qgis_new_project):
    """Freeing the groups of 200,000 cells takes ~50 ms: the replaced ones go to the disposal thread."""
    freed = []

    class Disposal(ThreadPoolExecutor):
        def submit(self, fn, *args):
            held = list(fn.__self__)  # the retired geometries the job releases

            def free():
                fn()
                freed.append((threading.current_thread() is not threading.main_thread(), len(held)))

            return super().submit(free)

    disposal = Disposal(max_workers=1)
    cells = grid(4, 2, BIG)
    planner = planner_for(cells)
    overview = NationalOverview(disposal=disposal)
    overview.apply(planner.plan(snapshot(COUNTS)).overview)
    overview.layer  # noqa: B018 - the layer holds its own copies
    overview.apply(planner.plan(snapshot({**COUNTS, "c2_0": 700}, minute=15)).overview)
    disposal.shutdown(wait=True)
    assert freed == [(True, 2)]  # the two groups replaced, freed on the disposal thread
    overview.shutdown()


def test_the_map_canvas_and_so_the_briefing_get_both_layers(shown):
    """The canvas draws the layer tree's visible layers in its layer order (QgsLayerTreeMapCanvasBridge),
    and the briefing renders the canvas's layers: the private overview is among them, just below the
    crowd layer; each draws within its scale range."""
    root = QgsProject.instance().layerTreeRoot()
    QgsProject.instance().addMapLayer(shown.crowd.layer)
    order = [layer.id() for layer in root.layerOrder()]
    assert order.index(shown.overview.layer.id()) == order.index(shown.crowd.layer.id()) + 1
    assert root.findLayer(shown.overview.layer.id()).isVisible()
    QgsProject.instance().removeMapLayer(shown.crowd.layer.id())


def test_identify_and_the_map_tip_name_the_band_and_say_to_zoom_in(shown):
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    layer = shown.overview.layer
    feature = next(f for f in layer.getFeatures() if f["drawn"] == 7)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    assert QgsExpression(layer.displayExpression()).evaluate(context) == "15 – 49"  # Identify's name
    tip = QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)
    assert "15 – 49" in tip and "Zoom in to 1:500,000 or closer" in tip and "Stale" not in tip
    shown.crowd.set_stale(True)
    shown.overview.sync_style()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    assert "Stale" in QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)
