"""The parsed cell list as the disk cache keeps it: read back equal, or refused, never half-read."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from druktemeter.plugin.core.geometry import PackedCells
from druktemeter.plugin.feed import cells_file
from druktemeter.plugin.feed.cells_file import (
    MAGIC,
    UnusableCellsFileError,
    cells_from_packed,
    packed_bytes,
)
from druktemeter.plugin.feed.parsing import parse_cells

FIXTURES = Path(__file__).parent / "fixtures" / "feed"


@pytest.fixture(params=["cells.json", "cells_with_places.json"])
def parsed(request) -> PackedCells:
    return parse_cells((FIXTURES / request.param).read_bytes()).cells


def test_a_parsed_list_reads_back_equal_with_places_and_multipolygons(parsed):
    again = cells_from_packed(packed_bytes(parsed))
    assert again == parsed
    assert [cell for cell in again] == [cell for cell in parsed]  # places, properties, geometry


def test_an_empty_list_reads_back_empty():
    assert len(cells_from_packed(packed_bytes(PackedCells((), (), ())))) == 0


def test_a_multipolygon_cell_keeps_its_parts():
    square = [[[4.0, 52.0], [4.01, 52.0], [4.01, 52.01], [4.0, 52.01], [4.0, 52.0]]]
    other = [[[4.1, 52.0], [4.11, 52.0], [4.11, 52.01], [4.1, 52.01], [4.1, 52.0]]]
    cells = PackedCells.of(
        parse_cells(
            b'{"type":"FeatureCollection","features":[{"type":"Feature","id":"M-1","geometry":'
            + f'{{"type":"MultiPolygon","coordinates":[{square},{other}]}}'.replace("'", '"').encode()
            + b',"properties":{"site":"S","technology":"LTE","area_km2":2.4}}]}'
        ).cells
    )
    again = cells_from_packed(packed_bytes(cells))
    assert again[0].geometry["type"] == "MultiPolygon" and len(again[0].geometry["coordinates"]) == 2


def test_a_list_written_by_another_parser_is_not_used(parsed, monkeypatch):
    block = packed_bytes(parsed)
    monkeypatch.setattr(cells_file, "parser_fingerprint", lambda: b"\0" * 32)
    with pytest.raises(UnusableCellsFileError, match="another version"):
        cells_from_packed(block)


def test_the_cached_geojson_of_an_older_plugin_is_not_used():
    with pytest.raises(UnusableCellsFileError):
        cells_from_packed((FIXTURES / "cells.json").read_bytes())


def test_the_fingerprint_follows_the_parsing_code():
    """A changed parser (new checks) must not trust lists the old one accepted."""
    cells_file.parser_fingerprint.cache_clear()
    plugin = Path(cells_file.__file__).resolve().parents[1]
    assert (plugin / "feed" / "parsing.py").read_bytes() in b"".join(
        (plugin / name).read_bytes() for name in cells_file._PARSER_SOURCES
    )
    assert len(cells_file.parser_fingerprint()) == 32


def _damaged(block: bytes) -> list[bytes]:
    head = len(MAGIC) + 32
    (count,) = struct.unpack_from("<I", block, head)
    more = block[:head] + struct.pack("<I", count + 1) + block[head + 4 :]
    return [
        block[:-1],  # cut short
        block + b"\0",  # trailing bytes
        block[: len(block) // 2],
        more,  # the count disagrees with the columns
        block[:head],
    ]


def test_a_block_that_does_not_hold_together_is_refused(parsed):
    for damaged in _damaged(packed_bytes(parsed)):
        with pytest.raises(UnusableCellsFileError):
            cells_from_packed(damaged)


def test_a_geometry_table_pointing_outside_its_section_is_refused(parsed):
    block = bytearray(packed_bytes(parsed))
    head = len(MAGIC) + 32 + 4
    (ids_length,) = struct.unpack_from("<Q", block, head)
    table = head + 8 + ids_length + 8  # the first WKB end
    struct.pack_into("<Q", block, table, 10**9)
    with pytest.raises(UnusableCellsFileError, match="geometry table"):
        cells_from_packed(bytes(block))
