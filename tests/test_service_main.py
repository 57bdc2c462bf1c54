"""``python3 -m plugin.service serve``: tokens from the environment or files, never argv; stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
from conftest import REPO_ROOT
from druktemeter.plugin.service import __main__ as cli
from druktemeter.plugin.service.tokens import STATION_TOKEN_VARIABLE, TRAINER_TOKEN_VARIABLE
from feed_fakes import FakeFeedSource

STATION = "klas-4f9a2c"
TRAINER = "trainer-77b1e0"


def test_arguments_of_the_serve_command():
    args = cli.build_parser().parse_args(
        ["serve", "--port", "0", "--scenario", "park", "--seed", "7", "--speed", "60", "--min-count", "10"]
    )
    assert (args.port, args.scenario, args.seed, args.speed, args.min_count) == (0, "park", 7, 60.0, 10)
    assert args.host == "127.0.0.1" and args.token_file is None and args.rate > 0 and args.burst >= 1


@pytest.mark.parametrize(
    "option, variable", [("--token", STATION_TOKEN_VARIABLE), ("--trainer-token", TRAINER_TOKEN_VARIABLE)]
)
def test_a_token_on_the_command_line_is_refused_with_the_reason(option, variable, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.build_parser().parse_args(["serve", option, STATION])
    error = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "ps" in error and variable in error and option + "-file" in error
    assert STATION not in error


def serve_in_thread(monkeypatch, capsys, argv: list[str]):
    monkeypatch.setattr(cli, "build_source", lambda args: FakeFeedSource(with_clock=True))
    # handlers can only be installed from the main thread; the subprocess test below covers Ctrl-C
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)
    args = cli.build_parser().parse_args(["serve", "--port", "0", *argv])
    stop = threading.Event()
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("rc", cli.serve(args, stop=stop)))
    worker.start()
    return worker, stop, result


def test_serve_takes_its_tokens_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv(STATION_TOKEN_VARIABLE, STATION)
    monkeypatch.setenv(TRAINER_TOKEN_VARIABLE, TRAINER + "\n")  # a paste with a newline still works
    worker, stop, result = serve_in_thread(monkeypatch, capsys, [])
    try:
        url = _wait_for_url(capsys)
        assert requests.get(url + "/v1/health", timeout=5).status_code == 200
        assert requests.get(url + "/v1/meta", timeout=5).status_code == 401
        station = {"Authorization": "Bearer " + STATION}
        assert requests.get(url + "/v1/meta", headers=station, timeout=5).status_code == 200
        steering = {"paused": True}
        assert (
            requests.post(url + "/v1/exercise", json=steering, headers=station, timeout=5).status_code == 403
        )
        trainer = {"Authorization": "Bearer " + TRAINER}
        assert (
            requests.post(url + "/v1/exercise", json=steering, headers=trainer, timeout=5).status_code == 200
        )
    finally:
        stop.set()
        worker.join(10)
    assert not worker.is_alive() and result["rc"] == 0
    output = capsys.readouterr()
    assert "Stopped." in output.out
    assert STATION not in output.out + output.err and TRAINER not in output.out + output.err


def test_token_files_win_over_the_environment_and_loose_permissions_are_named(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(STATION_TOKEN_VARIABLE, "from-the-environment")
    token_file = tmp_path / "station.token"
    token_file.write_text(STATION + "\n")
    token_file.chmod(0o644)
    worker, stop, _ = serve_in_thread(monkeypatch, capsys, ["--token-file", str(token_file)])
    errors: list[str] = []
    try:
        url = _wait_for_url(capsys, errors)
        station = {"Authorization": "Bearer " + STATION}
        assert requests.get(url + "/v1/meta", headers=station, timeout=5).status_code == 200
        old = {"Authorization": "Bearer from-the-environment"}
        assert requests.get(url + "/v1/meta", headers=old, timeout=5).status_code == 401
    finally:
        stop.set()
        worker.join(10)
    error = "".join(errors) + capsys.readouterr().err
    assert f"others can read {token_file}" in error and STATION not in error


@pytest.mark.parametrize("content", ["", "two words", "x" * 5000])
def test_an_unusable_token_file_stops_the_service_with_a_reason_not_the_token(content, tmp_path, capsys):
    token_file = tmp_path / "bad.token"
    token_file.write_text(content)
    args = cli.build_parser().parse_args(["serve", "--port", "0", "--token-file", str(token_file)])
    assert cli.serve(args) == 2
    error = capsys.readouterr().err
    assert str(token_file) in error and (not content or content not in error)


def _wait_for_url(capsys, errors: list[str] | None = None) -> str:
    for _ in range(100):
        captured = capsys.readouterr()
        if errors is not None:
            errors.append(captured.err)
        found = re.search(r"(http://127\.0\.0\.1:\d+)", captured.out)
        if found:
            return found.group(1)
        threading.Event().wait(0.05)
    raise AssertionError("the service did not announce its address")


def test_the_cli_serves_the_simulator_keeps_tokens_off_its_command_line_and_stops_on_ctrl_c(tmp_path):
    trainer_file = tmp_path / "trainer.token"
    trainer_file.write_text(TRAINER)
    trainer_file.chmod(0o600)
    command = [sys.executable, "-m", "plugin.service", "serve", "--port", "0", "--speed", "60"]
    process = subprocess.Popen(
        [*command, "--trainer-token-file", str(trainer_file)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", STATION_TOKEN_VARIABLE: STATION},
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+)", line).group(1)
        station = {"Authorization": "Bearer " + STATION}
        counts = requests.get(url + "/v1/counts?form=columnar", headers=station, timeout=10)
        assert counts.json()["form"] == "columnar"
        command_line = Path(f"/proc/{process.pid}/cmdline").read_bytes()  # what ps shows everyone
        assert STATION.encode() not in command_line and TRAINER.encode() not in command_line
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        output = line + process.stdout.read() + process.stderr.read()
        assert STATION not in output and TRAINER not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
