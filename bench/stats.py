"""Figures of the statistics at national scale, one JSON line per measurement (part of ``make bench``).

- ``stats_indicators``: presence and movement of one 60,000-cell interval read from a
  real history file (read + both indicators, whole feed and a 3,000-cell region), and
  the conversion of a live snapshot into columns; off the main thread, budget 50 ms.
- ``stats_chart_week``: the day picture behind the chart from a week of national
  history (today until 15:00, yesterday, last week: ~255 intervals): the first time
  for a scope (every interval read: a new region of 3,000 cells, a newly selected
  cell, the whole feed's cell list; each rep a scope the file has no figures of), the next interval
  (figures remembered), and after a restart (figures kept in the history file),
  plus drawing it with matplotlib (on the worker). ``seconds`` is the slower first
  time plus drawing; budget 1 s. ``longest_stretch_s``: the main thread meanwhile.
- ``stats_chart_exercise``: the same in a demo exercise, whose past the simulator
  computes (four weeks behind the usual level): the first picture (every interval
  computed, once) and a newly selected cell.
- ``briefing_pdf``: a briefing written over the national crowd layer with a region and
  without one (the national extent; map rendered, laid out, exported) and
  ``playback_layer``: an hour of the region's cells played back, built until it is
  in the project; each with
  ``longest_stretch_s``, the longest the main thread could not react (budget 50 ms).

Times are medians in seconds. ``python3 bench/stats.py [--cells 60000] [--reps 5]``
runs it alone; ``bench/run.py`` calls :func:`run`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

if __name__ == "__main__":
    _PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
    (_PACKAGE_PARENT / "druktemeter").symlink_to(
        Path(__file__).resolve().parents[1], target_is_directory=True
    )
    sys.path.insert(0, str(_PACKAGE_PARENT))

from druktemeter.plugin.core.baseline import EXERCISE_WEEKS, build_day_picture
from druktemeter.plugin.core.history import HistoryStore
from druktemeter.plugin.core.indicators import Columns, indicators
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=timezone.utc)
SLOT = timedelta(minutes=15)
REGION_CELLS = 3000
MAP_CRS = "EPSG:3857"  # the crowd layer's CRS in the plugin
REGION_WKT = "POLYGON((4.7 52.0, 5.3 52.0, 5.3 52.45, 4.7 52.45, 4.7 52.0))"  # as bench/run.py
PLAYBACK_INTERVALS = 4  # an hour


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_of(reps: int, action: Callable[[], object]) -> float:
    return statistics.median(timed(action) for _ in range(reps))


class NationalFeed:
    """Synthetic national intervals: a fifth suppressed, skewed counts, a daily swing."""

    def __init__(self, cells: int) -> None:
        rng = random.Random(7)
        self.ids = [f"NL-{i:06d}" for i in range(cells)]
        self.base = [None if rng.random() < 0.2 else int(15 + rng.paretovariate(1.5) * 40) for _ in self.ids]

    def snapshot(self, end: datetime) -> CountsSnapshot:
        swing = 1.0 + 0.3 * ((end.hour * 4 + end.minute // 15) % 7) / 7
        counts = dict(zip(self.ids, [None if b is None else int(b * swing) for b in self.base]))
        trends = dict.fromkeys(self.ids, Trend.EQUAL)
        return CountsSnapshot(Interval(end - SLOT, end), 15, counts, trends, "bench")


def week_ends() -> list[datetime]:
    """The intervals a day picture reads: today until NOW, yesterday and a week ago (with the one before)."""
    midnight = NOW.replace(hour=0, minute=0)
    today = [midnight + SLOT * k for k in range(int((NOW - midnight) / SLOT) + 1)]
    day = [midnight + SLOT * k for k in range(97)]
    return sorted({*today, *(e - timedelta(days=1) for e in day), *(e - timedelta(days=7) for e in day)})


def run(emit: Callable[..., None], reps: int = 5, cells: int = 60_000) -> None:
    feed = NationalFeed(cells)
    region = frozenset(feed.ids[::20][:REGION_CELLS])
    with tempfile.TemporaryDirectory(prefix="druktemeter-stats-bench-") as folder:
        store = HistoryStore(Path(folder) / "history.sqlite", 8, clock=lambda: NOW)
        ends = week_ends()
        for end in ends:
            store.record(feed.snapshot(end))
        before = NOW - SLOT
        read = median_of(reps, lambda: (store.columns_at(NOW), store.columns_at(before)))
        now_columns, before_columns = store.columns_at(NOW), store.columns_at(before)
        feed_s = median_of(reps, lambda: indicators(now_columns, before_columns))
        region_s = median_of(reps, lambda: indicators(now_columns, before_columns, region))
        live = feed.snapshot(NOW)
        convert_s = median_of(reps, lambda: Columns.from_snapshot(live))
        emit(
            "stats_indicators",
            f"synthetic-{cells}",
            cells=cells,
            read_two_intervals_s=read,
            whole_feed_s=feed_s,
            region_s=region_s,
            region_cells=len(region),
            snapshot_to_columns_s=convert_s,
            seconds=read + feed_s + region_s,
            budget_s=0.05,
        )
        new_region = _new_scopes([frozenset(feed.ids[k::20][:REGION_CELLS]) for k in range(1, 20)])
        new_cell = _new_scopes([frozenset({cell}) for cell in feed.ids[1::997]])
        whole = frozenset(feed.ids)  # the feed's cell list, one more cell each time (absent: no data)
        new_feed = _new_scopes([whole | {f"NL-gone-{k}"} for k in range(reps)])

        def first_time(scopes) -> float:  # as the dock builds it: figures kept in the file, a scope new to it
            return median_of(
                reps,
                lambda: build_day_picture(
                    store, NOW, next(scopes), 1, timezone.utc, memo=store.indicator_memo()
                ),
            )

        cold = first_time(new_region)
        cold_cell = first_time(new_cell)
        cold_feed = first_time(new_feed)
        slowest = max(cold, cold_cell, cold_feed)
        memo = store.indicator_memo()
        build_day_picture(store, NOW - SLOT, region, 1, timezone.utc, memo=memo)
        warm = timed(lambda: build_day_picture(store, NOW, region, 1, timezone.utc, memo=memo))
        stored = median_of(
            reps, lambda: build_day_picture(store, NOW, region, 1, timezone.utc, memo=store.indicator_memo())
        )
        draw = chart_draw_seconds(build_day_picture(store, NOW, region, 1, timezone.utc), reps)
        stretch = main_thread_stretch(
            lambda: build_day_picture(store, NOW, next(new_region), 1, timezone.utc)
        )
        emit(
            "stats_chart_week",
            f"synthetic-{cells}",
            cells=cells,
            intervals_in_file=len(ends),
            picture_first_time_for_scope_s=cold,
            picture_first_time_for_cell_s=cold_cell,
            picture_first_time_for_feed_s=cold_feed,
            picture_next_interval_s=warm,
            picture_after_restart_s=stored,
            draw_s=draw,
            first_time_with_draw_s=slowest + draw,
            seconds=slowest + draw,
            longest_stretch_s=stretch,
            budget_s=1.0,
        )
        store.close()
    run_exercise_chart(emit, reps)
    run_map_operations(emit, reps, cells)


def main_thread_stretch(work: Callable[[], object]) -> float:
    """The longest the main thread could not react while ``work`` ran on a worker, as the chart's does."""
    import pipeline

    with pipeline.MainThreadWatch() as watch:
        pipeline.on_worker(work)
    return watch.longest_s


def run_exercise_chart(emit: Callable[..., None], reps: int) -> None:
    """The chart in a demo exercise (~2,100 cells), whose past the simulator computes: the first
    picture (every interval computed) and then a newly selected cell (the intervals kept)."""
    from druktemeter.plugin.simulator import build_source
    from druktemeter.plugin.simulator.past import SimulatedPast

    source = build_source("markt", seed=3, start=NOW)
    source.clock.pause()
    past = SimulatedPast(source)
    first = timed(lambda: build_day_picture(past, NOW, None, EXERCISE_WEEKS, timezone.utc))
    ids = past.columns_at(NOW).ids
    cells = iter(frozenset({cell}) for cell in ids[::50])
    new_cell = median_of(
        reps, lambda: build_day_picture(past, NOW, next(cells), EXERCISE_WEEKS, timezone.utc)
    )
    emit(
        "stats_chart_exercise",
        "demo-markt",
        cells=len(ids),
        weeks=EXERCISE_WEEKS,
        picture_first_s=first,
        picture_new_cell_s=new_cell,
        seconds=first,
        budget_s=1.0,
    )


def run_map_operations(emit: Callable[..., None], reps: int = 5, cells: int = 60_000) -> None:
    """The briefing and the play-back layer over a crowd layer of ``cells`` cells, each with the
    longest stretch the main thread could not react (``bench/pipeline.MainThreadWatch``)."""
    import pipeline
    import workloads
    from qgis.core import QgsProject, QgsRectangle

    NATIONAL_EXTENT = QgsRectangle(3.3, 50.7, 7.3, 53.6)  # noqa: N806 - as bench/run.py
    cell_set = pipeline.as_received(workloads.synthetic_cells(cells))
    crowd, _ = pipeline.first_load(cell_set, MAP_CRS)
    simulator = workloads.CountsSimulator([cell.id for cell in cell_set.cells])
    snapshots = [simulator.next_snapshot() for _ in range(PLAYBACK_INTERVALS + 1)]
    crowd.apply_counts(snapshots[-1], "bench")
    pipeline.wait_until_idle(crowd)
    region = frozenset(cell.id for cell in workloads.region_cells(cell_set).cells)
    # The map canvas has drawn the layer before anyone asks for a briefing (QGIS's one-time set-up
    # of its first map render, ~50 ms, is not the briefing's).
    pipeline.render_seconds(crowd.layer, NATIONAL_EXTENT, (1280, 1024), MAP_CRS)
    for workload, scope in ((f"synthetic-{cells}-region", region), (f"synthetic-{cells}", None)):
        runs = [briefing_figures(crowd, snapshots[-1], scope) for _ in range(reps)]
        emit(
            "briefing_pdf",
            workload,
            cells=cells if scope is None else len(scope),
            seconds=statistics.median(r["seconds"] for r in runs),
            start_s=statistics.median(r["start_s"] for r in runs),
            longest_stretch_s=max(r["longest_stretch_s"] for r in runs),
            budget_s=0.05,
        )
    with tempfile.TemporaryDirectory(prefix="druktemeter-playback-bench-") as folder:
        end = snapshots[-1].interval.end
        store = HistoryStore(Path(folder) / "history.sqlite", 8, clock=lambda: end)
        for snapshot in snapshots:
            store.record(snapshot)
        start = snapshots[1].interval.start
        runs = [playback_figures(store, crowd, start, end, region) for _ in range(reps)]
        store.close()
    emit(
        "playback_layer",
        f"synthetic-{cells}-region",
        cells=len(region),
        intervals=PLAYBACK_INTERVALS,
        seconds=statistics.median(r["seconds"] for r in runs),
        longest_stretch_s=max(r["longest_stretch_s"] for r in runs),
        budget_s=0.05,
    )
    for layer_id in list(QgsProject.instance().mapLayers()):
        QgsProject.instance().removeMapLayer(layer_id)
    crowd.close()


def briefing_figures(crowd, snapshot, region: Optional[frozenset]) -> dict:
    """One briefing written as the plugin does: map rendered off the main thread, then laid out and
    exported (with a region: its outline on the map and its busiest cells in the table; without: the
    whole layer's extent and the busiest cells of the feed)."""
    import pipeline
    from druktemeter.plugin.mapping.briefing import BriefingContent, BriefingWriter
    from qgis.core import QgsGeometry, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication
    from qgis.PyQt.QtGui import QColor, QImage

    chart = QImage(840, 560, QImage.Format.Format_RGB32)
    chart.fill(QColor("white"))
    content = BriefingContent(
        snapshot=snapshot,
        source="bench",
        answer="Today 14:00–15:00: 5 % fewer movements than yesterday.",
        chart=chart,
        region=None if region is None else QgsGeometry.fromWkt(REGION_WKT),
        region_name="" if region is None else "bench region",
        scope=region,
        places=crowd.cell_places(),
    )
    writer, done = BriefingWriter(), []
    writer.written.connect(done.append)
    writer.failed.connect(done.append)
    layer = crowd.layer
    with (
        tempfile.TemporaryDirectory(prefix="druktemeter-briefing-bench-") as folder,
        pipeline.MainThreadWatch() as watch,
    ):
        started = time.perf_counter()
        writer.write(
            QgsProject.instance(), content, [layer], layer.extent(), layer.crs(), Path(folder) / "b.pdf"
        )
        start_s = time.perf_counter() - started
        while not done:
            QCoreApplication.processEvents()
        seconds = time.perf_counter() - started
    assert done[0].endswith("b.pdf"), done
    writer.deleteLater()
    return {"seconds": seconds, "start_s": start_s, "longest_stretch_s": watch.longest_s}


def playback_figures(store, crowd, start: datetime, end: datetime, region: frozenset) -> dict:
    """A play-back layer of the region built as the plugin does, until it is in the project."""
    import pipeline
    from druktemeter.plugin.mapping.playback import Playback
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    playback, done = Playback(), []
    playback.ready.connect(lambda layer: done.append(QgsProject.instance().addMapLayer(layer)))
    playback.failed.connect(done.append)
    with pipeline.MainThreadWatch() as watch:
        started = time.perf_counter()
        playback.start(store, crowd, start, end, pipeline.EDGES, region)
        while not done:
            QCoreApplication.processEvents()
        seconds = time.perf_counter() - started
    assert not isinstance(done[0], str), done
    playback.shutdown()
    return {"seconds": seconds, "longest_stretch_s": watch.longest_s}


def _new_scopes(scopes: list) -> Iterator:
    """Each scope once, in turn (a scope asked again would find its figures kept)."""
    return iter(scopes)


def chart_draw_seconds(picture, reps: int) -> float:
    """Drawing the chart as the dock's worker does (``DayChart``: matplotlib's Agg), at the dock's size."""
    from druktemeter.plugin.gui.chart_panel import DayChart
    from matplotlib.backends import backend_agg

    chart = DayChart(backend_agg)
    return median_of(reps, lambda: chart.image(picture, "movement", 4.2, 2.8, 100))


def main(argv: list[str]) -> int:
    import json
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, default=60_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    app = QgsApplication([], False)
    app.initQgis()

    def emit(measure: str, workload: str, **values) -> None:
        rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}
        print(json.dumps({"measure": measure, "workload": workload, **rounded}), flush=True)

    run(emit, args.reps, args.cells)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
