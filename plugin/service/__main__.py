"""``python3 -m plugin.service serve``: the reference service for a classroom exercise.

Run from the repository root. Serves the simulated demo feed over the v1 API
until Ctrl-C (or SIGTERM), then shuts down cleanly. Tokens come from the
environment (DRUKTEMETER_TOKEN, DRUKTEMETER_TRAINER_TOKEN) or from files
(--token-file, --trainer-token-file), never from the command line.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Optional

from ..simulator import SimulatedSource
from ..simulator import build_source as build_simulated_source
from .ratelimit import BucketSize, RateLimit
from .server import ReferenceServer
from .tokens import STATION_TOKEN_VARIABLE, TRAINER_TOKEN_VARIABLE, TokenError, loose_permissions, read_tokens

_DEFAULT_LIMIT = RateLimit()


class _RefuseTokenArgument(argparse.Action):
    """``--token``/``--trainer-token`` are refused: everyone on the machine can read a command line."""

    def __init__(self, option_strings, dest, variable: str, file_option: str, **kwargs) -> None:
        self.variable, self.file_option = variable, file_option
        super().__init__(option_strings, dest, nargs="?", help=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.error(
            f"{option_string} is not accepted: a token on the command line is visible to every user "
            f"of this machine (ps). Put it in the environment variable {self.variable} or in a file "
            f"given with {self.file_option}."
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m plugin.service", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve the simulated feed over HTTP",
        epilog=f"Tokens: {STATION_TOKEN_VARIABLE} (stations read; /v1/health stays open) and "
        f"{TRAINER_TOKEN_VARIABLE} (only it steers the exercise), or the files below.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a classroom)")
    serve.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    serve.add_argument("--scenario", default="markt", help="scenario name or path to a scenario file")
    serve.add_argument("--seed", type=int, default=1)
    serve.add_argument("--speed", type=float, default=1.0, help="simulated seconds per real second")
    serve.add_argument(
        "--token-file", type=Path, help=f"file holding the station token (else ${STATION_TOKEN_VARIABLE})"
    )
    serve.add_argument(
        "--trainer-token-file",
        type=Path,
        help=f"file holding the trainer's token, which alone steers the exercise "
        f"(else ${TRAINER_TOKEN_VARIABLE})",
    )
    serve.add_argument(
        "--token", action=_RefuseTokenArgument, variable=STATION_TOKEN_VARIABLE, file_option="--token-file"
    )
    serve.add_argument(
        "--trainer-token",
        action=_RefuseTokenArgument,
        variable=TRAINER_TOKEN_VARIABLE,
        file_option="--trainer-token-file",
    )
    serve.add_argument("--min-count", type=int, default=15, help="suppress counts under this number")
    serve.add_argument(
        "--rate",
        type=float,
        default=_DEFAULT_LIMIT.per_address.rate,
        help="requests per second one address may sustain (a classroom behind NAT is one address)",
    )
    serve.add_argument(
        "--burst",
        type=int,
        default=_DEFAULT_LIMIT.per_address.burst,
        help="requests one address may make at once before the rate applies",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request (never its headers)")
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
        tokens = read_tokens(os.environ, args.token_file, args.trainer_token_file)
        rate_limit = RateLimit(BucketSize(args.rate, args.burst), _DEFAULT_LIMIT.per_connection)
    except (TokenError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    for path in (args.token_file, args.trainer_token_file):
        if path is not None and loose_permissions(path):
            print(f"Warning: others can read {path}; chmod 600 {path}", file=sys.stderr)
    try:
        source = build_source(args)
    except (OSError, ValueError) as exc:
        print(f"Could not build the scenario {args.scenario!r}: {exc}", file=sys.stderr)
        return 2
    server = ReferenceServer(
        source,
        host=args.host,
        port=args.port,
        token=tokens.station,
        trainer_token=tokens.trainer,
        rate_limit=rate_limit,
    )
    stop = stop or threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server.start()
    print(f"Druktemeter reference service on {server.url}/v1/ (Ctrl-C stops); {tokens!r}", flush=True)
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
