"""The reference service on loopback: contract details a plain client sees, the exercise clock, clean stop."""

from __future__ import annotations

import gzip
import threading

import pytest
import requests
from conftest import REPO_ROOT
from druktemeter.plugin.feed.contract import PATH_CELLS, PATH_COUNTS, PATH_EXERCISE, PATH_HEALTH, PATH_META
from druktemeter.plugin.feed.server import ReferenceServer
from feed_fakes import FakeFeedSource

TOKEN = "classroom-token"
AUTH = {"Authorization": "Bearer " + TOKEN}


@pytest.fixture
def source():
    return FakeFeedSource(n_cells=300, with_clock=True)


@pytest.fixture
def server(source):
    server = ReferenceServer(source, token=TOKEN, min_interval=0)
    server.start()
    yield server
    server.stop()


def get(server, path, headers=None, **kwargs):
    return requests.get(server.url + path, headers={**AUTH, **(headers or {})}, timeout=5, **kwargs)


def test_health_needs_no_token_and_names_the_latest_interval(server, source):
    answer = requests.get(server.url + PATH_HEALTH, timeout=5)
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    assert answer.json()["latest_interval"]["end"].endswith("Z")


def test_everything_else_needs_the_token(server):
    for path in (PATH_META, PATH_CELLS, PATH_COUNTS, PATH_EXERCISE):
        answer = requests.get(server.url + path, timeout=5)
        assert answer.status_code == 401, path
        assert answer.headers["WWW-Authenticate"] == 'Bearer realm="druktemeter"'


def test_weak_etag_and_304_work_for_gzip_and_identity(server):
    plain = get(server, PATH_CELLS, {"Accept-Encoding": "identity"})
    zipped = get(server, PATH_CELLS, {"Accept-Encoding": "gzip"}, stream=True)
    raw = zipped.raw.read(decode_content=False)
    assert zipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(raw) == plain.content
    assert len(raw) * 3 < len(plain.content)
    assert plain.headers["ETag"] == zipped.headers["ETag"] and plain.headers["ETag"].startswith('W/"')
    again = get(server, PATH_CELLS, {"If-None-Match": plain.headers["ETag"].removeprefix("W/")})
    assert again.status_code == 304 and again.content == b""
    assert get(server, PATH_CELLS, {"If-None-Match": '"other", *'}).status_code == 304


def test_counts_forms_and_a_changed_etag(server, source):
    default = get(server, PATH_COUNTS).json()
    columnar = get(server, PATH_COUNTS, params={"form": "columnar"})
    assert len(default["cells"]) == 300 and len(columnar.json()["ids"]) == 300
    source.set_counts({c.id: 77 for c in source.cells})
    changed = get(
        server, PATH_COUNTS, {"If-None-Match": columnar.headers["ETag"]}, params={"form": "columnar"}
    )
    assert changed.status_code == 200 and changed.json()["counts"][0] == 77


def test_a_source_declaring_cells_etag_builds_its_cell_list_once_per_version(server, source, monkeypatch):
    built = []
    build = source.cells_payload

    def fresh_copy_each_time() -> dict:
        built.append(1)
        return dict(build())

    monkeypatch.setattr(source, "cells_payload", fresh_copy_each_time)
    source.cells_etag = '"geometry-1"'
    etags = {get(server, PATH_CELLS).headers["ETag"] for _ in range(3)}
    assert len(built) == 1 and len(etags) == 1
    source.set_cells(["X-1", "X-2"])
    source.cells_etag = '"geometry-2"'
    assert len(get(server, PATH_CELLS).json()["features"]) == 2 and len(built) == 2


def test_problems_are_rfc_9457(server):
    for path, params, status in ((PATH_META + "x", None, 404), (PATH_COUNTS, {"form": "rows"}, 400)):
        answer = get(server, path, params=params)
        assert answer.status_code == status
        assert answer.headers["Content-Type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["status"] == status and problem["title"] and problem["type"] == "about:blank"


def test_a_failing_source_gives_a_500_problem_not_a_dead_server(server, source, monkeypatch):
    monkeypatch.setattr(source, "meta_payload", lambda: 1 / 0)
    assert get(server, PATH_META).status_code == 500
    assert get(server, PATH_HEALTH).status_code == 200


def test_a_trainer_steers_the_exercise_clock(server, source):
    state = get(server, PATH_EXERCISE).json()
    assert state["clock"] is True and state["speed"] == 1.0 and state["paused"] is False
    answer = requests.post(
        server.url + PATH_EXERCISE,
        json={"speed": 60, "paused": True, "jump_to": "2026-11-25T14:00:00Z"},
        headers=AUTH,
        timeout=5,
    )
    assert answer.status_code == 200
    assert answer.json() == {"clock": True, "now": "2026-11-25T14:00:00Z", "speed": 60.0, "paused": True}
    assert source.clock.paused and source.clock.speed == 60


@pytest.mark.parametrize(
    "command", [{"speed": 0}, {"speed": "fast"}, {"paused": "yes"}, {"jump_to": "14:00"}, {"rewind": 1}, [1]]
)
def test_bad_exercise_commands_are_400(server, command):
    answer = requests.post(server.url + PATH_EXERCISE, json=command, headers=AUTH, timeout=5)
    assert answer.status_code == 400 and answer.json()["detail"]


def test_exercise_needs_the_token_and_a_clock():
    plain = ReferenceServer(FakeFeedSource(), token=TOKEN)
    plain.start()
    try:
        assert requests.post(plain.url + PATH_EXERCISE, json={"speed": 2}, timeout=5).status_code == 401
        assert get(plain, PATH_EXERCISE).status_code == 404
    finally:
        plain.stop()


def test_stop_closes_keep_alive_connections_and_joins(source):
    before = set(threading.enumerate())
    server = ReferenceServer(source, min_interval=0)
    server.start()
    session = requests.Session()
    assert session.get(server.url + PATH_META, timeout=5).status_code == 200  # a kept-alive connection
    server.stop()
    session.close()
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=2)
        assert not thread.is_alive(), thread.name
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + PATH_HEALTH, timeout=2)


def test_thirty_stations_polling_get_no_errors():
    """The classroom target (30 stations every 10 s), compressed tenfold: every 1 s for 10 s."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "load_bench", REPO_ROOT / "bench" / "load_reference_service.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    source = FakeFeedSource(n_cells=1000)
    step = iter(range(10**6))

    def publish() -> None:
        source.set_counts({c.id: 20 + next(step) % 900 for c in source.cells})

    figures = bench.run_load(
        source, clients=30, seconds=10, poll_seconds=1.0, publish_seconds=2.0, publish=publish
    )
    print("reference service load:", figures)
    assert figures["errors"] == 0, figures["first_errors"]
    assert figures["min_cycles_per_client"] >= 4  # every station kept polling
    assert figures["status_counts"].get("304", 0) > 0 and figures["status_counts"]["200"] > 30


def test_counts_without_ids_are_aligned_to_the_cells_etag(server, source):
    cells = get(server, PATH_CELLS)
    order = [feature["id"] for feature in cells.json()["features"]]
    aligned = get(server, PATH_COUNTS, params={"form": "columnar", "ids": "omit"}).json()
    assert "ids" not in aligned and aligned["cells_etag"] == cells.headers["ETag"]
    assert len(aligned["counts"]) == len(order)
    assert [aligned["counts"][order.index(i)] for i in source.counts] == list(source.counts.values())
