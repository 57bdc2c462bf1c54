"""Which places name cells: bundled in demo mode, the configured file live, nothing on a bad file."""

from __future__ import annotations

import json

from druktemeter.plugin.runtime.places import place_finder
from druktemeter.plugin.runtime.settings import PluginSettings


def test_demo_uses_the_bundled_places_live_the_configured_file(tmp_path, caplog):
    settings = PluginSettings()
    assert place_finder(settings, demo=True).name_at(5.3037, 51.6886) == "Markt, 's-Hertogenbosch"
    assert list(place_finder(settings, demo=False).places) == []  # live, no file: the feed's names only
    path = tmp_path / "places.json"
    path.write_text(
        json.dumps({"places": [{"name": "Dam", "town": "Amsterdam", "lon": 4.893, "lat": 52.373}]})
    )
    settings.set_value("places/file", str(path))
    assert place_finder(settings, demo=False).name_at(4.8932, 52.3731) == "Dam, Amsterdam"
    path.write_text("not json")
    assert list(place_finder(settings, demo=False).places) == []
    assert "cannot be read" in caplog.text


def test_a_places_file_is_read_again_only_when_it_changed(tmp_path):
    import os

    settings = PluginSettings()
    path = tmp_path / "places.json"
    path.write_text(json.dumps({"places": [{"name": "Oss", "lon": 5.53, "lat": 51.76}]}))
    settings.set_value("places/file", str(path))
    first = place_finder(settings, demo=False)
    assert place_finder(settings, demo=False).places == first.places
    path.write_text(json.dumps({"places": [{"name": "Uden", "lon": 5.62, "lat": 51.66}]}))
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert [p.name for p in place_finder(settings, demo=False).places] == ["Uden"]
