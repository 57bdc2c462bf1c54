"""Pausing Python's cycle collector around work that makes many short-lived containers.

A full collection walks every tracked object in QGIS's Python (50-200 ms on a
busy machine) while holding the GIL, so it stops the main thread whichever
thread set it off. Reading a cell list, writing a national CSV table or
building an exercise's geography makes tens of thousands of containers that die
by reference counting soon after; collections running in between would promote
them, and the pile of promotions sets off full collections. Paused meanwhile,
none run. The pause is counted, so overlapping pauses from several threads end
with the last one, and the collector's own switch is restored as it was.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
