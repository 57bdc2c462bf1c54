"""Demo mode's reader: simulated payloads go through the live feed parser, with ETag and interval logic."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from druktemeter.plugin.core.model import CellState, Trend
from druktemeter.plugin.feed.errors import FeedPayloadError
from druktemeter.plugin.simulator import SimClock, build_source
from druktemeter.plugin.simulator.reader import SimulatedFeedReader


@pytest.fixture
def reader(wall):
    source = build_source("markt", seed=1)
    source.clock = SimClock(datetime(2026, 6, 13, 10, 31), speed=60, wall=wall)
    return SimulatedFeedReader(source)


def test_meta_is_the_simulators_and_says_demo(reader):
    meta = reader.read_meta()
    assert "DEMO" in meta.provider
    assert (meta.min_count, meta.interval_minutes) == (15, 15)


def test_cells_are_read_once_until_they_change(reader):
    cells = reader.read_cells()
    assert len(cells.cells) == len(reader.source.geography.cells)
    assert cells.etag == reader.source.cells_etag
    assert cells.cells[0].id == reader.source.geography.cells[0].id
    assert reader.read_cells() is None


def test_counts_are_the_published_interval_after_validation(reader):
    reader.read_cells()
    snapshot = reader.read_counts(None)
    interval = reader.source.latest_interval()
    counts, trends = reader.source.published(interval.start)
    assert snapshot.interval == interval
    assert dict(snapshot.counts) == counts
    assert dict(snapshot.trends) == trends
    assert snapshot.state("BN-0040-2") is CellState.VALID and snapshot.counts["BN-0040-2"] > 1000
    assert "DEMO" in snapshot.source


def test_a_new_snapshot_only_when_the_interval_moves_on(reader, wall):
    reader.read_cells()
    first = reader.read_counts(None)
    wall.seconds += 5  # 5 simulated minutes at 60x: same interval
    assert reader.read_counts(first) is None
    wall.seconds += 10
    second = reader.read_counts(first)
    assert second.interval.start == first.interval.end


def test_a_trainers_jump_back_is_read_not_refused(reader):
    reader.read_cells()
    late = reader.read_counts(None)
    reader.source.clock.jump_to(datetime(2026, 6, 13, 8, 5))
    early = reader.read_counts(late)
    assert early.interval.end == late.interval.end - timedelta(hours=2, minutes=30)


def test_simulated_data_passes_the_live_validation(reader, monkeypatch):
    reader.read_cells()
    original = reader.source.counts_payload

    def negative_count(columnar=False):
        payload = original(columnar=columnar)
        payload["counts"][0] = -3
        return payload

    monkeypatch.setattr(reader.source, "counts_payload", negative_count)
    with pytest.raises(FeedPayloadError):
        reader.read_counts(None)


def test_the_first_interval_read_already_has_trends_derived_from_published_values(reader):
    """The demo hands the parser the preceding published interval, so even the first
    snapshot's trends are the plugin's own, not the feed's taken on trust."""
    from druktemeter.plugin.core.trend import published_trend
    from druktemeter.plugin.simulator.clock import INTERVAL

    reader.read_cells()
    snapshot = reader.read_counts(None)
    before, _ = reader.source.published(snapshot.interval.start - INTERVAL)
    assert all(
        snapshot.trends[i] is published_trend(before.get(i), count) for i, count in snapshot.counts.items()
    )
    assert Trend.EQUAL in set(snapshot.trends.values())


def test_the_scenarios_threshold_is_the_floor_of_what_is_read(wall):
    strict = SimulatedFeedReader(
        build_source("markt", seed=1, min_count=50, start=datetime(2026, 6, 13, 6, 5))
    )
    strict.source.clock = SimClock(datetime(2026, 6, 13, 6, 5), wall=wall)
    strict.read_cells()
    snapshot = strict.read_counts(None)
    assert snapshot.min_count == 50
    assert all(count is None or count >= 50 for count in snapshot.counts.values())
