"""Commands to the shared exercise clock: checked, and jumps kept within a window of the exercise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.service.steering import (
    JUMP_WINDOW,
    MAX_SPEED,
    Command,
    SteeringError,
    jump_window,
    parse_command,
)
from feed_fakes import FakeClock

ORIGIN = datetime(2027, 2, 7, 13, 0, tzinfo=timezone.utc)


def test_a_full_command_is_parsed_and_applied():
    command = parse_command({"speed": 60, "paused": True, "jump_to": "2027-02-07T14:00:00Z"}, ORIGIN)
    assert command == Command(60.0, True, ORIGIN + timedelta(hours=1))
    clock = FakeClock(ORIGIN)
    command.apply(clock)
    assert (clock.speed, clock.paused, clock.now()) == (60.0, True, ORIGIN + timedelta(hours=1))
    parse_command({"paused": False}, ORIGIN).apply(clock)
    assert clock.paused is False


def test_an_empty_command_changes_nothing():
    assert parse_command({}, ORIGIN) == Command()


@pytest.mark.parametrize(
    "document",
    [
        [1],
        "speed",
        {"speed": 0},
        {"speed": -1},
        {"speed": MAX_SPEED + 1},
        {"speed": True},
        {"speed": None},
        {"speed": "60"},
        {"paused": 1},
        {"paused": None},
        {"jump_to": None},
        {"jump_to": "14:00"},
        {"jump_to": "2027-02-07T14:00:00"},  # no time zone
        {"jump_to": 20270207},
        {"rewind": 1},
    ],
)
def test_malformed_commands_are_400(document):
    with pytest.raises(SteeringError) as refused:
        parse_command(document, ORIGIN)
    assert refused.value.status == 400 and refused.value.detail


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59Z", "0001-01-01T00:30:00+01:00", "2029-01-01T00:00:00Z"]
)
def test_jumps_outside_the_window_are_422_and_name_it(moment):
    with pytest.raises(SteeringError) as refused:
        parse_command({"jump_to": moment}, ORIGIN)
    assert refused.value.status == 422


def test_the_window_edges_are_inside():
    earliest, latest = jump_window(ORIGIN)
    assert latest - earliest == 2 * JUMP_WINDOW
    for edge in (earliest, latest):
        assert parse_command({"jump_to": edge.isoformat()}, ORIGIN).jump_to == edge
    with pytest.raises(SteeringError) as refused:
        parse_command({"jump_to": (latest + timedelta(seconds=1)).isoformat()}, ORIGIN)
    assert f"{earliest.date()} to {latest.date()}" in refused.value.detail


def test_an_offset_is_read_as_its_utc_moment():
    command = parse_command({"jump_to": "2027-02-07T15:00:00+01:00"}, ORIGIN)
    assert command.jump_to == datetime(2027, 2, 7, 14, 0, tzinfo=timezone.utc)
