"""The alert log: an append-only incident record, one JSON line per raise, clear or acknowledge.

Crash safety: every record is flushed and fsync'd before ``append`` returns, so
a record written is a record kept. A crash mid-write can leave a torn last line;
reading skips it (with a warning in the log), and the next append starts on a
fresh line so the torn bytes never swallow a good record. An append that
failed part-way (a full disk) is retried whole by the alert service; reading
keeps the first copy of a record written twice (records carry unique ids).

Retention: the log is an incident record for after-action reviews, not crowd
history, so ``history/retention_days`` does not apply to it and the plugin never
deletes it. It holds aggregates only (cell id and place name, count, trend, rule, times).
The acknowledged state of alerts is rebuilt from the log, so it survives a restart.

Rescue: records the log could not take (a full disk) wait in the alert service's memory.
If QGIS closes before they are written, they go to a rescue file in the system's temporary
folder (usually another file system; a folder of this user's only), and the next start adds
them to the log (:meth:`AlertLog.rescue`, :meth:`AlertLog.rescued`). A rescue file is deleted
only once its records are in the log.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Union

from .alerts import AlertEvent, AlertKind
from .files import open_private, private_folder, write_csv
from .i18n import tr
from .model import Trend
from .words import trend_word

LOGGER = logging.getLogger("druktemeter.alerts")


def default_rescue_folder() -> Path:
    """The rescue folder (see the module docstring): in the system's temporary folder, per user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this user id
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"druktemeter-unwritten-alerts-{user}"


def _own_private_folder(folder: Path) -> Path:
    """``folder``, made private if new; ``OSError`` if it belongs to someone else or others may
    enter it (a shared temporary folder: someone could have made it first, to read our records)."""
    private_folder(folder)
    status = folder.stat()
    if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077):
        raise PermissionError(f"{folder} is not a folder of this user's only")
    return folder


def event_to_record(event: AlertEvent) -> dict:
    return {
        "id": event.id,
        "kind": event.kind.value,
        "cell_id": event.cell_id,
        "time": event.time.isoformat(),
        "count": event.count,
        "trend": event.trend.value,
        "rule": event.rule,
        "region": event.region,
        "detected": event.detected.isoformat(),
        "catch_up": event.catch_up,
        "acknowledges": event.acknowledges,
        "place": event.place,
    }


def event_from_record(record: dict) -> AlertEvent:
    """The event a log line holds; raises ``KeyError``/``ValueError``/``TypeError`` on a bad record."""
    count = record["count"]
    if not isinstance(count, int) or isinstance(count, bool):
        raise TypeError("count")
    return AlertEvent(
        kind=AlertKind(record["kind"]),
        cell_id=str(record["cell_id"]),
        time=_aware(record["time"]),
        count=count,
        trend=Trend(record["trend"]),
        rule=str(record["rule"]),
        region=str(record["region"]),
        detected=_aware(record["detected"]),
        id=str(record["id"]),
        catch_up=bool(record.get("catch_up", False)),
        acknowledges=str(record.get("acknowledges", "")),
        place=str(record.get("place", "")),
    )


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without zone: {text}")
    return moment


def kind_words(kind: AlertKind) -> str:
    return {
        AlertKind.RAISE: tr("alert"),
        AlertKind.CLEAR: tr("cleared"),
        AlertKind.ACKNOWLEDGE: tr("acknowledged"),
    }[kind]


def local_time(moment: datetime) -> str:
    """A moment in the computer's local time zone, as operators read clocks."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def utc_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class AlertLog:
    """The log file at ``path`` (created with its folder on the first append)."""

    def __init__(self, path: Union[str, os.PathLike]) -> None:
        self.path = Path(path)

    def append(self, event: AlertEvent) -> None:
        self.extend([event])

    def extend(self, events: Iterable[AlertEvent]) -> None:
        """Append records and make them durable (fsync) before returning."""
        lines = "".join(json.dumps(event_to_record(e), ensure_ascii=False) + "\n" for e in events)
        if not lines:
            return
        private_folder(self.path.parent)
        with open_private(self.path, "a+b") as handle:
            if handle.tell() > 0 and not self._ends_with_newline(handle):
                lines = "\n" + lines  # a torn line from a crash: start the next record on its own line
            handle.write(lines.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())

    @staticmethod
    def _ends_with_newline(handle) -> bool:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"

    def records(self) -> list[AlertEvent]:
        """Every readable record, oldest first; unreadable lines are skipped and logged."""
        if not self.path.exists():
            return []
        events, seen = [], set()
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    event = event_from_record(json.loads(line))
                except (ValueError, KeyError, TypeError) as error:
                    LOGGER.warning("Alert log %s line %d skipped (unreadable: %s)", self.path, number, error)
                    continue
                if event.id not in seen:  # written again by a retry after a partly failed append
                    seen.add(event.id)
                    events.append(event)
        return events

    def acknowledged_ids(self) -> set[str]:
        return {e.acknowledges for e in self.records() if e.kind is AlertKind.ACKNOWLEDGE}

    def rescue(self, events: Iterable[AlertEvent], folder: Path) -> Path:
        """Write records this log could not take to a new private file in ``folder``, made
        durable, for :meth:`rescued` at the next start; returns its path. Raises ``OSError``."""
        path = _own_private_folder(folder) / f"{self._rescue_prefix()}{time.time_ns()}.jsonl"
        AlertLog(path).extend(events)
        return path

    def rescued(self, folder: Path) -> list[tuple[Path, list[AlertEvent]]]:
        """This log's rescue files in ``folder``, oldest first, each with its records."""
        if not folder.is_dir():
            return []
        _own_private_folder(folder)
        files = sorted(folder.glob(f"{self._rescue_prefix()}*.jsonl"))
        return [(path, AlertLog(path).records()) for path in files]

    def _rescue_prefix(self) -> str:
        """Rescue files are named after the log they belong to (one folder serves every profile)."""
        return hashlib.sha256(str(self.path.resolve()).encode("utf-8")).hexdigest()[:16] + "-"

    def open_raises(self) -> list[AlertEvent]:
        return open_raises(self.records())

    def export_csv(self, path: Union[str, os.PathLike], unwritten: Iterable[AlertEvent] = ()) -> int:
        """Write every record, then ``unwritten`` ones still held in memory, to a private CSV file
        for an after-action review; returns the number of rows. Raises ``OSError``."""
        events = [*self.records(), *unwritten]
        return write_csv(path, csv_headers(), (csv_row(e) for e in events))


def open_raises(records: Iterable[AlertEvent]) -> list[AlertEvent]:
    """Raises not cleared since, per cell the latest: what was still high at the last run."""
    open_by_cell: dict[str, AlertEvent] = {}
    for event in records:
        if event.kind is AlertKind.RAISE:
            open_by_cell[event.cell_id] = event
        elif event.kind is AlertKind.CLEAR:
            open_by_cell.pop(event.cell_id, None)
    return list(open_by_cell.values())


def csv_headers() -> list[str]:
    return [
        tr("Interval end (local time)"),
        tr("Interval end (UTC)"),
        tr("Event"),
        tr("Place"),
        tr("Cell"),
        tr("Count"),
        tr("Trend"),
        tr("Rule"),
        tr("Region"),
        tr("Recorded (local time)"),
        tr("Recorded (UTC)"),
        tr("After feed outage or start"),
        tr("Alert id"),
        tr("Acknowledges alert id"),
    ]


def csv_row(event: AlertEvent) -> list[str]:
    return [
        local_time(event.time),
        utc_time(event.time),
        kind_words(event.kind),
        event.place,
        event.cell_id,
        str(event.count),
        trend_word(event.trend),
        event.rule,
        event.region,
        local_time(event.detected),
        utc_time(event.detected),
        tr("yes") if event.catch_up else tr("no"),
        event.id,
        event.acknowledges,
    ]
