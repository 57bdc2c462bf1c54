"""The daily and weekly rhythm: quiet nights, busy days, a Saturday shopping peak."""

from __future__ import annotations

from datetime import datetime

import pytest
from druktemeter.plugin.simulator.rhythm import activity, day_kind

WEDNESDAY, SATURDAY, SUNDAY = datetime(2026, 6, 10), datetime(2026, 6, 13), datetime(2026, 6, 14)


def at(day, hour, minute=0):
    return day.replace(hour=hour, minute=minute)


def test_day_kinds():
    assert [day_kind(d) for d in (WEDNESDAY, SATURDAY, SUNDAY)] == ["weekday", "saturday", "sunday"]


@pytest.mark.parametrize("day", [WEDNESDAY, SATURDAY, SUNDAY])
def test_night_is_quieter_than_afternoon_and_evening(day):
    night = activity(at(day, 4))
    for hour in (14, 19):
        assert night.residents * 3 < activity(at(day, hour)).residents
        assert night.visitors * 5 < activity(at(day, hour)).visitors


def test_weekday_commute_peaks_stand_out_from_the_hours_around_them():
    assert activity(at(WEDNESDAY, 8)).residents > activity(at(WEDNESDAY, 10)).residents
    assert activity(at(WEDNESDAY, 18)).residents > activity(at(WEDNESDAY, 14)).residents


def test_saturday_shopping_beats_weekday_and_sunday_in_the_centres():
    saturday = activity(at(SATURDAY, 13)).visitors
    assert saturday > activity(at(WEDNESDAY, 13)).visitors
    assert saturday > 1.5 * activity(at(SUNDAY, 13)).visitors
    assert activity(at(SUNDAY, 9)).visitors < activity(at(WEDNESDAY, 9)).visitors  # late Sunday start


def test_values_between_full_hours_are_interpolated():
    seven, eight = activity(at(WEDNESDAY, 7)), activity(at(WEDNESDAY, 8))
    half = activity(at(WEDNESDAY, 7, 30))
    assert half.residents == pytest.approx((seven.residents + eight.residents) / 2)
    assert activity(at(WEDNESDAY, 23, 59)).residents == pytest.approx(
        activity(at(WEDNESDAY, 0)).residents, rel=0.1
    )
