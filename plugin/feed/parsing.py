"""Strict validation of feed payloads against the v1 contract (``docs/api.md``).

A payload is accepted whole or rejected whole with a precise reason
(:class:`~.errors.FeedPayloadError`, :class:`~.errors.FeedTimeError`); nothing
half-checked reaches the map. The privacy safeguards (``docs/privacy.md``) live
here too:

- an **allow-list**: only the documented keys, at every level of every document;
  cell properties are plain scalars of the documented names; a key that looks
  like a subscriber/device identifier or a position is named as such;
- JSON with a **duplicate key** is refused (parsers disagree on which one wins);
- the plugin's own **floor** ``max(15, meta.min_count)``: a counts document
  cannot lower it, and a count under it is suppressed here and logged;
- **trends only from published values**: with the directly preceding interval at
  hand the plugin derives every trend itself, so a feed that compares with a
  suppressed count cannot reveal it; without one, counts near the floor carry no
  trend;
- **cells are areas, not houses**: bounded, printable ids; polygons with at least
  ``MIN_CELL_AREA_M2``; a bounded number of vertices per cell and per list.

Counts are validated column-wise (whole lists at C speed, per-cell Python work
only on the failure path) so a national columnar payload parses in milliseconds.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

from ..core import strict_json
from ..core.collector import collector_paused
from ..core.geometry import PackedCells, wkb_of
from ..core.model import TRENDS_BY_CODE, CellSet, CountsSnapshot, FeedMeta, Interval, Trend
from ..core.trend import count_floor, lowest_unambiguous_count, published_trends
from .contract import API_VERSION, COLUMNAR, NO_DATA_CODE
from .errors import FeedPayloadError, FeedTimeError
from .geometry import EdgePairBudget, GeometryError, cell_area_m2

LOGGER = logging.getLogger("druktemeter.feed")

MAX_COUNT = 1_000_000  # more people on one antenna cell than any stadium holds: a provider bug
CLOCK_SKEW = timedelta(minutes=2)  # tolerated difference between our clock and the provider's

# Bounds of the cell list (docs/api.md, "GET /v1/cells"): cells are areas, not houses.
MAX_ID_LENGTH = 64  # characters of a cell id; printable only (a newline would break files)
MAX_PLACE_LENGTH = 100  # characters of a place name
MAX_PROPERTY_LENGTH = 64  # characters of `site` and `technology`
MAX_META_TEXT = 2000  # characters of a provider name, attribution, terms or terms URL
MIN_CELL_AREA_M2 = 10_000.0  # one hectare: a city block, never a single house
MAX_CELL_VERTICES = 10_000  # positions in one cell's polygon(s)
MAX_LIST_VERTICES = 10_000_000  # positions in the whole list (a national list holds ~2 million)

_TREND_NAMES = {"up": Trend.UP, "down": Trend.DOWN, "equal": Trend.EQUAL, None: Trend.UNKNOWN}
_META_KEYS = frozenset({"api_version", "provider", "terms_url", "interval_minutes", "min_count", "exercise"})
_PROVIDER_KEYS = frozenset({"name", "attribution", "terms"})
_HEALTH_KEYS = frozenset({"status", "time", "latest_interval"})
_INTERVAL_KEYS = frozenset({"start", "end"})
_COLLECTION_KEYS = frozenset({"type", "features"})
_FEATURE_KEYS = frozenset({"type", "id", "geometry", "properties"})
_GEOMETRY_KEYS = frozenset({"type", "coordinates"})
_COUNTS_KEYS = frozenset(
    {"interval", "min_count", "generated_at", "form", "ids", "counts", "trends", "cells", "cells_etag"}
)
_CELL_COUNT_KEYS = frozenset({"id", "count", "suppressed", "trend"})
_AREA_SHAPES = ("Polygon", "MultiPolygon")
_TRACE_SHAPES = ("Point", "MultiPoint", "LineString", "MultiLineString")
_IDENTIFIER_KEY = re.compile(
    r"msisdn|imsi|imei|iccid|tmsi|guti|subscriber"
    r"|(user|device|phone|handset|sim|ue|mac|ip)(id|ids|number|numbers|nr|hash|hashes|address|addresses|list)$"
)
_LOCATION_KEY = re.compile(
    r"^(lat|lon|lng|latitude|longitude|coordinates|geometry|location|position|trace|track|trajectory|points)$"
)


# ---------------------------------------------------------------- entry points


def parse_meta(body: bytes) -> FeedMeta:
    """``GET /v1/meta``: the provider's name, attribution, terms and interval length."""
    doc = _object(load_json(body), _META_KEYS, "meta")
    version = doc.get("api_version")
    if not (isinstance(version, str) and (version == API_VERSION or version.startswith(API_VERSION + "."))):
        raise FeedPayloadError("wrong_version", version=version)
    provider = _object(doc.get("provider"), _PROVIDER_KEYS, "meta.provider")
    interval_minutes = _whole(doc.get("interval_minutes"), "meta.interval_minutes", low=1, high=24 * 60)
    return FeedMeta(
        provider=_text(provider.get("name"), "meta.provider.name"),
        attribution=_text(provider.get("attribution", ""), "meta.provider.attribution"),
        terms=_text(provider.get("terms", ""), "meta.provider.terms"),
        interval_minutes=interval_minutes,
        min_count=_whole(doc.get("min_count"), "meta.min_count", low=0, high=MAX_COUNT),
        terms_url=_text(doc.get("terms_url") or "", "meta.terms_url"),
        exercise=_expect(doc.get("exercise", False), bool, "meta.exercise", "boolean"),
    )


def parse_health_time(body: bytes) -> datetime:
    """``GET /v1/health``: the service's clock (for an exercise: the simulated time)."""
    doc = _object(load_json(body), _HEALTH_KEYS, "health")
    latest = doc.get("latest_interval")
    if latest is not None:
        _interval(latest, "health.latest_interval")
    return _time(doc.get("time"), "health.time")


def parse_cells(body: bytes, progress: Optional[Callable[[float], None]] = None) -> CellSet:
    """``GET /v1/cells``: a GeoJSON FeatureCollection of coverage polygons with string ids.

    One bad cell refuses the whole list (the map keeps the list it has): counts
    refer to the list as a whole, and a list with a house-sized cell or an id
    used as a carrier is not a list to half-trust.

    Read one feature at a time, and each geometry kept as packed WKB
    (:class:`~..core.geometry.PackedPolygons`) once checked. A national cell list
    read whole would be tens of megabytes decoded in one call that holds the GIL
    (stalling the QGIS main thread for up to a second) and millions of small
    objects that every full run of the cycle collector walks, again holding the
    GIL. ``progress(fraction)`` is called now and then with the share of the body read.

    The cycle collector is paused meanwhile: each feature's lists die as soon as it is
    packed, but collections running in between would promote them, and the pile of
    promotions would set off full collections, which stop every thread.
    """
    with collector_paused():
        return _parse_cells(body, progress)


def _parse_cells(body: bytes, progress: Optional[Callable[[float], None]]) -> CellSet:
    text = _Text(body)
    position = text.skip_space(0)
    if not text.startswith("{", position):
        _expect(load_json(body), dict, "cells", "object")  # raises the precise error
    budget = _VertexBudget()
    doc, cells = _collection(text, position, progress or (lambda fraction: None), budget)
    _object(doc, _COLLECTION_KEYS, "cells")
    if doc.get("type") != "FeatureCollection":
        raise FeedPayloadError("wrong_shape", where="cells.type", expected='"FeatureCollection"')
    if cells is None:
        _expect(doc.get("features"), list, "cells.features", "array")
        cells = [_cell(feature, index, budget) for index, feature in enumerate(doc["features"])]
    _reject_duplicates([row[0] for row in cells], "cells.features")
    return CellSet(cells=PackedCells.from_rows(cells))


CellRow = tuple[str, bytes, dict]
_SPACE = re.compile(r"[ \t\n\r]*")
PROGRESS_EVERY = 2000  # features


class _Text:
    """The body as text, decoded a window at a time while the scanner moves through it.

    Decoding a national list whole is one call that holds the GIL while it writes 56 MB of
    fresh memory (30-70 ms at 200,000 cells, page faults included), and makes a string as large
    as the body again. Here only the part being read is decoded (:data:`WINDOW` bytes at a
    time, more for a value longer than that); the scanner sees absolute positions, as if the
    whole text were there. A value is only taken once text follows it in the window (a number
    cut at the window's end would otherwise read short). Errors name the line and column in the
    whole text, decoded whole for that (an error ends the parse anyway).
    """

    WINDOW = 1 << 20  # bytes decoded per step

    def __init__(self, body: bytes) -> None:
        self._bytes = body
        self._body = memoryview(body)
        self._encoding = json.detect_encoding(body)
        try:
            self._decoder = codecs.getincrementaldecoder(self._encoding)("surrogatepass")
        except LookupError as exc:
            raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None
        self._read = 0  # bytes of the body decoded so far
        self._start = 0  # the window's first character, counted in the whole text
        self._window = ""
        self._grow(0)

    @property
    def _done(self) -> bool:
        return self._read == len(self._body)

    def _grow(self, position: int) -> None:
        """Let go of the text before ``position`` and decode at least one more window."""
        step = max(self.WINDOW, len(self._window))  # a long value: doubling, not re-copying
        end = min(len(self._body), self._read + step)
        try:
            more = self._decoder.decode(self._body[self._read : end], final=end == len(self._body))
        except UnicodeDecodeError as exc:
            raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None
        self._window = self._window[position - self._start :] + more
        self._start, self._read = position, end

    def share_before(self, position: int) -> float:
        """About how much of the text lies before ``position`` (exact once the body is decoded)."""
        decoded = self._start + len(self._window)
        return position / max(1, decoded) * self._read / max(1, len(self._body))

    def startswith(self, prefix: str, position: int) -> bool:
        while len(self._window) - (position - self._start) < len(prefix) and not self._done:
            self._grow(position)
        return self._window.startswith(prefix, position - self._start)

    def skip_space(self, position: int) -> int:
        """The position of the next character that is not JSON white space."""
        while True:
            end = _SPACE.match(self._window, position - self._start).end()
            if end < len(self._window) or self._done:
                return self._start + end
            self._grow(self._start + end)
            position = self._start

    def ends_at(self, position: int) -> bool:
        """Nothing but white space from ``position`` to the end of the text."""
        position = self.skip_space(position)
        return self._done and position - self._start == len(self._window)

    def value_at(self, position: int) -> tuple[Any, int]:
        """One JSON value starting at ``position`` (the C decoder, for this value only)."""
        while True:
            try:
                value, end = _value_at(self._window, position - self._start)
            except FeedPayloadError as error:
                if self._done or error.reason == "duplicate_key":
                    return _value_at(self._whole(), position)  # the error, placed in the whole text
            else:
                if end < len(self._window) or self._done:
                    return value, self._start + end
            self._grow(position)

    def syntax_error(self, position: int) -> FeedPayloadError:
        return _syntax_error(self._whole(), position)

    def _whole(self) -> str:
        """The whole text; a body that is not text at all is refused as such, wherever the
        scanner stopped (as when the body was decoded before scanning)."""
        try:
            return self._bytes.decode(self._encoding, "surrogatepass")
        except UnicodeDecodeError as exc:
            raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _skip_space(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()


def _value_at(text: str, position: int) -> tuple[Any, int]:
    """One JSON value starting at ``position`` (the C decoder, for this value only)."""
    try:
        return _DECODER.raw_decode(text, position)
    except strict_json.DuplicateKeyError as exc:
        raise FeedPayloadError("duplicate_key", key=exc.key) from None
    except json.JSONDecodeError as exc:
        raise FeedPayloadError("invalid_json", where=f"line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError, TypeError) as exc:
        raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _syntax_error(text: str, position: int) -> FeedPayloadError:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return FeedPayloadError("invalid_json", where=f"line {line}, column {column}")


def _collection(
    text: _Text, position: int, progress: Callable[[float], None], budget: _VertexBudget
) -> tuple[dict, Optional[list[CellRow]]]:
    """The top-level object: its members, with a ``features`` array read feature by feature."""
    doc: dict = {}
    cells = None
    position = text.skip_space(position + 1)
    if text.startswith("}", position):
        position += 1
    else:
        while True:
            key, position = text.value_at(position)
            position = text.skip_space(position)
            if type(key) is not str or not text.startswith(":", position):
                raise text.syntax_error(position)
            if key in doc:
                raise FeedPayloadError("duplicate_key", key=key)
            position = text.skip_space(position + 1)
            if key == "features" and text.startswith("[", position):
                cells, position = _features(text, position, progress, budget)
                doc[key] = cells
            else:
                doc[key], position = text.value_at(position)
                cells = None if key == "features" else cells
            position = text.skip_space(position)
            if text.startswith("}", position):
                position += 1
                break
            if not text.startswith(",", position):
                raise text.syntax_error(position)
            position = text.skip_space(position + 1)
    if not text.ends_at(position):
        raise text.syntax_error(position)
    return doc, cells


def _features(
    text: _Text, position: int, progress: Callable[[float], None], budget: _VertexBudget
) -> tuple[list[CellRow], int]:
    cells: list[CellRow] = []
    position = text.skip_space(position + 1)
    if text.startswith("]", position):
        return cells, position + 1
    while True:
        feature, position = text.value_at(position)
        cells.append(_cell(feature, len(cells), budget))
        if len(cells) % PROGRESS_EVERY == 0:
            progress(text.share_before(position))
        position = text.skip_space(position)
        if text.startswith("]", position):
            return cells, position + 1
        if not text.startswith(",", position):
            raise text.syntax_error(position)
        position = text.skip_space(position + 1)


def parse_counts(
    body: bytes,
    *,
    known_ids: Optional[Collection[str]] = None,
    previous: Optional[CountsSnapshot] = None,
    now: Optional[datetime] = None,
    cells: Optional[CellSet] = None,
    meta_min_count: int = 0,
) -> CountsSnapshot:
    """``GET /v1/counts`` in any of its forms.

    ``known_ids``: the cell ids of the current cell list (unknown ids are refused).
    ``cells``: the cell list held, needed for the columnar form without ids, which
    is aligned to the list whose ETag it names.
    ``previous``: the interval on the map; an older one is refused, and when it is
    the directly preceding interval every trend is derived from the two published
    intervals (the feed's own only checked against them).
    ``meta_min_count``: the provider's threshold from ``/v1/meta``. The snapshot's
    ``min_count`` is the plugin's floor ``max(15, meta_min_count, counts.min_count)``:
    a counts document can raise it, never lower it.
    """
    doc = _counts_object(load_json(body))
    interval = _interval(doc.get("interval"), "counts.interval")
    _check_time(interval, previous, now or datetime.now(timezone.utc))
    floor = count_floor(
        meta_min_count, _whole(doc.get("min_count"), "counts.min_count", low=0, high=MAX_COUNT)
    )
    if "generated_at" in doc:
        _time(doc["generated_at"], "counts.generated_at")
    if "cells_etag" in doc and "ids" not in doc:
        ids, counts, trends = _aligned(doc, cells)
    elif doc.get("form") == COLUMNAR or "ids" in doc:
        ids, counts, trends = _columnar(doc)
    else:
        ids, counts, trends = _per_cell(doc)
    _check_ids(ids, known_ids)
    counts = _checked_counts(ids, counts)
    counts = _suppress_below(ids, counts, floor)
    trends = _published_trends(ids, counts, trends, interval, previous, floor)
    return CountsSnapshot(
        interval=interval, min_count=floor, counts=_mapping(ids, counts), trends=_mapping(ids, trends)
    )


_PIECE = 10_000  # elements per C call over a national column (~1-3 ms holding the GIL)


def _pieces(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """``values`` in slices. The parse runs on a worker beside QGIS's main thread, and one C call
    over 200,000 values (``set``, ``max``, ``"".join``, ``dict(zip(...))``) holds the GIL for
    10-130 ms; between slices the interpreter can hand it to the main thread."""
    for start in range(0, len(values), _PIECE):
        yield values[start : start + _PIECE]


def _mapping(keys: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    """``dict(zip(keys, values))`` in pieces (see :func:`_pieces`)."""
    result: dict[str, Any] = {}
    for start in range(0, len(keys), _PIECE):
        end = start + _PIECE
        result.update(zip(keys[start:end], values[start:end]))
    return result


def load_json(body: bytes) -> Any:
    """JSON or a typed error; NaN/Infinity, absurd numbers and duplicate keys are not JSON we accept."""
    try:
        return strict_json.loads(body, parse_constant=_reject_constant)
    except strict_json.DuplicateKeyError as exc:
        raise FeedPayloadError("duplicate_key", key=exc.key) from None
    except json.JSONDecodeError as exc:
        raise FeedPayloadError("invalid_json", where=f"line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError, TypeError) as exc:  # bad encoding, too many digits, nesting
        raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _reject_constant(name: str) -> Any:
    raise FeedPayloadError("invalid_json", where=name)


_DECODER = strict_json.decoder(parse_constant=_reject_constant)


# ---------------------------------------------------------------- cells


class _VertexBudget:
    """Positions left for the rest of the cell list (``MAX_LIST_VERTICES`` in all), and
    the edge pairs its crossing checks may still compare."""

    def __init__(self) -> None:
        self.left = MAX_LIST_VERTICES
        self.edge_pairs = EdgePairBudget()

    def spend(self, cell_id: str, vertices: int) -> None:
        if vertices > MAX_CELL_VERTICES:
            raise FeedPayloadError("too_many_vertices", cell=cell_id, count=vertices, limit=MAX_CELL_VERTICES)
        self.left -= vertices
        if self.left < 0:
            raise FeedPayloadError(
                "too_many_vertices",
                cell=cell_id,
                count="> " + str(MAX_LIST_VERTICES),
                limit=MAX_LIST_VERTICES,
            )


def _cell(feature: Any, index: int, budget: _VertexBudget) -> CellRow:
    """A checked feature as a row of flat values (id, WKB, properties with the place):
    nothing for the collector."""
    where = f"cells.features[{index}]"
    feature = _object(feature, _FEATURE_KEYS, where)
    if feature.get("type") != "Feature":
        raise FeedPayloadError("wrong_shape", where=where + ".type", expected='"Feature"')
    cell_id = _cell_id(feature.get("id"), where + ".id")
    properties = _properties(feature.get("properties"), where + ".properties")
    geometry = _expect(feature.get("geometry"), dict, where + ".geometry", "object")
    _check_geometry(cell_id, geometry, budget, where + ".geometry")
    return cell_id, wkb_of(geometry), properties


def _cell_id(value: Any, where: str) -> str:
    if type(value) is not str or not value:
        raise FeedPayloadError("wrong_shape", where=where, expected="string")
    if len(value) > MAX_ID_LENGTH:
        raise FeedPayloadError("long_id", where=where, length=len(value), limit=MAX_ID_LENGTH)
    if not value.isprintable():
        raise FeedPayloadError("control_id", where=where)
    return value


def _short_text(limit: int) -> Callable[[Any, str], str]:
    def check(value: Any, where: str) -> str:
        if type(value) is not str:
            raise FeedPayloadError("wrong_shape", where=where, expected="string")
        if len(value) > limit or not value.isprintable():
            raise FeedPayloadError("bad_text", where=where, limit=limit)
        return value

    return check


def _area_km2(value: Any, where: str) -> float:
    if not _is_number(value) or value < 0:
        raise FeedPayloadError("bad_value", where=where, value=value)
    return value


def _azimuth(value: Any, where: str) -> float:
    if not _is_number(value) or not 0 <= value < 360:
        raise FeedPayloadError("bad_value", where=where, value=value)
    return value


# The documented cell properties, each a plain scalar; null means absent.
_PROPERTIES: dict[str, Callable[[Any, str], Any]] = {
    "site": _short_text(MAX_PROPERTY_LENGTH),
    "technology": _short_text(MAX_PROPERTY_LENGTH),
    "azimuth": _azimuth,
    "area_km2": _area_km2,
    "place": _short_text(MAX_PLACE_LENGTH),
}


def _properties(value: Any, where: str) -> dict:
    if value is None:
        return {}
    value = _object(value, _PROPERTIES.keys(), where)
    return {key: _PROPERTIES[key](item, f"{where}.{key}") for key, item in value.items() if item is not None}


def _check_geometry(cell_id: str, geometry: dict, budget: _VertexBudget, where: str) -> None:
    shape = geometry.get("type")
    if shape in _TRACE_SHAPES:
        raise FeedPayloadError("point_trace", cell=cell_id, geometry=shape)
    if shape not in _AREA_SHAPES:
        raise FeedPayloadError("bad_geometry", cell=cell_id, problem="type")
    _object(geometry, _GEOMETRY_KEYS, where)
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if shape == "Polygon" else coordinates
    try:
        if type(polygons) is not list or not polygons:
            raise GeometryError("rings")
        budget.spend(cell_id, _vertex_count(polygons))
        area_m2 = cell_area_m2(geometry, budget.edge_pairs)
    except GeometryError as problem:
        raise FeedPayloadError("bad_geometry", cell=cell_id, problem=problem.problem) from None
    if area_m2 < MIN_CELL_AREA_M2:
        raise FeedPayloadError(
            "tiny_cell", cell=cell_id, area=round(area_m2), minimum=round(MIN_CELL_AREA_M2)
        )


def _vertex_count(polygons: list) -> int:
    """Positions in all rings, counted before any is looked at (an absurd cell costs no loop)."""
    if not all(
        type(rings) is list and rings and all(type(ring) is list for ring in rings) for rings in polygons
    ):
        raise GeometryError("rings")
    return sum(len(ring) for rings in polygons for ring in rings)


# ---------------------------------------------------------------- counts


def _counts_object(value: Any) -> dict:
    doc = _object(value, _COUNTS_KEYS, "counts")
    for key, kind, expected in (("form", str, "string"), ("cells_etag", str, "string")):
        if key in doc:
            _expect(doc[key], kind, f"counts.{key}", expected)
    if doc.get("form", COLUMNAR) != COLUMNAR:
        raise FeedPayloadError("bad_value", where="counts.form", value=doc["form"])
    return doc


def _columnar(doc: dict) -> tuple[list, list, list[Trend]]:
    ids = _expect(doc.get("ids"), list, "counts.ids", "array")
    counts = _expect(doc.get("counts"), list, "counts.counts", "array")
    codes = doc.get("trends")
    if codes is None:
        codes = "-" * len(ids)
    _expect(codes, str, "counts.trends", "string")
    if not len(ids) == len(counts) == len(codes):
        raise FeedPayloadError("length_mismatch", ids=len(ids), counts=len(counts), trends=len(codes))
    if not set(codes) <= TRENDS_BY_CODE.keys():
        index = next(i for i, code in enumerate(codes) if code not in TRENDS_BY_CODE)
        raise FeedPayloadError("bad_trend", where=f"counts.trends[{index}]", value=codes[index])
    return ids, counts, [TRENDS_BY_CODE[code] for code in codes]


def _aligned(doc: dict, cells: Optional[CellSet]) -> tuple[list, list, list[Trend]]:
    """The columnar form without ids: positions in the cell list the payload names."""
    etag = doc.get("cells_etag")
    if cells is None or cells.etag != etag:
        raise FeedPayloadError("cells_changed", etag=etag)
    packed_ids = getattr(cells.cells, "ids", None)  # a parsed list (core.geometry.PackedCells)
    order = packed_ids if packed_ids is not None else [cell.id for cell in cells.cells]
    codes = _expect(doc.get("trends"), str, "counts.trends", "string")
    counts = _expect(doc.get("counts"), list, "counts.counts", "array")
    if not len(order) == len(counts) == len(codes):
        raise FeedPayloadError("length_mismatch", ids=len(order), counts=len(counts), trends=len(codes))
    present = [i for i, code in enumerate(codes) if code != NO_DATA_CODE]
    columns = {"ids": [order[i] for i in present], "counts": [counts[i] for i in present]}
    return _columnar({**columns, "trends": "".join(codes[i] for i in present)})


def _per_cell(doc: dict) -> tuple[list, list, list[Trend]]:
    cells = _expect(doc.get("cells"), list, "counts.cells", "array")
    if not all(type(c) is dict for c in cells):
        index = next(i for i, c in enumerate(cells) if type(c) is not dict)
        raise FeedPayloadError("wrong_shape", where=f"counts.cells[{index}]", expected="object")
    if cells and not set().union(*cells) <= _CELL_COUNT_KEYS:
        for index, cell in enumerate(cells):
            _object(cell, _CELL_COUNT_KEYS, f"counts.cells[{index}]")
    flags = [c.get("suppressed", False) for c in cells]
    if not set(map(type, flags)) <= {bool}:
        index = next(i for i, flag in enumerate(flags) if type(flag) is not bool)
        raise FeedPayloadError("wrong_shape", where=f"counts.cells[{index}].suppressed", expected="boolean")
    ids = [c.get("id") for c in cells]
    counts = [None if flag else c.get("count") for c, flag in zip(cells, flags)]
    names = [c.get("trend") for c in cells]
    index = next((i for i, name in enumerate(names) if not (name is None or type(name) is str)), None)
    if index is None and not set(names) <= _TREND_NAMES.keys():
        index = next(i for i, name in enumerate(names) if name not in _TREND_NAMES)
    if index is not None:
        raise FeedPayloadError("bad_trend", where=f"counts.cells[{index}].trend", value=names[index])
    for index, (cell, flag) in enumerate(zip(cells, flags)):
        if "count" not in cell and not flag:
            raise FeedPayloadError("wrong_shape", where=f"counts.cells[{index}].count", expected="integer")
    return ids, counts, [_TREND_NAMES[name] for name in names]


def _check_ids(ids: list, known_ids: Optional[Collection[str]]) -> None:
    """Non-empty printable bounded strings, unique, and (when the cell list is known) all in it."""
    if any(set(map(type, piece)) - {str} for piece in _pieces(ids)):
        index = next(n for n, i in enumerate(ids) if type(i) is not str)
        raise FeedPayloadError("wrong_shape", where=f"counts id #{index}", expected="string")
    unique: set[str] = set()
    for piece in _pieces(ids):
        unique.update(piece)
    if "" in unique:
        raise FeedPayloadError("wrong_shape", where=f"counts id #{ids.index('')}", expected="string")
    if any(
        max(map(len, piece)) > MAX_ID_LENGTH or not "".join(piece).isprintable() for piece in _pieces(ids)
    ):
        index = next(n for n, i in enumerate(ids) if len(i) > MAX_ID_LENGTH or not i.isprintable())
        _cell_id(ids[index], f"counts id #{index}")
    if len(unique) != len(ids):
        _reject_duplicates(ids, "counts")
    if known_ids is not None:
        unknown = {cell_id for cell_id in unique if cell_id not in known_ids}  # in Python: GIL handed on
        if unknown:
            index = next(n for n, i in enumerate(ids) if i in unknown)
            raise FeedPayloadError("unknown_cell", cell=ids[index], where=f"#{index}, {len(unknown)} unknown")


def _checked_counts(ids: list, counts: list) -> list:
    """Whole non-negative integers under MAX_COUNT, or None (suppressed)."""
    if not all(set(map(type, piece)) <= {int, type(None)} for piece in _pieces(counts)):
        counts = [_whole_count(cell_id, count) for cell_id, count in zip(ids, counts)]
    numbers = [c for c in counts if c is not None]
    if numbers and min(min(piece) for piece in _pieces(numbers)) < 0:
        index = next(n for n, c in enumerate(counts) if c is not None and c < 0)
        raise FeedPayloadError("negative_count", cell=ids[index], count=counts[index])
    if numbers and max(max(piece) for piece in _pieces(numbers)) > MAX_COUNT:
        index = next(n for n, c in enumerate(counts) if c is not None and c > MAX_COUNT)
        raise FeedPayloadError("huge_count", cell=ids[index], count=counts[index], limit=MAX_COUNT)
    return counts


def _whole_count(cell_id: str, count: Any) -> Optional[int]:
    if count is None or type(count) is int:
        return count
    if type(count) is not float:
        raise FeedPayloadError("wrong_shape", where=f"count of cell '{cell_id}'", expected="integer")
    if abs(count) > MAX_COUNT:
        raise FeedPayloadError("huge_count", cell=cell_id, count=count, limit=MAX_COUNT)
    if not count.is_integer():
        raise FeedPayloadError("fractional_count", cell=cell_id)
    return int(count)


def _suppress_below(ids: list, counts: list, floor: int) -> list:
    """A number under the plugin's floor is never shown, whatever the provider sent."""
    leaks = [n for n, c in enumerate(counts) if c is not None and c < floor]
    if not leaks:
        return counts
    LOGGER.warning(
        "Provider error: %d cell(s) with a count under the floor %d (max of 15 and the provider's min_count) "
        "were not suppressed (first: %s); they are treated as suppressed.",
        len(leaks),
        floor,
        ids[leaks[0]],
    )
    counts = list(counts)
    for n in leaks:
        counts[n] = None
    return counts


def _published_trends(
    ids: list,
    counts: list,
    claimed: list[Trend],
    interval: Interval,
    previous: Optional[CountsSnapshot],
    floor: int,
) -> list[Trend]:
    """Trends only from published values (docs/api.md, "Trends").

    With the directly preceding interval at hand, every trend is derived from the
    two published counts (suppressed or absent before and shown now: ``up``); the
    feed's own trends are only compared, and a disagreement is logged once per
    interval as the provider's error. Without it the feed's trends are kept, except
    that a suppressed cell has none, and neither has a count so close to the floor
    (under ``floor + dead band``) that its trend could stand for "a suppressed count
    before".
    """
    if previous is not None and previous.interval.end == interval.start:
        derived = published_trends(list(map(previous.counts.get, ids)), counts)
        if derived != claimed:
            _log_wrong_trends(ids, derived, claimed)
        return derived
    limit = lowest_unambiguous_count(floor)
    trends = list(claimed)
    withheld = [n for n, count in enumerate(counts) if count is None or count < limit]
    dropped = [n for n in withheld if counts[n] is not None and trends[n] is not Trend.UNKNOWN]
    for n in withheld:
        trends[n] = Trend.UNKNOWN
    if dropped:
        LOGGER.info(
            "%d trend(s) on counts under %d are not shown: without the preceding interval the plugin "
            "cannot check that they do not stand for a suppressed count (first: %s).",
            len(dropped),
            limit,
            ids[dropped[0]],
        )
    return trends


def _log_wrong_trends(ids: list, derived: list[Trend], claimed: list[Trend]) -> None:
    """Once per interval: the feed's trends that its own published counts contradict."""
    wrong = [
        n
        for n, (own, said) in enumerate(zip(derived, claimed))
        if said is not own and said is not Trend.UNKNOWN
    ]
    if wrong:
        LOGGER.warning(
            "Provider error: %d trend(s) do not follow from the published counts of this and the "
            "preceding interval (first: %s, %s instead of %s); the plugin's own are shown.",
            len(wrong),
            ids[wrong[0]],
            claimed[wrong[0]].value,
            derived[wrong[0]].value,
        )


# ---------------------------------------------------------------- time


def _interval(value: Any, where: str) -> Interval:
    value = _object(value, _INTERVAL_KEYS, where)
    start = _time(value.get("start"), where + ".start")
    end = _time(value.get("end"), where + ".end")
    if end <= start:
        raise FeedPayloadError("bad_interval", start=value["start"], end=value["end"])
    return Interval(start=start, end=end)


def _time(value: Any, where: str) -> datetime:
    _expect(value, str, where, "string")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FeedPayloadError("bad_time", where=where, value=value) from None
    if moment.tzinfo is None:
        raise FeedPayloadError("bad_time", where=where, value=value)
    return moment.astimezone(timezone.utc)


def _check_time(interval: Interval, previous: Optional[CountsSnapshot], now: datetime) -> None:
    if interval.end > now + CLOCK_SKEW:
        raise FeedTimeError(end=_minute(interval.end), future=True)
    if previous is not None and interval.end < previous.interval.end:
        raise FeedTimeError(end=_minute(interval.end), shown=_minute(previous.interval.end), future=False)
    if previous is not None and interval != previous.interval and interval.start < previous.interval.end:
        # Two windows that share minutes could be subtracted: the difference is a few minutes' people.
        raise FeedPayloadError(
            "overlapping_interval",
            interval=f"{_minute(interval.start)}–{_minute(interval.end)}",
            shown=f"{_minute(previous.interval.start)}–{_minute(previous.interval.end)}",
        )


def _minute(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- small checks


def _expect(value: Any, kind: type, where: str, expected: str) -> Any:
    if type(value) is not kind:
        raise FeedPayloadError("wrong_shape", where=where, expected=expected)
    return value


def _object(value: Any, allowed: Collection[str], where: str) -> dict:
    """An object with documented keys only: the allow-list. A key that looks like an
    identifier or a position (anywhere in what it holds) is named as such."""
    _expect(value, dict, where, "object")
    if value.keys() <= allowed:
        return value
    for key in value.keys() - allowed:
        _reject_private_keys({key: value[key]}, where)
    raise FeedPayloadError("unknown_key", key=min(value.keys() - allowed, key=str), where=where)


def _text(value: Any, where: str) -> str:
    _expect(value, str, where, "string")
    if len(value) > MAX_META_TEXT:
        raise FeedPayloadError("bad_text", where=where, limit=MAX_META_TEXT)
    return value


def _whole(value: Any, where: str, *, low: int, high: int) -> int:
    _expect(value, int, where, "integer")
    if not low <= value <= high:
        raise FeedPayloadError("bad_value", where=where, value=value)
    return value


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and abs(value) != float("inf")


def _reject_duplicates(ids: list, where: str) -> None:
    distinct: set = set()
    for piece in _pieces(ids):  # one set() over a national list holds the GIL for ~16 ms
        distinct.update(piece)
    if len(distinct) == len(ids):
        return
    seen: set = set()
    for index, cell_id in enumerate(ids):
        if cell_id in seen:
            raise FeedPayloadError("duplicate_cell", cell=cell_id, where=f"{where} #{index}")
        seen.add(cell_id)


def _reject_private_keys(value: Any, where: str) -> None:
    """Walk an undocumented member for identifier- or position-like keys, to name the refusal well."""
    if type(value) is list:
        for index, item in enumerate(value):
            if type(item) in (dict, list):
                _reject_private_keys(item, f"{where}[{index}]")
        return
    if type(value) is not dict:
        return
    for key, item in value.items():
        normal = re.sub(r"[^a-z0-9]", "", str(key).lower())
        if _IDENTIFIER_KEY.search(normal):
            raise FeedPayloadError("identifier", key=key, where=where)
        if _LOCATION_KEY.match(normal):
            raise FeedPayloadError("location", key=key, where=where)
        if type(item) in (dict, list):
            _reject_private_keys(item, f"{where}.{key}")
