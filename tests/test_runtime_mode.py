"""The one object that knows the mode (live / demo / classroom) and its clock, on real readers
and a real reference service on loopback."""

from __future__ import annotations

import pytest
from druktemeter.plugin.core.model import FeedMeta
from druktemeter.plugin.feed.exercise import RemoteExerciseClock
from druktemeter.plugin.runtime.background import BackgroundWork
from druktemeter.plugin.runtime.mode import FeedMode, Mode
from druktemeter.plugin.runtime.readers import open_connection, open_demo
from druktemeter.plugin.runtime.settings import PluginSettings
from druktemeter.plugin.service.server import ReferenceServer
from druktemeter.plugin.simulator import build_source

LIVE_META = FeedMeta("Provider X", "© X", "terms")
EXERCISE_META = FeedMeta("Oefening", "© Oefening", "terms", exercise=True)


@pytest.fixture
def settings():
    return PluginSettings()


@pytest.fixture
def mode(settings, qtbot):
    background = BackgroundWork()
    feed_mode = FeedMode(settings, background)
    yield feed_mode
    assert background.shutdown() == []


def test_demo_mode_has_the_simulators_clock(mode, settings):
    connection = open_demo(settings)
    seen = []
    mode.changed.connect(seen.append)
    mode.set_connection(connection)
    assert seen == [Mode.DEMO] and mode.is_exercise
    assert mode.clock is connection.source.clock
    mode.set_meta(EXERCISE_META)  # the simulator's metadata changes nothing: still the local demo
    assert mode.mode is Mode.DEMO and mode.clock is connection.source.clock


def test_a_live_feed_is_live_until_its_metadata_says_exercise(mode, settings):
    server = ReferenceServer(build_source("markt", seed=2, speed=60), rate_limit=None)
    server.start()
    try:
        settings.set_value("feed/url", server.url)
        connection = open_connection(settings)
        mode.set_connection(connection)
        assert mode.mode is Mode.LIVE and mode.clock is None and not mode.is_exercise
        mode.set_meta(LIVE_META)
        assert mode.mode is Mode.LIVE
        mode.set_meta(EXERCISE_META)
        assert mode.mode is Mode.CLASSROOM and mode.is_exercise
        assert isinstance(mode.clock, RemoteExerciseClock)
        shared = mode.clock
        mode.set_meta(EXERCISE_META)  # re-read metadata: the same shared clock, not a new one
        assert mode.clock is shared
        shared.wait()
        assert shared.problem == ""  # the clock asked the real service for its state
        mode.set_meta(LIVE_META)
        assert mode.mode is Mode.LIVE and mode.clock is None
        connection.close()
    finally:
        server.stop()
        settings.set_value("feed/url", "")


def test_no_feed_is_no_mode(mode, settings):
    mode.set_connection(open_demo(settings))
    mode.set_connection(None)
    assert mode.mode is Mode.NONE and mode.clock is None and not mode.is_exercise
