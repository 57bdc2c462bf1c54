"""The one HTTP transport against real HTTP servers on loopback: bombs, trickles, cut-offs,
redirects, proxies, tokens and aborts. No timing assertions: deadlines are generous and
only the kind of failure is checked."""

from __future__ import annotations

import base64
import gzip
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import zlib

import pytest
from conftest import _PACKAGE_PARENT
from druktemeter.plugin.core.metadata import user_agent
from druktemeter.plugin.feed.errors import (
    FeedAuthError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedRedirected,
    FeedServerError,
    FeedTokenError,
    FeedUnreachable,
)
from druktemeter.plugin.feed.transport import (
    REDACTED,
    HttpTransport,
    clean_token,
    parse_retry_after,
    redact,
)
from feed_fakes import ScriptedServer, answer, cut_off, endless, silence, trickle

TOKEN = "Zq9-transport-secret-4711"
BODY = json.dumps({"provider": {"name": "Netwerk Test BV"}, "cells": list(range(2000))}).encode()
MEGABYTE = 2**20


@pytest.fixture
def server():
    with ScriptedServer() as server:
        yield server


def transport_for(server, token=TOKEN, **options) -> HttpTransport:
    options.setdefault("read_timeout", 5.0)
    return HttpTransport(server.url, token_provider=lambda: token, **options)


def authorizations(server) -> list:
    return [headers.get("Authorization") for _method, _path, headers, _body in server.requests]


# ------------------------------------------------------------------ what every request carries


def test_one_request_carries_user_agent_encodings_and_the_token(server):
    server.routes["/v1/meta"] = answer(200, BODY)
    answer_ = transport_for(server).get("/v1/meta", params={"form": "columnar"})
    assert answer_.status == 200 and answer_.body == BODY
    method, path, headers, _ = server.requests[0]
    assert (method, path) == ("GET", "/v1/meta?form=columnar")
    assert headers["User-Agent"] == user_agent() and headers["Accept-Encoding"] == "gzip, deflate"
    assert headers["Authorization"] == "Bearer " + TOKEN


def test_a_netrc_entry_never_adds_credentials(server, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password netrc-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    server.routes["/v1/meta"] = answer(200, BODY)
    transport_for(server, token=None).get("/v1/meta")
    transport_for(server).get("/v1/meta")
    assert authorizations(server) == [None, "Bearer " + TOKEN]


def test_304_and_the_etag_asked_with(server):
    server.routes["/v1/cells"] = answer(304, b"", {"ETag": 'W/"1"'})
    assert transport_for(server).get("/v1/cells", etag='W/"1"').status == 304
    assert server.requests[0][2]["If-None-Match"] == 'W/"1"'


def test_a_post_sends_its_json_body(server):
    server.routes["/v1/exercise"] = answer(200, b'{"ok": true}')
    transport_for(server).request("POST", "/v1/exercise", json_body={"speed": 4})
    method, _path, _headers, body = server.requests[0]
    assert method == "POST" and json.loads(body) == {"speed": 4}


# ------------------------------------------------------------------ tokens


def test_a_pasted_token_with_a_trailing_newline_is_sent_stripped(server):
    server.routes["/v1/meta"] = answer(200, BODY)
    transport_for(server, token=f"  {TOKEN}\r\n").get("/v1/meta")
    assert authorizations(server) == ["Bearer " + TOKEN]


@pytest.mark.parametrize(
    "bad", [f"{TOKEN}\nX-Injected: 1", f"{TOKEN[:5]} {TOKEN[5:]}", f"{TOKEN}\x00", "tøken-1234"]
)
def test_a_token_with_whitespace_or_control_characters_inside_is_never_sent(server, bad):
    server.routes["/v1/meta"] = answer(200, BODY)
    with pytest.raises(FeedTokenError) as caught:
        transport_for(server, token=bad).get("/v1/meta")
    assert server.requests == []
    for text in (str(caught.value), repr(caught.value), caught.value.detail, caught.value.user_message()):
        assert TOKEN[:8] not in text and "tøken" not in text
    assert "Paste the token again" in caught.value.user_message()


def test_clean_token():
    assert clean_token(" abc.DEF-123_~+/= \n") == "abc.DEF-123_~+/="
    assert clean_token("") is None and clean_token(None) is None and clean_token(" \n") is None
    with pytest.raises(FeedTokenError):
        clean_token("abc\tdef")


def test_redact_removes_every_form_of_secret():
    text = (
        "Authorization: Bearer abc.def-123 | {'Authorization': 'Basic dXNlcjpwdw=='} | "
        "GET /v1/counts?form=columnar&token=qwerty123&api_key=k-9 | "
        "proxy http://meld%20kamer:p%40ss@proxy.vr.local:3128 | raw s3cr3t-value here"
    )
    clean = redact(text, ["s3cr3t-value", "ab"])
    for secret in ("abc.def-123", "dXNlcjpwdw==", "qwerty123", "k-9", "p%40ss", "s3cr3t-value"):
        assert secret not in clean
    assert "form=columnar" in clean and "proxy.vr.local:3128" in clean and "meld%20kamer" in clean
    assert clean.count(REDACTED) >= 6 and redact("about", ["ab"]) == "about"  # short "secrets" are no secrets


# ------------------------------------------------------------------ bounded input


def _gzip_members(decoded_mib: int) -> bytes:
    """A gzip body of ``decoded_mib`` 1-MiB members of zeros: ~1 KiB each, 1 GiB from 1 MB."""
    return gzip.compress(bytes(MEGABYTE), 9) * decoded_mib


def _gzip_stream(decoded_mib: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MEGABYTE)
    return b"".join([compressor.compress(block) for _ in range(decoded_mib)] + [compressor.flush()])


BOMB_CHILD = """
import json, resource, sys
from druktemeter.plugin.feed.errors import FeedError
from druktemeter.plugin.feed.transport import HttpTransport

transport = HttpTransport(sys.argv[1], read_timeout=30.0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    transport.get("/bomb", limit=int(sys.argv[2]))
    outcome = "accepted"
except FeedError as error:
    outcome = getattr(error, "reason", type(error).__name__)
grew_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"outcome": outcome, "grew_mib": grew_kib / 1024}))
"""


@pytest.mark.parametrize(
    ("make_bomb", "encoding", "refusal"),
    [
        (lambda: _gzip_stream(64), "gzip", "too_large"),  # 64 KiB -> 64 MiB, one deflate stream
        (lambda: _gzip_members(1024), "gzip", "too_large"),  # 1 MiB -> 1 GiB
        (lambda: gzip.compress(_gzip_members(1024), 9), "gzip, gzip", "stacked_encoding"),  # 2 KiB -> 1 GiB
    ],
    ids=["one-stream-64MiB", "members-1GiB", "stacked-1GiB"],
)
def test_a_gzip_bomb_is_refused_with_bounded_memory(server, make_bomb, encoding, refusal):
    """A child process fetches the bomb with a 4 MiB cap; its peak memory grows by far less
    than the bomb would decode to (a whole decoded chunk at once took it to ~1 GB before)."""
    bomb = make_bomb()
    server.routes["/bomb"] = answer(200, bomb, {"Content-Encoding": encoding})
    result = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, server.url, str(4 * MEGABYTE)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(_PACKAGE_PARENT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["outcome"] == refusal
    assert report["grew_mib"] < 40, report


def test_the_decoded_cap_applies_in_process_too(server):
    server.routes["/bomb"] = answer(200, _gzip_stream(16), {"Content-Encoding": "gzip"})
    with pytest.raises(FeedPayloadError) as caught:
        transport_for(server).get("/bomb", limit=MEGABYTE)
    assert caught.value.reason == "too_large" and "1.0 MB" in caught.value.user_message()
    assert transport_for(server).get("/bomb", limit=17 * MEGABYTE).body == bytes(16 * MEGABYTE)


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZIP", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", _raw_deflate),
        ("identity", lambda data: data),
        ("identity, gzip", gzip.compress),
        ("gzip", lambda data: gzip.compress(data[:1000]) + gzip.compress(data[1000:])),  # two members
    ],
)
def test_one_encoding_layer_is_decoded(server, encoding, encode):
    server.routes["/v1/meta"] = answer(200, encode(BODY), {"Content-Encoding": encoding})
    assert transport_for(server).get("/v1/meta").body == BODY


@pytest.mark.parametrize(
    ("encoding", "reason", "words"),
    [
        ("gzip, gzip", "stacked_encoding", "compressed in 2 layers"),
        ("deflate, gzip", "stacked_encoding", "compressed in 2 layers"),
        ("br", "unknown_encoding", "compressed as 'br'"),
        ("zstd", "unknown_encoding", "compressed as 'zstd'"),
    ],
)
def test_stacked_or_unknown_encodings_are_refused(server, encoding, reason, words):
    server.routes["/v1/meta"] = answer(200, gzip.compress(BODY), {"Content-Encoding": encoding})
    with pytest.raises(FeedPayloadError) as caught:
        transport_for(server).get("/v1/meta")
    assert caught.value.reason == reason and words in caught.value.user_message()


@pytest.mark.parametrize(
    "damaged",
    [
        b"\x1f\x8b" + b"\x00" * 40,  # a gzip header that goes nowhere
        gzip.compress(BODY) + b"trailing junk",  # something after the last member
    ],
)
def test_damaged_compressed_data_is_refused(server, damaged):
    server.routes["/v1/meta"] = answer(200, damaged, {"Content-Encoding": "gzip"})
    with pytest.raises(FeedPayloadError) as caught:
        transport_for(server).get("/v1/meta")
    assert caught.value.reason == "bad_encoding" and "damaged" in caught.value.user_message()


def test_a_cut_off_body_is_judged_from_our_own_byte_count(server):
    """The same words on urllib3 1.26 (returns short) and 2 (raises without a count)."""
    server.routes["/v1/counts"] = cut_off(BODY, keep=len(BODY) // 3)
    with pytest.raises(FeedPayloadError) as caught:
        transport_for(server).get("/v1/counts")
    assert caught.value.reason == "truncated"
    assert f"{len(BODY) // 3} of {len(BODY)} bytes" in caught.value.user_message()


def test_a_compressed_body_cut_off_without_a_length_is_truncated(server):
    compressed = gzip.compress(BODY)

    def close_early(handler):
        handler.send_response(200)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(compressed[: len(compressed) // 2])
        handler.close_connection = True

    server.routes["/v1/counts"] = close_early
    with pytest.raises(FeedPayloadError) as caught:
        transport_for(server).get("/v1/counts")
    assert caught.value.reason == "truncated"


@pytest.mark.parametrize("declare", [True, False])
def test_a_huge_body_is_abandoned_at_the_cap(server, declare):
    server.routes["/v1/cells"] = endless(server, total=500_000_000, declare=declare)
    transport = transport_for(server)
    with pytest.raises(FeedPayloadError) as caught:
        transport.get("/v1/cells", limit=MEGABYTE)
    transport.close()
    assert caught.value.reason == "too_large"
    assert server.bytes_sent < 100 * MEGABYTE  # the client hung up long before the 500 MB


# ------------------------------------------------------------------ the whole-request deadline


@pytest.mark.parametrize(
    ("headers_too", "declare"),
    [(False, True), (False, False), (True, True)],
    ids=["body", "body-until-close", "headers"],
)
def test_a_trickling_server_meets_the_deadline_on_the_whole_request(server, headers_too, declare):
    """One byte every 0.1 s never trips the 3 s read timeout; the 4 s deadline ends it
    (also where the cut looks like the end of a body that has no declared length)."""
    server.routes["/v1/counts"] = trickle(server, pause=0.1, headers_too=headers_too, declare=declare)
    transport = transport_for(server, connect_timeout=1.0, read_timeout=3.0, deadline=4.0)
    with pytest.raises(FeedUnreachable) as caught:
        transport.get("/v1/counts", limit=16 * MEGABYTE)
    assert caught.value.timeout and "deadline" in caught.value.detail
    assert "did not answer in time" in caught.value.user_message()
    assert not [t for t in threading.enumerate() if t.name == "DruktemeterDeadline"]


def test_silence_is_a_read_timeout(server):
    server.routes["/v1/meta"] = silence(server, 30)
    with pytest.raises(FeedUnreachable) as caught:
        transport_for(server, read_timeout=0.3).get("/v1/meta")
    assert caught.value.timeout and caught.value.retryable


def test_abort_from_another_thread_ends_a_blocked_request(server):
    server.routes["/v1/meta"] = silence(server, 60)
    transport = transport_for(server, read_timeout=60.0, deadline=120.0)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_failure_of(lambda: transport.get("/v1/meta"))))
    worker.start()
    for _ in range(500):  # until the request has arrived
        if server.requests:
            break
        threading.Event().wait(0.01)
    transport.abort()
    worker.join(30)
    assert not worker.is_alive() and isinstance(outcome[0], FeedUnreachable)
    assert outcome[0].detail == "aborted on GET /v1/meta"


def _failure_of(call):
    try:
        call()
    except Exception as error:
        return error
    return None


# ------------------------------------------------------------------ redirects


def test_a_redirect_within_the_origin_is_followed_with_the_token(server):
    server.routes["/old/v1/meta"] = answer(301, b"", {"Location": "/new/v1/meta"})
    server.routes["/new/v1/meta"] = answer(200, BODY)
    assert HttpTransport(server.url + "/old", token_provider=lambda: TOKEN).get("/v1/meta").body == BODY
    assert authorizations(server) == ["Bearer " + TOKEN] * 2


def test_a_redirect_to_another_host_is_refused_and_the_token_never_goes_there(server):
    with ScriptedServer() as elsewhere:
        elsewhere.routes["/v1/meta"] = answer(200, BODY)
        server.routes["/v1/meta"] = answer(302, b"", {"Location": elsewhere.url + "/v1/meta"})
        with pytest.raises(FeedRedirected) as caught:
            transport_for(server).get("/v1/meta")
        assert elsewhere.requests == []
    assert not caught.value.retryable and "does not follow" in caught.value.user_message()
    assert elsewhere.url not in str(caught.value)


@pytest.mark.parametrize(
    ("method", "location"),
    [("POST", "/v1/exercise2"), ("GET", "/v1/meta")],  # a POST redirect; a redirect loop
)
def test_redirects_of_posts_and_redirect_loops_are_refused(server, method, location):
    server.routes["/v1/exercise"] = answer(307, b"", {"Location": location})
    server.routes["/v1/meta"] = answer(302, b"", {"Location": location})
    with pytest.raises(FeedRedirected):
        transport_for(server).request(method, "/v1/exercise" if method == "POST" else "/v1/meta")
    assert len(server.requests) <= 4


# ------------------------------------------------------------------ TLS


@pytest.fixture
def tls_server(tmp_path):
    """A loopback HTTPS server with a self-signed certificate made for this test."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with ScriptedServer(tls=context) as server:
        server.routes["/v1/meta"] = answer(200, BODY)
        yield server


UNVERIFIED_ON_PURPOSE = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


@UNVERIFIED_ON_PURPOSE
def test_an_untrusted_certificate_is_refused_unless_checking_is_off(tls_server):
    with pytest.raises(FeedUnreachable) as caught:
        transport_for(tls_server).get("/v1/meta")
    assert caught.value.tls and not caught.value.retryable
    assert caught.value.detail == "SSLError on GET /v1/meta" and "certificate" in caught.value.user_message()
    assert transport_for(tls_server, verify_tls=False).get("/v1/meta").body == BODY


@UNVERIFIED_ON_PURPOSE
def test_https_is_never_downgraded_by_a_redirect(tls_server):
    downgraded = tls_server.url.replace("https://", "http://") + "/v1/meta"
    tls_server.routes["/v1/health"] = answer(301, b"", {"Location": downgraded})
    with pytest.raises(FeedRedirected):
        transport_for(tls_server, verify_tls=False).get("/v1/health")
    assert len(tls_server.requests) == 1


# ------------------------------------------------------------------ proxies


def test_the_proxy_passed_in_carries_every_request(server):
    """The loopback server acts as the HTTP proxy: it sees the absolute URL and the proxy login."""
    server.routes["http://feed.invalid/v1/meta"] = answer(200, BODY)
    proxy = server.url.replace("http://", "http://meld%20kamer:p%40ss@")
    transport = HttpTransport("http://feed.invalid", token_provider=lambda: TOKEN, proxies={"http": proxy})
    assert transport.get("/v1/meta").body == BODY
    _method, path, headers, _ = server.requests[0]
    assert path == "http://feed.invalid/v1/meta"
    assert headers["Proxy-Authorization"] == "Basic " + base64.b64encode(b"meld kamer:p@ss").decode()


def test_a_failing_proxy_is_named_by_type_and_path_only():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    proxy = f"http://user:pr0xy-secret@127.0.0.1:{port}"
    transport = HttpTransport("http://feed.invalid", proxies={"http": proxy})
    with pytest.raises(FeedUnreachable) as caught:
        transport.get("/v1/meta")
    assert caught.value.detail == "ProxyError on GET /v1/meta"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


# ------------------------------------------------------------------ statuses and network errors


def test_connection_refused_names_the_type_and_the_path_only():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(FeedUnreachable) as caught:
        HttpTransport(f"http://127.0.0.1:{port}").get("/v1/meta")
    assert caught.value.detail == "ConnectionError on GET /v1/meta" and not caught.value.timeout


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, FeedAuthError),
        (403, FeedAuthError),
        (404, FeedNotFound),
        (429, FeedRateLimited),
        (503, FeedServerError),
        (204, FeedServerError),
    ],
)
def test_statuses_become_typed_errors(server, status, kind):
    server.routes["/v1/meta"] = answer(status, b"<html>" + TOKEN.encode() + b"</html>", {"Retry-After": "7"})
    with pytest.raises(kind) as caught:
        transport_for(server).get("/v1/meta")
    assert str(caught.value) == f"HTTP {status} on /v1/meta" and TOKEN not in caught.value.user_message()
    if status in (429, 503):
        assert caught.value.retry_after == 7


def test_retry_after_parsing():
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Thu, 01 Jan 1970 00:00:30 GMT", now=0) == 30
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_repr_names_the_host_only():
    transport = HttpTransport("https://user:pw@feed.example.nl/druktemeter", token_provider=lambda: TOKEN)
    assert repr(transport) == "HttpTransport('feed.example.nl')"
