"""Shares with honest uncertainty, and medians of dates."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    """A proportion of runs with its 95% Wilson score interval."""

    value: float
    low: float
    high: float

    def as_json(self) -> dict:
        return {"value": round(self.value, 4), "ci": [round(self.low, 4), round(self.high, 4)]}


def wilson(successes: int, trials: int) -> Share:
    # Wilson rather than the normal approximation: ensembles often give shares
    # of 0 or 1, where the normal interval collapses to a point.
    if trials == 0:
        return Share(float("nan"), 0.0, 1.0)
    p = successes / trials
    denominator = 1.0 + Z95**2 / trials
    centre = (p + Z95**2 / (2 * trials)) / denominator
    spread = Z95 * math.sqrt(p * (1 - p) / trials + Z95**2 / (4 * trials**2)) / denominator
    return Share(p, max(0.0, centre - spread), min(1.0, centre + spread))


def median_month(counts: np.ndarray) -> int | None:
    """The median month of a histogram of months (``counts[m]`` histories
    dated month ``m``), or None when it is empty.

    This is the one definition of a median date, used by validation and by
    ensemble summaries alike, so both print the same date for the same runs.
    It is the *lower* median: of an even number of dates, the earlier of the
    two middle ones.  So the median is always a month some history really had,
    which the mean of two middle months need not be, and it can be taken from
    counts alone, as an ensemble streaming past keeps them."""
    total = int(counts.sum())
    if total == 0:
        return None
    return int(np.searchsorted(np.cumsum(counts), (total + 1) // 2))
