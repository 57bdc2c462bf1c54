"""The plugin's log handler: records reach the QGIS log panel, secrets never do."""

from __future__ import annotations

import logging
import random
import traceback

import pytest
from druktemeter.plugin.feed.backoff import Backoff
from druktemeter.plugin.feed.client import HttpFeedReader
from druktemeter.plugin.feed.contract import PATH_COUNTS
from druktemeter.plugin.feed.errors import FeedError, FeedTokenError
from druktemeter.plugin.runtime import log
from druktemeter.plugin.runtime.poller import FeedPoller
from feed_fakes import FakeFeedSource, MisbehavingServer, answer
from qgis.core import QgsApplication

TOKEN = "Zq9-pasted-feed-token-0815"
PROXY_PASSWORD = "pr0xy-Passw0rd"


@pytest.fixture
def panel():
    """What the plugin's handler writes to the QGIS log panel (its "Druktemeter" tab)."""
    messages: list[str] = []

    def received(message, tag, _level):
        if tag == log.TAG:
            messages.append(message)

    QgsApplication.messageLog().messageReceived.connect(received)
    handler = log.install()
    yield messages
    log.uninstall(handler)
    QgsApplication.messageLog().messageReceived.disconnect(received)


def test_records_reach_the_panel_with_their_arguments(panel):
    logging.getLogger("druktemeter.test").warning("poll %d of %s", 3, "feed")
    assert panel == ["druktemeter.test: poll 3 of feed"]


def test_the_filter_redacts_secrets_that_slipped_into_a_record(panel):
    logger = logging.getLogger("druktemeter.test")
    log.protect(TOKEN)
    log.protect(PROXY_PASSWORD)
    logger.warning("headers %s", {"Authorization": "Bearer abc.def-ghi", "Accept": "application/json"})
    logger.warning("GET https://feed.example.nl/v1/counts?form=columnar&access_token=qwerty-77")
    logger.warning("via http://meld:%s@proxy.vr.local:3128", PROXY_PASSWORD)
    logger.warning("the token is %s", TOKEN)
    try:
        raise ValueError(f"Invalid header value: 'Bearer {TOKEN}\\n'")
    except ValueError:
        logger.exception("unexpected")
    text = "\n".join(panel)
    for secret in (TOKEN, PROXY_PASSWORD, "abc.def-ghi", "qwerty-77"):
        assert secret not in text
    assert text.count("***") >= 5 and "form=columnar" in text and "ValueError" in text


def test_a_pasted_token_never_appears_anywhere(panel, caplog, qtbot):
    """A token with a trailing newline through a real loopback server: the request works
    (stripped); one with a newline inside is refused. Nothing anywhere shows either."""
    caplog.set_level(logging.DEBUG)
    logging.getLogger("urllib3").setLevel(logging.DEBUG)
    source = FakeFeedSource(n_cells=4)
    server = MisbehavingServer(source, token=TOKEN)
    server.start()
    texts: list[str] = []
    pasted = HttpFeedReader(server.url, token_provider=lambda: TOKEN + "\n", read_timeout=2.0)
    broken = HttpFeedReader(server.url, token_provider=lambda: TOKEN[:9] + "\n" + TOKEN[9:], read_timeout=2.0)
    try:
        pasted.read_meta(), pasted.read_cells(), pasted.read_counts(None)  # the stripped token works
        server.overrides[PATH_COUNTS] = answer(500)
        for read in (pasted.read_meta, lambda: pasted.read_counts(None), broken.read_meta):
            try:
                read()
            except FeedError as error:
                texts += [str(error), repr(error), error.detail, error.user_message()]
                texts.append("".join(traceback.format_exception(type(error), error, error.__traceback__)))
        poller = FeedPoller(broken, 3600, backoff=Backoff(rng=random.Random(1)))
        with qtbot.waitSignal(poller.statusChanged, timeout=10_000) as blocker:
            poller.start()
        poller.stop()
        texts += [blocker.args[0].message(), repr(blocker.args[0]), repr(pasted), repr(broken), repr(poller)]
    finally:
        logging.getLogger("urllib3").setLevel(logging.WARNING)
        pasted.close(), broken.close()
        server.stop()
    assert (
        isinstance(blocker.args[0].error, FeedTokenError)
        and "Paste the token again" in blocker.args[0].message()
    )
    assert server.status_counts[200] >= 3 and any("Feed poll failed" in m for m in panel)
    everything = texts + panel + [caplog.text]
    assert len(everything) > 15
    for text in everything:
        assert TOKEN not in text and TOKEN[9:] not in text and TOKEN[:9] + "\n" not in text
