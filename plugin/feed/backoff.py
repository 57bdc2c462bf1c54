"""When to try again after a failure: exponential backoff with jitter, honouring ``Retry-After``.

Jitter spreads a classroom or a control room of stations that lost the feed at
the same moment, so they do not all hit it again in the same second. The
delay after ``n`` failures is drawn from ``[½·d, d]`` with
``d = min(cap, base·2^(n-1))`` ("equal jitter": never shorter than half, so a
failing feed is not hammered). A provider's ``Retry-After`` is a floor.
"""

from __future__ import annotations

import random
from typing import Optional

MAX_RETRY_AFTER = 3600.0  # a provider asking for more than an hour is capped, not obeyed blindly


class Backoff:
    """Counts consecutive failures; :meth:`success` resets it."""

    def __init__(self, base: float = 5.0, cap: float = 300.0, rng: Optional[random.Random] = None) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def failure(self, retry_after: Optional[float] = None) -> float:
        """Record a failure; return the seconds to wait before the next attempt."""
        self.failures += 1
        ceiling = min(self.cap, self.base * 2 ** min(self.failures - 1, 32))
        delay = self._rng.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            delay = max(delay, min(max(retry_after, 0.0), MAX_RETRY_AFTER))
        return delay

    def success(self) -> None:
        self.failures = 0
