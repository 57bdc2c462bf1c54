"""``make bench``: performance figures of the live crowd map, one JSON line per measurement.

Sizes: a region (~3,000 cells), the country (the ~33,400 real sector cells of at least one hectare when
``../shared/data/antenneregister`` is present, and a synthetic 60,000), and a
synthetic 200,000. Side by side in the same run: our poll (compact counts
payload -> parsed -> values written in place -> alerts) and the obvious
alternative, QGIS reloading a GeoJSON file that carries geometry and counts.
Times are medians over ``--reps`` repetitions, in seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO_ROOT = Path(__file__).resolve().parents[1]
_PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
(_PACKAGE_PARENT / "druktemeter").symlink_to(REPO_ROOT, target_is_directory=True)
sys.path.insert(0, str(_PACKAGE_PARENT))
warnings.filterwarnings("ignore", message="STRtree will be changed")

import pipeline  # noqa: E402
import stats as stats_bench  # noqa: E402 - bench/stats.py: indicators and chart (issue 11)
import workloads  # noqa: E402
from qgis.core import QgsApplication, QgsRectangle  # noqa: E402

NATIONAL_EXTENT = QgsRectangle(3.3, 50.7, 7.3, 53.6)
CITY_EXTENT = QgsRectangle(4.83, 52.33, 4.97, 52.41)  # Amsterdam centre, about 1:30,000 at 1280 px
REGIONAL_EXTENT = QgsRectangle(4.6, 51.95, 5.4, 52.45)  # Amsterdam to Utrecht, about 1:320,000 at 1280 px
RENDERED_NATIONAL = "crowd layer + national overview, scale visibility deciding: the overview"
RENDERED_DETAIL = "crowd layer + national overview, scale visibility deciding: the crowd layer (every cell)"
RENDERED_CELLS = "the crowd layer alone, every cell (no scale limit)"
CANVAS = (1280, 1024)
RD_NEW = "EPSG:28992"
MAP_CRS = "EPSG:3857"  # the crowd layer's CRS in the plugin (runtime.monitor.MAP_CRS)
# A drawn region around Amsterdam and Utrecht (region/wkt), matched to the cells on a region change.
REGION_WKT = "POLYGON((4.7 52.0, 5.3 52.0, 5.3 52.45, 4.7 52.45, 4.7 52.0))"
POLL_SECONDS = 60  # the default of feed/poll_seconds
INTERVAL_MINUTES = 15


def emit(measure: str, workload: str, **values) -> None:
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}
    print(json.dumps({"measure": measure, "workload": workload, **rounded}), flush=True)


def emit_render(
    measure: str, workload: str, cells: int, seconds: float, map_crs: str, rendered: str, **extra
) -> None:
    """A render measure: a full picture of the canvas size, what it drew and in which map CRS."""
    emit(
        measure,
        workload,
        cells=cells,
        seconds=seconds,
        size=list(CANVAS),
        map_crs=map_crs,
        rendered=rendered,
        **extra,
    )


def median_of(reps: int, run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(reps))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def emit_load(measure: str, name: str, figures: pipeline.LoadFigures, cells: int, **extra) -> None:
    emit(
        measure,
        name,
        cells=cells,
        seconds=figures.seconds,
        parse_s=figures.parse_s,
        longest_stretch_s=figures.longest_s,
        longest_slice_s=figures.longest_slice_s,
        gc_pause_s=figures.gc_pause_s,
        bytes=figures.bytes,
        **extra,
    )


def bench_workload(name: str, cells, reps: int) -> None:
    ids = [cell.id for cell in cells.cells]
    simulator = workloads.CountsSimulator(ids)
    crowd, first = pipeline.first_load(cells)
    engine = pipeline.alert_engine(crowd, workloads.region_cells(cells))
    emit_load("first_load_api", name, first, len(ids), parser=pipeline.PARSER)
    bench_national_alerts(name, crowd, cells, reps)
    bench_first_picture(name, cells)

    # Ours and the alternative interleaved, rep by rep, so both see the same machine load.
    alternative = pipeline.GeoJsonReload(cells)
    planner = pipeline.planner_for(crowd)
    pipeline.poll(crowd, engine, simulator, planner)  # warm-up of both
    alternative.update(simulator.next_snapshot())
    polls, reloads = [], []
    for _ in range(reps):
        polls.append(pipeline.poll(crowd, engine, simulator, planner))
        reloads.append(alternative.update(simulator.next_snapshot()))
    ours = statistics.median(p.poll_to_map_s for p in polls)
    main_thread = statistics.median(p.main_thread_s for p in polls)
    emit(
        "poll_to_map",
        name,
        cells=len(ids),
        seconds=ours,
        parse_s=statistics.median(p.parse_s for p in polls),
        main_thread_s=main_thread,
        longest_stretch_s=max(p.longest_s for p in polls),
        gc_pause_s=max(p.gc_pause_s for p in polls),
        alerts_s=statistics.median(p.alerts_s for p in polls),
        values_written=int(statistics.median(p.values_written for p in polls)),
        bytes=polls[-1].bytes,
        gzip_bytes=polls[-1].gzip_bytes,
        parser=pipeline.PARSER,
        alerts=pipeline.ALERTS,
    )
    theirs = statistics.median(r.seconds for r in reloads)
    their_gzip = alternative.gzip_bytes()
    emit(
        "geojson_reload", name, cells=len(ids), seconds=theirs, bytes=reloads[-1].bytes, gzip_bytes=their_gzip
    )
    emit(
        "ratio_vs_geojson",
        name,
        time=theirs / ours,
        main_thread=theirs / main_thread,
        bytes=reloads[-1].bytes / polls[-1].bytes,
        gzip_bytes=their_gzip / polls[-1].gzip_bytes,
    )
    # Operationally a GeoJSON layer with auto-refresh reloads everything on every refresh, while
    # our poll between two intervals gets a 304 (no body, nothing to apply).
    polls_per_interval = INTERVAL_MINUTES * 60 // POLL_SECONDS
    emit(
        "ratio_vs_geojson_per_interval_of_polls",
        name,
        assumes=f"poll every {POLL_SECONDS} s, new interval every {INTERVAL_MINUTES} min, 304 = 0 body bytes",
        time=polls_per_interval * theirs / ours,
        bytes=polls_per_interval * reloads[-1].bytes / polls[-1].bytes,
    )
    alternative.close()
    snapshot = simulator.next_snapshot()
    bench_side_operations(name, crowd, snapshot)
    bench_renders(name, cells, crowd, simulator, reps)
    crowd.close()


def bench_national_alerts(name: str, crowd, cells, reps: int) -> None:
    """Alerts evaluated over every cell (a user whose region is the whole country) as the alert
    service does it: in slices on the main thread, committed in the last."""
    engine = pipeline.alert_engine(crowd, cells)
    simulator = workloads.CountsSimulator([cell.id for cell in cells.cells], seed=5)
    runs = [pipeline.evaluation_as_the_service_does(engine, simulator.next_snapshot()) for _ in range(reps)]
    emit(
        "alerts_national",
        name,
        cells=len(cells.cells),
        seconds=statistics.median(r.seconds for r in runs),
        main_thread_s=statistics.median(r.main_thread_s for r in runs),
        longest_stretch_s=max(r.longest_s for r in runs),
        longest_slice_s=max(r.longest_slice_s for r in runs),
        events=int(statistics.median(r.events for r in runs)),
        budget_s=0.05,
        evaluated="AlertService.evaluate: in slices on the main thread beyond 20,000 region cells",
    )


def bench_first_picture(name: str, cells) -> None:
    """A QGIS restart: cells from the disk cache onto the layer in the map's CRS, and the country drawn."""
    crowd, figures = pipeline.first_load_from_cache(cells, MAP_CRS)
    emit_load("first_load_disk", name, figures, len(cells.cells), source=pipeline.DISK_SOURCE)
    pictured, overview, picture = pipeline.first_picture_from_cache(cells, MAP_CRS, NATIONAL_EXTENT, CANVAS)
    emit(
        "first_picture",
        name,
        cells=len(cells.cells),
        seconds=picture.seconds,
        overview_s=picture.overview_s,
        render_s=picture.render_s,
        load_s=picture.load.seconds,
        longest_stretch_s=picture.load.longest_s,
        map_crs=MAP_CRS,
        rendered=RENDERED_NATIONAL + " (no counts yet: every cell 'no data')",
    )
    overview.shutdown()
    pictured.close()
    changed = pipeline.changed_cells(cells)
    body, count = pipeline.cells_body(changed), len(changed.cells)
    del changed  # its GeoJSON is the bench's, not the plugin's: not left for the cycle collector to walk
    gc.collect()
    _, figures = pipeline.load_body(body, crowd=crowd)
    emit_load("cells_changed", name, figures, count, change="5 % gone, 5 % new, 5 % moved")
    crowd.close()


def bench_side_operations(name: str, crowd, snapshot) -> None:
    """The other things an operator does while the feed runs: each its own main-thread figure."""
    figures = pipeline.region_change(crowd, REGION_WKT)
    emit(
        "region_change",
        name,
        cells=figures.cells,
        seconds=figures.seconds,
        longest_stretch_s=figures.longest_s,
    )
    figures = pipeline.history_write(snapshot)
    emit("history_write", name, seconds=figures.seconds, longest_stretch_s=figures.longest_s)
    figures = pipeline.snapshot_export(snapshot)
    emit("export_csv", name, seconds=figures.seconds, longest_stretch_s=figures.longest_s)


def bench_renders(name: str, cells, crowd, simulator, reps: int) -> None:
    """Renders at 1280 x 1024. The plugin's own (EPSG:3857) renders what it shows: the crowd layer
    and the national overview, each within its scale range; the other CRSs the crowd layer alone."""
    ids = len(cells.cells)
    map_layers = {}
    for crs in (RD_NEW, MAP_CRS):  # the layer in the map's CRS, as the plugin keeps it
        layer_crowd, _ = pipeline.load_body(pipeline.cells_body(cells), crs=crs)
        map_layers[crs] = layer_crowd
    map_layers[RD_NEW].apply_counts(simulator.next_snapshot(), "bench")
    pipeline.wait_until_idle(map_layers[RD_NEW])
    every_cell = pipeline.render_seconds(map_layers[MAP_CRS].layer, NATIONAL_EXTENT, CANVAS, MAP_CRS)
    overview, planner = pipeline.with_overview(map_layers[MAP_CRS], simulator.next_snapshot())
    bench_overview_update(name, map_layers[MAP_CRS], overview, planner, simulator, reps)
    shown = [map_layers[MAP_CRS].layer, overview.layer]
    for extent_name, extent in (
        ("national", NATIONAL_EXTENT),
        ("regional", REGIONAL_EXTENT),
        ("city", CITY_EXTENT),
    ):
        for label, layers, crs in (
            ("EPSG:4326", crowd.layer, ""),
            ("EPSG:28992, layer in EPSG:4326 (reprojected on the fly)", crowd.layer, RD_NEW),
            ("EPSG:28992, layer in EPSG:28992", map_layers[RD_NEW].layer, RD_NEW),
            ("EPSG:3857, layer in EPSG:3857 (the plugin's default)", shown, MAP_CRS),
        ):
            seconds = median_of(
                reps, lambda e=extent, m=layers, c=crs: pipeline.render_seconds(m, e, CANVAS, c)
            )
            rendered = RENDERED_CELLS
            if layers is shown:
                rendered = RENDERED_NATIONAL if extent_name == "national" else RENDERED_DETAIL
            emit_render(f"render_{extent_name}", name, ids, seconds, label, rendered)
    crowd_alone = map_layers[MAP_CRS].layer
    crowd_alone.setScaleBasedVisibility(False)  # the comparison: every cell at national scale
    seconds = median_of(reps, lambda: pipeline.render_seconds(crowd_alone, NATIONAL_EXTENT, CANVAS, MAP_CRS))
    emit_render(
        "render_national_every_cell", name, ids, seconds, MAP_CRS, RENDERED_CELLS, first_render_s=every_cell
    )
    crowd_alone.setScaleBasedVisibility(True)
    stale = map_layers[MAP_CRS]
    stale.set_stale(True)
    overview.sync_style()
    seconds = median_of(reps, lambda: pipeline.render_seconds(shown, NATIONAL_EXTENT, CANVAS, MAP_CRS))
    emit_render("render_national_stale", name, ids, seconds, MAP_CRS, RENDERED_NATIONAL)
    overview.shutdown()
    for layer_crowd in map_layers.values():
        layer_crowd.close()


def bench_overview_update(name: str, crowd, overview, planner, simulator, reps: int) -> None:
    """A new interval for the national overview (every band's membership changes in the simulation)."""
    runs = [
        pipeline.overview_update(crowd, overview, planner, simulator.next_snapshot()) for _ in range(reps)
    ]
    emit(
        "overview_update",
        name,
        cells=len(crowd.cells.cells),
        worker_s=statistics.median(r.worker_s for r in runs),
        main_thread_s=statistics.median(r.apply_s for r in runs),
        longest_stretch_s=max(r.longest_s for r in runs),
        groups_rebuilt=max(r.groups for r in runs),
    )


def bench_exercise(reps: int) -> None:
    """A trainer starts (or restarts) an exercise: the demo feed is opened as the monitor does."""
    runs = [pipeline.exercise_start(seed) for seed in range(1, reps + 1)]  # a new seed: nothing cached
    emit(
        "exercise_start",
        "demo-brabant-noord",
        cells=runs[-1].cells,
        seconds=statistics.median(r.seconds for r in runs),
        longest_stretch_s=max(r.longest_s for r in runs),
    )


def bench_memory(name: str, cells, polls: int) -> None:
    """RSS over ``polls`` polls (parse, apply, alerts) on one layer: it must stay flat.

    Sampled every twentieth of the run after a warm-up (the first tenth: caches and the
    allocator settle); ``slope_mb_per_100_polls`` is the least-squares slope over the samples."""
    ids = [cell.id for cell in cells.cells]
    simulator = workloads.CountsSimulator(ids, seed=11)
    crowd, _ = pipeline.first_load(cells)
    engine = pipeline.alert_engine(crowd, workloads.region_cells(cells))
    planner = pipeline.planner_for(crowd)
    warm_up = max(1, polls // 10)
    every = max(1, polls // 20)
    samples = {}
    for number in range(1, polls + 1):  # every poll a new interval: ~10 days of 15-minute intervals
        pipeline.poll(crowd, engine, simulator, planner)
        if (number >= warm_up and (number - warm_up) % every == 0) or number == polls:
            samples[number] = rss_mb()
    crowd.close()
    start, end = samples[warm_up], samples[polls]
    emit(
        "memory_polls",
        name,
        cells=len(ids),
        polls=polls,
        rss_mb=samples,
        start_rss_mb=start,
        end_rss_mb=end,
        growth_mb=end - start,
        slope_mb_per_100_polls=100 * pipeline.least_squares_slope(samples),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=workloads.REGISTER, help="antenna register folder")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument(
        "--memory-polls",
        type=int,
        default=1000,
        help="polls of the memory measure (the goal: flat over 1,000)",
    )
    parser.add_argument("--only", nargs="*", help="workloads to run (default all; also 'exercise', 'memory')")
    args = parser.parse_args(argv)
    app = QgsApplication([], False)
    app.initQgis()
    pipeline.warm_up_renderer()
    national = workloads.national_cells(args.data)
    if national is None:
        print(json.dumps({"note": f"real antenna data not found at {args.data}: country-real skipped"}))
    builders = {  # built one at a time, so one workload's objects do not slow another's GC
        "region-3000": lambda: workloads.region_cells(national or workloads.synthetic_cells(60_000)),
        "country-real": lambda: national,
        "synthetic-60000": lambda: workloads.synthetic_cells(60_000),
        "synthetic-200000": lambda: workloads.synthetic_cells(200_000),
    }
    for name, build in builders.items():
        cells = build() if not args.only or name in args.only else None
        if cells is not None:
            cells = pipeline.as_received(cells)  # no GeoJSON held by the bench itself, as in the plugin
            gc.collect()
            bench_workload(name, cells, args.reps)
        del cells
        gc.collect()
    if not args.only or "exercise" in args.only:
        bench_exercise(args.reps)
    if not args.only or "stats" in args.only:
        stats_bench.run(emit, args.reps)
    if args.memory_polls and (not args.only or "memory" in args.only):
        bench_memory(
            "synthetic-60000", pipeline.as_received(workloads.synthetic_cells(60_000)), args.memory_polls
        )
    emit("peak_memory", "all", rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
