"""The dock: what an operator sees before data, while paused, and when alerts cannot be raised."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from druktemeter.plugin.core.status import FeedState, FeedStatus
from druktemeter.plugin.gui.alert_panel import AlertPanel
from druktemeter.plugin.gui.dock import DruktemeterDock
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.runtime.alert_service import AlertService
from druktemeter.plugin.runtime.settings import PluginSettings


@pytest.fixture
def alerts(tmp_path):
    crowd = CrowdLayer([15, 50, 150])
    service = AlertService(PluginSettings(), crowd, tmp_path / "log.jsonl")
    yield service
    service.close()
    crowd.close()


@pytest.fixture
def dock(qtbot, alerts):
    widget = DruktemeterDock(
        AlertPanel(alerts),
        None,
        [("markt", "markt")],
        lambda: datetime.now(timezone.utc),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_empty_state_explains_what_to_do_until_data_arrives(dock):
    assert dock.empty_label.isVisible()
    assert "Settings" in dock.empty_label.text() and "demo" in dock.empty_label.text()
    dock.set_has_data(True)
    assert not dock.empty_label.isVisible()


def test_paused_status_checks_the_pause_button_and_relabels_it(dock, qtbot):
    emitted = []
    dock.pause_button.toggled.connect(emitted.append)
    dock.show_status(FeedStatus(FeedState.PAUSED))
    assert dock.pause_button.isChecked() and dock.pause_button.text() == "Resume updates"
    dock.show_status(FeedStatus(FeedState.WAITING))
    assert not dock.pause_button.isChecked() and dock.pause_button.text() == "Pause updates"
    assert emitted == [], "showing the status is not a user's request to pause"


def test_region_problem_is_shown_above_the_alerts_only_when_there_is_one(dock):
    dock.set_region_problem("No region set: no alerts will be raised.")
    assert dock.region_label.isVisible() and "No region" in dock.region_label.text()
    dock.set_region_problem("")
    assert not dock.region_label.isVisible()


def test_long_work_shows_what_is_happening_and_how_far_then_goes_away(dock):
    assert not dock.progress_bar.isVisible()
    dock.show_progress("Preparing the exercise", 0.4)
    assert dock.progress_label.isVisible() and dock.progress_label.text() == "Preparing the exercise"
    assert dock.progress_bar.isVisible() and dock.progress_bar.value() == 40
    dock.show_progress("Preparing the exercise", 1.0)
    assert not dock.progress_bar.isVisible() and not dock.progress_label.isVisible()
