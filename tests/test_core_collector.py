import gc
import threading

import pytest
from druktemeter.plugin.core.collector import collector_paused


@pytest.fixture(autouse=True)
def collector_enabled():
    gc.enable()
    yield
    gc.enable()


def test_pause_disables_the_collector_and_restores_it():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_from_two_threads_end_with_the_last():
    inside, release = threading.Event(), threading.Event()

    def worker():
        with collector_paused():
            inside.set()
            release.wait(30)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(30)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the worker's pause still holds
    release.set()
    thread.join(30)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_ends_the_pause():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
