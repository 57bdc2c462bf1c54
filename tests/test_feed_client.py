"""HttpFeedReader against real HTTP servers on loopback: good answers, every broken answer of SPEC §6."""

from __future__ import annotations

import json
import logging
import socket
import time
from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.metadata import user_agent
from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.feed.cache import CellsCache
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.feed.contract import PATH_COUNTS, PATH_META
from druktemeter.plugin.feed.errors import (
    FeedAuthError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedServerError,
    FeedTimeError,
    FeedUnreachable,
)
from druktemeter.plugin.service.ratelimit import BucketSize, RateLimit
from feed_fakes import (
    FakeFeedSource,
    MisbehavingServer,
    answer,
    cut_off,
    endless,
    latest_interval,
    silence,
)

TOKEN = "s3cr3t-token-for-tests"


@pytest.fixture
def source():
    return FakeFeedSource(n_cells=6)


@pytest.fixture
def server(source):
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    yield server
    server.stop()


def reader_for(server, token=TOKEN, **kwargs) -> HttpFeedReader:
    kwargs.setdefault("read_timeout", 2.0)
    return HttpFeedReader(server.url, token_provider=lambda: token, **kwargs)


@pytest.fixture
def reader(server):
    reader = reader_for(server)
    yield reader
    reader.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ------------------------------------------------------------------ good answers


def test_reads_meta_cells_and_counts(reader, source):
    meta = reader.read_meta()
    assert meta.provider == "Fake Telecom"
    cells = reader.read_cells()
    assert [c.id for c in cells.cells] == [c.id for c in source.cells] and cells.etag.startswith('W/"')
    snapshot = reader.read_counts(None)
    assert snapshot.counts == source.counts and snapshot.source == "Fake Telecom"
    assert snapshot.interval == source.interval


def test_unchanged_cells_and_counts_answer_304_and_give_none(reader, source, server):
    reader.read_cells()
    previous = reader.read_counts(None)
    assert reader.read_cells() is None
    assert reader.read_counts(previous) is None
    assert server.status_counts[304] == 2
    source.set_counts({c.id: 500 for c in source.cells}, {c.id: Trend.UP for c in source.cells})
    assert reader.read_counts(previous).counts == {c.id: 500 for c in source.cells}


def test_sends_user_agent_and_gzip_and_asks_for_the_columnar_form(server, reader):
    seen = {}

    def record(handler):
        seen.update(dict(handler.headers), path=handler.path)
        answer(404)(handler)

    server.overrides[PATH_COUNTS] = record
    with pytest.raises(FeedNotFound):
        reader.read_counts(None)
    assert seen["User-Agent"] == user_agent() and "gzip" in seen["Accept-Encoding"]
    assert seen["path"] == PATH_COUNTS + "?form=columnar"
    assert seen["Authorization"] == "Bearer " + TOKEN


def test_cells_are_cached_on_disk_so_a_restart_gets_304(server, tmp_path, source):
    first = reader_for(server, cache_dir=tmp_path)
    cells = first.read_cells()
    first.close()
    restarted = reader_for(server, cache_dir=tmp_path)
    again = restarted.read_cells()
    assert again == cells  # from the disk cache, confirmed by a 304
    assert server.status_counts[304] == 1 and server.status_counts[200] == 1
    assert restarted.read_cells() is None
    restarted.close()


def test_a_cells_etag_changing_mid_session_is_picked_up(reader, source):
    first = reader.read_cells()
    reader.read_counts(None)
    new_ids = [c.id for c in source.cells] + ["C-NEW"]
    source.set_cells(new_ids)
    source.set_counts(dict.fromkeys(new_ids, 40))
    second = reader.read_cells()
    assert second is not None and second.etag != first.etag and len(second.cells) == 7
    assert reader.read_counts(None).counts["C-NEW"] == 40  # the new id is now known


def test_counts_for_cells_not_yet_listed_are_refused_until_the_list_is_reread(reader, source):
    reader.read_cells()
    source.set_counts({"C-UNLISTED": 99})
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == "unknown_cell" and "C-UNLISTED" in caught.value.user_message()


# ------------------------------------------------------------------ SPEC §6 failures


def test_connection_refused():
    reader = HttpFeedReader(f"http://127.0.0.1:{free_port()}", token_provider=lambda: None)
    with pytest.raises(FeedUnreachable) as caught:
        reader.read_meta()
    assert (
        not caught.value.timeout and caught.value.retryable and "no connection" in caught.value.user_message()
    )


def test_timeout(server):
    server.overrides[PATH_COUNTS] = silence(server, 10)
    reader = reader_for(server, read_timeout=0.3)
    with pytest.raises(FeedUnreachable) as caught:
        reader.read_counts(None)
    assert caught.value.timeout and "did not answer in time" in caught.value.user_message()


@pytest.mark.parametrize("token", [None, "wrong"])
def test_missing_or_wrong_token_is_401(server, token):
    reader = reader_for(server, token=token)
    with pytest.raises(FeedAuthError) as caught:
        reader.read_meta()
    assert caught.value.status == 401 and not caught.value.retryable
    assert "token" in caught.value.user_message()


def test_401_carries_a_bearer_challenge_and_a_problem_document(server):
    import requests

    response = requests.get(server.url + PATH_COUNTS, headers={"Authorization": "Bearer nope"}, timeout=5)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="druktemeter", error="invalid_token"'
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 401 and TOKEN not in response.text


def test_403(server, reader):
    server.overrides[PATH_META] = answer(403, b'{"type":"about:blank","title":"Forbidden","status":403}')
    with pytest.raises(FeedAuthError) as caught:
        reader.read_meta()
    assert caught.value.status == 403 and "access" in caught.value.user_message()


def test_404(server):
    reader = HttpFeedReader(server.url + "/wrong", token_provider=lambda: TOKEN)
    with pytest.raises(FeedNotFound) as caught:
        reader.read_meta()
    assert "address" in caught.value.user_message()


@pytest.mark.parametrize("retry_after", ["7", "Wed, 21 Oct 2037 07:28:00 GMT"])
def test_429_with_retry_after(server, reader, retry_after):
    server.overrides[PATH_COUNTS] = answer(429, b"{}", {"Retry-After": retry_after})
    with pytest.raises(FeedRateLimited) as caught:
        reader.read_counts(None)
    assert caught.value.retry_after >= 7 and "less often" in caught.value.user_message()


def test_the_reference_service_rate_limit_reaches_the_client_as_retry_after(source):
    one_request = BucketSize(rate=0.2, burst=1)  # then one every 5 s
    server = MisbehavingServer(source, rate_limit=RateLimit(one_request, one_request))
    server.start()
    reader = reader_for(server, token=None)
    try:
        reader.read_meta()
        with pytest.raises(FeedRateLimited) as caught:
            reader.read_meta()
        assert 1 <= caught.value.retry_after <= 5
    finally:
        reader.close()
        server.stop()


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx(server, reader, status):
    server.overrides[PATH_COUNTS] = answer(status, b"<html>oops</html>", {"Retry-After": "12"})
    with pytest.raises(FeedServerError) as caught:
        reader.read_counts(None)
    assert caught.value.status == status and caught.value.retry_after == 12
    assert str(status) in caught.value.user_message()


def test_truncated_body(server, reader, source):
    body = json.dumps(source.counts_payload(columnar=True)).encode()
    server.overrides[PATH_COUNTS] = cut_off(body, keep=len(body) // 2)
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == "truncated"
    assert f"{len(body) // 2} of {len(body)} bytes" in caught.value.user_message()


def test_invalid_json(server, reader):
    server.overrides[PATH_COUNTS] = answer(200, b'{"interval": {"start": ')
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == "invalid_json"


def test_wrong_shape(server, reader):
    server.overrides[PATH_COUNTS] = answer(200, b'{"min_count": 15, "cells": [1, 2, 3]}')
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == "wrong_shape" and "counts.interval" in caught.value.user_message()


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: d["ids"].__setitem__(2, "ELSEWHERE-1"), "unknown_cell"),
        (lambda d: d["ids"].__setitem__(2, d["ids"][0]), "duplicate_cell"),
        (lambda d: d["counts"].__setitem__(1, -5), "negative_count"),
        (lambda d: d["counts"].__setitem__(1, 17.25), "fractional_count"),
        (lambda d: d["counts"].__setitem__(1, 10**12), "huge_count"),
    ],
)
def test_bad_ids_and_counts(server, reader, source, edit, reason):
    reader.read_cells()
    payload = json.loads(json.dumps(source.counts_payload(columnar=True)))
    edit(payload)
    server.overrides[PATH_COUNTS] = answer(200, json.dumps(payload).encode())
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == reason


def test_unsuppressed_count_under_min_count_is_suppressed(reader, source, caplog):
    reader.read_cells()
    source.set_counts({c.id: 3 if n == 0 else 300 for n, c in enumerate(source.cells)})
    snapshot = reader.read_counts(None)
    assert snapshot.counts[source.cells[0].id] is None and "Provider error" in caplog.text


def test_an_interval_older_than_the_one_shown(reader, source):
    shown = reader.read_counts(None)
    older = latest_interval()
    source.set_counts(
        source.counts, interval=type(older)(older.start - timedelta(hours=1), older.end - timedelta(hours=1))
    )
    with pytest.raises(FeedTimeError) as caught:
        reader.read_counts(shown)
    assert not caught.value.future


def test_an_interval_from_the_future(reader, source):
    now = latest_interval()
    source.set_counts(
        source.counts, interval=type(now)(now.start + timedelta(hours=2), now.end + timedelta(hours=2))
    )
    with pytest.raises(FeedTimeError) as caught:
        reader.read_counts(None)
    assert caught.value.future


@pytest.mark.parametrize("declare", [True, False])
def test_a_huge_body_is_abandoned_early_with_bounded_memory(server, declare):
    limit = 1_000_000
    server.overrides[PATH_COUNTS] = endless(server, total=500_000_000, declare=declare)
    reader = reader_for(server, max_body_bytes=limit)
    with pytest.raises(FeedPayloadError) as caught:
        reader.read_counts(None)
    assert caught.value.reason == "too_large" and "1.0 MB" in caught.value.user_message()
    reader.close()
    time.sleep(0.2)
    assert server.bytes_sent < 50 * limit  # the client hung up long before the 500 MB


def test_a_failed_read_leaves_the_reader_usable(server, reader, source):
    reader.read_cells()
    good = reader.read_counts(None)
    server.overrides[PATH_COUNTS] = answer(500)
    with pytest.raises(FeedServerError):
        reader.read_counts(good)
    del server.overrides[PATH_COUNTS]
    assert reader.read_counts(good) is None  # still the same ETag as the good one


def test_an_exercise_is_judged_by_its_own_clock_and_may_jump_back():
    source = FakeFeedSource(n_cells=6, with_clock=True)
    exercise_now = datetime(2027, 2, 7, 14, 5, tzinfo=timezone.utc)  # carnival, months ahead of today
    source.clock.jump_to(exercise_now)
    source.set_counts(source.counts, interval=latest_interval(exercise_now))
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    reader = reader_for(server)
    try:
        assert reader.read_meta().exercise
        reader.read_cells()
        shown = reader.read_counts(None)  # a live feed would be refused: "from the future"
        assert shown.interval == latest_interval(exercise_now)
        expected_offset = exercise_now - datetime.now(timezone.utc)
        assert abs(reader.clock_offset() - expected_offset) < timedelta(seconds=5)
        earlier = exercise_now - timedelta(hours=1)  # the trainer jumps back an hour
        source.clock.jump_to(earlier)
        source.set_counts(source.counts, interval=latest_interval(earlier))
        assert reader.read_counts(shown).interval == latest_interval(earlier)
    finally:
        reader.close()
        server.stop()


def test_a_live_feed_keeps_this_computers_clock(reader):
    assert not reader.read_meta().exercise
    reader.read_counts(None)
    assert reader.clock_offset() == timedelta(0)


def test_a_paused_exercise_clock_is_followed_even_when_counts_are_unchanged():
    source = FakeFeedSource(n_cells=3, with_clock=True)
    server = MisbehavingServer(source)
    server.start()
    reader = reader_for(server, token=None)
    try:
        reader.read_meta(), reader.read_cells()
        shown = reader.read_counts(None)
        source.clock.jump_to(source.clock.now() - timedelta(minutes=10))  # as if paused for 10 minutes
        assert reader.read_counts(shown) is None  # 304: the same interval
        assert reader.clock_offset() < -timedelta(minutes=9)
    finally:
        reader.close()
        server.stop()


def test_the_providers_meta_threshold_holds_against_a_lower_one_in_the_counts(server, reader):
    """meta says 40; the counts say 15 and carry a 30: the plugin's floor is max(15, 40)."""
    import dataclasses

    server.source.set_counts({"C-00000": 30, "C-00001": 400})
    for columnar in (False, True):
        assert (
            server.source.counts_payload(columnar)["min_count"] == 15
        )  # built (and kept) before meta changes
    server.source.meta = dataclasses.replace(server.source.meta, min_count=40)
    reader.read_meta()
    reader.read_cells()
    snapshot = reader.read_counts(None)
    assert snapshot.min_count == 40
    assert snapshot.counts == {"C-00000": None, "C-00001": 400}


def test_a_restart_uses_the_parsed_list_from_disk_not_the_geojson_again(server, tmp_path):
    first = reader_for(server, cache_dir=tmp_path)
    cells = first.read_cells()
    first.close()
    (cached,) = tmp_path.iterdir()
    assert b'"FeatureCollection"' not in cached.read_bytes()  # the parsed columns, not the body
    restarted = reader_for(server, cache_dir=tmp_path)
    assert restarted.read_cells() == cells
    restarted.close()


def test_a_cache_from_an_older_plugin_is_replaced_by_a_fresh_download(server, tmp_path, caplog):
    """Before, the cache held the GeoJSON body; such a file is fetched again, not trusted or fatal."""
    first = reader_for(server, cache_dir=tmp_path)
    cells = first.read_cells()
    first.close()
    CellsCache(tmp_path).save(first.base_url, cells.etag, b'{"type": "FeatureCollection", "features": []}')
    restarted = reader_for(server, cache_dir=tmp_path)
    with caplog.at_level(logging.INFO, logger="druktemeter.feed"):
        assert restarted.read_cells() == cells
    restarted.close()
    assert "not used" in caplog.text
    assert server.status_counts[200] == 2 and server.status_counts.get(304, 0) == 0
