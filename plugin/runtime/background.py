"""One owner of every thread the plugin starts, so that ``unload()`` stops and joins them all.

The plugin creates one :class:`BackgroundWork` and hands it to whatever runs
work off the main thread: the feed poller's ``QThread``, connection tests from
the settings dialog, the classroom exercise-clock commands and the history
worker. Each registers here when it starts. ``unload`` first stops the
long-lived workers as before (the monitor stops its poller, the history panel
its writes), then :meth:`BackgroundWork.shutdown` joins every thread owned here
and returns the names of any that outlived the deadline, so a leak is logged
and testable, not silent.

Short jobs that may take long (a connection test against a slow feed) end by
their own network deadlines, so the join is bounded; they never touch a
widget, only queued signals, so a late finish cannot reach a deleted object.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

from qgis.PyQt.QtCore import QThread

LOGGER = logging.getLogger("druktemeter.background")
SHUTDOWN_SECONDS = 30.0  # longer than any network deadline of a one-shot job


class BackgroundWork:
    """Starts or adopts the plugin's threads and joins them all on :meth:`shutdown`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._qthreads: list[QThread] = []
        self._executors: list[tuple[str, ThreadPoolExecutor]] = []
        self._stops: dict[int, Callable[[], None]] = {}  # id(QThread) -> how to cut it short

    def start_thread(self, target: Callable[[], None], name: str) -> threading.Thread:
        """Run ``target`` on a new thread owned here."""
        thread = threading.Thread(target=target, name=name, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()
        return thread

    def adopt(self, thread: QThread, stop: Optional[Callable[[], None]] = None) -> QThread:
        """Own a ``QThread`` (started by its creator) until it finishes; ``stop`` cuts its work
        short on shutdown (e.g. aborts a request in flight)."""
        with self._lock:
            self._qthreads = [t for t in self._qthreads if _alive(t) and not t.isFinished()]
            self._qthreads.append(thread)
            if stop is not None:
                self._stops[id(thread)] = stop
        return thread

    def serial_executor(self, name: str) -> ThreadPoolExecutor:
        """A one-thread executor (jobs run in order) owned here."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        with self._lock:
            self._executors.append((name, executor))
        return executor

    def running(self) -> list[str]:
        """Names of the threads owned here that still run."""
        with self._lock:
            names = [t.name for t in self._threads if t.is_alive()]
            names += [t.objectName() or "QThread" for t in self._qthreads if _alive(t) and t.isRunning()]
            names += [name for name, executor in self._executors if _executor_alive(executor)]
        return names

    def shutdown(self, timeout_s: float = SHUTDOWN_SECONDS) -> list[str]:
        """Stop and join everything; returns the names still running after ``timeout_s`` (logged)."""
        with self._lock:
            threads, qthreads, executors = list(self._threads), list(self._qthreads), list(self._executors)
            stops = [self._stops.pop(id(t)) for t in qthreads if id(t) in self._stops]
        for stop in stops:
            stop()
        deadline = time.monotonic() + timeout_s
        for _name, executor in executors:
            executor.shutdown(wait=True)  # pending history writes are finished, not dropped
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        for qthread in qthreads:
            if _alive(qthread):
                qthread.wait(max(0, int((deadline - time.monotonic()) * 1000)))
        left = self.running()
        if left:
            LOGGER.error("Background work still running after unload: %s", ", ".join(left))
        return left


def _alive(thread: QThread) -> bool:
    """False once Qt deleted the thread object (a finished poller thread is deleted later)."""
    from qgis.PyQt import sip

    return not sip.isdeleted(thread)


def _executor_alive(executor: ThreadPoolExecutor) -> bool:
    return any(t.is_alive() for t in getattr(executor, "_threads", ()))
