"""Strict validation of feed payloads against the v1 contract (``docs/api.md``).

A payload is accepted whole or rejected whole with a precise reason
(:class:`~.errors.FeedPayloadError`, :class:`~.errors.FeedTimeError`); nothing
half-checked reaches the map. The privacy safeguards of SPEC §4 live here too:
field names that look like subscriber/device identifiers or positions, and
point or line geometries, are refused; a count under ``min_count`` that the
provider forgot to suppress is suppressed here and logged as the provider's error.

Counts are validated column-wise (whole lists at C speed, per-cell Python work
only on the failure path) so a national columnar payload parses in milliseconds.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from ..core.collector import collector_paused
from ..core.geometry import PackedCells, wkb_of
from ..core.model import TRENDS_BY_CODE, CellSet, CountsSnapshot, FeedMeta, Interval, Trend
from ..core.trend import trend_between
from .contract import API_VERSION, COLUMNAR, NO_DATA_CODE
from .errors import FeedPayloadError, FeedTimeError

LOGGER = logging.getLogger("druktemeter.feed")

MAX_COUNT = 1_000_000  # more people on one antenna cell than any stadium holds: a provider bug
CLOCK_SKEW = timedelta(minutes=2)  # tolerated difference between our clock and the provider's

_TREND_NAMES = {"up": Trend.UP, "down": Trend.DOWN, "equal": Trend.EQUAL, None: Trend.UNKNOWN}
_CELL_COUNT_KEYS = {"id", "count", "suppressed", "trend"}
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
    doc = _expect(load_json(body), dict, "meta", "object")
    version = doc.get("api_version")
    if not (isinstance(version, str) and (version == API_VERSION or version.startswith(API_VERSION + "."))):
        raise FeedPayloadError("wrong_version", version=version)
    provider = _expect(doc.get("provider"), dict, "meta.provider", "object")
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
    doc = _expect(load_json(body), dict, "health", "object")
    return _time(doc.get("time"), "health.time")


def parse_cells(body: bytes, progress: Optional[Callable[[float], None]] = None) -> CellSet:
    """``GET /v1/cells``: a GeoJSON FeatureCollection of coverage polygons with string ids.

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
    text = _decoded(body)
    position = _skip_space(text, 0)
    if not text.startswith("{", position):
        _expect(load_json(body), dict, "cells", "object")  # raises the precise error
    doc, cells = _collection(text, position, progress or (lambda fraction: None))
    if doc.get("type") != "FeatureCollection":
        raise FeedPayloadError("wrong_shape", where="cells.type", expected='"FeatureCollection"')
    if cells is None:
        _expect(doc.get("features"), list, "cells.features", "array")
        cells = [_cell(feature, index) for index, feature in enumerate(doc["features"])]
    _reject_duplicates([row[0] for row in cells], "cells.features")
    return CellSet(cells=PackedCells.from_rows(cells))


CellRow = tuple[str, bytes, dict]
_SPACE = re.compile(r"[ \t\n\r]*")
PROGRESS_EVERY = 2000  # features


def _decoded(body: bytes) -> str:
    try:
        return body.decode(json.detect_encoding(body), "surrogatepass")
    except (UnicodeDecodeError, LookupError) as exc:
        raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _skip_space(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()


def _value_at(text: str, position: int) -> tuple[Any, int]:
    """One JSON value starting at ``position`` (the C decoder, for this value only)."""
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as exc:
        raise FeedPayloadError("invalid_json", where=f"line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError, TypeError) as exc:
        raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _syntax_error(text: str, position: int) -> FeedPayloadError:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return FeedPayloadError("invalid_json", where=f"line {line}, column {column}")


def _collection(
    text: str, position: int, progress: Callable[[float], None]
) -> tuple[dict, Optional[list[CellRow]]]:
    """The top-level object: its members, with a ``features`` array read feature by feature."""
    doc: dict = {}
    cells = None
    position = _skip_space(text, position + 1)
    if text.startswith("}", position):
        position += 1
    else:
        while True:
            key, position = _value_at(text, position)
            position = _skip_space(text, position)
            if type(key) is not str or not text.startswith(":", position):
                raise _syntax_error(text, position)
            position = _skip_space(text, position + 1)
            if key == "features" and text.startswith("[", position):
                cells, position = _features(text, position, progress)
                doc[key] = cells
            else:
                doc[key], position = _value_at(text, position)
                cells = None if key == "features" else cells
            position = _skip_space(text, position)
            if text.startswith("}", position):
                position += 1
                break
            if not text.startswith(",", position):
                raise _syntax_error(text, position)
            position = _skip_space(text, position + 1)
    if _skip_space(text, position) != len(text):
        raise _syntax_error(text, position)
    return doc, cells


def _features(text: str, position: int, progress: Callable[[float], None]) -> tuple[list[CellRow], int]:
    cells: list[CellRow] = []
    position = _skip_space(text, position + 1)
    if text.startswith("]", position):
        return cells, position + 1
    while True:
        feature, position = _value_at(text, position)
        cells.append(_cell(feature, len(cells)))
        if len(cells) % PROGRESS_EVERY == 0:
            progress(position / len(text))
        position = _skip_space(text, position)
        if text.startswith("]", position):
            return cells, position + 1
        if not text.startswith(",", position):
            raise _syntax_error(text, position)
        position = _skip_space(text, position + 1)


def parse_counts(
    body: bytes,
    *,
    known_ids: Optional[Collection[str]] = None,
    previous: Optional[CountsSnapshot] = None,
    now: Optional[datetime] = None,
    cells: Optional[CellSet] = None,
) -> CountsSnapshot:
    """``GET /v1/counts`` in any of its forms.

    ``known_ids``: the cell ids of the current cell list (unknown ids are refused).
    ``cells``: the cell list held, needed for the columnar form without ids, which
    is aligned to the list whose ETag it names.
    ``previous``: the interval on the map; an older one is refused, and trends the
    feed leaves out are derived from it when it is the directly preceding interval.
    """
    doc = _expect(load_json(body), dict, "counts", "object")
    _reject_private_keys(
        doc, "counts", location_too=True, skip=("ids", "counts", "trends", "cells", "cells_etag")
    )
    interval = _interval(doc.get("interval"))
    _check_time(interval, previous, now or datetime.now(timezone.utc))
    min_count = _whole(doc.get("min_count"), "counts.min_count", low=0, high=MAX_COUNT)
    if "cells_etag" in doc and "ids" not in doc:
        ids, counts, trends = _aligned(doc, cells)
    elif doc.get("form") == COLUMNAR or "ids" in doc:
        ids, counts, trends = _columnar(doc)
    else:
        ids, counts, trends = _per_cell(doc)
    _check_ids(ids, known_ids)
    counts = _checked_counts(ids, counts)
    counts = _suppress_below(ids, counts, min_count)
    trends = _complete_trends(ids, counts, trends, interval, previous)
    return CountsSnapshot(
        interval=interval, min_count=min_count, counts=_mapping(ids, counts), trends=_mapping(ids, trends)
    )


_MAPPING_CHUNK = 20_000


def _mapping(keys: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    """``dict(zip(keys, values))`` in pieces: at 200,000 cells that one C call holds the GIL
    for 50-130 ms, and the parse runs on a worker beside QGIS's main thread."""
    result: dict[str, Any] = {}
    for start in range(0, len(keys), _MAPPING_CHUNK):
        end = start + _MAPPING_CHUNK
        result.update(zip(keys[start:end], values[start:end]))
    return result


def load_json(body: bytes) -> Any:
    """JSON or a typed error; NaN/Infinity and absurd numbers are not JSON we accept."""
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FeedPayloadError("invalid_json", where=f"line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError, TypeError) as exc:  # bad encoding, too many digits, nesting
        raise FeedPayloadError("invalid_json", where=type(exc).__name__) from None


def _reject_constant(name: str) -> Any:
    raise FeedPayloadError("invalid_json", where=name)


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


# ---------------------------------------------------------------- cells


def _cell(feature: Any, index: int) -> CellRow:
    """A checked feature as a row of flat values (id, WKB, properties): nothing for the collector."""
    where = f"cells.features[{index}]"
    feature = _expect(feature, dict, where, "object")
    if feature.get("type") != "Feature":
        raise FeedPayloadError("wrong_shape", where=where + ".type", expected='"Feature"')
    cell_id = feature.get("id")
    if type(cell_id) is not str or not cell_id:
        raise FeedPayloadError("wrong_shape", where=where + ".id", expected="string")
    properties = feature.get("properties")
    properties = {} if properties is None else _expect(properties, dict, where + ".properties", "object")
    _reject_private_keys(properties, where + ".properties", location_too=False)
    area = properties.get("area_km2")
    if area is not None and (not _is_number(area) or area < 0):
        raise FeedPayloadError("bad_value", where=where + ".properties.area_km2", value=area)
    geometry = _expect(feature.get("geometry"), dict, where + ".geometry", "object")
    _check_geometry(cell_id, geometry)
    return cell_id, wkb_of(geometry), properties


def _check_geometry(cell_id: str, geometry: dict) -> None:
    shape = geometry.get("type")
    if shape in _TRACE_SHAPES:
        raise FeedPayloadError("point_trace", cell=cell_id, geometry=shape)
    if shape not in _AREA_SHAPES:
        raise FeedPayloadError("bad_geometry", cell=cell_id, problem="type")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if shape == "Polygon" else coordinates
    if type(polygons) is not list or not polygons:
        raise FeedPayloadError("bad_geometry", cell=cell_id, problem="rings")
    for rings in polygons:
        problem = _polygon_problem(rings)
        if problem:
            raise FeedPayloadError("bad_geometry", cell=cell_id, problem=problem)


def _polygon_problem(rings: Any) -> Optional[str]:
    if type(rings) is not list or not rings:
        return "rings"
    for ring in rings:
        if type(ring) is not list or len(ring) < 4:
            return "rings"
        for position in ring:
            if type(position) is not list or len(position) < 2:
                return "position"
            lon, lat = position[0], position[1]
            if not (_is_number(lon) and _is_number(lat)):
                return "position"
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                return "range"
        if ring[0][:2] != ring[-1][:2]:
            return "closed"
    return None


# ---------------------------------------------------------------- counts


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
    order = [cell.id for cell in cells.cells]
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
    for key in set().union(*cells).difference(_CELL_COUNT_KEYS) if cells else ():
        for index, cell in enumerate(cells):
            if key in cell:
                _reject_private_keys({key: cell[key]}, f"counts.cells[{index}]", location_too=True)
    ids = [c.get("id") for c in cells]
    counts = [None if c.get("suppressed") is True else c.get("count") for c in cells]
    names = [c.get("trend") for c in cells]
    index = next((i for i, name in enumerate(names) if not (name is None or type(name) is str)), None)
    if index is None and not set(names) <= _TREND_NAMES.keys():
        index = next(i for i, name in enumerate(names) if name not in _TREND_NAMES)
    if index is not None:
        raise FeedPayloadError("bad_trend", where=f"counts.cells[{index}].trend", value=names[index])
    for index, cell in enumerate(cells):
        if "count" not in cell and cell.get("suppressed") is not True:
            raise FeedPayloadError("wrong_shape", where=f"counts.cells[{index}].count", expected="integer")
    return ids, counts, [_TREND_NAMES[name] for name in names]


def _check_ids(ids: list, known_ids: Optional[Collection[str]]) -> None:
    """Non-empty strings, unique, and (when the cell list is known) all in it; one set for all three."""
    if set(map(type, ids)) - {str}:
        index = next(n for n, i in enumerate(ids) if type(i) is not str)
        raise FeedPayloadError("wrong_shape", where=f"counts id #{index}", expected="string")
    unique = set(ids)
    if "" in unique:
        raise FeedPayloadError("wrong_shape", where=f"counts id #{ids.index('')}", expected="string")
    if len(unique) != len(ids):
        _reject_duplicates(ids, "counts")
    if known_ids is not None:
        unknown = unique.difference(known_ids)
        if unknown:
            index = next(n for n, i in enumerate(ids) if i in unknown)
            raise FeedPayloadError("unknown_cell", cell=ids[index], where=f"#{index}, {len(unknown)} unknown")


def _checked_counts(ids: list, counts: list) -> list:
    """Whole non-negative integers under MAX_COUNT, or None (suppressed)."""
    if not set(map(type, counts)) <= {int, type(None)}:
        counts = [_whole_count(cell_id, count) for cell_id, count in zip(ids, counts)]
    numbers = [c for c in counts if c is not None]
    if numbers and min(numbers) < 0:
        index = next(n for n, c in enumerate(counts) if c is not None and c < 0)
        raise FeedPayloadError("negative_count", cell=ids[index], count=counts[index])
    if numbers and max(numbers) > MAX_COUNT:
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
        raise FeedPayloadError("fractional_count", cell=cell_id, count=count)
    return int(count)


def _suppress_below(ids: list, counts: list, min_count: int) -> list:
    """SPEC §4: a number under min_count must never be shown, whatever the provider sent."""
    leaks = [n for n, c in enumerate(counts) if c is not None and c < min_count]
    if not leaks:
        return counts
    LOGGER.warning(
        "Provider error: %d cell(s) with a count under min_count %d were not suppressed (first: %s); "
        "they are treated as suppressed.",
        len(leaks),
        min_count,
        ids[leaks[0]],
    )
    counts = list(counts)
    for n in leaks:
        counts[n] = None
    return counts


def _complete_trends(
    ids: list,
    counts: list,
    trends: list[Trend],
    interval: Interval,
    previous: Optional[CountsSnapshot],
) -> list[Trend]:
    """Suppressed cells carry no trend; missing trends come from the directly preceding interval."""
    trends = list(trends)
    for n in [n for n, count in enumerate(counts) if count is None]:
        trends[n] = Trend.UNKNOWN
    if previous is None or previous.interval.end != interval.start:
        return trends
    before = previous.counts
    for n in [n for n, trend in enumerate(trends) if trend is Trend.UNKNOWN and counts[n] is not None]:
        trends[n] = trend_between(before.get(ids[n]), counts[n])
    return trends


# ---------------------------------------------------------------- time


def _interval(value: Any) -> Interval:
    value = _expect(value, dict, "counts.interval", "object")
    start = _time(value.get("start"), "counts.interval.start")
    end = _time(value.get("end"), "counts.interval.end")
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


def _minute(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- small checks


def _expect(value: Any, kind: type, where: str, expected: str) -> Any:
    if type(value) is not kind:
        raise FeedPayloadError("wrong_shape", where=where, expected=expected)
    return value


def _text(value: Any, where: str) -> str:
    return _expect(value, str, where, "string")


def _whole(value: Any, where: str, *, low: int, high: int) -> int:
    _expect(value, int, where, "integer")
    if not low <= value <= high:
        raise FeedPayloadError("bad_value", where=where, value=value)
    return value


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and abs(value) != float("inf")


def _reject_duplicates(ids: list, where: str) -> None:
    if len(set(ids)) == len(ids):
        return
    seen: set = set()
    for index, cell_id in enumerate(ids):
        if cell_id in seen:
            raise FeedPayloadError("duplicate_cell", cell=cell_id, where=f"{where} #{index}")
        seen.add(cell_id)


def _reject_private_keys(value: Any, where: str, *, location_too: bool, skip: Iterable[str] = ()) -> None:
    """Walk objects (not the big columns in ``skip``) for identifier- or position-like keys."""
    if type(value) is list:
        for index, item in enumerate(value):
            if type(item) in (dict, list):
                _reject_private_keys(item, f"{where}[{index}]", location_too=location_too)
        return
    if type(value) is not dict:
        return
    for key, item in value.items():
        normal = re.sub(r"[^a-z0-9]", "", str(key).lower())
        if _IDENTIFIER_KEY.search(normal):
            raise FeedPayloadError("identifier", key=key, where=where)
        if location_too and _LOCATION_KEY.match(normal):
            raise FeedPayloadError("location", key=key, where=where)
        if key not in skip and type(item) in (dict, list):
            _reject_private_keys(item, f"{where}.{key}", location_too=location_too)
