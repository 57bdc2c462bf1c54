"""``python3 -m plugin.service serve``: serves, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading

import requests
from conftest import REPO_ROOT
from druktemeter.plugin.service import __main__ as cli
from feed_fakes import FakeFeedSource


def test_arguments_of_the_serve_command():
    args = cli.build_parser().parse_args(
        [
            "serve",
            "--port",
            "0",
            "--scenario",
            "park",
            "--seed",
            "7",
            "--speed",
            "60",
            "--token",
            "t",
            "--min-count",
            "10",
        ]
    )
    assert (args.port, args.scenario, args.seed, args.speed, args.token, args.min_count) == (
        0,
        "park",
        7,
        60.0,
        "t",
        10,
    )
    assert args.host == "127.0.0.1" and args.min_interval == 2.0


def test_serve_runs_until_stopped(monkeypatch, capsys):
    monkeypatch.setattr(cli, "build_source", lambda args: FakeFeedSource())
    # handlers can only be installed from the main thread; the subprocess test below covers Ctrl-C
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)
    args = cli.build_parser().parse_args(["serve", "--port", "0", "--token", "abc"])
    stop = threading.Event()
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("rc", cli.serve(args, stop=stop)))
    worker.start()
    try:
        url = _wait_for_url(capsys)
        assert requests.get(url + "/v1/health", timeout=5).status_code == 200
        assert requests.get(url + "/v1/meta", timeout=5).status_code == 401
    finally:
        stop.set()
        worker.join(10)
    assert not worker.is_alive() and result["rc"] == 0
    assert "Stopped." in capsys.readouterr().out


def _wait_for_url(capsys) -> str:
    for _ in range(100):
        found = re.search(r"(http://127\.0\.0\.1:\d+)", capsys.readouterr().out)
        if found:
            return found.group(1)
        threading.Event().wait(0.05)
    raise AssertionError("the service did not announce its address")


def test_the_cli_serves_the_simulator_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-m", "plugin.service", "serve", "--port", "0", "--speed", "60"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+)", line).group(1)
        assert requests.get(url + "/v1/counts?form=columnar", timeout=10).json()["form"] == "columnar"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
