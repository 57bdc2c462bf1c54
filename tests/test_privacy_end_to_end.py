"""End to end: a hostile feed served by the real reference service on loopback -> the plugin's
HTTP reader and poller -> the crowd layer and the history. The feed tries every trick of
docs/privacy.md; none of them may reach what an operator sees or what the plugin stores.

1. Trend differencing: a cell shown after a suppressed interval comes with "equal"
   (i.e. "14 before"); the map shows "up".
2. Threshold lowering: the counts say `min_count: 0` and carry counts of 1 and 3; the map
   shows them as suppressed ("< 15"), the history stores no number.
3. Identifiers and houses in the cell list: the list is refused whole, the status says
   why in words, and the map keeps the list it had.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Optional

import pytest
from druktemeter.plugin.core.history import HistoryStore
from druktemeter.plugin.core.model import Cell, FeedMeta, Interval, Trend
from druktemeter.plugin.feed import contract
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from druktemeter.plugin.runtime.poller import FeedPoller
from druktemeter.plugin.service.server import ReferenceServer

START = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=15)
CENTRES = {
    "markt": (5.304, 51.689),
    "kerk": (5.31, 51.689),
    "station": (5.294, 51.69),
    "woning": (5.32, 51.7),
}

# Per interval what the hostile provider publishes: (count or None = suppressed, trend it claims).
SCRIPT: list[dict[str, tuple[Optional[int], Trend]]] = [
    {
        "markt": (200, Trend.UP),
        "kerk": (None, Trend.UNKNOWN),  # really 14
        "station": (20, Trend.EQUAL),  # could mean "6 before"
        "woning": (3, Trend.UP),  # "min_count": 0 lets it through
    },
    {
        "markt": (205, Trend.EQUAL),
        "kerk": (29, Trend.EQUAL),  # compared with the raw 14: reveals it
        "station": (21, Trend.DOWN),  # does not follow from 20 -> 21 either
        "woning": (1, Trend.EQUAL),
    },
]


def square(centre: tuple[float, float], half: float = 0.005) -> dict:
    x, y = centre
    ring = [[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


class HostileFeed:
    """A scripted test feed source (``FeedSource``) that gets every privacy rule wrong on purpose."""

    def __init__(self) -> None:
        self.index = 0
        self.cells = [Cell(i, square(c), {"site": i.upper(), "area_km2": 0.7}) for i, c in CENTRES.items()]
        self.extra_properties: dict = {}

    def interval(self) -> Interval:
        start = START + self.index * STEP
        return Interval(start, start + STEP)

    def meta_payload(self) -> dict:
        return contract.meta_payload(FeedMeta("Hostile Telecom", "", "", 15, 15))

    def cells_payload(self) -> dict:
        payload = contract.cells_payload(self.cells)
        payload["features"][-1]["properties"].update(self.extra_properties)
        return payload

    def counts_payload(self, columnar: bool = False) -> dict:
        published = SCRIPT[self.index]
        counts = {cell_id: count for cell_id, (count, _) in published.items()}
        trends = {cell_id: trend for cell_id, (_, trend) in published.items()}
        payload = contract.counts_payload(self.interval(), 15, counts, trends, columnar=columnar)
        payload["min_count"] = 0  # "nothing is under the threshold"
        return payload

    def health_payload(self) -> dict:
        return contract.health_payload(self.interval(), self.interval().end)


@pytest.fixture
def hostile():
    server = ReferenceServer(HostileFeed(), rate_limit=None)
    server.start()
    reader = HttpFeedReader(server.url, token_provider=lambda: None, read_timeout=5.0)
    poller = FeedPoller(reader, 900, now=lambda: server.source.interval().end + timedelta(seconds=40))
    crowd = CrowdLayer([15, 50, 150, 500, 1500])
    poller.cellsReady.connect(crowd.set_cells)
    poller.countsReady.connect(lambda snapshot: crowd.apply_counts(snapshot, snapshot.source))
    yield server, poller, crowd
    poller.stop()
    reader.close()
    crowd.close()
    server.stop()


def shown(crowd: CrowdLayer) -> dict[str, tuple]:
    """What the operator sees per cell: state, trend, the number and the text shown."""
    rows = {}
    for feature in crowd.layer.getFeatures():
        count = feature["count"]
        rows[feature["cell_id"]] = (
            feature["state"],
            feature["trend"],
            None if count is None or count == "" or str(count) == "NULL" else int(count),
            feature["count_shown"],
        )
    return rows


def test_trend_and_threshold_tricks_do_not_reach_the_map_or_the_history(qtbot, tmp_path, hostile, caplog):
    server, poller, crowd = hostile
    history = HistoryStore(tmp_path / "history.sqlite", 400, clock=lambda: server.source.interval().end)
    crowd.counts_applied.connect(history.record)
    with (
        caplog.at_level(logging.INFO, logger="druktemeter.feed"),
        qtbot.waitSignal(crowd.counts_applied, timeout=10_000),
    ):
        poller.start()
    first = shown(crowd)
    assert first["woning"] == ("suppressed", "unknown", None, "< 15")  # min_count 0 does not lower the floor
    assert first["kerk"][:3] == ("suppressed", "unknown", None)
    assert first["station"][:3] == ("valid", "unknown", 20)  # "equal" without history: not trusted
    assert first["markt"][:3] == ("valid", "up", 200)

    server.source.index = 1
    with (
        caplog.at_level(logging.INFO, logger="druktemeter.feed"),
        qtbot.waitSignal(crowd.counts_applied, timeout=10_000),
    ):
        poller.poll_now()
    second = shown(crowd)
    assert second["kerk"][:3] == ("valid", "up", 29), "crossed the threshold: up, never 'equal' (= 14 before)"
    assert second["station"][:3] == ("valid", "equal", 21)  # from the published 20 -> 21
    assert second["woning"] == ("suppressed", "unknown", None, "< 15")
    assert second["markt"][:3] == ("valid", "equal", 205)
    assert "Provider error" in caplog.text and "trend(s) do not follow" in caplog.text
    assert "under the floor 15" in caplog.text

    stored = history.snapshot_at(server.source.interval().end)
    assert stored.counts == {"markt": 205, "kerk": 29, "station": 21, "woning": None}
    assert stored.trends["kerk"] is Trend.UP and stored.trends["woning"] is Trend.UNKNOWN
    earlier = history.snapshot_at(server.source.interval().start)
    assert earlier.counts["woning"] is None and earlier.min_count == 15
    history.close()


@pytest.mark.parametrize(
    "extra",
    [
        {"telefoonnummer": "0612345678"},
        {"klant_id": "K-0042"},
        {"bsn": "123456782"},
        {"naam": "J. Jansen"},
    ],
)
def test_a_cell_list_carrying_personal_data_never_reaches_the_map(qtbot, hostile, extra):
    server, poller, crowd = hostile
    with qtbot.waitSignal(crowd.counts_applied, timeout=10_000):
        poller.start()
    assert crowd.layer.featureCount() == 4
    server.source.extra_properties = extra
    server.source.cells = [*server.source.cells]  # a new list: the service re-encodes it
    with qtbot.waitSignal(poller.statusChanged, timeout=10_000):
        poller.poll_now()
    qtbot.waitUntil(lambda: poller.status.error is not None, timeout=10_000)
    message = poller.status.error.user_message()
    assert next(iter(extra)) in message and "documented" in message
    assert crowd.layer.featureCount() == 4  # the last good list stays on the map
    names = {field.name() for field in crowd.layer.fields()}
    assert not names & set(extra)


def test_a_house_sized_cell_never_reaches_the_map(qtbot, hostile):
    server, poller, crowd = hostile
    house = Cell("woning-1", square((5.3201, 51.7001), half=0.00004), {"place": "Kerkstraat 1"})
    server.source.cells = [*server.source.cells, house]
    with qtbot.waitSignal(poller.statusChanged, timeout=10_000):
        poller.start()
    qtbot.waitUntil(lambda: poller.status.error is not None, timeout=10_000)
    assert "woning-1" in poller.status.error.user_message() and "m²" in poller.status.error.user_message()
    assert crowd.layer.featureCount() == 0
