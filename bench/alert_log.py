"""Figures of the alert log, the record the alert service writes on the main thread after showing an alert.

``python3 bench/alert_log.py [--records 10000] [--reps 200]`` appends alerts one
batch at a time (each ``fsync``'d, as in the plugin) into a fresh file on the
disk of the temporary folder, then reads the whole log back (what the panel
does at start) and exports it as CSV. Times are medians (and the 95th
percentile for the append), in seconds. Needs no QGIS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

_PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
(_PACKAGE_PARENT / "druktemeter").symlink_to(Path(__file__).resolve().parents[1], target_is_directory=True)
sys.path.insert(0, str(_PACKAGE_PARENT))

from druktemeter.plugin.core.alert_log import AlertLog  # noqa: E402
from druktemeter.plugin.core.alerts import AlertEvent, AlertKind  # noqa: E402
from druktemeter.plugin.core.model import Trend  # noqa: E402

START = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def alert(index: int) -> AlertEvent:
    moment = START + timedelta(minutes=15 * index)
    return AlertEvent(
        AlertKind.RAISE,
        f"NL-{index:06d}",
        moment,
        1200,
        Trend.UP,
        "count at or above 1000",
        "Brabant-Noord",
        moment,
    )


def seconds(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=200)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="druktemeter-alertlog-"))
    log = AlertLog(folder / "alerts.jsonl")
    appends = sorted(seconds(lambda i=i: log.extend([alert(i)])) for i in range(options.reps))
    log.extend(alert(i) for i in range(options.reps, options.records))
    read = statistics.median(seconds(log.records) for _ in range(5))
    export = statistics.median(seconds(lambda: log.export_csv(folder / "review.csv")) for _ in range(5))
    figures = {
        "append_fsync_median_s": statistics.median(appends),
        "append_fsync_p95_s": appends[int(len(appends) * 0.95)],
        "read_all_median_s": read,
        "export_csv_median_s": export,
    }
    rounded = {name: round(value, 5) for name, value in figures.items()}
    print(json.dumps({"measure": "alert_log", "records": options.records, **rounded}), flush=True)


if __name__ == "__main__":
    main()
