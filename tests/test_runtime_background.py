"""The one owner of the plugin's threads: it starts, adopts and joins them, and names what is left."""

from __future__ import annotations

import threading

from druktemeter.plugin.runtime.background import BackgroundWork
from qgis.PyQt.QtCore import QThread


class SleepingQThread(QThread):
    """A QThread that waits until it is told to end (like the poller between polls)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("DruktemeterTestSleeper")
        self.wake = threading.Event()

    def run(self) -> None:
        self.wake.wait(30)


def test_every_kind_of_work_is_joined_on_shutdown():
    background = BackgroundWork()
    release = threading.Event()
    background.start_thread(lambda: release.wait(30), "DruktemeterTestThread")
    sleeper = background.adopt(SleepingQThread())
    sleeper.start()
    executor = background.serial_executor("druktemeter-test")
    written = []
    executor.submit(lambda: written.append("first"))
    executor.submit(lambda: written.append("second"))
    assert {"DruktemeterTestThread", "DruktemeterTestSleeper", "druktemeter-test"} <= set(
        background.running()
    )
    sleeper.wake.set()  # what unload does first: the poller is told to stop
    release.set()
    assert background.shutdown() == []
    assert written == ["first", "second"], "queued writes are finished, not dropped"
    assert sleeper.isFinished()
    assert not any(t.name.startswith(("DruktemeterTest", "druktemeter-test")) for t in threading.enumerate())


def test_what_outlives_the_deadline_is_named_and_logged(caplog):
    background = BackgroundWork()
    release = threading.Event()
    background.start_thread(lambda: release.wait(30), "DruktemeterStuck")
    try:
        assert background.shutdown(timeout_s=0.05) == ["DruktemeterStuck"]
        assert "still running after unload: DruktemeterStuck" in caplog.text
    finally:
        release.set()
