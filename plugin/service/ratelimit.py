"""Token buckets for the reference service: fair to a classroom behind one address, hard on a runaway.

A classroom shares one address (NAT, a terminal server) and often one token, so
neither may be the unit of a tight limit. Two buckets decide instead:

- **per connection** — a station polls on its own keep-alive connection, so a
  client looping on its connection empties only its own bucket and gets
  ``429`` while its classmates poll on;
- **per address** — a generous outer bound, so a client that opens a new
  connection for every request still meets a limit.

A request is admitted only when both buckets hold a token, and then takes one
from each; a refused request takes nothing. The clock is injectable so tests
and benchmarks drive time instead of waiting for it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Callable

# A classroom: 30 stations polling every 10 s, each poll up to four requests
# (meta, health, cells, counts) = 12 requests/s from one address on average and
# 120 at once when every station polls in the same instant.
CLASSROOM_STATIONS = 30
CLASSROOM_POLL_S = 10.0
REQUESTS_PER_POLL = 4

# Bucket entries kept at most; full buckets (equal to none at all) are dropped first.
MAX_TRACKED = 10_000


@dataclass(frozen=True)
class BucketSize:
    """``rate`` tokens per second, at most ``burst`` saved up."""

    rate: float
    burst: int

    def __post_init__(self) -> None:
        if not (self.rate > 0 and self.burst >= 1):
            raise ValueError("a bucket needs a rate above 0 and a burst of at least 1")


def _classroom_address() -> BucketSize:
    sustained = CLASSROOM_STATIONS * REQUESTS_PER_POLL / CLASSROOM_POLL_S
    return BucketSize(rate=2 * sustained, burst=2 * CLASSROOM_STATIONS * REQUESTS_PER_POLL)


@dataclass(frozen=True)
class RateLimit:
    """Bucket sizes per address and per connection; the defaults fit a classroom with room to spare."""

    per_address: BucketSize = field(default_factory=_classroom_address)
    per_connection: BucketSize = BucketSize(rate=1.0, burst=5 * REQUESTS_PER_POLL)


class _Bucket:
    __slots__ = ("size", "stamp", "tokens")

    def __init__(self, size: BucketSize, now: float) -> None:
        self.size = size
        self.tokens = float(size.burst)
        self.stamp = now

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(float(self.size.burst), self.tokens + elapsed * self.size.rate)
        self.stamp = now

    def wait(self) -> float:
        """Seconds until one token is there (0: there is one now)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.size.rate

    @property
    def full(self) -> bool:
        return self.tokens >= self.size.burst


class RateLimiter:
    """Admits requests by address and connection; thread-safe."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Bucket] = {}
        self._connections: dict[Hashable, _Bucket] = {}

    def admit(self, address: str, connection: Hashable) -> int:
        """0 when the request may go ahead (a token is taken), else whole seconds to wait (≥ 1)."""
        with self._lock:
            now = self._clock()
            buckets = (
                self._bucket(self._connections, connection, self.limit.per_connection, now),
                self._bucket(self._addresses, address, self.limit.per_address, now),
            )
            wait = max(bucket.wait() for bucket in buckets)
            if wait > 0:
                return max(1, math.ceil(wait))
            for bucket in buckets:
                bucket.tokens -= 1
            return 0

    def forget(self, connection: Hashable) -> None:
        """The connection closed: its bucket goes (a new connection starts full, the address does not)."""
        with self._lock:
            self._connections.pop(connection, None)

    def _bucket(self, table: dict, key: Hashable, size: BucketSize, now: float) -> _Bucket:
        bucket = table.get(key)
        if bucket is None:
            if len(table) >= MAX_TRACKED:
                _drop_full(table, now)
            bucket = table[key] = _Bucket(size, now)
        bucket.refill(now)
        return bucket


def _drop_full(table: dict, now: float) -> None:
    for key, bucket in list(table.items()):
        bucket.refill(now)
        if bucket.full:
            del table[key]
    if len(table) >= MAX_TRACKED:  # all busy: the oldest activity goes first
        for key in sorted(table, key=lambda k: table[k].stamp)[: len(table) // 2]:
            del table[key]
