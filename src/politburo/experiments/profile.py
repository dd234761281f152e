"""Where a history's time goes, step by step of the month.

The profiler plays ordinary histories of an ensemble (the same seeds, the same
compiled engine) on a State that carries a stopwatch, and reports the
processor cycles each step of the month takes, per history.  Sampling
profilers (py-spy, line_profiler) see no further than the call into the
compiled engine; this sees inside it, at the cost of a cycle-counter read per
step.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..model.history import play_runs
from ..model.stopwatch import N_STEPS, STEP_NAMES
from ..model.world import new_state
from ..scenario.compile import Compiled
from .runner import Batch
from .seeding import history_states


class ProfileError(RuntimeError):
    """The profiler cannot time this engine (interpreted, or no cycle counter)."""


@dataclass(frozen=True)
class StepProfile:
    """Processor cycles per history for each step of the month, over ``runs``
    histories of the ensemble with root ``seed``."""

    scenario: str
    seed: int
    runs: int
    cycles: dict[str, float]  # step -> cycles per history
    histories_per_second: float  # on one thread, timed (the laps cost a little)

    @property
    def total(self) -> float:
        return sum(self.cycles.values())

    def shares(self) -> dict[str, float]:
        total = self.total
        return {step: spent / total for step, spent in self.cycles.items()}

    def as_json(self) -> dict:
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "runs": self.runs,
            "cycles_per_history": round(self.total),
            "histories_per_second": round(self.histories_per_second, 1),
            "steps": [
                {"step": step, "cycles": round(spent), "share": round(share, 4)}
                for (step, spent), share in zip(
                    self.cycles.items(), self.shares().values(), strict=True
                )
            ],
        }


def profile_steps(compiled: Compiled, runs: int, seed: int) -> StepProfile:
    """Time ``runs`` histories (numbers 0 to runs - 1 of the ensemble) step by
    step; ``politburo.api`` has checked the request."""
    from numba.core import config

    if config.DISABLE_JIT:
        raise ProfileError("the profiler times the compiled engine; unset NUMBA_DISABLE_JIT")
    world = compiled.world
    state = new_state(world, timed=True)
    seeds = history_states(seed, 0, runs)
    outputs = Batch.empty(compiled, 0, runs).outputs
    # One history first, so that loading the compiled engine is not timed.
    play_runs(world, compiled.params, state, seeds, 0, 1, *outputs)
    state.stopwatch[:] = 0
    began = time.perf_counter()
    play_runs(world, compiled.params, state, seeds, 0, runs, *outputs)
    elapsed = time.perf_counter() - began
    spent = state.stopwatch[:N_STEPS].astype(np.float64) / runs
    if spent.sum() <= 0:
        raise ProfileError("this processor has no cycle counter the compiled engine can read")
    return StepProfile(
        scenario=compiled.scenario.meta.id,
        seed=seed,
        runs=runs,
        cycles={name: float(cycles) for name, cycles in zip(STEP_NAMES, spent, strict=True)},
        histories_per_second=runs / elapsed if elapsed > 0 else float("nan"),
    )
