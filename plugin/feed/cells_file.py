"""The parsed cell list as the disk cache keeps it, so a restart does not parse the GeoJSON again.

Parsing a national cell list checks every polygon (area, rings, overlaps) in
Python: about 1.7 s for 60,000 cells, which came before the first picture after
every QGIS start. The cache therefore keeps what the parser produced, column-wise
(ids, WKB, properties), and reading it back is slicing bytes.

What the parser accepts may change between plugin versions; a file written by a
different parser (a fingerprint of the parsing code's source) is not used, so
the list is fetched and checked again. Integrity (a flipped bit, a torn file) is
the cache's job: its header carries the digest of this whole block.

Layout, little-endian: ``MAGIC``, the parser fingerprint (32 bytes), the cell
count (u32), then three length-prefixed (u64) sections: the ids joined by ``\\n``
(an accepted id never holds a control character; if one did, the columns would
disagree on reading and the list would be fetched again), the WKB ends (one u64 per
cell) followed by the WKB, and the properties as one flat JSON object per line.

Written and read in pieces: this runs on a worker beside the QGIS main thread, and
one ``json.loads`` or ``json.dumps`` over 200,000 objects holds the GIL for 50 ms and more.
"""

from __future__ import annotations

import functools
import hashlib
import json
import struct
from pathlib import Path

import numpy

from ..core.collector import collector_paused
from ..core.geometry import PackedCells

MAGIC = b"DMCELLS2"
PIECE = 10_000  # properties decoded per json.loads call
_COUNT = struct.Struct("<I")
_LENGTH = struct.Struct("<Q")
_PARSER_SOURCES = ("feed/parsing.py", "feed/geometry.py", "core/geometry.py")


class UnusableCellsFileError(ValueError):
    """The block was written by another parser or does not hold together."""


@functools.lru_cache(maxsize=1)
def parser_fingerprint() -> bytes:
    """A digest of the code that decides what a valid cell list is."""
    plugin = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in _PARSER_SOURCES:
        digest.update((plugin / name).read_bytes())
    return digest.digest()


def packed_bytes(cells: PackedCells) -> bytes:
    """The parsed list as one block (see the module docstring)."""
    ids, wkb, properties = cells.columns()
    joined_ids = "\n".join(ids).encode("utf-8")
    ends = numpy.cumsum([len(item) for item in wkb], dtype="<u8").tobytes()
    return b"".join(
        (
            MAGIC,
            parser_fingerprint(),
            _COUNT.pack(len(ids)),
            *_section(joined_ids),
            *_section(ends + b"".join(wkb)),
            *_section(
                "\n".join(json.dumps(row, separators=(",", ":")) for row in properties).encode("utf-8")
            ),
        )
    )


def cells_from_packed(data: bytes) -> PackedCells:
    """The list back from :func:`packed_bytes`; :class:`UnusableCellsFileError` if it is not one of ours.

    Read through a ``memoryview`` and cut per cell: a section copied out whole (25 MB of WKB at
    200,000 cells) or split in one call is one stretch of 20-50 ms holding the GIL.
    """
    head = len(MAGIC) + 32
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : head] != parser_fingerprint():
        raise UnusableCellsFileError("written by another version of the parser")
    if len(data) < head + _COUNT.size:
        raise UnusableCellsFileError("cut short")
    (count,) = _COUNT.unpack_from(data, head)
    view = memoryview(data)
    offset = head + _COUNT.size
    joined_ids, offset = _read_section(view, offset)
    geometry, offset = _read_section(view, offset)
    properties_json, offset = _read_section(view, offset)
    if offset != len(data):
        raise UnusableCellsFileError("trailing bytes")
    with collector_paused():
        ids = tuple(str(line, "utf-8") for line in _lines(joined_ids, count))
        wkb = _wkb_column(geometry, count)
        properties = _properties_column(properties_json, count)
    if not (len(ids) == len(wkb) == len(properties) == count) or not all(
        isinstance(row, dict) for row in properties
    ):
        raise UnusableCellsFileError("the columns disagree")
    return PackedCells(ids, wkb, tuple(properties))


def _lines(block: memoryview, count: int) -> list[memoryview]:
    """``block`` split at each newline, as views (the newlines found by numpy, the GIL released)."""
    if not count:
        return []
    ends = numpy.flatnonzero(numpy.frombuffer(block, dtype=numpy.uint8) == ord("\n")).tolist()
    starts = [0, *(end + 1 for end in ends)]
    return [block[start:end] for start, end in zip(starts, [*ends, len(block)])]


def _properties_column(block: memoryview, count: int) -> list:
    lines = _lines(block, count)
    properties: list = []
    for start in range(0, len(lines), PIECE):
        properties += json.loads(b"[" + b",".join(lines[start : start + PIECE]) + b"]")
    return properties


def _section(block: bytes) -> tuple[bytes, bytes]:
    return _LENGTH.pack(len(block)), block


def _read_section(data: memoryview, offset: int) -> tuple[memoryview, int]:
    if offset + _LENGTH.size > len(data):
        raise UnusableCellsFileError("cut short")
    (length,) = _LENGTH.unpack_from(data, offset)
    start = offset + _LENGTH.size
    if start + length > len(data):
        raise UnusableCellsFileError("cut short")
    return data[start : start + length], start + length


def _wkb_column(geometry: memoryview, count: int) -> tuple[bytes, ...]:
    table = 8 * count
    if len(geometry) < table:
        raise UnusableCellsFileError("cut short")
    ends = numpy.frombuffer(geometry, dtype="<u8", count=count)
    descending = numpy.any(numpy.diff(ends.astype(numpy.int64)) < 0)
    if count and (descending or int(ends[-1]) != len(geometry) - table):
        raise UnusableCellsFileError("the geometry table disagrees")
    blob = geometry[table:]
    starts = [0, *ends[:-1].tolist()] if count else []
    return tuple(bytes(blob[start:end]) for start, end in zip(starts, ends.tolist()))
