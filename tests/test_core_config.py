"""The settings schema: defaults are valid, and validation says what is wrong in words."""

from __future__ import annotations

import pytest
from druktemeter.plugin.core.config import SETTINGS, band_edges, coerce, validate


def test_every_default_is_valid():
    assert {key: validate(key, s.default) for key, s in SETTINGS.items() if validate(key, s.default)} == {}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("feed/url", "https://feed.example.nl/v1", None),
        ("feed/url", "http://127.0.0.1:8080", None),
        ("feed/url", "", None),
        ("feed/url", "feed.example.nl", "Enter a web address that starts with http:// or https://"),
        ("feed/url", "https://", "Enter a web address"),
        ("feed/poll_seconds", 5, "Choose between 10 and 3600 seconds."),
        ("feed/poll_seconds", 60.0, "Expected a whole number, got 60.0."),
        ("feed/connect_timeout_s", 3, None),
        ("alerts/clear_ratio", 1.5, "Choose a ratio between 0.1 and 1.0."),
        ("alerts/count_threshold", 0, None),
        ("alerts/count_threshold", -1, "Choose 0 (off) or a count up to 10000000."),
        ("map/band_edges", "15,50,150", None),
        ("map/band_edges", "10,50", "The lowest band edge must be at least 15"),
        ("map/band_edges", "15,15,50", "Each band edge must be larger than the one before it."),
        ("map/band_edges", "15;50", "Enter whole numbers separated by commas"),
        ("map/band_edges", " ", "Enter at least one band edge."),
        ("history/retention_days", 0, "Keep history between 1 and 31 days."),
        ("feed/verify_tls", "yes", "Expected true or false, got 'yes'."),
    ],
)
def test_validation_messages(key, value, message):
    result = validate(key, value)
    if message is None:
        assert result is None
    else:
        assert result is not None and result.startswith(message)


def test_band_edges_parse_and_coerce_keeps_defaults_for_garbage():
    assert band_edges("15, 50,150,") == [15, 50, 150]
    assert coerce(SETTINGS["feed/poll_seconds"], "abc") == 60


@pytest.mark.parametrize(
    ("url", "refused_because"),
    [
        ("https://drukte.example.nl/v1", None),
        ("http://127.0.0.1:8080", None),
        ("http://localhost:8080/v1", None),
        ("http://[::1]:8080", None),
        ("https://drukte.example.nl/v1?region=brabant", None),
        ("http://drukte.example.nl/v1", "Use https://"),
        ("http://10.0.0.5/v1", "Use https://"),
        ("https://meldkamer@drukte.example.nl", "Remove the user name and password"),
        ("https://meldkamer:geheim@drukte.example.nl", "Remove the user name and password"),
        ("https://drukte.example.nl/v1?token=abc", "Remove the token or key"),
        ("https://drukte.example.nl/v1?api_key=abc", "Remove the token or key"),
        ("https://drukte.example.nl/v1?apikey=abc", "Remove the token or key"),
        ("https://drukte.example.nl/v1?access-token=abc", "Remove the token or key"),
        ("https://drukte.example.nl/v1?Password=abc", "Remove the token or key"),
        ("https://drukte.example.nl/v1?sig=abc", "Remove the token or key"),
        ("https://[::1/v1", "Enter a web address"),
    ],
)
def test_feed_addresses_that_would_leak_a_secret_or_travel_unencrypted_are_refused(url, refused_because):
    message = validate("feed/url", url)
    if refused_because is None:
        assert message is None
    else:
        assert message is not None and message.startswith(refused_because)
