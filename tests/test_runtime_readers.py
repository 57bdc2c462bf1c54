"""The feed reader is chosen by a setting: the HTTP client, or the simulator in demo mode."""

from __future__ import annotations

import pytest
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.runtime.readers import DEMO_POLL_SECONDS, UnsafeFeedAddressError, open_connection
from druktemeter.plugin.runtime.settings import PluginSettings
from druktemeter.plugin.simulator import ScenarioError
from druktemeter.plugin.simulator.reader import SimulatedFeedReader


@pytest.fixture
def settings():
    return PluginSettings()


def test_nothing_configured_opens_nothing(settings):
    assert open_connection(settings) is None


def test_a_feed_url_opens_the_http_client_with_the_poll_period(settings):
    settings.set_value("feed/url", "https://feed.example.nl/v1/")
    settings.set_value("feed/poll_seconds", 90)
    connection = open_connection(settings)
    try:
        assert isinstance(connection.reader, HttpFeedReader)
        assert connection.reader.base_url == "https://feed.example.nl/v1"
        assert connection.poll_seconds == 90 and not connection.is_demo
    finally:
        connection.close()


def test_demo_mode_wins_and_runs_the_chosen_scenario_on_its_own_clock(settings):
    settings.set_value("feed/url", "https://feed.example.nl/v1/")
    settings.set_value("demo/enabled", True)
    settings.set_value("demo/scenario", "park")
    settings.set_value("demo/seed", 4)
    connection = open_connection(settings)
    assert isinstance(connection.reader, SimulatedFeedReader)
    assert connection.is_demo and connection.source.scenario.name == "park" and connection.source.seed == 4
    assert connection.poll_seconds == DEMO_POLL_SECONDS
    connection.source.clock.pause()
    assert connection.now() == connection.source.clock.now()


def test_a_broken_scenario_file_raises_scenario_error_naming_the_file(settings, tmp_path):
    broken = tmp_path / "mijn-oefening.json"
    broken.write_text("{", encoding="utf-8")
    settings.set_value("demo/enabled", True)
    settings.set_value("demo/scenario", str(broken))
    with pytest.raises(ScenarioError, match=r"mijn-oefening\.json"):
        open_connection(settings)


@pytest.mark.parametrize(
    "url", ["http://drukte.example.nl/v1", "https://drukte.example.nl/v1?token=geheim", "https://a:b@x.nl"]
)
def test_a_stored_address_the_dialog_would_refuse_is_never_connected_to(settings, url):
    settings.set_value("feed/url", url)
    with pytest.raises(UnsafeFeedAddressError) as refused:
        open_connection(settings)
    assert str(refused.value).startswith("The feed address in the settings is not used: ")
    assert "geheim" not in str(refused.value)
