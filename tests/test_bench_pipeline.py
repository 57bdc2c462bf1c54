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
