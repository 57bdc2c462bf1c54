"""The monitor: feed into the crowd layer, and the layer kept in the project."""

from __future__ import annotations

import pytest
from druktemeter.plugin.runtime.monitor import MAP_CRS, CrowdMonitor
from druktemeter.plugin.runtime.settings import PluginSettings
from qgis.core import QgsProject


@pytest.fixture
def monitor(qgis_new_project):
    settings = PluginSettings()
    instance = CrowdMonitor(settings)
    yield instance
    instance.shutdown()


def _start_demo(monitor, qtbot):
    monitor.settings.set_value("demo/enabled", True)
    monitor.start()
    qtbot.waitUntil(lambda: monitor.snapshot is not None and not monitor.crowd.busy, timeout=30_000)


def test_without_a_feed_nothing_runs(monitor):
    monitor.start()
    assert monitor.poller is None and monitor.connection is None


def test_demo_fills_the_layer_in_an_empty_project_in_true_shapes(monitor, qtbot):
    _start_demo(monitor, qtbot)
    project = QgsProject.instance()
    assert project.mapLayer(monitor.crowd.layer.id()) is monitor.crowd.layer
    monitor.use_true_shapes_if_alone()
    assert project.crs() == MAP_CRS
    assert monitor.crowd.layer.featureCount() == len(monitor.cells.cells)
    assert monitor.poller.is_running()
    monitor.stop()
    assert monitor.poller is None and monitor.connection is None


def test_the_plugins_context_layers_do_not_keep_the_map_in_wgs84(monitor, qtbot):
    from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer

    _start_demo(monitor, qtbot)
    project = QgsProject.instance()
    region = QgsVectorLayer("Polygon?crs=EPSG:4326", "region", "memory")
    project.addMapLayer(region)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))  # as QGIS may pick from the first layer
    monitor.use_true_shapes_if_alone([region.id()])
    assert project.crs() == MAP_CRS
    user = QgsVectorLayer("Point?crs=EPSG:4326", "user", "memory")
    project.addMapLayer(user)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    monitor.use_true_shapes_if_alone([region.id()])
    assert project.crs().authid() == "EPSG:4326", "a user's project keeps its own CRS"
    project.removeMapLayers([region.id(), user.id()])


def test_a_removed_layer_is_replaced_with_the_last_data_and_can_be_shown_again(monitor, qtbot):
    _start_demo(monitor, qtbot)
    old_id = monitor.crowd.layer.id()
    with qtbot.waitSignal(monitor.crowdReplaced) as replaced:
        QgsProject.instance().removeMapLayer(old_id)
    crowd = replaced.args[0]
    assert crowd is monitor.crowd and crowd.layer.id() != old_id
    assert QgsProject.instance().mapLayer(crowd.layer.id()) is None, "the user removed it: not forced back"
    qtbot.waitUntil(lambda: not crowd.busy)
    assert crowd.layer.featureCount() == len(monitor.cells.cells)
    assert monitor.ensure_layer_in_project()
    assert QgsProject.instance().mapLayer(crowd.layer.id()) is crowd.layer


def test_a_new_project_gets_the_crowd_layer_back(monitor, qtbot):
    _start_demo(monitor, qtbot)
    QgsProject.instance().clear()
    qtbot.waitUntil(lambda: QgsProject.instance().mapLayer(monitor.crowd.layer.id()) is not None)
    qtbot.waitUntil(lambda: not monitor.crowd.busy)
    assert monitor.crowd.layer.featureCount() == len(monitor.cells.cells)


def test_several_feed_settings_saved_at_once_restart_the_feed_once(monitor, qtbot):
    _start_demo(monitor, qtbot)
    opened = []
    monitor.connectionChanged.connect(lambda c: opened.append(c) if c is not None else None)
    monitor.settings.set_value("demo/scenario", "park")
    monitor.settings.set_value("demo/seed", 9)
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.wait(100)
    assert len(opened) == 1 and opened[0].source.scenario.name == "park" and opened[0].source.seed == 9


def test_pausing_is_a_setting_the_poller_follows(monitor, qtbot):
    _start_demo(monitor, qtbot)
    statuses = []
    monitor.statusChanged.connect(statuses.append)
    monitor.set_paused(True)
    assert monitor.settings.value("feed/paused") is True
    qtbot.waitUntil(lambda: statuses and statuses[-1].state.value == "paused")


def test_an_exercise_is_built_between_events_with_progress_then_its_cells_go_on_the_map(monitor, qtbot):
    from druktemeter.plugin.simulator.geography import forget_generated

    forget_generated()  # a geography not built before: the whole build is reported
    progress = []
    monitor.progressChanged.connect(lambda task, fraction: progress.append((task, fraction)))
    monitor.settings.set_value("demo/enabled", True)
    monitor.start()
    assert monitor.builder.busy and monitor.poller is None  # start() returned before the build
    _start_demo(monitor, qtbot)
    exercise = [fraction for task, fraction in progress if task == "Preparing the exercise"]
    cells = [fraction for task, fraction in progress if task == "Putting the antenna cells on the map"]
    assert len(exercise) > 20 and exercise == sorted(exercise) and exercise[0] == 0.0 and exercise[-1] == 1.0
    assert len(cells) > 2 and cells == sorted(cells) and cells[-1] == 1.0
    assert progress.index((progress[-1][0], 1.0)) > progress.index(("Preparing the exercise", 1.0))


def test_stopping_while_an_exercise_is_built_drops_it(monitor, qtbot):
    monitor.settings.set_value("demo/enabled", True)
    monitor.start()
    monitor.stop()
    qtbot.wait(200)
    assert not monitor.builder.busy and monitor.poller is None and monitor.connection is None


def test_the_national_overview_follows_the_demo_and_leaves_on_shutdown(qgis_new_project, qtbot):
    from druktemeter.plugin.mapping.overview import OVERVIEW_SCALE

    monitor = CrowdMonitor(PluginSettings())
    _start_demo(monitor, qtbot)
    project, overview = QgsProject.instance(), monitor.overview
    qtbot.waitUntil(lambda: sum(overview.group_sizes().values()) == len(monitor.cells.cells), timeout=30_000)
    layer_id = overview.layer.id()
    ids = [node.layerId() for node in project.layerTreeRoot().findLayers()]
    assert ids.index(layer_id) == ids.index(monitor.crowd.layer.id()) + 1
    assert monitor.crowd.layer.minimumScale() == OVERVIEW_SCALE
    assert overview.layer.featureCount() == len(overview.group_sizes())
    monitor.shutdown()
    assert project.mapLayer(layer_id) is None
