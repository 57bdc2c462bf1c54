"""The proxy QGIS is configured with (Settings → Options → Network) is the proxy the feed uses."""

from __future__ import annotations

import pytest
from druktemeter.plugin.feed.exercise import RemoteExerciseClock
from druktemeter.plugin.runtime.network import cache_directory, connection_options, feed_reader, proxies_for
from qgis.core import QgsSettings

FEED = "https://feed.example.nl/druktemeter"


@pytest.fixture
def settings():
    settings = QgsSettings()
    yield settings
    settings.remove("proxy")


def configure(settings, **values):
    for key, value in values.items():
        settings.setValue(f"proxy/{key}", value)


def test_no_proxy_when_disabled(settings):
    configure(settings, proxyEnabled=False, proxyType="HttpProxy", proxyHost="proxy.local", proxyPort="8080")
    assert proxies_for(FEED, settings) is None


def test_http_proxy_with_credentials(settings):
    configure(
        settings,
        proxyEnabled=True,
        proxyType="HttpProxy",
        proxyHost="proxy.vr.local",
        proxyPort="3128",
        proxyUser="meld kamer",
        proxyPassword="p@ss:word",
    )
    assert proxies_for(FEED, settings) == {
        "http": "http://meld%20kamer:p%40ss%3Aword@proxy.vr.local:3128",
        "https": "http://meld%20kamer:p%40ss%3Aword@proxy.vr.local:3128",
    }


def test_excluded_urls_go_direct(settings):
    configure(
        settings,
        proxyEnabled=True,
        proxyType="HttpProxy",
        proxyHost="proxy.vr.local",
        proxyPort="3128",
        proxyExcludedUrls="https://intranet.local|https://feed.example.nl",
    )
    assert proxies_for(FEED, settings) is None
    assert proxies_for("https://elsewhere.example.nl", settings)["https"] == "http://proxy.vr.local:3128"


def test_default_proxy_is_left_to_the_system(settings):
    configure(settings, proxyEnabled=True, proxyType="DefaultProxy", proxyHost="ignored")
    assert proxies_for(FEED, settings) is None


def test_socks5(settings):
    configure(settings, proxyEnabled=True, proxyType="Socks5Proxy", proxyHost="socks.local", proxyPort="1080")
    assert proxies_for(FEED, settings)["https"] == "socks5h://socks.local:1080"


def test_feed_reader_from_the_plugin_settings(settings, tmp_path):
    from druktemeter.plugin.core.config import SETTINGS

    values = {key: setting.default for key, setting in SETTINGS.items()}
    assert feed_reader(values.get) is None  # no feed configured yet
    values.update({"feed/url": "https://feed.example.nl/druktemeter/", "feed/verify_tls": False})
    values.update({"feed/connect_timeout_s": 2.5, "feed/read_timeout_s": 9.0})
    reader = feed_reader(values.get)
    try:
        assert reader.base_url == "https://feed.example.nl/druktemeter"
        assert repr(reader) == "HttpFeedReader('feed.example.nl')"
        assert reader._http.timeout == (2.5, 9.0) and reader._http.verify_tls is False
    finally:
        reader.close()
    assert cache_directory().parts[-2:] == ("cache", "druktemeter")


def test_the_reader_and_the_exercise_clock_share_one_set_of_connection_options(settings):
    """Proxy, TLS and timeouts come from one place for every request the plugin makes."""
    from druktemeter.plugin.core.config import SETTINGS

    configure(
        settings, proxyEnabled=True, proxyType="HttpProxy", proxyHost="proxy.vr.local", proxyPort="3128"
    )
    values = {key: setting.default for key, setting in SETTINGS.items()}
    values.update({"feed/url": FEED, "feed/verify_tls": False, "feed/read_timeout_s": 9.0})
    options = connection_options(values.get)
    assert options["proxies"] == {"http": "http://proxy.vr.local:3128", "https": "http://proxy.vr.local:3128"}
    assert options["token_provider"]() is None  # no authentication configuration chosen
    reader = feed_reader(values.get)
    clock = RemoteExerciseClock(FEED, **options)
    try:
        for transport in (reader._http, clock._http):
            assert transport.timeout == (5.0, 9.0) and transport.verify_tls is False
            assert transport._session.proxies == options["proxies"]
    finally:
        reader.close()
