"""Histories differ from their first months: the opening is not a fixed script.

Reading six default chronicles of ussr-1924 side by side once showed the
same takeovers on the same dates, and the General Secretary's congress share
running 41/59/67/83/89% in every one: one history with names reshuffled."""

from __future__ import annotations

import numpy as np

import politburo
from politburo.experiments.runner import play_batch
from politburo.model.journal import decode

RUNS = 60
EARLY = 24  # the first two years


def openings(scenario: str) -> tuple[list[tuple], np.ndarray]:
    """Per history: its takeovers in the first two years, as (month, cadre)
    pairs; and the largest bloc's share at each congress."""
    compiled = politburo.load(scenario)
    rows = play_batch(compiled, 11, 0, RUNS, events=True).events
    takeovers, shares = [], []
    for run in range(RUNS):
        entries = [decode(row) for row in rows[rows[:, 0] == run][:, 1:]]
        takeovers.append(
            tuple((e.month, e.cadre) for e in entries if e.kind == "cadre_won" and e.month < EARLY)
        )
        shares.append([e.bloc_percent for e in entries if e.kind == "congress"][:4])
    width = min(len(s) for s in shares)
    return takeovers, np.array([s[:width] for s in shares])


def test_the_opening_takeovers_differ_from_history_to_history():
    takeovers, _ = openings("ussr-1924")
    assert len(set(takeovers)) > RUNS * 0.9
    first = {sequence[0] for sequence in takeovers if sequence}
    assert len(first) >= 3  # not always the same organisation in the same month


def test_the_largest_bloc_s_share_at_the_first_congresses_varies():
    # Later congresses still come out alike (about 69% and 85%): once every
    # organisation open to the appointer is his, the share saturates.
    _, shares = openings("ussr-1924")
    assert (shares[:, :2].std(axis=0) >= 2.0).all()  # percentage points
