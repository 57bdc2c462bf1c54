"""The trainer's replay controls, steering the simulator's real clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.gui.demo_panel import SPEEDS, DemoPanel
from druktemeter.plugin.simulator import SimClock
from qgis.PyQt.QtCore import QTime

SATURDAY_0900_UTC = datetime(2026, 6, 13, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock(wall):
    return SimClock(SATURDAY_0900_UTC, 1.0, wall=wall)


@pytest.fixture
def panel(qtbot):
    widget = DemoPanel([("markt", "markt — Saturday market"), ("park", "park — Hot day")])
    qtbot.addWidget(widget)
    return widget


def test_controls_are_disabled_and_banner_hidden_outside_demo_mode(panel):
    assert not panel.replay.isEnabled()
    assert not panel.banner.isVisibleTo(panel)
    panel.set_demo_enabled(True)
    assert panel.replay.isEnabled() and panel.banner.isVisibleTo(panel)
    assert "EXERCISE" in panel.banner.text()


def test_switch_emits_demo_toggled(panel, qtbot):
    with qtbot.waitSignal(panel.demoToggled) as signal:
        panel.switch.click()
    assert signal.args == [True]


def test_speed_choice_drives_the_simulated_clock(panel, clock, wall):
    panel.set_demo_enabled(True)
    panel.set_clock(clock)
    panel.speed.setCurrentIndex(SPEEDS.index(60))
    wall.seconds += 60
    assert clock.now() == SATURDAY_0900_UTC + timedelta(hours=1)


def test_pause_and_resume_stop_and_restart_time(panel, clock, wall):
    panel.set_demo_enabled(True)
    panel.set_clock(clock)
    assert panel.play_button.text() == "Pause"
    panel.play_button.click()
    assert clock.paused and panel.play_button.text() == "Start"
    wall.seconds += 600
    assert clock.now() == SATURDAY_0900_UTC
    panel.play_button.click()
    assert not clock.paused


def test_jump_goes_to_the_time_of_day_on_the_exercise_day(panel, clock):
    panel.set_demo_enabled(True)
    panel.set_clock(clock)
    local_start = SATURDAY_0900_UTC.astimezone()
    assert panel.jump_time.time() == QTime(local_start.hour, local_start.minute)
    panel.jump_time.setTime(QTime(14, 30))
    panel.jump_button.click()
    jumped = clock.now().astimezone()
    assert (jumped.hour, jumped.minute, jumped.date()) == (14, 30, local_start.date())


def test_restart_asks_for_the_chosen_scenario_and_seed(panel, qtbot):
    panel.set_demo_enabled(True)
    panel.scenario.setCurrentIndex(1)
    panel.seed.setValue(42)
    with qtbot.waitSignal(panel.restartRequested) as signal:
        panel.restart_button.click()
    assert signal.args == ["park", 42]


def test_set_choice_shows_settings_without_emitting(panel, qtbot):
    with qtbot.assertNotEmitted(panel.restartRequested):
        panel.set_choice("park", 7, 50.0)
    assert panel.scenario.currentData() == "park"
    assert panel.seed.value() == 7
    assert panel.speed.currentData() == 60
