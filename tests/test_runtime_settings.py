"""Settings in the Plugins section of QgsSettings, typed, and moved there once from earlier builds' place."""

from __future__ import annotations

from druktemeter.plugin.runtime.settings import LEGACY_GROUP, PluginSettings, migrate_legacy_keys
from qgis.core import QgsSettings

FEED_URL = "https://feed.veiligheidsregio.example/v1/"


def test_a_setting_is_stored_in_the_plugins_section():
    PluginSettings().set_value("feed/url", FEED_URL)
    section = QgsSettings.Section.Plugins
    assert QgsSettings().value("druktemeter/feed/url", "", section=section) == FEED_URL
    assert not QgsSettings().contains("druktemeter/feed/url")


def test_values_come_back_typed_and_a_change_is_announced_once():
    settings = PluginSettings()
    announced = []
    settings.changed.connect(announced.append)
    settings.set_value("feed/poll_seconds", "90")
    settings.set_value("feed/poll_seconds", 90)
    assert settings.value("feed/poll_seconds") == 90
    assert announced == ["feed/poll_seconds"]


def test_settings_of_earlier_builds_are_moved_once_and_the_old_group_removed():
    old = QgsSettings()
    old.setValue(f"{LEGACY_GROUP}/feed/url", FEED_URL)
    old.setValue(f"{LEGACY_GROUP}/feed/poll_seconds", 120)
    assert migrate_legacy_keys() == 2
    settings = PluginSettings()
    assert settings.value("feed/url") == FEED_URL
    assert settings.value("feed/poll_seconds") == 120
    assert LEGACY_GROUP not in QgsSettings().childGroups()
    assert migrate_legacy_keys() == 0
    assert settings.value("feed/url") == FEED_URL


def test_a_value_already_in_the_plugins_section_wins_over_an_old_one():
    PluginSettings().set_value("feed/url", FEED_URL)
    QgsSettings().setValue(f"{LEGACY_GROUP}/feed/url", "https://old.example/")
    migrate_legacy_keys()
    assert PluginSettings().value("feed/url") == FEED_URL


def test_the_plugin_moves_old_settings_before_it_reads_them(iface):
    import druktemeter

    QgsSettings().setValue(f"{LEGACY_GROUP}/feed/url", FEED_URL)
    instance = druktemeter.classFactory(iface)
    assert instance.settings.value("feed/url") == FEED_URL
