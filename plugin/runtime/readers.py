"""Open the configured feed: the HTTP client, or the simulator in demo mode.

Both sit behind the same :class:`~..feed.client.FeedReader` interface; the
``demo/enabled`` setting chooses, and nothing downstream knows the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Optional

from ..core.config import validate
from ..core.i18n import tr
from ..feed.client import FeedReader
from ..feed.exercise import RemoteExerciseClock
from ..simulator import SimulatedSource, SourceBuild
from ..simulator.reader import SimulatedFeedReader
from .background import BackgroundWork
from .network import connection_options, feed_reader
from .settings import PluginSettings

DEMO_POLL_SECONDS = 2  # at 120x a new interval comes every 7.5 s; an unchanged one costs nothing


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class FeedConnection:
    """A reader with its polling period and clock; ``source`` is set in demo mode."""

    reader: FeedReader
    poll_seconds: int
    source_name: str
    now: Callable[[], datetime] = utc_now
    source: Optional[SimulatedSource] = None

    @property
    def is_demo(self) -> bool:
        return self.source is not None

    def close(self) -> None:
        close = getattr(self.reader, "close", None)
        if close is not None:
            close()


class UnsafeFeedAddressError(ValueError):
    """The stored feed address would leak a secret or travel unencrypted (e.g. saved before
    the dialog refused such addresses); ``str()`` says what to change, translated."""


def open_connection(settings: PluginSettings) -> Optional[FeedConnection]:
    """The reader the settings ask for, None when no feed is configured.

    Raises ScenarioError for a broken demo scenario, UnsafeFeedAddressError for an address the
    settings dialog would refuse (``core.config.validate``): it is never connected to.
    """
    if settings.value("demo/enabled"):
        return open_demo(settings)
    return open_live(settings)


def open_live(settings: PluginSettings) -> Optional[FeedConnection]:
    """The configured HTTP feed, None when no feed URL is set; raises UnsafeFeedAddressError for
    an address the settings dialog would refuse (``core.config.validate``): it is never connected to."""
    problem = validate("feed/url", settings.value("feed/url"))
    if problem:
        raise UnsafeFeedAddressError(tr("The feed address in the settings is not used: {0}").format(problem))
    reader = feed_reader(settings.value)
    if reader is None:
        return None
    return FeedConnection(reader, settings.value("feed/poll_seconds"), reader.base_url)


def open_demo(settings: PluginSettings) -> FeedConnection:
    """The demo feed built at once (the monitor builds it in steps: :func:`demo_build`)."""
    build = demo_build(settings)
    for _ in build.steps():
        pass
    return demo_connection(build.source())


def demo_build(settings: PluginSettings) -> SourceBuild:
    """The chosen exercise, to be built step by step; raises ScenarioError for a broken scenario."""
    return SourceBuild(
        settings.value("demo/scenario"), settings.value("demo/seed"), settings.value("demo/speed")
    )


def demo_connection(source: SimulatedSource) -> FeedConnection:
    return FeedConnection(
        SimulatedFeedReader(source), DEMO_POLL_SECONDS, source.scenario.name, source.clock.now, source
    )


def remote_exercise_clock(
    settings: PluginSettings, background: Optional[BackgroundWork] = None
) -> RemoteExerciseClock:
    """The classroom exercise's clock on the configured feed, steerable with the trainer's token;
    its requests run on threads ``background`` owns."""
    clock = RemoteExerciseClock(
        settings.value("feed/url"),
        start_thread=None if background is None else background.start_thread,
        **connection_options(settings.value),
    )
    clock.refresh()
    return clock
