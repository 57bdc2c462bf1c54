"""Scenario files: plain JSON a trainer can copy and edit (format: ``docs/scenarios.md``).

A scenario puts events on top of the region's daily rhythm: a gathering at a
fixed place, or a procession that moves along timed waypoints. Each builds up
from ``start`` to ``peak`` and disperses by ``end``. Times are Dutch local time,
``HH:MM`` on the scenario's day or a full ``YYYY-MM-DDTHH:MM``.

Loading validates everything; a broken file raises :class:`ScenarioError`
whose (translated) message names the file, the place (line and column, or a
path such as ``events[2].peak``) and the problem.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Optional

from shapely.geometry import Point

from ..core import strict_json
from ..core.i18n import tr
from ..feed.contract import MAX_SCENARIO_BYTES
from .clock import from_local
from .geography import known_regions, load_region

BUNDLED = Path(__file__).resolve().parent / "scenarios"
EVENT_KINDS = ("gathering", "procession")
_TOP_FIELDS = ("name", "description", "start", "region", "seed", "min_count", "events", "alerts")
_EVENT_FIELDS = ("kind", "name", "location", "path", "radius_m", "start", "peak", "end", "peak_extra")
_REGION_MARGIN_M = 2000.0
_MISSING = object()


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message says where and what to fix."""

    def __init__(self, file: str, place: str, problem: str):
        self.file, self.place, self.problem = file, place, problem
        super().__init__(
            tr(
                'Scenario file "{file}", {place}: {problem}. Correct the file or choose another scenario.'
            ).format(file=file, place=place, problem=problem)
        )


@dataclass(frozen=True)
class Waypoint:
    at: datetime  # aware UTC
    lon: float
    lat: float


@dataclass(frozen=True)
class Event:
    kind: str
    name: str
    radius_m: float
    start: datetime  # aware UTC
    peak: datetime
    end: datetime
    peak_extra: float  # extra people counted at the peak, spread over the event's circle
    path: tuple[Waypoint, ...]  # one waypoint for a gathering

    def strength(self, moment: datetime) -> float:
        """0 before ``start`` and after ``end``, 1 at ``peak``; smooth in between."""
        if moment <= self.start or moment >= self.end:
            return 0.0
        if moment <= self.peak:
            return _smoothstep((moment - self.start) / (self.peak - self.start))
        return _smoothstep((self.end - moment) / (self.end - self.peak))

    def position(self, moment: datetime) -> tuple[float, float]:
        """Where the crowd is: along the path, held at its ends outside the path's times."""
        path = self.path
        if moment <= path[0].at:
            return path[0].lon, path[0].lat
        for here, there in zip(path, path[1:]):
            if moment <= there.at:
                share = (moment - here.at) / (there.at - here.at)
                return here.lon + (there.lon - here.lon) * share, here.lat + (there.lat - here.lat) * share
        return path[-1].lon, path[-1].lat


@dataclass(frozen=True)
class ExpectedAlert:
    """A documented moment (with the scenario's seed) a trainer can point at; not used by the simulation."""

    cell: str
    at: datetime  # start of the interval in which the cell first reaches the threshold (aware UTC)
    threshold: int


@dataclass(frozen=True)
class Scenario:
    name: str
    file: str
    description: Mapping[str, str]  # language code -> text
    start: datetime  # aware UTC
    region: str
    seed: int
    min_count: int
    events: tuple[Event, ...]
    alerts: tuple[ExpectedAlert, ...]
    # The file's text as read: the reference service hands it to classroom stations, whose own
    # simulator then computes the exercise's past (docs/statistics.md).
    text: str = field(default="", compare=False, repr=False)


def bundled_scenarios() -> list[str]:
    return sorted(p.stem for p in BUNDLED.glob("*.json"))


def load_scenario(scenario: str | Path) -> Scenario:
    """A bundled scenario by name (e.g. ``"markt"``) or a trainer's scenario file by path."""
    path = _locate(scenario)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SCENARIO_BYTES + 1)
    except OSError as error:
        raise ScenarioError(
            str(path), tr("the file"), tr("it cannot be read ({error})").format(error=error)
        ) from None
    if len(data) > MAX_SCENARIO_BYTES:
        raise _too_large(str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(str(path), tr("the file"), tr("it is not UTF-8 text")) from None
    return scenario_from_text(text, str(path))


def scenario_from_text(text: str, file: str) -> Scenario:
    """A scenario from the text of its file (``file`` names it in messages); validated as a file is.

    A classroom station reads the scenario its exercise service serves this way."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise _too_large(file)
    try:
        document = strict_json.loads(text)
    except strict_json.DuplicateKeyError as error:
        raise ScenarioError(
            file, tr("the file"), tr("it names '{key}' twice in one object").format(key=error.key[:40])
        ) from None
    except json.JSONDecodeError as error:
        place = tr("line {line}, column {column}").format(line=error.lineno, column=error.colno)
        raise ScenarioError(file, place, tr("invalid JSON ({detail})").format(detail=error.msg)) from None
    except (ValueError, RecursionError):  # too many digits, nested too deeply
        raise ScenarioError(file, tr("the file"), tr("it is not a scenario's JSON")) from None
    return replace(_Parser(file).scenario(document), text=text)


def _too_large(file: str) -> ScenarioError:
    return ScenarioError(
        file,
        tr("the file"),
        tr("it is larger than {size} KB; a scenario is a short text").format(size=MAX_SCENARIO_BYTES // 1024),
    )


def _locate(scenario: str | Path) -> Path:
    text = str(scenario)
    if isinstance(scenario, Path) or "/" in text or "\\" in text or text.endswith(".json"):
        return Path(scenario)
    path = BUNDLED / f"{text}.json"
    if not path.exists():
        raise ScenarioError(
            text,
            tr("the name"),
            tr("no bundled scenario has this name (bundled: {names}); give a file path for your own").format(
                names=", ".join(bundled_scenarios())
            ),
        )
    return path


class _Parser:
    """Turns a decoded JSON document into a :class:`Scenario`, naming the JSON path of any problem."""

    def __init__(self, file: str):
        self.file = file
        self.day: Optional[datetime] = None

    def fail(self, path: str, problem: str) -> ScenarioError:
        return ScenarioError(self.file, path or tr("the top level"), problem)

    def scenario(self, doc: Any) -> Scenario:
        self.check_object(doc, "", _TOP_FIELDS)
        start = self.local_datetime(self.field(doc, "", "start", str), "start")
        self.day = start
        region = self.field(doc, "", "region", str)
        if region not in known_regions():
            raise self.fail(
                "region", tr("unknown region; known: {names}").format(names=", ".join(known_regions()))
            )
        events = self.field(doc, "", "events", list)
        return Scenario(
            name=self.field(doc, "", "name", str),
            file=self.file,
            description=self.description(doc),
            start=from_local(start),
            region=region,
            seed=self.field(doc, "", "seed", int, default=1),
            min_count=self.positive(doc, "", "min_count", int, default=15),
            events=tuple(self.event(e, f"events[{i}]", region) for i, e in enumerate(events)),
            alerts=tuple(
                self.alert(a, f"alerts[{i}]") for i, a in enumerate(self.field(doc, "", "alerts", list, []))
            ),
        )

    def description(self, doc: Any) -> dict[str, str]:
        description = self.field(doc, "", "description", dict)
        for language in ("nl", "en"):
            self.field(description, "description", language, str)
        return dict(description)

    def event(self, doc: Any, path: str, region: str) -> Event:
        self.check_object(doc, path, _EVENT_FIELDS)
        kind = self.field(doc, path, "kind", str)
        if kind not in EVENT_KINDS:
            raise self.fail(
                f"{path}.kind",
                tr('unknown event kind "{kind}"; use one of: {kinds}').format(
                    kind=kind, kinds=", ".join(EVENT_KINDS)
                ),
            )
        start, peak, end = (
            self.time(self.field(doc, path, key, str), f"{path}.{key}") for key in ("start", "peak", "end")
        )
        self.in_order(path, [("start", start), ("peak", peak), ("end", end)])
        unused = "path" if kind == "gathering" else "location"
        if unused in doc:
            raise self.fail(
                f"{path}.{unused}",
                tr("a gathering has a location and a procession a path, not both"),
            )
        if kind == "gathering":
            lon, lat = self.location(self.field(doc, path, "location", list), f"{path}.location", region)
            waypoints: tuple[Waypoint, ...] = (Waypoint(start, lon, lat),)
        else:
            waypoints = self.waypoints(self.field(doc, path, "path", list), f"{path}.path", region)
        return Event(
            kind,
            self.field(doc, path, "name", str),
            self.positive(doc, path, "radius_m", float),
            start,
            peak,
            end,
            self.positive(doc, path, "peak_extra", float),
            waypoints,
        )

    def waypoints(self, items: list, path: str, region: str) -> tuple[Waypoint, ...]:
        if len(items) < 2:
            raise self.fail(path, tr("a procession needs at least two waypoints"))
        points = []
        for i, item in enumerate(items):
            here = f"{path}[{i}]"
            self.check_object(item, here, ("at", "location"))
            at = self.time(self.field(item, here, "at", str), f"{here}.at")
            lon, lat = self.location(self.field(item, here, "location", list), f"{here}.location", region)
            if points and at <= points[-1].at:
                raise self.fail(f"{here}.at", tr("waypoint times must increase"))
            points.append(Waypoint(at, lon, lat))
        return tuple(points)

    def alert(self, doc: Any, path: str) -> ExpectedAlert:
        self.check_object(doc, path, ("cell", "at", "threshold"))
        return ExpectedAlert(
            self.field(doc, path, "cell", str),
            self.time(self.field(doc, path, "at", str), f"{path}.at"),
            self.positive(doc, path, "threshold", int),
        )

    def check_object(self, doc: Any, path: str, known: tuple[str, ...]) -> None:
        if not isinstance(doc, dict):
            raise self.fail(path, tr("must be an object ({...})"))
        for key in doc:
            if key not in known:
                place = f"{path}.{key}" if path else key
                raise self.fail(
                    place, tr("unknown field; known fields: {names}").format(names=", ".join(known))
                )

    def field(self, doc: dict, path: str, key: str, kind: type, default: Any = _MISSING) -> Any:
        place = f"{path}.{key}" if path else key
        if key not in doc:
            if default is _MISSING:
                raise self.fail(place, tr("this required field is missing"))
            return default
        value = doc[key]
        if not _is_kind(value, kind):
            raise self.fail(place, _kind_problem(kind))
        return float(value) if kind is float else value

    def positive(self, doc: dict, path: str, key: str, kind: type, default: Any = _MISSING) -> Any:
        value = self.field(doc, path, key, kind, default)
        if not value > 0:
            raise self.fail(f"{path}.{key}" if path else key, tr("must be greater than zero"))
        return value

    def location(self, value: list, path: str, region: str) -> tuple[float, float]:
        if len(value) != 2 or not all(_is_kind(v, float) for v in value):
            raise self.fail(path, tr("must be [longitude, latitude] in degrees (WGS84)"))
        lon, lat = float(value[0]), float(value[1])
        outline = load_region(region)
        if outline.outline.distance(Point(outline.projection.forward(lon, lat))) > _REGION_MARGIN_M:
            raise self.fail(
                path, tr("lies outside the region; check the order: longitude first, then latitude")
            )
        return lon, lat

    def local_datetime(self, text: str, path: str) -> datetime:
        try:
            return datetime.strptime(text, "%Y-%m-%dT%H:%M")
        except ValueError:
            raise self.fail(
                path, tr('"{text}" is not a date and time; write YYYY-MM-DDTHH:MM').format(text=text)
            ) from None

    def time(self, text: str, path: str) -> datetime:
        """``HH:MM`` on the scenario's day, or a full local date and time; returned as aware UTC."""
        assert self.day is not None
        form = "%H:%M" if len(text) == 5 else "%Y-%m-%dT%H:%M"
        try:
            parsed = datetime.strptime(text, form)
            if len(text) == 5:
                parsed = datetime.combine(self.day.date(), parsed.time())
            return from_local(parsed)
        except ValueError:
            raise self.fail(
                path, tr('"{text}" is not a time; write HH:MM or YYYY-MM-DDTHH:MM').format(text=text)
            ) from None

    def in_order(self, path: str, moments: list[tuple[str, datetime]]) -> None:
        for (earlier_key, earlier), (later_key, later) in zip(moments, moments[1:]):
            if later <= earlier:
                raise self.fail(
                    f"{path}.{later_key}",
                    tr("must come after {earlier}").format(earlier=f"{path}.{earlier_key}"),
                )


def _is_kind(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


_KIND_PROBLEMS: dict[type, Callable[[], str]] = {
    str: lambda: tr("must be text in double quotes"),
    int: lambda: tr("must be a whole number"),
    float: lambda: tr("must be a number"),
    list: lambda: tr("must be a list ([...])"),
    dict: lambda: tr("must be an object ({...})"),
}


def _kind_problem(kind: type) -> str:
    return _KIND_PROBLEMS[kind]()


def _smoothstep(share: float) -> float:
    return share * share * (3.0 - 2.0 * share)
