"""The region alert rules: crossing, hysteresis, cooldown, privacy, outages, density and rise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from druktemeter.plugin.core.alerts import AlertEngine, AlertEvent, AlertKind, AlertRules, acknowledgement
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=15)
COUNT_RULES = AlertRules(count_threshold=1000, clear_ratio=0.8, cooldown_minutes=30)


def snapshot(index: int, counts: dict, trends: dict | None = None) -> CountsSnapshot:
    """Interval number ``index`` (0 = 12:00-12:15) with the given counts (None = suppressed)."""
    start = T0 + index * STEP
    trends = trends or {}
    return CountsSnapshot(
        interval=Interval(start, start + STEP),
        min_count=15,
        counts=counts,
        trends={c: trends.get(c, Trend.EQUAL if v is not None else Trend.UNKNOWN) for c, v in counts.items()},
    )


def engine(rules: AlertRules = COUNT_RULES, cells=("a", "b"), areas=None) -> AlertEngine:
    alert_engine = AlertEngine(rules, region_name="Brabant-Noord")
    alert_engine.set_region_cells(cells, areas or {})
    return alert_engine


def run(alert_engine: AlertEngine, series: list[dict], *, start: int = 0) -> list[list[AlertEvent]]:
    """Evaluate consecutive intervals; one list of events per interval."""
    results = []
    for offset, counts in enumerate(series):
        snap = snapshot(start + offset, counts)
        results.append(alert_engine.evaluate(snap, stale=False, now=snap.interval.end))
    return results


def kinds(results) -> list[list[tuple[str, str]]]:
    """(kind, cell) per interval; the order within one interval carries no meaning."""
    return [sorted((e.kind.value, e.cell_id) for e in events) for events in results]


def test_rules_come_from_the_declared_defaults():
    rules = AlertRules.from_config({key: s.default for key, s in SETTINGS.items()})
    assert rules == AlertRules(
        count_threshold=1000, density_per_km2=0.0, rise_percent=0.0, clear_ratio=0.8, cooldown_minutes=30
    )


def test_one_raise_when_crossing_and_nothing_while_staying_high():
    results = run(engine(), [{"a": 900, "b": 100}, {"a": 1000, "b": 100}, {"a": 1500}, {"a": 1200}])
    assert kinds(results) == [[], [("raise", "a")], [], []]
    raised = results[1][0]
    assert raised.count == 1000
    assert raised.time == T0 + 2 * STEP  # end of the interval
    assert raised.region == "Brabant-Noord"
    assert raised.rule == "count at or above 1000"
    assert raised.trend is Trend.EQUAL


def test_hysteresis_clears_only_below_clear_ratio_times_threshold():
    results = run(engine(), [{"a": 500}, {"a": 1100}, {"a": 950}, {"a": 800}, {"a": 799}, {"a": 790}])
    assert kinds(results) == [[], [("raise", "a")], [], [], [("clear", "a")], []]
    assert results[4][0].rule == "back below 800"
    assert results[4][0].count == 799


def test_cooldown_blocks_a_new_raise_after_a_clear_then_allows_it():
    alert_engine = engine()
    results = run(alert_engine, [{"a": 500}, {"a": 1100}, {"a": 700}, {"a": 1100}, {"a": 1100}, {"a": 1100}])
    # clear at end of interval 2 (12:45); cooldown 30 min -> raising again allowed from 13:15
    assert kinds(results) == [[], [("raise", "a")], [("clear", "a")], [], [("raise", "a")], []]
    assert results[4][0].time == T0 + 5 * STEP


def test_stale_snapshots_are_not_evaluated_and_do_not_count_as_seen():
    alert_engine = engine()
    run(alert_engine, [{"a": 500}])
    high = snapshot(1, {"a": 2000})
    assert alert_engine.evaluate(high, stale=True, now=high.interval.end) == []
    assert alert_engine.raised_cells() == frozenset()
    fresh = alert_engine.evaluate(high, stale=False, now=high.interval.end)
    assert [e.kind for e in fresh] == [AlertKind.RAISE]


def test_suppressed_and_missing_cells_never_alert_and_keep_their_state():
    alert_engine = engine()
    results = run(alert_engine, [{"a": 1200, "b": None}, {"a": None, "b": None}, {}, {"a": 1200}])
    assert kinds(results) == [[("raise", "a")], [], [], []]
    assert alert_engine.raised_cells() == {"a"}  # not cleared by suppressed or missing data


def test_same_or_older_snapshot_twice_gives_no_new_events():
    alert_engine = engine()
    high = snapshot(1, {"a": 1200})
    assert len(alert_engine.evaluate(high, stale=False, now=high.interval.end)) == 1
    assert alert_engine.evaluate(high, stale=False, now=high.interval.end) == []
    low_but_older = snapshot(0, {"a": 10})
    assert alert_engine.evaluate(low_but_older, stale=False, now=high.interval.end) == []
    assert alert_engine.raised_cells() == {"a"}


def test_outage_recovery_reports_each_high_cell_once_marked_as_catch_up():
    cells = [f"c{i}" for i in range(50)]
    alert_engine = engine(cells=cells)
    before = run(alert_engine, [dict.fromkeys(cells, 300), dict.fromkeys(cells, 300)])
    assert before[-1] == []
    # the feed is down for two hours and comes back with every cell high
    after = run(alert_engine, [dict.fromkeys(cells, 1500), dict.fromkeys(cells, 1500)], start=10)
    assert sorted(e.cell_id for e in after[0]) == sorted(cells)
    assert all(e.kind is AlertKind.RAISE and e.catch_up for e in after[0])
    assert after[1] == []


def test_consecutive_intervals_are_not_catch_up_but_the_first_ever_is():
    results = run(engine(), [{"a": 1200}, {"a": 100}])
    assert results[0][0].catch_up is True  # started with a crowd already there
    assert results[1][0].catch_up is False


def test_density_rule_uses_each_cells_area():
    rules = AlertRules(density_per_km2=500.0, clear_ratio=0.8, cooldown_minutes=0)
    # a: 0.5 km² -> 250 people; b: 4 km² -> 2000 people; c: no area known -> no density rule
    alert_engine = engine(rules, cells=("a", "b", "c"), areas={"a": 0.5, "b": 4.0})
    results = run(alert_engine, [{"a": 260, "b": 1500, "c": 10_000}, {"a": 190, "b": 2100}])
    assert kinds(results) == [[("raise", "a")], [("clear", "a"), ("raise", "b")]]
    assert results[0][0].rule == "density at or above 500 per km²"


def test_with_count_and_density_the_lower_threshold_fires():
    rules = AlertRules(count_threshold=1000, density_per_km2=100.0, clear_ratio=0.8)
    alert_engine = engine(rules, cells=("big", "small"), areas={"big": 20.0, "small": 2.0})
    results = run(alert_engine, [{"big": 1100, "small": 250}])
    fired = {e.cell_id: e.rule for e in results[0]}
    assert fired == {"big": "count at or above 1000", "small": "density at or above 100 per km²"}


def test_rise_rule_needs_a_real_rise_in_consecutive_intervals():
    rules = AlertRules(rise_percent=50.0, clear_ratio=0.8, cooldown_minutes=0)
    alert_engine = engine(rules, cells=("a",))
    up = {"a": Trend.UP}
    snaps = [snapshot(0, {"a": 200}), snapshot(1, {"a": 290}, up), snapshot(2, {"a": 450}, up)]
    results = [alert_engine.evaluate(s, stale=False, now=s.interval.end) for s in snaps]
    assert kinds(results) == [[], [], [("raise", "a")]]  # +45 % is not enough, +55 % is
    assert results[2][0].rule == "rise of 50% or more within one interval"
    # clears below 0.8 x the count at the raise (360)
    falling = snapshot(3, {"a": 350}, {"a": Trend.DOWN})
    assert [e.kind for e in alert_engine.evaluate(falling, stale=False, now=falling.interval.end)] == [
        AlertKind.CLEAR
    ]


def test_rise_rule_never_fires_across_a_gap():
    rules = AlertRules(rise_percent=50.0)
    alert_engine = engine(rules, cells=("a",))
    first, after_gap = snapshot(0, {"a": 100}), snapshot(5, {"a": 400}, {"a": Trend.UP})
    alert_engine.evaluate(first, stale=False, now=first.interval.end)
    assert alert_engine.evaluate(after_gap, stale=False, now=after_gap.interval.end) == []


def test_cells_outside_the_region_are_ignored_and_leaving_the_region_forgets_state():
    alert_engine = engine(cells=("a",))
    results = run(alert_engine, [{"a": 1200, "outside": 5000}])
    assert kinds(results) == [[("raise", "a")]]
    alert_engine.set_region_cells(["b"], {})
    assert alert_engine.raised_cells() == frozenset()


def test_a_rise_in_a_region_smaller_than_the_feed_is_found_by_looking_up_the_region():
    alert_engine = engine(AlertRules(rise_percent=50.0, cooldown_minutes=0), cells=("a",))
    calm = snapshot(0, {"a": 100, "b": 100, "c": 100})
    busy = snapshot(1, {"a": 400, "b": 400, "c": 100}, {"a": Trend.UP, "b": Trend.UP})
    alert_engine.evaluate(calm, stale=False, now=calm.interval.end)
    events = alert_engine.evaluate(busy, stale=False, now=busy.interval.end)
    assert [(event.kind, event.cell_id) for event in events] == [(AlertKind.RAISE, "a")]


def test_open_raises_carried_over_after_restart_are_not_raised_again():
    first = engine()
    opened = run(first, [{"a": 1200}])[0]
    restarted = engine()
    restarted.assume_raised(opened)
    assert run(restarted, [{"a": 1300}], start=1) == [[]]
    assert kinds(run(restarted, [{"a": 100}], start=2)) == [[("clear", "a")]]


def test_rules_set_to_zero_never_alert():
    alert_engine = engine(AlertRules(count_threshold=0, density_per_km2=0, rise_percent=0))
    assert run(alert_engine, [{"a": 10**6}]) == [[]]


def test_acknowledgement_refers_to_the_raise():
    raised = run(engine(), [{"a": 1200}])[0][0]
    moment = T0 + timedelta(hours=1)
    ack = acknowledgement(raised, moment)
    assert (ack.kind, ack.acknowledges, ack.cell_id) == (AlertKind.ACKNOWLEDGE, raised.id, "a")
    assert ack.time == moment
    assert ack.id != raised.id


def test_evaluation_at_national_scale_raises_each_crossing_once():
    """60,000 cells with every rule on and one cell in ten trending up: the 60 busy cells
    alert once, and later polls with the same counts raise nothing new. (The SPEC §5
    budget, < 50 ms of main-thread work per poll, is measured by ``make bench``:
    ``alerts_national``, not here, where a busy machine would fail it at random.)"""
    cells = [f"cell{i}" for i in range(60_000)]
    rules = AlertRules(count_threshold=1000, density_per_km2=400.0, rise_percent=50.0)
    alert_engine = engine(rules, cells=cells, areas=dict.fromkeys(cells, 1.5))
    run(alert_engine, [{c: 100 + i % 50 for i, c in enumerate(cells)}])
    rising = {c: Trend.UP for c in cells[::10]}
    busy_counts = {c: (1500 if i % 1000 == 0 else 120 + i % 50) for i, c in enumerate(cells)}
    raised = []
    for index in (1, 2, 3):
        busy = snapshot(index, busy_counts, rising)
        raised.append(len(alert_engine.evaluate(busy, stale=False, now=busy.interval.end)))
    assert raised == [60, 0, 0]


def test_events_carry_the_place_of_their_cell_and_an_acknowledgement_keeps_it():
    from druktemeter.plugin.core.alerts import acknowledgement

    alert_engine = AlertEngine(COUNT_RULES, region_name="Brabant-Noord")
    alert_engine.set_region_cells(["a", "b"], {}, {"a": "Markt, 's-Hertogenbosch", "x": "outside"})
    results = run(alert_engine, [{"a": 1200, "b": 1300}])
    places = {e.cell_id: e.place for e in results[0]}
    assert places == {"a": "Markt, 's-Hertogenbosch", "b": ""}
    raised = next(e for e in results[0] if e.cell_id == "a")
    assert acknowledgement(raised, raised.time).place == "Markt, 's-Hertogenbosch"


def national(count: int = 12_000) -> tuple[list[str], dict, dict]:
    """A region bigger than one step of an evaluation: a few busy cells, many rising a little."""
    cells = [f"cell{i}" for i in range(count)]
    quiet = {c: 100 + i % 50 for i, c in enumerate(cells)}
    busy = {c: (1500 if i % 1000 == 0 else 120 + i % 50) for i, c in enumerate(cells)}
    return cells, quiet, busy


def test_an_evaluation_in_steps_gives_what_one_at_once_gives_and_commits_only_at_the_end():
    cells, quiet, busy = national()
    rules = AlertRules(count_threshold=1000, rise_percent=50.0)
    at_once, stepwise = engine(rules, cells=cells), engine(rules, cells=cells)
    rising = {c: Trend.UP for c in cells[::10]}
    for alert_engine in (at_once, stepwise):
        run(alert_engine, [quiet])
    busy_snapshot = snapshot(1, busy, rising)
    expected = at_once.evaluate(busy_snapshot, stale=False, now=busy_snapshot.interval.end)
    evaluation = stepwise.evaluation(busy_snapshot, stale=False, now=busy_snapshot.interval.end)
    steps = evaluation.steps()
    for _ in range(3):
        next(steps)
        assert stepwise.raised_cells() == frozenset() and evaluation.events is None, "nothing decided yet"
    for _ in steps:
        pass
    assert sorted(e.cell_id for e in evaluation.events) == sorted(e.cell_id for e in expected)
    assert len(expected) == 12 and stepwise.raised_cells() == at_once.raised_cells()


def test_an_evaluation_dropped_half_way_decides_nothing_and_the_next_raises_each_cell_once():
    cells, quiet, busy = national()
    alert_engine = engine(cells=cells)
    run(alert_engine, [quiet])
    busy_snapshot = snapshot(1, busy)
    steps = alert_engine.evaluation(busy_snapshot, stale=False, now=busy_snapshot.interval.end).steps()
    next(steps)
    next(steps)
    del steps  # e.g. the plugin unloaded
    raised = alert_engine.evaluate(busy_snapshot, stale=False, now=busy_snapshot.interval.end)
    assert len(raised) == 12 == len({e.cell_id for e in raised})
    assert run(alert_engine, [busy], start=2) == [[]]


def test_an_engine_changed_under_an_evaluation_makes_it_outdated_not_committed():
    cells, quiet, busy = national()
    alert_engine = engine(cells=cells)
    run(alert_engine, [quiet])
    busy_snapshot = snapshot(1, busy)
    evaluation = alert_engine.evaluation(busy_snapshot, stale=False, now=busy_snapshot.interval.end)
    steps = evaluation.steps()
    next(steps)
    alert_engine.set_rules(AlertRules(count_threshold=2000))
    for _ in steps:
        pass
    assert evaluation.outdated and evaluation.events is None
    assert alert_engine.raised_cells() == frozenset()
    assert alert_engine.evaluate(busy_snapshot, stale=False, now=busy_snapshot.interval.end) == []


def test_a_national_region_is_set_in_steps_and_switched_in_the_last():
    cells, _, busy = national()
    alert_engine = engine(cells=("cell0",))
    steps = alert_engine.region_steps(cells, dict.fromkeys(cells, 1.5), {"cell1000": "Markt"})
    next(steps)
    next(steps)
    assert alert_engine.region_cells() == frozenset({"cell0"}), "the old region until the new one is complete"
    alert_engine.set_rules(AlertRules(count_threshold=0, density_per_km2=900.0))  # 1.5 km² -> 1350
    for _ in steps:
        pass
    assert alert_engine.region_cells() == frozenset(cells)
    raised = run(alert_engine, [busy])[0]
    assert sorted(e.cell_id for e in raised) == sorted(cells[::1000]), "1500 is over the new rule's 1350"
    assert {e.rule for e in raised} == {"density at or above 900 per km²"}
    assert next(e.place for e in raised if e.cell_id == "cell1000") == "Markt"
