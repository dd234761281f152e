"""The random generator each history carries: xoshiro256**, started from a
256-bit state that numpy's SeedSequence derives from the root seed and the
history's index."""

from __future__ import annotations

import numpy as np
import pytest

from politburo.api import load
from politburo.experiments.runner import play_batch
from politburo.experiments.seeding import history_state, history_states
from politburo.model.chance import next_word, uniform

# The first outputs of xoshiro256** from the state (1, 2, 3, 4), as the
# reference implementation by Blackman and Vigna gives them.
REFERENCE = [11520, 0, 1509978240, 1215971899390074240]


@pytest.mark.parametrize("draw", [next_word, getattr(next_word, "py_func", next_word)])
def test_the_generator_follows_the_reference_compiled_and_interpreted(draw):
    dice = np.array([1, 2, 3, 4], np.uint64)
    with np.errstate(over="ignore"):
        assert [int(draw(dice)) for _ in REFERENCE] == REFERENCE


def test_uniform_draws_lie_in_the_unit_interval_and_fill_it():
    dice = history_state(5, 0)
    draws = np.array([uniform(dice) for _ in range(20_000)])
    assert draws.min() >= 0.0 and draws.max() < 1.0
    assert abs(draws.mean() - 0.5) < 0.01
    assert np.histogram(draws, bins=10, range=(0, 1))[0].min() > 1_800


@pytest.mark.parametrize("root", [0, 1, 2024, 2**32 - 1, 2**32 + 5, 2**100 + 12345])
def test_history_states_are_numpy_seed_sequence_spawns(root):
    spawned = np.random.SeedSequence(root).spawn(40)
    expected = np.array([child.generate_state(4, np.uint64) for child in spawned])
    assert (history_states(root, 0, 40) == expected).all()
    # Any window of indices gives the same states as the whole.
    assert (history_states(root, 25, 40) == expected[25:]).all()


def test_history_states_at_large_indices_match_numpy():
    for index in (2**31 - 1, 2**32 - 1, 2**32, 2**40):
        assert (history_states(9, index, index + 1)[0] == history_state(9, index)).all()


def test_no_two_histories_of_a_million_share_a_generator_state():
    # A 32-bit seed per history repeats by the birthday bound: about 116 pairs
    # in a million.  256 bits do not.
    states = history_states(2024, 0, 1_000_000)
    assert np.unique(states, axis=0).shape[0] == 1_000_000


def test_no_two_histories_of_a_large_ensemble_are_the_same():
    # The observers' misjudgements are drawn from each history's own stream at
    # its start; two histories with the same stream would share them exactly.
    batch = play_batch(load("ussr-1924"), 11, 0, 20_000, threads=2)
    assert np.unique(batch.perceived_start, axis=0).shape[0] == 20_000
