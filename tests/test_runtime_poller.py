"""The poller in real QGIS against a real server on loopback: SPEC §6 from the operator's side.

For each broken answer: what the status says, and that the last good data stays
(no new counts are emitted, the status keeps the interval shown). Then polling
recovers by itself, and stops cleanly.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.model import Interval, Trend
from druktemeter.plugin.core.status import FeedState
from druktemeter.plugin.feed.backoff import Backoff
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.feed.contract import PATH_COUNTS
from druktemeter.plugin.runtime.poller import FeedPoller
from feed_fakes import FakeFeedSource, MisbehavingServer, answer, cut_off, endless, latest_interval, silence

TOKEN = "poller-test-token"
WAIT_MS = 10_000


class Recorder:
    def __init__(self, poller: FeedPoller) -> None:
        self.meta, self.cells, self.counts, self.statuses = [], [], [], []
        poller.metaReady.connect(self.meta.append)
        poller.cellsReady.connect(self.cells.append)
        poller.countsReady.connect(self.counts.append)
        poller.statusChanged.connect(self.statuses.append)


@pytest.fixture
def source():
    return FakeFeedSource(n_cells=6)


@pytest.fixture
def server(source):
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    yield server
    server.stop()


def make_poller(url: str, *, backoff_base: float = 3600, poll_seconds: int = 3600, **reader_kwargs):
    reader_kwargs.setdefault("read_timeout", 0.5)
    reader_kwargs.setdefault("max_body_bytes", 200_000)
    reader = HttpFeedReader(url, token_provider=lambda: TOKEN, **reader_kwargs)
    backoff = Backoff(base=backoff_base, cap=max(backoff_base, 1), rng=random.Random(1))
    return FeedPoller(reader, poll_seconds, backoff=backoff)


@pytest.fixture
def poller(server, qtbot):
    poller = make_poller(server.url)
    recorder = Recorder(poller)
    with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS):
        poller.start()
    assert poller.status.state is FeedState.OK, poller.status.message()
    assert len(recorder.meta) == len(recorder.cells) == len(recorder.counts) == 1
    poller.recorder = recorder
    yield poller
    poller.stop()
    poller.reader.close()


def poll(poller: FeedPoller, qtbot):
    with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS) as blocker:
        poller.poll_now()
    return blocker.args[0]


def shifted(interval: Interval, delta: timedelta) -> Interval:
    return Interval(interval.start + delta, interval.end + delta)


def columnar_with(source, edit) -> bytes:
    payload = json.loads(json.dumps(source.counts_payload(columnar=True)))
    edit(payload)
    return json.dumps(payload).encode()


def _override(response):
    return lambda server, source: server.overrides.__setitem__(PATH_COUNTS, response(server, source))


CASES = {
    "timeout": (_override(lambda srv, src: silence(srv, 5)), FeedState.RETRYING, "did not answer in time"),
    "401": (lambda srv, src: setattr(srv, "token", "rotated"), FeedState.FAILED, "token is missing, wrong"),
    "403": (_override(lambda srv, src: answer(403)), FeedState.FAILED, "may not read the feed"),
    "404": (_override(lambda srv, src: answer(404)), FeedState.FAILED, "not found (404)"),
    "429": (
        _override(lambda srv, src: answer(429, b"{}", {"Retry-After": "120"})),
        FeedState.RETRYING,
        "less often",
    ),
    "500": (_override(lambda srv, src: answer(500)), FeedState.RETRYING, "error 500"),
    "503": (_override(lambda srv, src: answer(503)), FeedState.RETRYING, "error 503"),
    "truncated": (
        _override(lambda srv, src: cut_off(json.dumps(src.counts_payload(columnar=True)).encode(), 40)),
        FeedState.RETRYING,
        "broke off: 40 of",
    ),
    "invalid json": (
        _override(lambda srv, src: answer(200, b"{'no': json}")),
        FeedState.RETRYING,
        "not valid JSON",
    ),
    "wrong shape": (_override(lambda srv, src: answer(200, b"[1, 2, 3]")), FeedState.RETRYING, "wrong type"),
    "unknown id": (
        _override(lambda srv, src: answer(200, columnar_with(src, lambda d: d["ids"].__setitem__(1, "X-1")))),
        FeedState.RETRYING,
        "cell 'X-1'",
    ),
    "duplicate id": (
        _override(
            lambda srv, src: answer(200, columnar_with(src, lambda d: d["ids"].__setitem__(1, "C-00000")))
        ),
        FeedState.RETRYING,
        "cell 'C-00000' appears more than once",
    ),
    "negative count": (
        _override(lambda srv, src: answer(200, columnar_with(src, lambda d: d["counts"].__setitem__(2, -1)))),
        FeedState.RETRYING,
        "negative count",
    ),
    "fractional count": (
        _override(
            lambda srv, src: answer(200, columnar_with(src, lambda d: d["counts"].__setitem__(2, 20.5)))
        ),
        FeedState.RETRYING,
        "not a whole number",
    ),
    "huge count": (
        _override(
            lambda srv, src: answer(200, columnar_with(src, lambda d: d["counts"].__setitem__(2, 10**9)))
        ),
        FeedState.RETRYING,
        "impossible count",
    ),
    "old interval": (
        lambda srv, src: src.set_counts(src.counts, interval=shifted(latest_interval(), timedelta(hours=-1))),
        FeedState.RETRYING,
        "older interval",
    ),
    "future interval": (
        lambda srv, src: src.set_counts(src.counts, interval=shifted(latest_interval(), timedelta(hours=3))),
        FeedState.RETRYING,
        "from the future",
    ),
    "huge body": (
        _override(lambda srv, src: endless(srv, 10**9, declare=False)),
        FeedState.RETRYING,
        "limit of",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_feed_keeps_the_last_good_data_and_says_why(poller, server, source, qtbot, case):
    break_feed, state, words = CASES[case]
    shown = poller.status.interval
    good_counts = poller.recorder.counts[-1]
    break_feed(server, source)
    status = poll(poller, qtbot)
    assert status.state is state, status.message()
    assert words in status.message()
    assert "Next attempt at" in status.message()
    assert status.next_attempt > datetime.now(timezone.utc)
    assert status.interval == shown  # the status still names the data on the map
    assert poller.recorder.counts == [good_counts]  # no new counts: the map keeps the last good ones
    if case == "429":
        assert status.next_attempt - datetime.now(timezone.utc) > timedelta(seconds=110)


def test_an_unsuppressed_small_count_arrives_suppressed(poller, source, qtbot):
    source.set_counts({c.id: (4 if n == 2 else 200) for n, c in enumerate(source.cells)})
    status = poll(poller, qtbot)
    assert status.state is FeedState.OK
    assert poller.recorder.counts[-1].counts[source.cells[2].id] is None


def test_a_cells_etag_changing_mid_session_delivers_cells_before_counts(poller, source, qtbot):
    order = []
    poller.cellsReady.connect(lambda cells: order.append(("cells", len(cells.cells))))
    poller.countsReady.connect(lambda counts: order.append(("counts", len(counts.counts))))
    ids = [c.id for c in source.cells] + ["C-NEW-1", "C-NEW-2"]
    source.set_cells(ids)
    source.set_counts(dict.fromkeys(ids, 50))
    assert poll(poller, qtbot).state is FeedState.OK
    assert order == [("cells", 8), ("counts", 8)]
    assert poller.recorder.cells[-1].etag != poller.recorder.cells[0].etag


def test_unchanged_feed_emits_status_but_no_data(poller, qtbot):
    assert poll(poller, qtbot).state is FeedState.OK
    assert len(poller.recorder.counts) == 1 and len(poller.recorder.cells) == 1


def test_recovers_by_itself_when_the_server_comes_back(source, qtbot):
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    port = int(server.url.rsplit(":", 1)[1])
    poller = make_poller(server.url, backoff_base=0.2, poll_seconds=1)
    recorder = Recorder(poller)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS):
            poller.start()
        server.stop()
        qtbot.waitUntil(lambda: recorder.statuses[-1].state is FeedState.RETRYING, timeout=WAIT_MS)
        assert "no connection" in recorder.statuses[-1].message()
        assert recorder.statuses[-1].interval == recorder.counts[0].interval
        server = MisbehavingServer(source, token=TOKEN, port=port)
        server.start()
        qtbot.waitUntil(lambda: recorder.statuses[-1].state is FeedState.OK, timeout=WAIT_MS)  # no poll_now
    finally:
        poller.stop()
        server.stop()


def test_stale_data_is_reported_even_when_the_feed_answers(source, server, qtbot):
    source.set_counts(source.counts, interval=shifted(latest_interval(), timedelta(minutes=-45)))
    poller = make_poller(server.url, poll_seconds=60)  # stale after max(30 min, 2 min, 30 min)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS) as blocker:
            poller.start()
        assert blocker.args[0].state is FeedState.STALE and "Data stale" in blocker.args[0].message()
    finally:
        poller.stop()


def test_pause_stops_polling_and_resume_polls_again(poller, server, qtbot):
    with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS) as blocker:
        poller.set_paused(True)
    assert blocker.args[0].state is FeedState.PAUSED
    requests_before = sum(server.status_counts.values())
    poller.poll_now()
    qtbot.wait(300)
    assert sum(server.status_counts.values()) == requests_before
    with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS) as blocker:
        poller.set_paused(False)
    assert blocker.args[0].state is FeedState.OK


def test_set_poll_seconds_applies_to_the_next_wait(server, qtbot):
    poller = make_poller(server.url, poll_seconds=3600)
    recorder = Recorder(poller)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS):
            poller.start()
        poller.set_poll_seconds(1)
        qtbot.waitUntil(lambda: len(recorder.statuses) >= 3, timeout=WAIT_MS)
        assert poller.poll_seconds == 1
    finally:
        poller.stop()


@pytest.mark.timeout(120, method="thread")  # the safety net: without the abort, stop() never returns
def test_stop_aborts_a_hanging_request_and_leaves_no_thread(server, qtbot):
    """The server holds /v1/counts for an hour and the read timeout is an hour too: the
    worker can only end because stop() shut its socket (its speed is ``make bench``'s)."""
    server.overrides[PATH_COUNTS] = silence(server, 3600)
    poller = make_poller(server.url, read_timeout=3600)
    recorder = Recorder(poller)
    poller.start()
    qtbot.waitUntil(lambda: len(recorder.cells) == 1, timeout=WAIT_MS)
    qtbot.wait(200)  # now blocked waiting for /v1/counts
    thread = poller._thread
    poller.stop()
    assert not server.released.is_set()  # the server is still silent: nothing answered the read
    assert not poller.is_running() and thread.isFinished()
    qtbot.wait(100)
    assert recorder.statuses == []  # nothing from the stopped worker is applied late
    poller.stop()  # idempotent


def test_an_exercise_on_simulated_time_is_not_stale(qtbot):
    source = FakeFeedSource(n_cells=6, with_clock=True)
    exercise_now = datetime(2026, 6, 13, 12, 5, tzinfo=timezone.utc)  # months before today
    source.clock.jump_to(exercise_now)
    source.set_counts(source.counts, interval=latest_interval(exercise_now))
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    poller = make_poller(server.url, poll_seconds=60)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS) as blocker:
            poller.start()
        status = blocker.args[0]
        assert status.state is FeedState.OK and not status.is_stale(), status.message()
        assert status.clock_offset < -timedelta(days=100)
    finally:
        poller.stop()
        server.stop()


def test_the_worker_packs_each_snapshot_for_the_map_and_diffs_it_with_the_previous(server, source, qtbot):
    from druktemeter.plugin.mapping.drawn import DrawnPlanner, codes_for

    reader = HttpFeedReader(server.url, token_provider=lambda: TOKEN, read_timeout=0.5)
    poller = FeedPoller(reader, 3600, planner=DrawnPlanner([15, 50, 150, 500, 1500]))
    recorder = Recorder(poller)
    earlier = shifted(latest_interval(), timedelta(minutes=-15))
    equal = {c.id: Trend.EQUAL for c in source.cells}
    source.set_counts({c.id: 100 for c in source.cells}, equal, interval=earlier)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS):
            poller.start()
        first = poller.plan_for(recorder.counts[-1])
        assert first.cells is recorder.cells[-1] and first.changed.tolist() == list(range(6))
        source.set_counts({c.id: (2000 if n == 4 else 100) for n, c in enumerate(source.cells)}, equal)
        assert poll(poller, qtbot).state is FeedState.OK
        second = poller.plan_for(recorder.counts[-1])
        assert second.base is first.codes and second.changed.tolist() == [4]
        ids = [c.id for c in recorder.cells[-1].cells]
        assert second.codes.tolist() == codes_for(recorder.counts[-1], ids, second.edges).tolist()
        assert poller.plan_for(recorder.counts[0]) is None  # only the latest snapshot's plan is kept
    finally:
        poller.stop()
        poller.reader.close()


def test_reading_a_new_cell_list_reports_how_far_it_is(server, source, qtbot, monkeypatch):
    from druktemeter.plugin.feed import parsing

    monkeypatch.setattr(parsing, "PROGRESS_EVERY", 1)  # every feature (national lists: every 2,000)
    poller = make_poller(server.url)
    shares = []
    poller.cellsProgress.connect(shares.append)
    try:
        with qtbot.waitSignal(poller.statusChanged, timeout=WAIT_MS):
            poller.start()
        qtbot.waitUntil(lambda: len(shares) == len(source.cells))
        assert shares == sorted(shares) and 0 < shares[0] < shares[-1] < 1
    finally:
        poller.stop()
        poller.reader.close()


def test_the_worker_builds_the_national_overview_without_counts_and_for_new_band_edges(server, source, qtbot):
    """The cell list from the feed (or its disk cache) with the counts failing: the overview shows
    every cell as no data; counts bring their bands; new band edges regroup without a new interval."""
    from druktemeter.plugin.mapping.drawn import NO_DATA, DrawnPlanner
    from druktemeter.plugin.mapping.overview import OverviewPlanner
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    overview = OverviewPlanner(
        QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance().transformContext()
    )
    reader = HttpFeedReader(server.url, token_provider=lambda: TOKEN, read_timeout=0.5)
    backoff = Backoff(base=3600, cap=3600, rng=random.Random(1))
    poller = FeedPoller(reader, 3600, backoff=backoff, planner=DrawnPlanner([15, 50], overview=overview))
    recorder = Recorder(poller)
    overviews = []
    poller.overviewReady.connect(overviews.append)
    server.overrides[PATH_COUNTS] = answer(500)
    try:
        with qtbot.waitSignal(poller.overviewReady, timeout=WAIT_MS):
            poller.start()
        assert recorder.counts == [] and overviews[-1].cells[NO_DATA] == 6 and overviews[-1].complete
        del server.overrides[PATH_COUNTS]
        source.set_counts({c.id: 100 for c in source.cells}, {c.id: Trend.EQUAL for c in source.cells})
        assert poll(poller, qtbot).state is FeedState.OK
        assert poller.plan_for(recorder.counts[-1]).overview.cells[2] == 6  # band 2: 50 and more
        with qtbot.waitSignal(poller.overviewReady, timeout=WAIT_MS):
            poller.set_band_edges([15, 50, 150])  # a poll now; the interval is unchanged (304)
        assert overviews[-1].edges == (15, 50, 150) and overviews[-1].cells[1] == 0
        assert overviews[-1].cells[2] == 6 and len(recorder.counts) == 1
    finally:
        poller.stop()
        poller.reader.close()
