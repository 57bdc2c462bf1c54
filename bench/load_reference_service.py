"""Load test of the reference service: a classroom of stations polling one exercise.

The issue's target is 30 stations behind one address (NAT, a terminal
server) polling every 10 s without errors and without a single ``429``. Each
simulated station is a real :class:`HttpFeedReader` (its own session, gzip,
ETags, full validation) doing what the poller does per poll at most: meta, a
conditional cells request and a counts request (which asks /v1/health too
for an exercise). All stations share 127.0.0.1, so the service's default
rate limits apply to them as to a classroom behind NAT.

Time is compressed: stations poll every ``poll_seconds`` (default 1 s) and the
rate limiter's clock runs ``classroom_poll_seconds / poll_seconds`` times
faster (default 10x), so each real second is a classroom's 10 s for the
limits, while the source publishes a new interval every ``publish_seconds``.

Run: ``.venv/bin/python bench/load_reference_service.py [--clients 30 --seconds 20]``;
prints one JSON line (requests/s, errors, latency) like the other benchmarks.
Clients and server share one Python process (and its GIL), so the figure is a
lower bound for a real classroom, where each station polls from its own machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]


def run_load(
    source,
    *,
    clients: int = 30,
    seconds: float = 20.0,
    poll_seconds: float = 1.0,
    publish_seconds: float = 3.0,
    publish=None,
    classroom_poll_seconds: float = 10.0,
) -> dict:
    """Poll ``source`` through a ReferenceServer with ``clients`` stations; return the figures."""
    from druktemeter.plugin.feed.client import HttpFeedReader
    from druktemeter.plugin.feed.errors import FeedError
    from druktemeter.plugin.service.server import ReferenceServer

    scale = classroom_poll_seconds / poll_seconds

    def classroom_time() -> float:
        return time.monotonic() * scale

    server = ReferenceServer(source, clock=classroom_time)
    server.start()
    stop = threading.Event()
    errors: list[str] = []
    latencies: list[float] = []
    cycles = [0] * clients
    lock = threading.Lock()

    def station(index: int) -> None:
        reader = HttpFeedReader(server.url, token_provider=lambda: None, read_timeout=10)
        previous = None
        time.sleep(random.Random(index).uniform(0, poll_seconds))  # stations do not start in lockstep
        try:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    reader.read_meta()
                    reader.read_cells()
                    previous = reader.read_counts(previous) or previous
                    cycles[index] += 1
                except FeedError as error:
                    with lock:
                        errors.append(f"{type(error).__name__}: {error.detail}")
                with lock:
                    latencies.append(time.monotonic() - started)
                stop.wait(max(0.0, poll_seconds - (time.monotonic() - started)))
        finally:
            reader.close()

    def publisher() -> None:
        while not stop.wait(publish_seconds):
            publish()

    threads = [threading.Thread(target=station, args=(i,), name=f"station-{i}") for i in range(clients)]
    if publish is not None:
        threads.append(threading.Thread(target=publisher, name="publisher"))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    server.stop()
    served = {str(status): n for status, n in sorted(server.status_counts.items())}
    requests_total = sum(server.status_counts.values())
    latencies.sort()
    return {
        "bench": "reference_service_load",
        "clients": clients,
        "seconds": round(elapsed, 1),
        "poll_seconds": poll_seconds,
        "classroom_poll_seconds": classroom_poll_seconds,
        "requests": requests_total,
        "requests_per_s": round(requests_total / elapsed, 1),
        "share_429": round(server.status_counts.get(429, 0) / max(1, requests_total), 4),
        "status_counts": served,
        "errors": len(errors),
        "first_errors": errors[:3],
        "min_cycles_per_client": min(cycles),
        "poll_latency_p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "poll_latency_p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
    }


def _source(cells: int, seed: int):
    """The simulator when this checkout has it; else the deterministic test fake."""
    try:
        from druktemeter.plugin.simulator import build_source

        return build_source(scenario="markt", seed=seed, speed=60.0, min_count=15), None, "simulator"
    except ImportError:
        sys.path.insert(0, str(ROOT / "tests"))
        from feed_fakes import FakeFeedSource

        fake = FakeFeedSource(n_cells=cells)
        rng = random.Random(seed)

        def publish() -> None:
            fake.set_counts({c.id: rng.choice([None, rng.randint(15, 3000)]) for c in fake.cells})

        return fake, publish, "test fake"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--poll-seconds", type=float, default=1.0)
    parser.add_argument(
        "--cells", type=int, default=3000, help="cells of the fake source (without the simulator)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    package_parent = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
    (package_parent / "druktemeter").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(package_parent))  # the checkout, importable as the installed package
    source, publish, kind = _source(args.cells, args.seed)
    figures = run_load(
        source, clients=args.clients, seconds=args.seconds, poll_seconds=args.poll_seconds, publish=publish
    )
    print(json.dumps({**figures, "source": kind}))
    return 0 if figures["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
