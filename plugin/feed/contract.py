"""The aggregation API contract, v1, as code: paths, field names and payload builders.

``docs/api.md`` and ``docs/openapi.yaml`` describe the same contract for people
and tools; the reference service and the simulator build their payloads here,
so what is served is what is documented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Optional

from ..core.model import TREND_CODES, Cell, FeedMeta, Interval, Trend

API_VERSION = "v1"
PATH_META = "/v1/meta"
PATH_HEALTH = "/v1/health"
PATH_CELLS = "/v1/cells"
PATH_COUNTS = "/v1/counts"
PATH_EXERCISE = "/v1/exercise"  # reference service only: a trainer steers the shared exercise clock
# A scenario file's text, as the simulator reads it and the reference service hands it to stations.
MAX_SCENARIO_BYTES = 64 * 1024
COLUMNAR = "columnar"  # GET /v1/counts?form=columnar
IDS_OMITTED = "omit"  # GET /v1/counts?form=columnar&ids=omit: aligned to the cell list, no ids
NO_DATA_CODE = "x"  # in an aligned trend string: the cell has no data this interval
PROBLEM_JSON = "application/problem+json"  # RFC 9457


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix, to the second."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def interval_payload(interval: Interval) -> dict:
    return {"start": iso_utc(interval.start), "end": iso_utc(interval.end)}


def meta_payload(meta: FeedMeta) -> dict:
    payload = {
        "api_version": API_VERSION,
        "provider": {"name": meta.provider, "attribution": meta.attribution, "terms": meta.terms},
        "terms_url": meta.terms_url,
        "interval_minutes": meta.interval_minutes,
        "min_count": meta.min_count,
    }
    if meta.exercise:
        payload["exercise"] = True
    return payload


def health_payload(latest: Optional[Interval], now: datetime) -> dict:
    return {
        "status": "ok" if latest is not None else "starting",
        "time": iso_utc(now),
        "latest_interval": None if latest is None else interval_payload(latest),
    }


def cells_payload(cells: Iterable[Cell]) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946, EPSG:4326) with the cell id as feature id."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": c.id, "geometry": dict(c.geometry), "properties": _properties(c)}
            for c in cells
        ],
    }


def _properties(cell: Cell) -> dict:
    """The documented cell properties; ``place`` only when the cell has one."""
    properties = dict(cell.properties)
    if cell.place is not None:
        properties["place"] = cell.place
    return properties


def counts_payload(
    interval: Interval,
    min_count: int,
    counts: Mapping[str, Optional[int]],
    trends: Mapping[str, Trend],
    *,
    columnar: bool = False,
    generated_at: Optional[datetime] = None,
) -> dict:
    """The latest interval's counts; ``None`` counts are published as suppressed.

    The default form lists one object per cell; the columnar form (for national
    feeds) carries parallel arrays and one trend code per cell in a string.
    """
    payload = {
        "interval": interval_payload(interval),
        "min_count": min_count,
        "generated_at": iso_utc(generated_at or interval.end),
    }
    ids = list(counts)
    if columnar:
        payload["form"] = COLUMNAR
        payload["ids"] = ids
        payload["counts"] = [counts[i] for i in ids]
        payload["trends"] = "".join(TREND_CODES[trends.get(i, Trend.UNKNOWN)] for i in ids)
        return payload
    payload["cells"] = [_cell_count(i, counts[i], trends.get(i, Trend.UNKNOWN)) for i in ids]
    return payload


def problem_payload(status: int, title: str, detail: str = "") -> dict:
    """An RFC 9457 problem document; ``about:blank`` because the HTTP status says it all."""
    problem = {"type": "about:blank", "title": title, "status": status}
    if detail:
        problem["detail"] = detail
    return problem


def _cell_count(cell_id: str, count: Optional[int], trend: Trend) -> dict:
    if count is None:
        return {"id": cell_id, "count": None, "suppressed": True, "trend": None}
    return {
        "id": cell_id,
        "count": count,
        "suppressed": False,
        "trend": None if trend is Trend.UNKNOWN else trend.value,
    }


def aligned_columnar(payload: dict, cell_order: Sequence[str], cells_etag: str) -> dict:
    """A columnar counts payload without ids: one entry per cell of the cell list ``cells_etag``,
    in that list's order; a cell absent from the interval gets ``null`` and trend code ``x``.

    Cell ids are three quarters of a national counts payload; a client that holds the
    cell list need not receive them every poll.
    """
    position = {cell_id: index for index, cell_id in enumerate(payload["ids"])}
    counts, codes = payload["counts"], payload["trends"]
    aligned = {key: value for key, value in payload.items() if key not in ("ids", "counts", "trends")}
    indexes = [position.get(cell_id) for cell_id in cell_order]
    aligned["cells_etag"] = cells_etag
    aligned["counts"] = [None if i is None else counts[i] for i in indexes]
    aligned["trends"] = "".join(NO_DATA_CODE if i is None else codes[i] for i in indexes)
    return aligned
