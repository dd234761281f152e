"""The engine's numbers do not drift: every history of a 2,000-run ensemble
of each built-in scenario matches the committed reference bit for bit.

A change that is meant to alter the numbers (a new random generator, new
parameters) regenerates the reference with ``tests/reference/make_reference.py``
in its own commit; any other change that trips this test has changed what the
model does."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent / "reference"))
import make_reference  # noqa: E402


@pytest.mark.parametrize("scenario", make_reference.SCENARIOS)
def test_every_history_matches_the_reference(scenario):
    expected = np.load(make_reference.HERE / f"{scenario}.npz")
    actual = make_reference.reference(scenario)
    assert set(actual) == set(expected.files)
    for name in expected.files:
        mismatched = np.flatnonzero(
            (actual[name] != expected[name]).reshape(make_reference.RUNS, -1).any(axis=1)
        )
        assert mismatched.size == 0, (
            f"{scenario}: {name} differs in {mismatched.size} histories, "
            f"first in run {mismatched[:5].tolist()}"
        )
