"""Steering a shared classroom exercise on a real reference service on loopback."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from druktemeter.plugin.feed.contract import MAX_SCENARIO_BYTES
from druktemeter.plugin.feed.exercise import RemoteExerciseClock, ServedSimulation
from druktemeter.plugin.service.server import ReferenceServer
from druktemeter.plugin.simulator import build_source
from druktemeter.plugin.simulator.scenarios import BUNDLED

STATION, TRAINER = "klas-token", "trainer-token"
START = datetime(2026, 6, 13, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def server():
    service = ReferenceServer(
        build_source("markt", start=START), token=STATION, trainer_token=TRAINER, rate_limit=None
    )
    service.start()
    yield service
    service.stop()


def clock_for(server, token) -> RemoteExerciseClock:
    clock = RemoteExerciseClock(server.url, lambda: token)
    clock.refresh()
    clock.wait()
    return clock


def test_the_trainer_steers_speed_pause_and_jump_for_everyone(server):
    trainer = clock_for(server, TRAINER)
    assert trainer.problem == "" and abs((trainer.now() - START).total_seconds()) < 60
    trainer.set_speed(60)
    trainer.wait()
    assert server.source.clock.speed == 60 and trainer.speed == 60
    trainer.jump_to(datetime(2026, 6, 13, 12, 30, tzinfo=timezone.utc))
    trainer.wait()
    trainer.pause()
    trainer.wait()
    assert server.source.clock.paused and trainer.paused
    shared = server.source.clock.now()
    assert (shared.hour, shared.minute) == (12, 30)
    assert abs((trainer.now() - shared).total_seconds()) < 1  # the service answers to the second
    station = clock_for(server, STATION)
    assert abs((station.now() - shared).total_seconds()) < 1 and station.paused, "all see the trainer's clock"


def test_a_station_token_may_read_the_clock_but_not_steer_it(server):
    station = clock_for(server, STATION)
    assert station.problem == ""
    station.pause()
    station.wait()
    assert not server.source.clock.paused
    assert "Only the trainer" in station.problem


def test_an_unreachable_service_is_said_in_words(server):
    url = server.url
    server.stop()
    clock = RemoteExerciseClock(url, lambda: TRAINER)
    clock.set_speed(10)
    clock.wait()
    assert "cannot be reached" in clock.problem


def test_the_token_never_appears_in_the_problem_text(server):
    clock = clock_for(server, "wrong-" + TRAINER)
    clock.pause()
    clock.wait()
    assert clock.problem and TRAINER not in clock.problem


def test_an_answer_with_a_duplicate_key_is_not_understood():
    from feed_fakes import FakeFeedSource, MisbehavingServer, answer

    server = MisbehavingServer(FakeFeedSource(with_clock=True))
    body = (
        b'{"clock": true, "now": "2026-06-13T08:00:00Z", "now": "2030-01-01T00:00:00Z",'
        b' "speed": 1, "paused": false}'
    )
    server.overrides["/v1/exercise"] = answer(200, body)
    server.start()
    try:
        clock = clock_for(server, TRAINER)
    finally:
        server.stop()
    assert "does not understand" in clock.problem


def test_a_pasted_trainer_token_with_a_newline_still_steers(server):
    trainer = clock_for(server, TRAINER + "\r\n")
    trainer.pause()
    trainer.wait()
    assert trainer.problem == "" and server.source.clock.paused


def test_an_unusable_token_is_said_in_words_and_never_sent(server):
    clock = RemoteExerciseClock(server.url, lambda: TRAINER[:4] + "\n" + TRAINER[4:])
    clock.pause()
    clock.wait()
    assert "Paste the token again" in clock.problem and TRAINER[4:] not in clock.problem
    assert not server.source.clock.paused


def test_stations_learn_which_simulation_is_served(server):
    """So a station can compute the exercise's past itself (docs/statistics.md)."""
    station = clock_for(server, STATION)
    simulation = station.simulation
    assert (simulation.scenario, simulation.seed, simulation.min_count) == (
        "markt",
        1,
        server.source.min_count,
    )
    assert simulation.definition == (BUNDLED / "markt.json").read_text(encoding="utf-8")


def test_a_station_receives_the_trainers_own_scenario_file_with_its_station_token(tmp_path):
    from stats_history import trainer_scenario_file

    path = trainer_scenario_file(tmp_path)
    service = ReferenceServer(
        build_source(path, seed=4), token=STATION, trainer_token=TRAINER, rate_limit=None
    )
    service.start()
    try:
        station = clock_for(service, STATION)
    finally:
        service.stop()
    assert station.problem == ""
    assert station.simulation == ServedSimulation("markt", 4, 20, path.read_text(encoding="utf-8"))


def test_a_station_whose_first_answer_was_lost_learns_the_simulation_when_it_asks_again():
    from feed_fakes import MisbehavingServer, answer

    service = MisbehavingServer(build_source("markt", start=START), token=STATION)
    service.overrides["/v1/exercise"] = answer(503, b'{"title": "busy"}', {"Retry-After": "1"})
    service.start()
    try:
        station = clock_for(service, STATION)
        assert station.simulation is None and station.problem  # a classroom starting at once
        del service.overrides["/v1/exercise"]
        station.refresh_if_idle()  # the plugin does this once per interval until it knows
        station.wait()
    finally:
        service.stop()
    assert station.problem == "" and station.simulation.scenario == "markt"


@pytest.mark.parametrize(
    "simulation",
    [
        {"scenario": "markt", "seed": 1, "min_count": 15},  # no definition: nothing to compute from
        {"scenario": "markt", "seed": 1, "min_count": 15, "definition": {"name": "markt"}},
        {"scenario": "markt", "seed": 1, "min_count": 15, "definition": "x" * (MAX_SCENARIO_BYTES + 1)},
        {"scenario": "markt", "seed": 1, "min_count": 15, "definition": "\ud800"},  # a lone surrogate
    ],
)
def test_a_simulation_not_in_the_contracts_form_is_not_used(simulation):
    """The station then says it has no past to compare with (tests/test_plugin.py)."""
    import json

    from feed_fakes import FakeFeedSource, MisbehavingServer, answer

    server = MisbehavingServer(FakeFeedSource(with_clock=True))
    body = {
        "clock": True,
        "now": "2026-06-13T08:00:00Z",
        "speed": 1,
        "paused": False,
        "simulation": simulation,
    }
    server.overrides["/v1/exercise"] = answer(200, json.dumps(body).encode())
    server.start()
    try:
        clock = clock_for(server, STATION)
    finally:
        server.stop()
    assert clock.problem == "" and clock.simulation is None
