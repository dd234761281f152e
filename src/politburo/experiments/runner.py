"""Running histories: one with its full record, or many with their summaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numba
import numpy as np

from ..model.history import play_runs, simulate, simulate_batch, simulate_batch_parallel
from ..model.world import LOG_WIDTH, NO_MONTH, new_state
from ..scenario.compile import Compiled
from .seeding import history_seed, history_seeds

CHUNK = 2000
LANE_RUNS = 50  # histories a thread plays on one State before it takes the next lane


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
class Batch:
    """Summaries of histories ``first`` to ``first + n - 1``, one row each.

    ``events``, kept only on request, holds every history's chronicle rows with
    the run index in front: [rows, 1 + LOG_WIDTH]."""

    first: int
    leader: np.ndarray  # [n]
    leader_month: np.ndarray  # [n], NO_MONTH when nobody became dominant
    eliminated: np.ndarray  # [n, A]
    manner: np.ndarray  # [n, A]
    rank: np.ndarray  # [n, A]
    verdicts: np.ndarray  # [n, K]
    perceived_start: np.ndarray  # [n, A]
    events: np.ndarray | None = None

    @property
    def runs(self) -> int:
        return int(self.leader.shape[0])

    @classmethod
    def empty(cls, compiled: Compiled, first: int, stop: int) -> Batch:
        """Room for histories ``first`` to ``stop - 1``, before they are played."""
        runs = stop - first
        n_actors = len(compiled.actor_ids)
        return cls(
            first=first,
            leader=np.full(runs, -1, np.int64),
            leader_month=np.full(runs, NO_MONTH, np.int64),
            eliminated=np.zeros((runs, n_actors), np.int64),
            manner=np.zeros((runs, n_actors), np.int64),
            rank=np.zeros((runs, n_actors), np.int64),
            verdicts=np.zeros((runs, len(compiled.claim_ids)), np.bool_),
            perceived_start=np.zeros((runs, n_actors)),
        )

    @property
    def outputs(self) -> tuple[np.ndarray, ...]:
        """The arrays the engine's ``play_runs`` fills, in its order."""
        return (
            self.leader,
            self.leader_month,
            self.eliminated,
            self.manner,
            self.rank,
            self.verdicts,
            self.perceived_start,
        )


def play_batch(
    compiled: Compiled,
    seed: int,
    first: int,
    stop: int,
    threads: int = 1,
    events: bool = False,
) -> Batch:
    """Histories ``first`` to ``stop - 1`` of the ensemble seeded with ``seed``."""
    runs = stop - first
    batch = Batch.empty(compiled, first, stop)
    outputs = batch.outputs
    seeds = history_seeds(seed, first, stop)
    if events:
        batch = replace(batch, events=_play_with_chronicles(compiled, seeds, first, outputs))
    elif threads > 1:
        numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
        # Short lanes, each taken by whichever thread is free: a thread slowed
        # by another program on its core then plays fewer of them instead of
        # holding up the whole chunk, as equal halves fixed in advance would.
        lanes = -(-runs // LANE_RUNS)
        with numba.parallel_chunksize(1):
            simulate_batch_parallel(compiled.world, compiled.params, seeds, *outputs, lanes)
    else:
        simulate_batch(compiled.world, compiled.params, seeds, *outputs)
    # The engine keeps the start of a streak that fell short of dominance in
    # the same slot; a history nobody dominated has no date.
    batch.leader_month[batch.leader < 0] = NO_MONTH
    return batch


def _play_with_chronicles(
    compiled: Compiled, seeds: np.ndarray, first: int, outputs: tuple[np.ndarray, ...]
) -> np.ndarray:
    """One history at a time, keeping each chronicle; the same numbers as the
    batch, since each history starts from its own seed on a reset State."""
    state = new_state(compiled.world)
    rows = []
    for offset in range(seeds.shape[0]):
        play_runs(compiled.world, compiled.params, state, seeds, offset, offset + 1, *outputs)
        log = state.log[: state.log_count[0]]
        run_column = np.full((log.shape[0], 1), first + offset, np.int64)
        rows.append(np.hstack([run_column, log.astype(np.int64)]))
    if not rows:
        return np.zeros((0, 1 + LOG_WIDTH), np.int64)
    return np.vstack(rows)


@dataclass(frozen=True)
class Ensemble:
    """Summaries of many histories held in memory, in index order: what
    validation reads."""

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
    batches = []
    for start in range(0, runs, chunk):
        batches.append(play_batch(compiled, seed, start, min(runs, start + chunk), workers))
        if progress is not None:
            progress(batches[-1].runs)
    fields = (
        "leader",
        "leader_month",
        "eliminated",
        "manner",
        "rank",
        "verdicts",
        "perceived_start",
    )
    columns = {name: np.concatenate([getattr(b, name) for b in batches]) for name in fields}
    return Ensemble(compiled, seed, **columns)
