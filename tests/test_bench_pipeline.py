"""The benchmark's poll pipeline stays runnable (a smoke test on a small workload; the
figures themselves come from `make bench`, never from timed unit tests)."""

from __future__ import annotations

import dataclasses
import sys

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
import pipeline
import workloads


def test_a_small_workload_polls_through_parser_layer_and_alerts():
    cells = workloads.synthetic_cells(300)
    held = dataclasses.replace(cells, etag=pipeline.BENCH_CELLS_ETAG)
    crowd, first = pipeline.first_load(cells)
    engine = pipeline.alert_engine(crowd, workloads.region_cells(cells, target=100))
    simulator = workloads.CountsSimulator([cell.id for cell in cells.cells])
    figures = pipeline.poll(crowd, engine, simulator, held)
    assert first.bytes > 0 and crowd.layer.featureCount() == 300
    assert figures.bytes > 0 and figures.values_written > 0
    crowd.close()
