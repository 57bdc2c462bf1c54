"""Naming cells: spots within their radius, else the nearest town; bounded, tolerant files."""

from __future__ import annotations

import json

import pytest
from druktemeter.plugin.core.places import (
    MAX_FILE_BYTES,
    Place,
    PlaceFinder,
    PlacesError,
    bounding_box_centre,
    distance_m,
    read_places,
)
from druktemeter.plugin.simulator.geography import demo_places, generate

TOWNS = [Place("'s-Hertogenbosch", 5.3037, 51.6978, population=118000), Place("Rosmalen", 5.365, 51.716)]
SPOTS = [Place("Markt", 5.3037, 51.6886, town="'s-Hertogenbosch", radius_m=300)]


def square(lon: float, lat: float, size: float = 0.002) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_spot_names_cells_within_its_radius_the_nearest_town_the_rest():
    finder = PlaceFinder(TOWNS + SPOTS)
    assert finder.name_at(5.3040, 51.6888) == "Markt, 's-Hertogenbosch"
    assert finder.name_at(5.3100, 51.6990) == "'s-Hertogenbosch"  # 600 m from the Markt
    assert finder.name_at(5.3600, 51.7150) == "Rosmalen"
    assert finder.name_at(5.6, 51.9) == "near Rosmalen"  # 20 km out
    assert PlaceFinder([]).name_at(5.3, 51.7) == ""


def test_the_feeds_own_name_wins_and_a_cell_is_named_at_its_centre():
    finder = PlaceFinder(TOWNS + SPOTS)
    cell = square(5.3030, 51.6880, 0.0015)
    assert bounding_box_centre(cell) == pytest.approx((5.30375, 51.68875))
    assert finder.name_cell(cell) == "Markt, 's-Hertogenbosch"
    assert finder.name_cell(cell, "Stationsplein, Den Bosch") == "Stationsplein, Den Bosch"


def test_the_grid_search_finds_the_same_town_as_a_full_scan():
    places = [Place(f"t{i}", 3.3 + (i * 0.37) % 4, 50.8 + (i * 0.23) % 2.7) for i in range(400)]
    finder = PlaceFinder(places)
    for k in range(200):
        lon, lat = 3.2 + (k * 0.113) % 4.2, 50.7 + (k * 0.071) % 2.9
        nearest = min(places, key=lambda p: distance_m(lon, lat, p.lon, p.lat))
        assert finder.name_at(lon, lat).removeprefix("near ") == nearest.name


def test_places_files_plain_json_and_geojson_bad_entries_skipped(tmp_path):
    plain = tmp_path / "places.json"
    plain.write_text(json.dumps({"places": [
        {"name": "Markt", "town": "Oss", "lon": 5.532, "lat": 51.765, "radius_m": 250},
        {"name": "", "lon": 5.5, "lat": 51.7}, {"name": "Nowhere", "lon": 500, "lat": 51}, "not a place",
        {"name": "Oss", "lon": 5.532, "lat": 51.765, "population": 64000},
    ]}), encoding="utf-8")  # fmt: skip
    assert read_places(plain) == [
        Place("Markt", 5.532, 51.765, "Oss", 250.0),
        Place("Oss", 5.532, 51.765, population=64000),
    ]
    geojson = tmp_path / "places.geojson"
    point = {"type": "Point", "coordinates": [5.3, 51.7]}
    features = [{"type": "Feature", "geometry": point, "properties": {"name": "Den Bosch"}},
                {"type": "Feature", "geometry": None, "properties": {"name": "lost"}}]  # fmt: skip
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    assert read_places(geojson) == [Place("Den Bosch", 5.3, 51.7)]


def test_an_unreadable_or_oversized_places_file_says_so(tmp_path):
    with pytest.raises(PlacesError) as missing:
        read_places(tmp_path / "absent.json")
    assert "absent.json" in missing.value.user_message()
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(PlacesError):
        read_places(broken)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk space used
    with pytest.raises(PlacesError, match="larger than"):
        read_places(big)


def test_demo_cells_at_the_carnival_are_named_markt_s_hertogenbosch():
    finder = PlaceFinder(demo_places())
    names = {c.id: finder.name_cell(c.cell.geometry) for c in generate(1).cells}
    assert "Markt, 's-Hertogenbosch" in names.values()
    assert all(names.values()), "every demo cell has a name"
    assert sum(name.startswith("near ") for name in names.values()) < len(names) / 3
