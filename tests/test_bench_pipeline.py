"""The benchmark's poll pipeline stays runnable (a smoke test on a small workload; the
figures themselves come from `make bench`, never from timed unit tests)."""

from __future__ import annotations

import sys

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
import pipeline
import workloads


def test_a_small_workload_polls_through_parser_layer_and_alerts():
    cells = workloads.synthetic_cells(300)
    crowd, first = pipeline.first_load(cells)
    engine = pipeline.alert_engine(crowd, workloads.region_cells(cells, target=100))
    simulator = workloads.CountsSimulator([cell.id for cell in cells.cells])
    figures = pipeline.poll(crowd, engine, simulator, pipeline.planner_for(crowd))
    assert first.bytes > 0 and crowd.layer.featureCount() == 300
    assert figures.bytes > 0 and figures.values_written > 0 and figures.longest_s > 0
    changed = pipeline.changed_cells(cells)
    pipeline.load_body(pipeline.cells_body(changed), crowd=crowd)
    assert crowd.layer.featureCount() == len(changed.cells) == 300
    assert pipeline.region_change(crowd, "POLYGON((3 50, 8 50, 8 54, 3 54, 3 50))").cells == 300
    snapshot = simulator.next_snapshot()
    assert pipeline.history_write(snapshot).seconds > 0 and pipeline.snapshot_export(snapshot).seconds > 0
    crowd.close()


def test_national_alerts_are_measured_as_the_service_evaluates_them():
    """At once for a safety region, in slices beyond ``EVALUATED_AT_ONCE``: both give the events."""
    from druktemeter.plugin.runtime import alert_service

    cells = workloads.synthetic_cells(300)
    crowd, _ = pipeline.first_load(cells)
    engine = pipeline.alert_engine(crowd, cells)
    simulator = workloads.CountsSimulator([cell.id for cell in cells.cells], seed=5)
    at_once = pipeline.evaluation_as_the_service_does(engine, simulator.next_snapshot())
    limit, alert_service.EVALUATED_AT_ONCE = alert_service.EVALUATED_AT_ONCE, 0
    try:
        sliced = pipeline.evaluation_as_the_service_does(engine, simulator.next_snapshot())
    finally:
        alert_service.EVALUATED_AT_ONCE = limit
    assert at_once.events > 0 and sliced.main_thread_s > 0 and sliced.longest_s > 0
    assert set(engine.raised_cells()) <= {cell.id for cell in cells.cells}
    crowd.close()


def test_the_memory_slope_is_fitted_through_the_samples():
    assert pipeline.least_squares_slope({10: 100.0, 20: 101.0, 30: 102.0}) == 0.1
    assert pipeline.least_squares_slope({10: 100.0}) == 0.0
