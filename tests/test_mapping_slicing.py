"""The sliced runner: budgets per event-loop turn, replacement, completion."""

from __future__ import annotations

import time

import pytest
from druktemeter.plugin.mapping.slicing import SlicedRunner


def steps(log: list, count: int, seconds: float):
    for i in range(count):
        time.sleep(seconds)
        log.append(i)
        yield


def test_runs_in_slices_within_budget(qtbot):
    runner = SlicedRunner(budget_s=0.02)
    log, done = [], []
    runner.start(steps(log, 20, 0.005), lambda: done.append(True))
    assert log == []  # nothing runs before the event loop turns
    qtbot.waitUntil(lambda: done == [True], timeout=5000)
    assert log == list(range(20))
    # Steps of at least 5 ms in a 20 ms budget: at most four per turn, so five turns or more
    # (a busy machine only adds turns; a slice's duration is `make bench`'s figure).
    assert runner.slices >= 5


def test_a_new_job_replaces_the_unfinished_one(qtbot):
    runner = SlicedRunner(budget_s=0.01)
    first, second, done = [], [], []
    runner.start(steps(first, 50, 0.004), lambda: done.append("first"))
    qtbot.wait(30)
    runner.start(steps(second, 3, 0.0), lambda: done.append("second"))
    qtbot.waitUntil(lambda: done == ["second"], timeout=5000)
    assert len(first) < 50 and not runner.busy


def test_finish_now_and_errors_leave_the_runner_idle():
    runner = SlicedRunner()
    log, done = [], []
    runner.start(steps(log, 5, 0.0), lambda: done.append(True))
    runner.finish_now()
    assert log == list(range(5)) and done == [True] and not runner.busy

    def broken():
        yield
        raise ValueError("bad data")

    runner.start(broken(), lambda: done.append("never"))
    with pytest.raises(ValueError):
        runner.finish_now()
    assert not runner.busy and done == [True]
