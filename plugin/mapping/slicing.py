"""Main-thread work in slices short enough that QGIS never feels frozen.

Updating 60,000 features takes longer than the 50 ms a user tolerates without
the map or the mouse reacting. A job is a generator whose every ``yield`` marks
a point where the layer is consistent enough to be drawn; the runner advances
it until its time budget for this event-loop turn is spent, then lets Qt
process events before continuing. A slice ends within one step after its
budget; 12 ms leaves room for that step and for a busy machine that runs
everything twice as slowly, and still stays well under 50 ms.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Callable, Optional

from qgis.PyQt.QtCore import QObject, QTimer

Job = Iterator[None]


class SlicedRunner(QObject):
    """Runs one job at a time; a new job replaces the unfinished one."""

    def __init__(self, budget_s: float = 0.012, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.budget_s = budget_s
        self.longest_slice_s = 0.0  # longest uninterrupted stretch so far (benchmark figure)
        self.total_s = 0.0  # main-thread time spent in slices so far (benchmark figure)
        self.slices = 0  # event-loop turns used so far
        self._job: Optional[Job] = None
        self._on_done: Optional[Callable[[], None]] = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: Job, on_done: Callable[[], None]) -> None:
        self._job = job
        self._on_done = on_done
        self._timer.start()

    def finish_now(self) -> None:
        """Run the current job to its end without returning to the event loop."""
        while self._job is not None:
            self._run_slice(budget_s=float("inf"))

    def cancel(self) -> None:
        self._timer.stop()
        self._job = None
        self._on_done = None

    def _run_slice(self, budget_s: Optional[float] = None) -> None:
        if self._job is None:
            return
        started = time.perf_counter()
        deadline = started + (self.budget_s if budget_s is None else budget_s)
        job = self._job
        try:
            while time.perf_counter() < deadline:
                next(job)
        except StopIteration:
            self._complete()
        except Exception:
            self.cancel()
            raise
        else:
            self._timer.start()
        finally:
            if budget_s is None:
                spent = time.perf_counter() - started
                self.longest_slice_s = max(self.longest_slice_s, spent)
                self.total_s += spent
                self.slices += 1

    def _complete(self) -> None:
        on_done = self._on_done
        self._job = None
        self._on_done = None
        if on_done is not None:
            on_done()
