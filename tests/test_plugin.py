"""Loading, showing and unloading the plugin through classFactory with a stub iface."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from druktemeter.plugin.core.alert_log import AlertLog
from druktemeter.plugin.core.model import Interval
from feed_fakes import FakeFeedSource, latest_interval
from filesystems import read_only_bind
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QPainter
from qgis.PyQt.QtWidgets import QDockWidget


def test_init_gui_adds_one_toolbar_button_and_menu_entry(plugin, iface):
    assert iface.toolbar_actions == [plugin.action]
    assert [(menu, action.text()) for menu, action in iface.menu_actions] == [
        ("&Druktemeter", "Druktemeter"),
        ("&Druktemeter", "Druktemeter settings…"),
    ]
    assert plugin.action.isCheckable()
    assert not plugin.action.icon().isNull()


def test_action_opens_dock_with_explained_empty_state(plugin, iface, qtbot):
    plugin.action.trigger()
    dock = plugin.dock
    assert isinstance(dock, QDockWidget)
    assert iface.docks == [dock]
    qtbot.waitUntil(dock.isVisible)
    assert "demo" in dock.empty_label.text().lower()


def test_closing_dock_unchecks_action(plugin, qtbot):
    plugin.action.trigger()
    qtbot.waitUntil(plugin.dock.isVisible)
    plugin.dock.close()
    qtbot.waitUntil(lambda: not plugin.action.isChecked())


def test_unload_removes_everything(iface, qtbot):
    import druktemeter

    timers_before = _active_timers(iface)
    instance = druktemeter.classFactory(iface)
    instance.initGui()
    instance.action.trigger()
    dock = instance.dock
    instance.unload()
    assert iface.toolbar_actions == []
    assert iface.menu_actions == []
    assert iface.docks == []
    assert instance.dock is None and instance.action is None
    qtbot.waitUntil(lambda: _deleted(dock))
    assert _active_timers(iface) == timers_before


def test_load_unload_load_again(iface):
    import druktemeter

    for _ in range(2):
        instance = druktemeter.classFactory(iface)
        instance.initGui()
        instance.action.trigger()
        assert len(iface.docks) == 1
        instance.unload()
        gc.collect()
    assert iface.docks == [] and iface.toolbar_actions == []


def _active_timers(iface) -> set:
    """Python-created timers still running (C++-internal Qt timers are not tracked by gc)."""
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, QTimer) and not _deleted(o) and o.isActive()}


def _deleted(widget) -> bool:
    from qgis.PyQt import sip

    return sip.isdeleted(widget)


# ---------------------------------------------------------------- the plugin with a feed


@contextmanager
def started_plugin(iface, settings: dict):
    """The plugin loaded through classFactory with these settings, unloaded afterwards."""
    import druktemeter
    from druktemeter.plugin.runtime.settings import PluginSettings

    store = PluginSettings()
    for key, value in settings.items():
        store.set_value(key, value)
    instance = druktemeter.classFactory(iface)
    instance.initGui()
    try:
        yield instance
    finally:
        instance.unload()


@contextmanager
def serving(source):
    """A real reference service on loopback for ``source``."""
    from druktemeter.plugin.service.server import ReferenceServer

    server = ReferenceServer(source, rate_limit=None)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _wait_for_data(plugin, qtbot, timeout=30_000):
    qtbot.waitUntil(lambda: plugin.first_data_drawn and not plugin.monitor.crowd.busy, timeout=timeout)


def _project_layers():
    return list(QgsProject.instance().mapLayers().values())


def _status_text(plugin) -> str:
    return plugin.dock.status_panel.status_label.text()


def test_demo_mode_draws_the_simulated_region_and_marks_it_as_an_exercise(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        assert instance.dock.isVisible(), "demo mode opens the dock"
        _wait_for_data(instance, qtbot)
        layer = instance.monitor.crowd.layer
        assert layer in _project_layers()
        assert layer.featureCount() > 1000
        assert "valid" in {f["state"] for f in layer.getFeatures()}
        assert instance.banner is not None and instance.banner.isVisible()
        assert instance.dock.demo_panel.banner.isVisible()
        assert instance.dock.demo_panel.clock is instance.monitor.connection.source.clock
        assert instance.dock.status_panel.interval_label.text() != "none yet"
        assert not instance.dock.empty_label.isVisible()
    assert layer not in _project_layers()
    assert not [t.name for t in threading.enumerate() if "Druktemeter" in t.name or "QThread" in t.name]


def test_live_feed_from_a_provider_fills_the_layer(iface, qtbot):
    source = FakeFeedSource(n_cells=40)  # a live provider's feed (no exercise clock)
    with (
        serving(source) as server,
        started_plugin(iface, {"feed/url": server.url, "feed/poll_seconds": 1}) as instance,
    ):
        _wait_for_data(instance, qtbot)
        assert instance.monitor.crowd.layer.featureCount() == 40
        assert instance.banner is None, "a live feed carries no exercise banner"
        assert not instance.dock.demo_panel.banner.isVisibleTo(instance.dock.demo_panel)
        assert _status_text(instance).startswith("Feed OK")
        assert not instance.monitor.crowd.stale
        assert "Fake Telecom" in instance.dock.status_panel.source_label.text()


def test_yesterdays_data_is_shown_stale(iface, qtbot):
    source = FakeFeedSource()  # a live (not exercise) feed whose newest interval is a day old
    today = latest_interval()
    day = timedelta(days=1)
    source.set_counts(source.counts, interval=Interval(today.start - day, today.end - day))
    with serving(source) as server, started_plugin(iface, {"feed/url": server.url}) as instance:
        _wait_for_data(instance, qtbot)
        qtbot.waitUntil(lambda: instance.monitor.crowd.stale)
        assert "stale" in _status_text(instance).lower()


def test_pause_button_stops_updates_and_says_so(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        instance.dock.pause_button.click()
        assert instance.settings.value("feed/paused") is True
        qtbot.waitUntil(lambda: "paused" in _status_text(instance).lower())
        assert instance.dock.pause_button.text() == "Resume updates"


def test_a_broken_scenario_is_reported_in_the_message_bar_not_raised(iface, tmp_path):
    broken = tmp_path / "kapot.json"
    broken.write_text('{"name": "kapot",', encoding="utf-8")
    with started_plugin(iface, {"demo/scenario": str(broken), "demo/enabled": True}) as instance:
        pushed = iface.messageBar().get_messages(Qgis.MessageLevel.Critical)  # pytest-qgis records them
        assert pushed and "kapot.json" in pushed[-1]
        assert instance.monitor.poller is None


def test_a_classroom_station_marks_the_shared_exercise_and_is_not_stale(iface, qtbot):
    """A station polling the trainer's reference service: simulated time in June, yet current."""
    from druktemeter.plugin.feed.exercise import RemoteExerciseClock
    from druktemeter.plugin.simulator import build_source

    with (
        serving(build_source("markt", seed=2, speed=60)) as server,
        started_plugin(iface, {"feed/url": server.url}) as instance,
    ):
        _wait_for_data(instance, qtbot)
        qtbot.waitUntil(lambda: instance.banner is not None)
        panel = instance.dock.demo_panel
        assert isinstance(panel.clock, RemoteExerciseClock)
        assert panel.banner.isVisibleTo(panel) and panel.replay.isEnabled() and not panel.choice.isEnabled()
        # Judged on the exercise clock once the poll's status is in: current, minutes old.
        qtbot.waitUntil(lambda: not instance.monitor.crowd.stale, timeout=3000)
        assert "stale" not in _status_text(instance).lower()
        assert "h" not in instance.dock.status_panel.age_label.text(), "age on the exercise clock: minutes"
        panel.play_button.click()  # no trainer token configured on the service: this station may steer
        qtbot.waitUntil(lambda: server.source.clock.paused)


def test_live_intervals_go_into_the_history_and_are_compared(iface, qtbot, tmp_path):
    source = FakeFeedSource(n_cells=10)
    with serving(source) as server, started_plugin(iface, {"feed/url": server.url}) as instance:
        _wait_for_data(instance, qtbot)
        panel = instance.history_panel
        qtbot.waitUntil(lambda: instance.history.intervals() != [])
        assert instance.history.intervals()[-1] == instance.monitor.snapshot.interval
        qtbot.waitUntil(lambda: "No history for that moment yet" in panel.summary_label.text())


def test_exercises_are_never_recorded_in_the_history(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        assert instance.history.intervals() == []
        assert "not recorded" in instance.history_panel.summary_label.text()


def test_the_market_scenario_raises_its_documented_alert_in_the_region(iface, qtbot):
    """markt, seed 1: cell BN-0040-2 crosses 1,000 in the 10:15 interval (docs/scenarios.md)."""
    from datetime import datetime, timezone

    region = "POLYGON((5.25 51.66, 5.36 51.66, 5.36 51.72, 5.25 51.72, 5.25 51.66))"  # 's-Hertogenbosch
    settings = {
        "demo/enabled": True,
        "region/wkt": region,
        "region/name": "Den Bosch",
        "alerts/count_threshold": 1000,
    }
    with started_plugin(iface, settings) as instance:
        _wait_for_data(instance, qtbot)
        assert not instance.dock.alert_panel.open_alerts(), "no alert at 05:00"
        instance.monitor.connection.source.clock.jump_to(datetime(2026, 6, 13, 8, 31, tzinfo=timezone.utc))
        qtbot.waitUntil(lambda: bool(instance.dock.alert_panel.open_alerts()), timeout=20_000)
        cells = {event.cell_id for event in instance.dock.alert_panel.open_alerts()}
        assert "BN-0040-2" in cells
        assert instance.alerts.log.open_raises(), "every alert is in the log"


def test_demo_mode_without_a_region_alerts_in_brabant_noord_named_by_place(iface, qtbot):
    """Default settings plus demo mode: the region is Brabant-Noord, drawn on the map, and the
    market's alert names its place in the panel, the Situation and the map tip's field."""
    from datetime import datetime, timezone

    from druktemeter.plugin.gui.alert_panel import PLACE

    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        qtbot.waitUntil(lambda: bool(instance.alerts.engine.region_cells()), timeout=20_000)
        assert instance.alerts.engine.region_name == "Brabant-Noord"
        names = [layer.name() for layer in _project_layers()]
        assert "Region: Brabant-Noord" in names and "Place names" in names
        crowd = instance.monitor.crowd
        assert crowd.feature_for("BN-0040-2")["place"] == "Markt, 's-Hertogenbosch"
        assert '"place"' in crowd.layer.mapTipTemplate()
        instance.monitor.connection.source.clock.jump_to(datetime(2026, 6, 13, 8, 31, tzinfo=timezone.utc))
        qtbot.waitUntil(lambda: bool(instance.dock.alert_panel.open_alerts()), timeout=20_000)
        panel = instance.dock.alert_panel
        places = {panel.table.item(row, PLACE).text() for row in range(panel.table.rowCount())}
        assert "Markt, 's-Hertogenbosch" in places
        assert instance.dock.situation.alerts_label.text().endswith(("open alert", "open alerts"))
        assert "Markt, 's-Hertogenbosch" in instance.dock.situation.busiest_label.text()
        panel.zoomRequested.emit("BN-0040-2")
        assert instance.marks.marked() == {"BN-0040-2"}
        assert iface.mapCanvas().scale() >= 15_000 * 0.99
        panel.acknowledge_all()
        assert instance.marks.marked() == frozenset(), "acknowledged: the outline goes"
        assert instance.dock.situation.alerts_label.text() == "none open"
    left = [layer.name() for layer in _project_layers()]
    assert "Region: Brabant-Noord" not in left and "Place names" not in left, "unload removes the context"


def test_add_background_map_puts_pdok_below_the_crowd_layer(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        instance.dock.background_button.click()
        root = QgsProject.instance().layerTreeRoot()
        order = [node.layer() for node in root.findLayers()]
        background = next(layer for layer in order if "BRT-Achtergrondkaart" in layer.name())
        assert order.index(background) > order.index(instance.monitor.crowd.layer)
        assert "grijs" in background.source()
        assert instance.monitor.crowd.layer.blendMode() == QPainter.CompositionMode.CompositionMode_Multiply
        attribution = instance.attribution
        assert attribution is not None and attribution.isVisible() and "Kadaster" in attribution.text()
        assert "CBS" in attribution.text()  # the region's and the land's boundaries
        canvas = iface.mapCanvas()
        assert attribution.geometry().right() > canvas.width() / 2  # bottom right, clear of the banner
    assert background.id() in QgsProject.instance().mapLayers()  # the user's background map stays
    assert instance.attribution is None
    QgsProject.instance().removeMapLayer(background.id())


def test_a_live_feed_in_a_project_without_background_offers_the_pdok_map(iface, qtbot):
    from qgis.PyQt.QtWidgets import QPushButton

    source = FakeFeedSource(n_cells=40)
    with (
        serving(source) as server,
        started_plugin(iface, {"feed/url": server.url, "feed/poll_seconds": 1}) as instance,
    ):
        _wait_for_data(instance, qtbot)
        offer = iface.messageBar().currentItem()
        assert offer is not None and "no background" in offer.text()
        button = next(b for b in offer.findChildren(QPushButton) if b.text() == "Add background map")
        button.click()
        assert instance.map_context.has_background()
        background = next(layer for layer in _project_layers() if "BRT-Achtergrondkaart" in layer.name())
    QgsProject.instance().removeMapLayer(background.id())


def test_an_exercise_compares_with_its_simulated_past_and_records_nothing(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        chart = instance.chart_panel
        qtbot.waitUntil(lambda: chart.answer_label.text().startswith("EXERCISE: Today "), timeout=60_000)
        assert "yesterday" in chart.answer_label.text()
        assert instance.exercise_past.source is instance.monitor.connection.source
        assert instance.history.intervals() == []


def test_a_live_feed_is_compared_with_the_history(iface, qtbot):
    source = FakeFeedSource(n_cells=10)
    with serving(source) as server, started_plugin(iface, {"feed/url": server.url}) as instance:
        _wait_for_data(instance, qtbot)
        chart = instance.chart_panel
        qtbot.waitUntil(lambda: chart.answer_label.text().startswith("Today "), timeout=20_000)
        assert chart.past is instance.history
        assert "no usual level to compare with yet" in chart.answer_label.text()


def test_play_back_adds_a_temporal_layer_from_the_exercise_and_points_the_controller_at_it(iface, qtbot):
    from qgis.core import QgsTemporalNavigationObject

    canvas = iface.mapCanvas()
    original = canvas.temporalController()
    navigation = QgsTemporalNavigationObject(canvas)  # as QGIS desktop's Temporal Controller panel
    canvas.setTemporalController(navigation)
    try:
        with started_plugin(iface, {"demo/enabled": True}) as instance:
            _wait_for_data(instance, qtbot)
            chart = instance.chart_panel
            qtbot.waitUntil(chart.playback_button.isEnabled, timeout=30_000)
            chart.playback_hours.setCurrentIndex(0)
            before = set(QgsProject.instance().mapLayers())
            chart.playback_button.click()
            qtbot.waitUntil(lambda: bool(set(QgsProject.instance().mapLayers()) - before), timeout=30_000)
            (added,) = [
                QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before
            ]
            assert added.temporalProperties().isActive() and added.featureCount() > 0
            assert navigation.totalFrameCount() == 4
            QgsProject.instance().removeMapLayer(added)
    finally:
        canvas.setTemporalController(original)


def test_the_briefing_of_an_exercise_is_a_marked_pdf(iface, qtbot, tmp_path):
    import shutil
    import subprocess

    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        chart = instance.chart_panel
        qtbot.waitUntil(
            lambda: chart.briefing_button.isEnabled() and chart.picture is not None, timeout=60_000
        )
        qtbot.waitUntil(lambda: chart.chart_image() is not None, timeout=20_000)
        pdf = tmp_path / "briefing.pdf"
        writer, handed = instance.briefing_writer, []
        write = writer.write
        writer.write = lambda project, content, *rest: (
            handed.append(content),
            write(project, content, *rest),
        )
        with qtbot.waitSignal(instance.briefing_writer.written, timeout=60_000):
            instance.write_briefing(pdf)  # returns at once: the map renders off the main thread
        assert pdf.read_bytes().startswith(b"%PDF")
        places = handed[0].places  # the busiest cells are named as in the alert panel and map tips
        assert places and places == instance.monitor.crowd.cell_places()
        if shutil.which("pdftoppm"):
            prefix = "/tmp/stats-briefing-demo"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), prefix], check=True
            )
        assert not instance.history.intervals()  # the exercise still wrote nothing into the history


def test_selecting_a_cell_on_the_map_offers_it_to_the_chart(iface, qtbot):
    from druktemeter.plugin.gui.chart_panel import CELL

    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        chart, layer = instance.chart_panel, instance.monitor.crowd.layer
        row = chart.scope_combo.findData(CELL)
        assert not chart.scope_combo.model().item(row).isEnabled()
        feature = next(layer.getFeatures())
        layer.selectByIds([feature.id()])
        assert chart.scope_combo.model().item(row).isEnabled()
        chart.scope_combo.setCurrentIndex(row)
        assert chart.scope() == frozenset({feature["cell_id"]})
        layer.removeSelection()
        assert chart.scope_combo.currentData() != CELL


def test_a_classroom_on_a_trainers_scenario_file_has_that_files_past_and_records_nothing(
    iface, qtbot, tmp_path
):
    """The trainer serves their own file (named "markt" like the bundled one it was copied from);
    each station computes yesterday and last week of THAT file, over a real loopback service."""
    from druktemeter.plugin.simulator import build_source
    from druktemeter.plugin.simulator.past import SimulatedPast
    from stats_history import TRAINER_SCENARIO_PEAK, trainer_scenario_file

    path = trainer_scenario_file(tmp_path)
    served = build_source(path, seed=4, speed=60)  # `serve --scenario mijn-oefening.json --seed 4`
    with serving(served) as server, started_plugin(iface, {"feed/url": server.url}) as instance:
        _wait_for_data(instance, qtbot)
        chart = instance.chart_panel
        qtbot.waitUntil(lambda: chart.answer_label.text().startswith("EXERCISE: Today "), timeout=60_000)
        simulation = instance.exercise_past.simulation
        assert simulation.definition == path.read_text(encoding="utf-8") and simulation.seed == 4
        here = instance.exercise_past.columns_at(TRAINER_SCENARIO_PEAK)  # yesterday's demonstration
        there = SimulatedPast(served).columns_at(TRAINER_SCENARIO_PEAK)
        assert here.ids == there.ids and here.values.tolist() == there.values.tolist()  # the service's past
        bundled = SimulatedPast(build_source("markt", seed=4)).columns_at(TRAINER_SCENARIO_PEAK)
        assert here.values.tolist() != bundled.values.tolist(), "the bundled market's past, not the file's"
        assert instance.history.intervals() == []


def test_a_station_follows_the_trainer_to_another_scenario_without_restarting(iface, qtbot):
    """The trainer restarts the service with another scenario (here: another seed) on the same
    address; the station, left running, compares with the new scenario's past from then on."""
    from druktemeter.plugin.simulator import build_source

    first = build_source("markt", seed=4, speed=60)
    with (
        serving(first) as server,
        started_plugin(
            iface,
            {"feed/url": server.url, "feed/poll_seconds": 10},  # the shortest: the test waits on polls
        ) as instance,
    ):
        _wait_for_data(instance, qtbot)
        served = lambda: getattr(instance.exercise_past, "simulation", None)  # noqa: E731
        qtbot.waitUntil(lambda: served() is not None, timeout=60_000)
        assert served().seed == 4
        server.source = build_source("markt", seed=5, speed=60)
        # Its counts are taken once its cells are; the interval after, the station asks which
        # simulation is served, and the next one compares with that simulation's past.
        qtbot.waitUntil(lambda: served().seed == 5, timeout=180_000)
        assert instance.mode.mode.value == "classroom"


def test_a_classroom_whose_service_does_not_say_its_simulation_says_there_is_no_past(iface, qtbot):
    source = FakeFeedSource(n_cells=40, with_clock=True)  # an exercise clock, but no scenario to share
    with serving(source) as server, started_plugin(iface, {"feed/url": server.url}) as instance:
        _wait_for_data(instance, qtbot)
        chart = instance.chart_panel
        qtbot.waitUntil(lambda: "does not say which simulation" in chart.answer_label.text(), timeout=20_000)
        assert instance.mode.mode.value == "classroom" and chart.past is None
        assert instance.history.intervals() == []


# ---------------------------------------------------------------- a data folder that refuses


def test_a_read_only_data_folder_still_shows_the_map_and_says_what_is_wrong(
    iface, qtbot, monkeypatch, read_only_folder
):
    from druktemeter.plugin import druktemeter as plugin_module

    folder = read_only_folder()
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: folder.path / "druktemeter")
    iface.messageBar().clearWidgets()
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        assert instance.dock is not None and instance.history is None
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert any("The crowd history cannot be used: Read-only file system" in text for text in warnings)
        _wait_for_data(instance, qtbot)
        assert instance.monitor.crowd.layer.featureCount() > 0, "the map is drawn"


def test_a_full_disk_at_start_keeps_a_good_history_and_loads(
    iface, qtbot, monkeypatch, full_folder, tmp_path
):
    from druktemeter.plugin import druktemeter as plugin_module
    from druktemeter.plugin.core.history import HistoryStore

    def good_history(path):
        store = HistoryStore(path / "history.sqlite", 8)
        store.record(_live_snapshot())
        store.close()

    folder = full_folder(good_history)
    before = (folder.path / "history.sqlite").read_bytes()
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: folder.path)
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        assert instance.dock is not None
        _wait_for_data(instance, qtbot)
    assert (folder.path / "history.sqlite").read_bytes() == before, "a good file is never recreated"


def test_a_damaged_history_is_started_afresh(iface, monkeypatch, tmp_path):
    from druktemeter.plugin import druktemeter as plugin_module

    data = tmp_path / "data"
    data.mkdir()
    (data / "history.sqlite").write_bytes(b"this is no database at all" * 200)
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: data)
    with started_plugin(iface, {}) as instance:
        assert instance.history is not None and instance.history.intervals() == []
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert any("damaged" in text for text in warnings)


def _live_snapshot():
    from datetime import datetime, timezone

    from druktemeter.plugin.core.model import CountsSnapshot, Trend

    end = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, {"a": 20}, {"a": Trend.UP}, "X")


def test_show_zooms_to_the_cell_and_says_when_it_is_gone(iface, qtbot):
    with started_plugin(iface, {"demo/enabled": True}) as instance:
        _wait_for_data(instance, qtbot)
        crowd = instance.monitor.crowd
        feature = next(crowd.layer.getFeatures())
        instance.show_cell(feature["cell_id"])
        canvas = iface.mapCanvas()
        box = canvas.mapSettings().layerExtentToOutputExtent(crowd.layer, feature.geometry().boundingBox())
        assert canvas.extent().contains(box.center())
        instance.show_cell("<b>vanished</b>")
        infos = iface.messageBar().get_messages(Qgis.MessageLevel.Info)
        assert "Druktemeter:Cell &lt;b&gt;vanished&lt;/b&gt; is no longer in the feed." in infos


# ---------------------------------------------------------------- one owner of background work


def _os_thread_names() -> list[str]:
    """Names the kernel knows for this process's threads (Qt names them after their objectName)."""
    names = []
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():  # a chroot without /proc: the owner's and Python's view still count
        return names
    for task in tasks.iterdir():
        with contextlib.suppress(OSError):  # the thread ended while listing
            names.append((task / "comm").read_text().strip())
    return names


def test_unload_stops_and_joins_every_thread_the_plugin_started(iface, qtbot):
    from druktemeter.plugin.simulator import build_source

    with serving(build_source("markt", seed=2, speed=60)) as server:
        before = {t.ident for t in threading.enumerate()}  # the test's own reference service included
        with started_plugin(iface, {"feed/url": server.url}) as instance:
            _wait_for_data(instance, qtbot)
            qtbot.waitUntil(lambda: instance.banner is not None)
            panel = instance.dock.demo_panel
            panel.play_button.click()  # an exercise-clock command on its own thread
            qtbot.waitUntil(lambda: server.source.clock.paused)
            instance.history_panel.show_snapshot(_live_snapshot())  # a history write on the worker
            instance.open_settings()
            dialog = instance.settings_dialog
            with qtbot.waitSignal(dialog.test_button.clicked):
                dialog.test_button.click()  # a connection test on a probe thread, still asking at unload
            owned = instance.background
            assert owned.running(), "the plugin's threads are owned by one object"
        assert owned.running() == []
        # Joined threads are gone from the kernel's list a moment after they return.
        qtbot.waitUntil(lambda: not [n for n in _os_thread_names() if n.lower().startswith("druktemeter")])
        left = [
            t
            for t in threading.enumerate()
            if t.ident not in before and t.name.lower().startswith("druktemeter")
        ]
        assert left == []


def test_on_a_full_disk_the_alert_still_comes_and_the_operator_is_told(
    iface, qtbot, monkeypatch, full_folder, tmp_path
):
    """The defect of issue 9: the log was written before the alert was shown, so a full disk lost it."""
    from datetime import datetime, timezone

    from druktemeter.plugin import druktemeter as plugin_module

    folder = full_folder()
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: folder.path)
    region = "POLYGON((5.25 51.66, 5.36 51.66, 5.36 51.72, 5.25 51.72, 5.25 51.66))"  # 's-Hertogenbosch
    settings = {"demo/enabled": True, "region/wkt": region, "region/name": "Den Bosch"}
    iface.messageBar().clearWidgets()
    with started_plugin(iface, {**settings, "alerts/count_threshold": 1000}) as instance:
        _wait_for_data(instance, qtbot)
        instance.monitor.connection.source.clock.jump_to(datetime(2026, 6, 13, 8, 31, tzinfo=timezone.utc))
        qtbot.waitUntil(lambda: bool(instance.dock.alert_panel.open_alerts()), timeout=20_000)
        texts = [item.text() for item in iface.messageBar().items()]
        assert any(text.startswith("Crowd alert in Den Bosch") for text in texts), texts
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        log_warnings = [text for text in warnings if "The alert log cannot be written (No space left" in text]
        assert len(log_warnings) == 1, "told once, not on every poll"
        assert instance.dock.alert_panel.problem.isVisibleTo(instance.dock.alert_panel)
        held = list(instance.alerts.recorder.unwritten)
        assert held, "kept in memory"
        review = tmp_path / "review.csv"
        with qtbot.waitSignal(
            instance.alerts.exported, timeout=10_000
        ):  # written on a thread the plugin owns
            instance.alert_panel.export_csv(str(review))
        assert review.exists() and "exported to" in instance.alert_panel.summary.text()
        folder.make_room()
        instance.alerts.recorder.flush()  # what the next evaluation or the retry timer does
        assert "The alert log is written again" in " ".join(
            iface.messageBar().get_messages(Qgis.MessageLevel.Success)
        )
    written = [e.id for e in AlertLog(folder.path / "alert-log.jsonl").records()]
    assert written[: len(held)] == [e.id for e in held], "every held record, in order"


def test_a_shorter_retention_on_a_full_disk_is_said_not_raised(iface, monkeypatch, full_folder):
    from druktemeter.plugin import druktemeter as plugin_module
    from druktemeter.plugin.core.history import HistoryStore

    def history_with_old_days(path):
        store = HistoryStore(path / "history.sqlite", 8)
        for days in range(2, 8):
            snapshot = _live_snapshot()
            earlier = Interval(
                snapshot.interval.start - timedelta(days=days), snapshot.interval.end - timedelta(days=days)
            )
            store.record(
                dataclasses.replace(snapshot, interval=earlier, counts={f"c{i}": 20 for i in range(3000)})
            )
        store.close()

    folder = full_folder(history_with_old_days)
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: folder.path)
    with started_plugin(iface, {}) as instance:
        assert instance.history is not None, "a good file on a full disk is opened"
        instance.settings.set_value("history/retention_days", 1)  # purging needs room on the disk
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert any("The crowd history cannot be used" in text for text in warnings)


def test_settings_that_cannot_be_saved_are_said(plugin, iface):
    from qgis.core import QgsSettings

    store = QgsSettings()
    store.sync()
    with read_only_bind(Path(store.fileName()).parent):
        plugin.open_settings()
        dialog = plugin.settings_dialog
        dialog.fields["alerts/count_threshold"].write(1800)
        dialog.accept()
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert any("The settings could not be saved to" in text for text in warnings)
        assert plugin.settings.value("alerts/count_threshold") == 1800, "they apply now"
    assert plugin.check_settings_saved(), "written once the folder is writable again"
