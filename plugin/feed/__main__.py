"""``python3 -m plugin.feed serve``: the reference service for a classroom exercise.

Run from the repository root. Serves the simulated demo feed over the v1 API
until Ctrl-C (or SIGTERM), then shuts down cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Optional

from ..simulator import SimulatedSource
from ..simulator import build_source as build_simulated_source
from .server import ReferenceServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m plugin.feed", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the simulated feed over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a classroom)")
    serve.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    serve.add_argument("--scenario", default="markt", help="scenario name or path to a scenario file")
    serve.add_argument("--seed", type=int, default=1)
    serve.add_argument("--speed", type=float, default=1.0, help="simulated seconds per real second")
    serve.add_argument("--token", default=None, help="require this bearer token (health stays open)")
    serve.add_argument(
        "--trainer-token",
        default=None,
        help="only this bearer token may steer the exercise (speed, pause, jump); it can read too",
    )
    serve.add_argument("--min-count", type=int, default=15, help="suppress counts under this number")
    serve.add_argument(
        "--min-interval",
        type=float,
        default=2.0,
        help="per-client floor in seconds between polls of one path",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request")
    return parser


def build_source(args: argparse.Namespace) -> SimulatedSource:
    return build_simulated_source(
        scenario=args.scenario, seed=args.seed, speed=args.speed, min_count=args.min_count
    )


def serve(args: argparse.Namespace, stop: Optional[threading.Event] = None) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(message)s"
    )
    try:
        source = build_source(args)
    except (OSError, ValueError) as exc:
        print(f"Could not build the scenario {args.scenario!r}: {exc}", file=sys.stderr)
        return 2
    server = ReferenceServer(
        source,
        host=args.host,
        port=args.port,
        token=args.token,
        min_interval=args.min_interval,
        trainer_token=args.trainer_token,
    )
    stop = stop or threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server.start()
    print(f"Druktemeter reference service on {server.url}/v1/ (Ctrl-C stops)", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        print("Stopped.", flush=True)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
