"""The simulated feed: contract payloads, provider rules, replay determinism, scenario alerts, flat memory."""

from __future__ import annotations

import gc
import json
import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.model import TRENDS_BY_CODE, Trend
from druktemeter.plugin.core.trend import publish, published_trend
from druktemeter.plugin.feed.contract import TREND_CODES
from druktemeter.plugin.simulator import SimClock, build_source, bundled_scenarios, load_scenario
from druktemeter.plugin.simulator.clock import INTERVAL, to_local

UTC = timezone.utc


@pytest.fixture
def source(wall):
    feed = build_source("markt", seed=1)
    feed.clock = SimClock(datetime(2026, 6, 13, 12, 5), wall=wall)  # Saturday 12:05 local
    return feed


def test_payloads_follow_the_contract(source):
    meta = source.meta_payload()
    assert meta["api_version"] == "v1" and meta["min_count"] == 15 and meta["interval_minutes"] == 15
    assert "DEMO" in meta["provider"]["name"]
    cells = source.cells_payload()
    assert cells["type"] == "FeatureCollection" and len(cells["features"]) == len(source.geography.cells)
    counts = source.counts_payload()
    assert counts["interval"] == {"start": "2026-06-13T09:45:00Z", "end": "2026-06-13T10:00:00Z"}
    assert [c["id"] for c in counts["cells"]] == [f["id"] for f in cells["features"]]
    health = source.health_payload()
    assert health["status"] == "ok" and health["latest_interval"] == counts["interval"]
    assert health["time"] == "2026-06-13T10:05:00Z"
    json.dumps([meta, cells, counts, health])  # all plain JSON


def test_columnar_form_carries_the_same_numbers(source):
    rows, columns = source.counts_payload(), source.counts_payload(columnar=True)
    assert columns["ids"] == [c["id"] for c in rows["cells"]]
    assert columns["counts"] == [c["count"] for c in rows["cells"]]
    codes = {None: TREND_CODES[Trend.UNKNOWN], **{t.value: code for t, code in TREND_CODES.items()}}
    assert columns["trends"] == "".join(codes[c["trend"]] for c in rows["cells"])


def test_suppression_and_trends_are_the_providers_rules_on_raw_counts(source):
    start = datetime(2026, 6, 13, 4, 0, tzinfo=UTC)  # 06:00 local: many quiet cells
    current, previous = source.model.raw_counts(start), source.model.raw_counts(start - INTERVAL)
    counts, trends = source.published(start)
    assert (counts, trends) == publish(current, previous, 15)
    suppressed = [i for i, v in counts.items() if v is None]
    assert len(suppressed) > 100
    assert all(current[i] < 14.5 and trends[i] is Trend.UNKNOWN for i in suppressed)
    assert all(v >= 15 for v in counts.values() if v is not None)
    assert {Trend.UP, Trend.DOWN, Trend.EQUAL} <= set(trends.values())


def test_served_trends_come_from_published_counts_only(source):
    """Trend differencing: a cell shown after a suppressed interval is `up`, never an
    `equal`/`down` that would tell how far under the threshold it was."""
    start = datetime(2026, 6, 13, 5, 0, tzinfo=UTC)  # early morning: cells cross the threshold
    before, _ = source.published(start - INTERVAL)
    counts, trends = source.published(start)
    crossed = [i for i, count in counts.items() if count is not None and before[i] is None]
    assert crossed, "the test hour must have cells that cross the threshold"
    assert all(trends[i] is Trend.UP for i in crossed)
    assert all(trends[i] is published_trend(before[i], count) for i, count in counts.items())


def test_served_counts_payload_carries_the_published_trends(source):
    start = source.latest_interval().start
    before, _ = source.published(start - INTERVAL)
    payload = source.counts_payload(columnar=True)
    for cell_id, count, code in zip(payload["ids"], payload["counts"], payload["trends"]):
        assert TRENDS_BY_CODE[code] is published_trend(before[cell_id], count)


def test_min_count_is_configurable(wall):
    strict = build_source("markt", seed=1, min_count=50)
    strict.clock = SimClock(datetime(2026, 6, 13, 6, 5), wall=wall)
    counts = strict.counts_payload()["cells"]
    assert strict.meta_payload()["min_count"] == 50
    assert all(c["count"] is None or c["count"] >= 50 for c in counts)
    assert any(c["suppressed"] for c in counts)


def test_replay_and_jumps_give_identical_intervals(source, wall):
    seen = {}
    for _ in range(8):
        seen[source.latest_interval().start] = source.counts_payload()
        wall.seconds += 900  # 15 minutes at 1x
    source.clock.jump_to(datetime(2026, 6, 13, 20, 0))
    source.counts_payload()
    for start, payload in seen.items():
        source.clock.jump_to(start + INTERVAL + timedelta(minutes=1))
        assert source.counts_payload() == payload
    again = build_source("markt", seed=1)
    again.clock = source.clock
    assert again.counts_payload() == source.counts_payload()


def test_different_seeds_give_different_feeds(wall):
    one, two = build_source("markt", seed=1), build_source("markt", seed=2)
    for feed in (one, two):
        feed.clock = SimClock(datetime(2026, 6, 13, 12, 5), wall=wall)
    assert one.cells_etag != two.cells_etag
    assert one.counts_payload() != two.counts_payload()


def test_build_source_starts_at_the_scenarios_start_and_runs_at_its_speed():
    feed = build_source("park", speed=60)
    assert feed.clock.speed == 60
    assert feed.clock.now() - load_scenario("park").start < timedelta(minutes=5)


def first_crossings(feed, day_start, threshold, intervals):
    """(cell, interval start) each time a cell reaches the threshold from below, in order."""
    above, crossings = set(), []
    for k in range(intervals):
        start = day_start + k * INTERVAL
        counts, _ = feed.published(start)
        now = {i for i, v in counts.items() if v is not None and v >= threshold}
        crossings += [(cell, start) for cell in sorted(now - above)]
        above = now
    return crossings


@pytest.mark.parametrize("name", ["markt", "park", "carnaval"])
def test_each_scenario_raises_its_documented_alerts_at_their_moments(name):
    scenario = load_scenario(name)
    feed = build_source(name, seed=scenario.seed)
    midnight = scenario.start - timedelta(hours=to_local(scenario.start).hour)
    crossings = first_crossings(feed, midnight, scenario.alerts[0].threshold, 4 * 24)
    first = scenario.alerts[0]
    assert crossings[0] == (first.cell, first.at), "the first alert of the day is the documented one"
    for alert in scenario.alerts:
        assert (alert.cell, alert.at) in crossings
        before, at = (
            feed.published(alert.at - INTERVAL)[0][alert.cell],
            feed.published(alert.at)[0][alert.cell],
        )
        assert before < alert.threshold <= at


def test_bundled_scenarios_are_all_covered():
    assert sorted(bundled_scenarios()) == ["carnaval", "markt", "park"]


def test_a_simulated_day_at_60x_keeps_memory_flat(wall):
    feed = build_source("carnaval", seed=1, speed=60)
    feed.clock = SimClock(datetime(2027, 2, 7, 0, 0), speed=60, wall=wall)

    def poll(polls):
        for _ in range(polls):
            wall.seconds += 15  # 15 simulated minutes at 60x
            feed.counts_payload(columnar=True)
            feed.health_payload()

    poll(8)
    gc.collect()
    tracemalloc.start()
    try:
        poll(8)
        gc.collect()
        warm, _ = tracemalloc.get_traced_memory()
        poll(4 * 24 - 16)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert to_local(feed.clock.now()).date() == datetime(2027, 2, 8).date()
    assert after - warm < 300_000, f"grew {after - warm} bytes over a simulated day"
