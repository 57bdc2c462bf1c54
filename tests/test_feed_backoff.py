"""Backoff: grows with jitter up to a cap, obeys Retry-After as a floor, resets on success."""

from __future__ import annotations

import random

from druktemeter.plugin.feed.backoff import MAX_RETRY_AFTER, Backoff


def test_delays_grow_exponentially_within_jitter_bounds_up_to_the_cap():
    backoff = Backoff(base=5, cap=60, rng=random.Random(3))
    delays = [backoff.failure() for _ in range(8)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(60, 5 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 60 and backoff.failures == 8


def test_jitter_spreads_stations_that_failed_together():
    firsts = {round(Backoff(base=10, rng=random.Random(seed)).failure(), 3) for seed in range(20)}
    assert len(firsts) == 20


def test_retry_after_is_a_floor_but_capped():
    backoff = Backoff(base=1, cap=2, rng=random.Random(1))
    assert backoff.failure(retry_after=30) == 30
    assert backoff.failure(retry_after=0.1) <= 2
    assert backoff.failure(retry_after=10**9) == MAX_RETRY_AFTER


def test_success_resets():
    backoff = Backoff(base=4, cap=1000, rng=random.Random(2))
    for _ in range(5):
        backoff.failure()
    backoff.success()
    assert backoff.failures == 0 and backoff.failure() <= 4
