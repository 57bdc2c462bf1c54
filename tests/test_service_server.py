"""The reference service on loopback: contract details a plain client sees, the exercise clock, clean stop."""

from __future__ import annotations

import gzip
import json
import logging
import socket
import threading

import pytest
import requests
from conftest import REPO_ROOT
from druktemeter.plugin.feed.contract import (
    PATH_CELLS,
    PATH_COUNTS,
    PATH_EXERCISE,
    PATH_HEALTH,
    PATH_META,
    iso_utc,
)
from druktemeter.plugin.service.server import MAX_JSON_DEPTH, ReferenceServer
from feed_fakes import FakeFeedSource

TOKEN = "classroom-token"
TRAINER = "trainer-token"
AUTH = {"Authorization": "Bearer " + TOKEN}
TRAINER_AUTH = {"Authorization": "Bearer " + TRAINER}


@pytest.fixture
def source():
    return FakeFeedSource(n_cells=300, with_clock=True)


@pytest.fixture
def server(source):
    server = ReferenceServer(source, token=TOKEN, trainer_token=TRAINER, rate_limit=None)
    server.start()
    yield server
    server.stop()


def get(server, path, headers=None, **kwargs):
    return requests.get(server.url + path, headers={**AUTH, **(headers or {})}, timeout=5, **kwargs)


def steer(server, command, headers=TRAINER_AUTH):
    return requests.post(server.url + PATH_EXERCISE, json=command, headers=headers, timeout=5)


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
    state = get(server, PATH_EXERCISE).json()  # a station may read the clock
    assert state["clock"] is True and state["speed"] == 1.0 and state["paused"] is False
    target = source.clock.now().replace(hour=14, minute=0, second=0, microsecond=0)
    answer = steer(server, {"speed": 60, "paused": True, "jump_to": iso_utc(target)})
    assert answer.status_code == 200
    assert answer.json() == {"clock": True, "now": iso_utc(target), "speed": 60.0, "paused": True}
    assert source.clock.paused and source.clock.speed == 60


@pytest.mark.parametrize(
    "command",
    [
        {"speed": 0},
        {"speed": "fast"},
        {"speed": None},
        {"paused": "yes"},
        {"jump_to": "14:00"},
        {"rewind": 1},
        [1],
    ],
)
def test_bad_exercise_commands_are_400(server, command):
    answer = steer(server, command)
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
    server = ReferenceServer(source, rate_limit=None)
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
    """The classroom target (30 stations behind one address every 10 s, under the default rate
    limits), compressed tenfold: every 1 s for 10 s, the limiter's clock running ten times as fast."""
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
    assert figures["errors"] == 0 and figures["share_429"] == 0, figures
    assert figures["min_cycles_per_client"] >= 4  # every station kept polling
    assert figures["status_counts"].get("304", 0) > 0 and figures["status_counts"]["200"] > 30


def test_counts_without_ids_are_aligned_to_the_cells_etag(server, source):
    cells = get(server, PATH_CELLS)
    order = [feature["id"] for feature in cells.json()["features"]]
    aligned = get(server, PATH_COUNTS, params={"form": "columnar", "ids": "omit"}).json()
    assert "ids" not in aligned and aligned["cells_etag"] == cells.headers["ETag"]
    assert len(aligned["counts"]) == len(order)
    assert [aligned["counts"][order.index(i)] for i in source.counts] == list(source.counts.values())


# ---------------------------------------------------------------- abuse


def raw_exchange(server, data: bytes, timeout: float = 5.0) -> bytes:
    """Send ``data`` on one connection and read until the service closes it (bounded)."""
    with socket.create_connection(server._httpd.server_address[:2], timeout=timeout) as connection:
        connection.sendall(data)
        received = b""
        for _ in range(1000):
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        return received


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
@pytest.mark.parametrize("path", [PATH_META, PATH_HEALTH, PATH_CELLS, PATH_COUNTS, PATH_EXERCISE])
def test_undeclared_methods_are_405_with_allow_and_a_problem(server, method, path):
    answer = requests.request(method, server.url + path, headers=AUTH, timeout=5)
    assert answer.status_code == 405
    assert answer.headers["Allow"] == ("GET, POST" if path == PATH_EXERCISE else "GET")
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    if method != "HEAD":  # a HEAD answer has no body
        assert answer.json()["status"] == 405


@pytest.mark.parametrize(
    "request_head, status",
    [
        (b"GET /v1/health?" + b"x" * 9000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET /v1/health HTTP/1.1\r\n" + b"X-Many: 1\r\n" * 101 + b"\r\n", 431),
        (b"GET /v1/health HTTP/1.1\r\nX-Long: " + b"x" * 70000 + b"\r\n\r\n", 431),
        (b"GET /v1/health HTTP/9.9\r\n\r\n", 505),
        (b"NONSENSE\r\n\r\n", 400),
    ],
)
def test_malformed_requests_get_a_problem_document_not_an_html_page(server, request_head, status):
    received = raw_exchange(server, request_head)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 %d " % status), head
    assert b"application/problem+json" in head and json.loads(body)["status"] == status


def test_post_on_a_read_only_path_is_405(server):
    answer = requests.post(server.url + PATH_COUNTS, json={}, headers=AUTH, timeout=5)
    assert answer.status_code == 405 and answer.headers["Allow"] == "GET"


@pytest.mark.parametrize(
    "query", ["ids=AAA", "ids=", "form=", "form=columnar&form=columnar", "ids=omit&ids=omit"]
)
def test_counts_refuse_query_values_the_document_does_not_allow(server, query):
    answer = get(server, PATH_COUNTS + "?" + query)
    assert answer.status_code == 400 and answer.json()["detail"]


@pytest.mark.parametrize(
    "body, nested",
    [
        ("[" * 8000 + "]" * 8000, True),  # absurd, within the 16 KiB limit; Python 3.13 would parse it
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), True),
        ('{"a":' * MAX_JSON_DEPTH + "1" + "}" * MAX_JSON_DEPTH, False),  # as deep as allowed
        ('{"speed": "' + "[{" * 200 + '\\"[["}', False),  # brackets inside a string do not nest
    ],
)
def test_json_depth_is_counted_by_the_service_not_left_to_the_python_version(server, body, nested):
    answer = requests.post(
        server.url + PATH_EXERCISE,
        data=body.encode(),
        headers={**TRAINER_AUTH, "Content-Type": "application/json"},
        timeout=5,
    )
    assert answer.status_code == 400 and server.status_counts.get(500, 0) == 0
    assert ("nested" in answer.json()["detail"]) is nested, answer.json()


@pytest.mark.parametrize(
    "request_line, headers",
    [
        ("POST /v1/exercise", ""),  # no token: refused before the body is read
        ("POST /v1/meta", "Authorization: Bearer classroom-token\r\n"),  # 405
        ("POST /v1/nowhere", ""),  # 404
        ("POST /v1/exercise", "Authorization: Bearer classroom-token\r\n"),  # 403: a station token
    ],
)
def test_an_unread_body_is_never_read_as_the_next_request(server, request_line, headers):
    smuggled = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    head = f"{request_line} HTTP/1.1\r\nHost: x\r\n{headers}Content-Length: {len(smuggled)}\r\n\r\n"
    received = raw_exchange(server, head.encode() + smuggled)
    assert received.count(b"HTTP/1.1 ") == 1, received
    assert b"Connection: close" in received


def test_a_read_body_keeps_the_connection_for_the_next_request(server):
    body = b'{"paused": false}'
    request = (
        f"POST /v1/exercise HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TRAINER}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    received = raw_exchange(
        server, request + b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert received.count(b"HTTP/1.1 200 ") == 2, received


def test_a_station_token_may_read_the_exercise_but_not_steer_it(server):
    assert get(server, PATH_EXERCISE).status_code == 200
    refused = steer(server, {"paused": True}, headers=AUTH)
    assert refused.status_code == 403 and "trainer" in refused.json()["detail"]
    unknown = steer(server, {"paused": True}, headers={"Authorization": "Bearer guessed"})
    assert unknown.status_code == 401
    assert steer(server, {"paused": True}).status_code == 200


def test_without_a_trainer_token_the_station_token_steers(source):
    server = ReferenceServer(source, token=TOKEN, rate_limit=None)
    server.start()
    try:
        assert steer(server, {"paused": True}, headers=AUTH).status_code == 200
        assert steer(server, {"paused": True}, headers={}).status_code == 401
    finally:
        server.stop()


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1900-01-01T00:00:00+01:00"]
)
def test_a_jump_far_outside_the_exercise_is_refused_and_the_exercise_runs_on(server, source, moment):
    before = source.clock.now()
    answer = steer(server, {"jump_to": moment})
    assert answer.status_code == 422
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert "366 days" in answer.json()["detail"]
    assert source.clock.now() == before
    assert get(server, PATH_COUNTS).status_code == 200 and get(server, PATH_HEALTH).status_code == 200


def test_a_jump_to_the_simulators_limit_does_not_wedge_the_shared_exercise():
    """With the real simulator clock: the year 9999 used to make every later request fail."""
    from druktemeter.plugin.simulator import build_source

    server = ReferenceServer(build_source("markt", seed=1, speed=3600.0), rate_limit=None)
    server.start()
    try:
        assert steer(server, {"jump_to": "9999-12-31T23:00:00Z"}, headers={}).status_code == 422
        for path in (PATH_HEALTH, PATH_COUNTS, PATH_CELLS):
            assert requests.get(server.url + path, timeout=10).status_code == 200
    finally:
        server.stop()


def test_a_slow_request_head_is_cut_off_while_others_are_served(source):
    """Slowloris: one byte at a time keeps a per-read timeout alive for ever, not the head deadline."""
    server = ReferenceServer(source, rate_limit=None, read_deadline_s=0.5)
    server.start()
    try:
        with socket.create_connection(server._httpd.server_address[:2], timeout=5) as slow:
            received = b""
            for byte in b"GET /v1/health HTTP/1.1\r\nX-Slow: " + b"a" * 200:  # bounded: 200 x 0.1 s
                assert requests.get(server.url + PATH_HEALTH, timeout=5).status_code == 200
                try:
                    slow.sendall(bytes([byte]))
                    threading.Event().wait(0.1)
                    slow.setblocking(False)
                    received += slow.recv(4096)
                except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    slow.setblocking(True)
                if received:
                    break
        assert received.startswith(b"HTTP/1.1 408 "), received
    finally:
        server.stop()


def test_an_idle_connection_before_its_first_byte_is_not_a_slow_head(source):
    server = ReferenceServer(source, rate_limit=None, read_deadline_s=0.2)
    server.start()
    try:
        session = requests.Session()
        assert session.get(server.url + PATH_HEALTH, timeout=5).status_code == 200
        threading.Event().wait(0.5)  # idle longer than the head deadline on a kept-alive connection
        assert session.get(server.url + PATH_HEALTH, timeout=5).status_code == 200
        session.close()
    finally:
        server.stop()


def test_connections_over_the_cap_get_503_and_a_freed_slot_serves_again(source):
    server = ReferenceServer(source, rate_limit=None, max_connections=3)
    server.start()
    address = server._httpd.server_address[:2]
    held = [socket.create_connection(address, timeout=5) for _ in range(3)]
    try:
        for connection in held:  # each now holds a handler thread, idle
            connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert connection.recv(65536).startswith(b"HTTP/1.1 200 ")
        refused = requests.get(server.url + PATH_HEALTH, timeout=5)
        assert refused.status_code == 503 and refused.headers["Retry-After"]
        assert refused.json()["status"] == 503
        held.pop().close()
        statuses = []
        for _ in range(100):  # the freed slot is released by the handler thread as it ends
            statuses.append(requests.get(server.url + PATH_HEALTH, timeout=5).status_code)
            if statuses[-1] == 200:
                break
            threading.Event().wait(0.05)
        assert statuses[-1] == 200, statuses
    finally:
        for connection in held:
            connection.close()
        server.stop()


def test_the_listen_backlog_holds_a_classroom_connecting_at_once(source):
    """Two connections per station of 30 arrive while the service accepts none (it is not
    started yet): the kernel queues them all, up to the backlog (with the standard library's
    backlog of 5, the seventh connect times out). Then every one of them is served."""
    server = ReferenceServer(source, rate_limit=None)
    address = server._httpd.server_address[:2]
    waiting = []
    try:
        for _ in range(2 * 30):
            waiting.append(socket.create_connection(address, timeout=5))
        server.start()
        for connection in waiting:
            connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert all(connection.recv(65536).startswith(b"HTTP/1.1 200 ") for connection in waiting)
    finally:
        for connection in waiting:
            connection.close()
        server.stop()


def test_tokens_never_reach_the_service_log(source, caplog):
    server = ReferenceServer(source, token=TOKEN, trainer_token=TRAINER)
    server.start()
    caplog.set_level(logging.DEBUG, logger="druktemeter")
    try:
        for headers in (AUTH, TRAINER_AUTH, {"Authorization": "Bearer " + TOKEN + "x"}):
            for path in (PATH_META, PATH_COUNTS, PATH_EXERCISE, PATH_META + "x"):
                requests.get(server.url + path, headers=headers, timeout=5)
            answer = steer(server, {"paused": True, "bogus": TOKEN}, headers=headers)
            assert TOKEN not in answer.headers.get("WWW-Authenticate", "")
        steer(server, {"paused": False})
    finally:
        server.stop()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Exercise steered" in logged and "GET /v1/meta" in logged  # the log was on
    assert TRAINER not in logged and "Bearer" not in logged


def test_a_slow_request_body_is_cut_off_with_408(source):
    server = ReferenceServer(source, rate_limit=None, read_deadline_s=0.5)
    server.start()
    try:
        with socket.create_connection(server._httpd.server_address[:2], timeout=5) as slow:
            slow.sendall(b"POST /v1/exercise HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            received = b""
            for _ in range(100):  # bounded: the service answers after its deadline, or the test ends
                chunk = slow.recv(4096)
                received += chunk
                if not chunk or b"\r\n\r\n" in received:
                    break
        assert received.startswith(b"HTTP/1.1 408 "), received
        assert b"Connection: close" in received
    finally:
        server.stop()
