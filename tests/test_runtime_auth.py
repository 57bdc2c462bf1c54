"""The token comes from the QGIS authentication database, and never shows up anywhere else."""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
import traceback

import pytest
from conftest import _PACKAGE_PARENT
from druktemeter.plugin.feed.backoff import Backoff
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.feed.contract import PATH_COUNTS, PATH_META
from druktemeter.plugin.feed.errors import FeedError
from druktemeter.plugin.runtime import auth
from druktemeter.plugin.runtime.poller import FeedPoller
from feed_fakes import FakeFeedSource, MisbehavingServer, answer, silence

TOKEN = "Zq9-very-secret-feed-token-4711"


# The auth database of the test profile is part of the checkout: these tests use
# a throwaway QGIS profile in a subprocess instead, so they never write to it.
AUTH_SCRIPT = """
import json, sys
from qgis.core import QgsApplication, QgsAuthMethodConfig
app = QgsApplication([], False)
app.initQgis()
manager = QgsApplication.authManager()
assert manager.authenticationDatabasePath().startswith(sys.argv[1]), manager.authenticationDatabasePath()
assert manager.setMasterPassword("druktemeter-tests-master", True)

def stored(method, **values):
    config = QgsAuthMethodConfig(method)
    config.setName("Druktemeter test " + method)
    for key, value in values.items():
        config.setConfig(key, value)
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok
    return config.id()

import logging
from druktemeter.plugin.feed.errors import FeedTokenError
from druktemeter.plugin.runtime import log
from druktemeter.plugin.runtime.auth import api_header_available, read_token, token_provider
token = sys.argv[2]
texts = []
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: texts.append(message))
handler = log.install()
provider = token_provider(stored("EsriToken", token=token))

def refusal(authcfg):
    # what an unusable token becomes: the words of the error every request raises
    try:
        token_provider(authcfg)()
    except FeedTokenError as error:
        texts.extend([str(error), repr(error), error.detail, error.user_message()])
        return error.reason
    return "accepted"

result = {
    "esri": read_token(stored("EsriToken", token=token)),
    "basic": read_token(stored("Basic", username="ignored", password=token)),
    "pasted": read_token(stored("EsriToken", token="  " + token + "\\r\\n")),
    "inner_newline": refusal(stored("EsriToken", token=token[:6] + "\\n" + token[6:])),
    "inner_space": refusal(stored("Basic", username="u", password=token[:6] + " " + token[6:])),
    "none": read_token(""),
    "missing": read_token("nosuch1"),
    "provider": provider(),
    "provider_repr_leaks": token in repr(provider),
    "api_header": api_header_available(),
}
if result["api_header"]:
    result["api_bearer"] = read_token(stored("APIHeader", Authorization="Bearer " + token + "\\n"))
    result["api_bare"] = read_token(stored("APIHeader", authorization=token, **{"X-Other": "x"}))
    result["api_basic"] = refusal(stored("APIHeader", Authorization="Basic " + token))
    result["api_absent"] = read_token(stored("APIHeader", **{"X-Api-Key": token}))
logging.getLogger("druktemeter.auth").warning("a record that quotes %s by mistake", token)
QgsApplication.processEvents()
result["logged"] = len(texts)
result["quoted_redacted"] = any("by mistake" in t and "***" in t for t in texts)
result["texts_leak"] = [t for t in texts if token in t or token[6:] in t]
print(json.dumps(result))
log.uninstall(handler)
app.exitQgis()
"""


@pytest.fixture(scope="module")
def from_auth_database(tmp_path_factory):
    profile = tmp_path_factory.mktemp("qgis-profile")
    env = {
        **os.environ,
        "PYTHONPATH": str(_PACKAGE_PARENT),
        "QGIS_CUSTOM_CONFIG_PATH": str(profile),
        "QGIS_AUTH_DB_DIR_PATH": str(profile),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", AUTH_SCRIPT, str(profile), TOKEN],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_token_from_an_esri_token_configuration(from_auth_database):
    assert from_auth_database["esri"] == TOKEN


def test_token_from_a_basic_configuration_is_its_password(from_auth_database):
    assert from_auth_database["basic"] == TOKEN


def test_no_configuration_means_no_token(from_auth_database):
    assert from_auth_database["none"] is None and from_auth_database["missing"] is None


def test_the_provider_hands_out_the_token_without_showing_it(from_auth_database):
    assert from_auth_database["provider"] == TOKEN and not from_auth_database["provider_repr_leaks"]


def test_a_pasted_token_is_stripped_when_read(from_auth_database):
    assert from_auth_database["pasted"] == TOKEN


def test_whitespace_inside_a_token_refuses_it_in_words_without_the_token(from_auth_database):
    """The refusal, the log panel (through the plugin's handler) and a record that quotes the
    token by mistake (the redacting filter) never show it."""
    assert from_auth_database["inner_newline"] == "characters"
    assert from_auth_database["inner_space"] == "characters"
    assert from_auth_database["logged"] >= 6 and from_auth_database["quoted_redacted"]
    assert from_auth_database["texts_leak"] == []


def _needs_api_header(result: dict) -> None:
    if not result["api_header"]:
        from qgis.core import Qgis

        pytest.skip(
            f"QGIS {Qgis.QGIS_VERSION} has no 'API Header' authentication method (QGIS 3.24 and later); "
            "CI runs this test on QGIS 3.40"
        )


def test_token_from_an_api_header_configuration(from_auth_database):
    _needs_api_header(from_auth_database)
    assert from_auth_database["api_bearer"] == TOKEN
    assert from_auth_database["api_bare"] == TOKEN  # the value may be the token alone
    assert from_auth_database["api_absent"] is None  # no Authorization header: no token


def test_an_api_header_that_is_not_a_bearer_token_is_refused(from_auth_database):
    _needs_api_header(from_auth_database)
    assert from_auth_database["api_basic"] == "scheme"


def test_the_token_never_appears_in_logs_messages_or_exceptions(qtbot, monkeypatch):
    monkeypatch.setattr(auth, "read_token", lambda authcfg: TOKEN)  # the database part is tested above
    provider = auth.token_provider("test-authcfg")
    source = FakeFeedSource(n_cells=4)
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("urllib3").setLevel(logging.DEBUG)
    texts: list[str] = []
    reader = HttpFeedReader(server.url, token_provider=provider, read_timeout=0.3)
    try:
        reader.read_meta(), reader.read_cells(), reader.read_counts(None)  # the token works
        for break_feed in (
            lambda: server.overrides.__setitem__(PATH_COUNTS, answer(500)),
            lambda: server.overrides.__setitem__(PATH_COUNTS, answer(200, b"{not json")),
            lambda: server.overrides.__setitem__(PATH_COUNTS, silence(server, 2)),
            lambda: server.overrides.__setitem__(PATH_META, answer(403)),
            lambda: setattr(server, "token", "rotated-elsewhere"),
        ):
            server.overrides.clear()
            break_feed()
            for read in (reader.read_meta, lambda: reader.read_counts(None)):
                try:
                    read()
                except FeedError as error:
                    texts += [str(error), repr(error), error.user_message(), error.detail]
                    texts.append("".join(traceback.format_exception(type(error), error, error.__traceback__)))
        poller = FeedPoller(reader, 3600, backoff=Backoff(rng=random.Random(1)))
        with qtbot.waitSignal(poller.statusChanged, timeout=10_000) as blocker:
            poller.start()
        poller.stop()
        texts += [
            blocker.args[0].message(),
            repr(blocker.args[0]),
            repr(reader),
            repr(provider),
            repr(poller),
        ]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        reader.close()
        server.stop()
    logged = [record.getMessage() for record in records]
    logged += ["".join(traceback.format_exception(*r.exc_info)) for r in records if r.exc_info]
    assert any("urllib3" in r.name for r in records), "urllib3 debug logging was not captured"
    assert any("401" in text for text in texts + logged)
    assert len(texts) > 20
    for text in texts + logged:
        assert TOKEN not in text
