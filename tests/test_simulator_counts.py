"""Raw counts: a pure function of (scenario, seed, interval start) following rhythm, people and events."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from druktemeter.plugin.simulator.clock import from_local
from druktemeter.plugin.simulator.counts import CountModel
from druktemeter.plugin.simulator.geography import generate
from druktemeter.plugin.simulator.scenarios import load_scenario


@pytest.fixture(scope="module")
def markt():
    return load_scenario("markt")


@pytest.fixture(scope="module")
def model(markt):
    return CountModel(generate(1), markt, seed=1)


@pytest.fixture(scope="module")
def quiet(markt):
    """The same Saturday without the market."""
    return CountModel(generate(1), dataclasses.replace(markt, events=()), seed=1)


def local(hour, minute=0, day=13):
    return from_local(datetime(2026, 6, day, hour, minute))


def test_counts_are_a_pure_function_of_the_interval(markt, model):
    first = model.raw_counts(local(11))
    model.raw_counts(local(15))
    assert model.raw_counts(local(11)) == first
    assert CountModel(generate(1), markt, seed=1).raw_counts(local(11)) == first


def test_another_seed_gives_other_counts(markt, model):
    other = CountModel(generate(2), markt, seed=2).raw_counts(local(11))
    assert other != model.raw_counts(local(11))
    same_cells_other_noise = CountModel(generate(1), markt, seed=2).raw_counts(local(11))
    assert same_cells_other_noise.keys() == model.raw_counts(local(11)).keys()
    assert same_cells_other_noise != model.raw_counts(local(11))


def test_night_is_lower_than_afternoon(quiet):
    night, afternoon = quiet.raw_counts(local(4)), quiet.raw_counts(local(14))
    assert sum(night.values()) * 3 < sum(afternoon.values())
    assert sum(v < 15 for v in night.values()) > 2 * sum(v < 15 for v in afternoon.values())


def test_counts_scale_with_the_population_a_cell_serves(quiet):
    counts = quiet.raw_counts(from_local(datetime(2026, 6, 10, 21, 0)))  # weekday evening: people at home
    cells = sorted(quiet.geography.cells, key=lambda c: c.residents)
    tenth = len(cells) // 10
    most, fewest = cells[-tenth:], cells[:tenth]
    residents_ratio = sum(c.residents for c in most) / sum(c.residents for c in fewest)
    counts_ratio = sum(counts[c.id] for c in most) / sum(counts[c.id] for c in fewest)
    assert residents_ratio > 10
    assert counts_ratio == pytest.approx(residents_ratio, rel=0.5)


def test_an_event_adds_its_people_near_its_location_only(model, quiet):
    peak = local(12)
    with_market, without = model.raw_counts(peak), quiet.raw_counts(peak)
    extra = {cell: with_market[cell] - without[cell] for cell in with_market}
    changed = {cell for cell, value in extra.items() if value != 0}
    assert 1 <= len(changed) <= 10
    assert sum(extra.values()) == pytest.approx(2400, rel=0.15)  # the market's peak_extra, plus noise
    before = local(7)
    assert model.raw_counts(before) == quiet.raw_counts(before)


def test_counts_are_never_negative(model):
    for hour in range(0, 24, 3):
        assert min(model.raw_counts(local(hour)).values()) >= 0
