"""Running histories: one with its full record, or many with their summaries."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from ..model.history import PERCEIVED_START, play_runs
from ..model.journal import LOG_COUNT
from ..model.outcome import ELIMINATED, ELIMINATION_RANK, LEADER, LEADER_MONTH, MANNER
from ..model.world import LOG_WIDTH, NO_MONTH, POSITION, new_state
from ..scenario.compile import Compiled
from .compilation import mark_ready
from .seeding import history_state, history_states

CHUNK = 2000
LANE_RUNS = 50  # histories a thread plays on one State before it takes the next lane


def _play(compiled: Compiled, state, seeds, first: int, last: int, outputs) -> None:
    """Histories ``first`` to ``last - 1`` through the engine's one entry point.
    The random generator's 64-bit arithmetic wraps by design; interpreted,
    numpy would warn of each wrap."""
    with np.errstate(over="ignore"):
        play_runs(compiled.world, compiled.params, state, seeds, first, last, *outputs)


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
    batch = Batch.empty(compiled, 0, 1)
    seeds = history_state(seed, 0).reshape(1, -1)
    _play(compiled, state, seeds, 0, 1, batch.outputs)
    mark_ready()
    return History(
        compiled=compiled,
        seed=seed,
        log=state.log[: state.counters[LOG_COUNT, 0]].copy(),
        leader=int(state.counters[LEADER, 0]),
        leader_month=int(state.counters[LEADER_MONTH, 0]),
        eliminated=state.actor_codes[ELIMINATED].copy(),
        manner=state.actor_codes[MANNER].copy(),
        rank=state.actor_codes[ELIMINATION_RANK].copy(),
        verdicts=batch.verdicts[0].copy(),
        perceived_start=state.actors[PERCEIVED_START].copy(),
        positions=state.stances[POSITION].copy(),
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
    seeds = history_states(seed, first, stop)
    if events:
        batch = replace(batch, events=_play_with_chronicles(compiled, seeds, first, outputs))
    elif threads > 1:
        _play_lanes(compiled, seeds, outputs, threads)
    else:
        state = new_state(compiled.world)
        _play(compiled, state, seeds, 0, runs, outputs)
    mark_ready()
    # The engine keeps the start of a streak that fell short of dominance in
    # the same slot; a history nobody dominated has no date.
    batch.leader_month[batch.leader < 0] = NO_MONTH
    return batch


def _play_lanes(
    compiled: Compiled, seeds: np.ndarray, outputs: tuple[np.ndarray, ...], threads: int
) -> None:
    """Short lanes of consecutive histories, each taken by whichever thread is
    free, on that thread's own State.  The compiled engine lets go of the
    interpreter while it plays, so the threads run side by side; a thread
    slowed by another program on its core plays fewer lanes instead of
    holding up the whole chunk.  Every history seeds its own generator, so
    neither the lanes nor the threads change a number."""
    runs = seeds.shape[0]
    lanes = iter(range(0, runs, LANE_RUNS))
    states = [new_state(compiled.world) for _ in range(threads)]

    def work(state) -> None:
        for first in lanes:  # a shared iterator: each lane is taken once
            last = min(runs, first + LANE_RUNS)
            _play(compiled, state, seeds, first, last, outputs)

    with ThreadPoolExecutor(threads) as pool:
        for done in [pool.submit(work, state) for state in states]:
            done.result()


def _play_with_chronicles(
    compiled: Compiled, seeds: np.ndarray, first: int, outputs: tuple[np.ndarray, ...]
) -> np.ndarray:
    """One history at a time, keeping each chronicle; the same numbers as the
    batch, since each history starts from its own seed on a reset State."""
    state = new_state(compiled.world)
    rows = []
    for offset in range(seeds.shape[0]):
        _play(compiled, state, seeds, offset, offset + 1, outputs)
        log = state.log[: state.counters[LOG_COUNT, 0]]
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
