"""Play-back of an hour from a real history file: a temporal memory layer with the crowd style,
driven by a real QgsTemporalNavigationObject; frames rendered offscreen differ by time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.history import HistoryStore
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.mapping.playback import MAX_FEATURES, Playback, animate, interval_ends
from mapping_helpers import cell_center, distance, grid, map_settings
from qgis.core import NULL, QgsMapRendererSequentialJob, QgsRectangle, QgsTemporalNavigationObject

EDGES = [15, 50, 150, 500, 1500]
START = datetime(2026, 11, 29, 14, 0, tzinfo=timezone.utc)
CELLS = grid(3, 2)
BUSY = "c0_0"  # grows through the bands
QUIET = "c1_0"  # suppressed in the second interval
GONE = "c2_0"  # absent (no data) in the third


def interval(k: int) -> CountsSnapshot:
    end = START + timedelta(minutes=15 * (k + 1))
    counts = {c.id: 40 for c in CELLS.cells}
    counts[BUSY] = [20, 100, 600, 2000][k]
    if k == 1:
        counts[QUIET] = None
    if k == 2:
        del counts[GONE]
    trends = {cell: Trend.UP if cell == BUSY else Trend.EQUAL for cell in counts}
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, counts, trends, "Provider X")


@pytest.fixture
def store(tmp_path):
    opened = HistoryStore(tmp_path / "history.sqlite", 8, clock=lambda: START + timedelta(hours=1))
    for k in range(4):
        opened.record(interval(k))
    yield opened
    opened.close()


@pytest.fixture
def crowd():
    layer = CrowdLayer(EDGES)
    layer.set_cells(CELLS)
    layer.finish_now()
    yield layer
    layer.close()


@pytest.fixture
def playback():
    built = Playback()
    yield built
    built.shutdown()


def play_back(qtbot, playback, store, crowd, **options):
    with qtbot.waitSignal(playback.ready, timeout=10000) as blocker:
        playback.start(store, crowd, START, START + timedelta(hours=1), EDGES, **options)
    return blocker.args[0]


def test_an_hour_becomes_one_feature_per_cell_and_interval_with_its_states(qtbot, playback, store, crowd):
    layer = play_back(qtbot, playback, store, crowd)
    assert layer.featureCount() == 6 * 4
    rows = {
        (f["cell_id"], f["interval_end"].toSecsSinceEpoch()): (f["state"], f["drawn"] // 4, f["count"])
        for f in layer.getFeatures()
    }
    end = [int((START + timedelta(minutes=15 * (k + 1))).timestamp()) for k in range(4)]
    assert rows[(BUSY, end[0])] == ("valid", 1, 20)
    assert rows[(BUSY, end[3])] == ("valid", 5, 2000)
    assert rows[(QUIET, end[1])][0] == "suppressed" and rows[(QUIET, end[1])][2] in (None, NULL)  # no number
    assert rows[(GONE, end[2])][0] == "no_data"
    properties = layer.temporalProperties()
    assert properties.isActive() and properties.startField() == "interval_start"
    assert layer.renderer().rootRule().findRuleByKey("druktemeter:suppressed") is not None


def test_the_temporal_controller_plays_it_and_frames_differ_by_time(qtbot, playback, store, crowd):
    layer = play_back(qtbot, playback, store, crowd)
    navigation = QgsTemporalNavigationObject()
    assert animate(navigation, START, START + timedelta(hours=1))
    assert navigation.totalFrameCount() == 4
    extent = QgsRectangle(5.095, 52.075, 5.135, 52.105)
    colours = []
    for frame in range(4):
        navigation.setCurrentFrameNumber(frame)
        settings = map_settings(layer, extent)
        settings.setIsTemporal(True)
        settings.setTemporalRange(navigation.dateTimeRangeForFrameNumber(frame))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        if frame == 3:
            image.save("/tmp/stats-playback-frame3.png")
        screen = settings.mapToPixel().transform(cell_center(CELLS, BUSY))
        colours.append(image.pixelColor(round(screen.x()) + 8, round(screen.y()) + 8))
    assert all(distance(a, b) > 30 for a, b in zip(colours, colours[1:])), [c.name() for c in colours]


def test_the_live_layer_keeps_updating_and_the_playback_stays(qtbot, playback, store, crowd):
    layer = play_back(qtbot, playback, store, crowd)
    live = interval(3)
    crowd.apply_counts(live, "Provider X")
    crowd.finish_now()
    assert layer.featureCount() == 24 and crowd.layer.featureCount() == 6


def test_a_region_limits_the_cells_and_a_window_too_large_is_refused(qtbot, playback, store, crowd):
    layer = play_back(qtbot, playback, store, crowd, scope=frozenset({BUSY, "elsewhere"}))
    assert {f["cell_id"] for f in layer.getFeatures()} == {BUSY}
    too_long = START + timedelta(minutes=15 * (MAX_FEATURES // 6 + 1))
    with qtbot.waitSignal(playback.failed, timeout=5000) as blocker:
        playback.start(store, crowd, START, too_long, EDGES)
    assert "shorter window" in blocker.args[0]


def test_an_empty_window_says_there_is_nothing(qtbot, playback, store, crowd):
    with qtbot.waitSignal(playback.failed, timeout=5000) as blocker:
        playback.start(store, crowd, START - timedelta(days=2), START - timedelta(days=2, minutes=-30), EDGES)
    assert "nothing to play back" in blocker.args[0]


def test_interval_ends_cover_the_window():
    assert interval_ends(START, START + timedelta(hours=1))[-1] == START + timedelta(hours=1)
    assert len(interval_ends(START, START + timedelta(hours=1))) == 4


def test_the_layer_is_made_and_styled_on_the_worker_and_handed_to_the_main_thread(
    qtbot, playback, store, crowd, monkeypatch
):
    from druktemeter.plugin.mapping import playback as playback_module
    from qgis.PyQt.QtCore import QCoreApplication

    styled_on, real_style = [], playback_module.style_and_time

    def recording_style(layer, *args):
        styled_on.append((threading.current_thread() is threading.main_thread(), layer.thread()))
        real_style(layer, *args)

    monkeypatch.setattr(playback_module, "style_and_time", recording_style)
    layer = play_back(qtbot, playback, store, crowd)
    main = QCoreApplication.instance().thread()
    assert [on_main for on_main, _ in styled_on] == [False] and styled_on[0][1] is not main
    assert layer.thread() is main and layer.dataProvider().thread() is main
    assert layer.featureCount() == 24 and layer.renderer() is not None


def test_a_newer_window_replaces_one_still_being_built(qtbot, playback, store, crowd):
    delivered = []
    playback.ready.connect(delivered.append)
    playback.start(store, crowd, START, START + timedelta(hours=1), EDGES)
    playback.start(store, crowd, START, START + timedelta(minutes=30), EDGES)
    qtbot.waitUntil(lambda: bool(delivered), timeout=10000)
    qtbot.wait(300)  # the first window's layer, even when finished, is not handed over
    assert [layer.featureCount() for layer in delivered] == [6 * 2]
