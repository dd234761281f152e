"""Running histories: one with its full record, or many with their summaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numba
import numpy as np

from ..model.history import simulate, simulate_batch, simulate_batch_parallel
from ..model.world import NO_MONTH, new_state
from ..scenario.compile import Compiled
from .seeding import history_seed, history_seeds

CHUNK = 2000


@dataclass(frozen=True)
class History:
    """One simulated history: its chronicle rows and its outcome."""

    compiled: Compiled
    seed: int
    log: np.ndarray  # [rows, LOG_WIDTH]
    leader: int  # actor index, -1 if nobody became dominant
    leader_month: int
    eliminated: np.ndarray  # [A] month, NO_MONTH if never
    manner: np.ndarray
    rank: np.ndarray
    verdicts: np.ndarray  # [K] bool
    perceived_start: np.ndarray  # [A]
    positions: np.ndarray  # [A, X] at the end


def run_history(compiled: Compiled, seed: int) -> History:
    """History number 0 of an ensemble with root ``seed``."""
    state = new_state(compiled.world)
    verdicts = np.zeros(len(compiled.claim_ids), np.bool_)
    simulate(compiled.world, compiled.params, state, history_seed(seed, 0), verdicts)
    return History(
        compiled=compiled,
        seed=seed,
        log=state.log[: state.log_count[0]].copy(),
        leader=int(state.leader[0]),
        leader_month=int(state.leader[1]),
        eliminated=state.eliminated.copy(),
        manner=state.manner.copy(),
        rank=state.elimination_rank.copy(),
        verdicts=verdicts,
        perceived_start=state.perceived0.copy(),
        positions=state.position.copy(),
    )


@dataclass(frozen=True)
class Ensemble:
    """Summaries of many histories, one row per history, in index order."""

    compiled: Compiled
    seed: int
    leader: np.ndarray  # [n]
    leader_month: np.ndarray  # [n]
    eliminated: np.ndarray  # [n, A]
    manner: np.ndarray  # [n, A]
    rank: np.ndarray  # [n, A]
    verdicts: np.ndarray  # [n, K]
    perceived_start: np.ndarray  # [n, A]

    @property
    def runs(self) -> int:
        return int(self.leader.shape[0])


def run_ensemble(
    compiled: Compiled,
    runs: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
    workers: int = 1,
) -> Ensemble:
    """Play ``runs`` histories in chunks on ``workers`` threads; ``progress``
    hears how many are done.  The numbers do not depend on either."""
    n_actors = len(compiled.actor_ids)
    n_claims = len(compiled.claim_ids)
    leader = np.full(runs, -1, np.int64)
    leader_month = np.full(runs, NO_MONTH, np.int64)
    eliminated = np.zeros((runs, n_actors), np.int64)
    manner = np.zeros((runs, n_actors), np.int64)
    rank = np.zeros((runs, n_actors), np.int64)
    verdicts = np.zeros((runs, n_claims), np.bool_)
    perceived_start = np.zeros((runs, n_actors))
    if workers > 1:
        numba.set_num_threads(min(workers, numba.config.NUMBA_NUM_THREADS))
    for start in range(0, runs, chunk):
        stop = min(runs, start + chunk)
        part = slice(start, stop)
        outputs = (
            leader[part],
            leader_month[part],
            eliminated[part],
            manner[part],
            rank[part],
            verdicts[part],
            perceived_start[part],
        )
        seeds = history_seeds(seed, start, stop)
        if workers > 1:
            simulate_batch_parallel(compiled.world, compiled.params, seeds, *outputs, workers)
        else:
            simulate_batch(compiled.world, compiled.params, seeds, *outputs)
        if progress is not None:
            progress(stop - start)
    return Ensemble(
        compiled, seed, leader, leader_month, eliminated, manner, rank, verdicts, perceived_start
    )
