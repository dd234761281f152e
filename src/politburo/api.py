"""The Python API: everything the command line and later faces are built on.

>>> import politburo
>>> scenario = politburo.load("ussr-1924")
>>> history = politburo.run(scenario, seed=7)
>>> result = politburo.validate(scenario, runs=2000, seed=7)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .experiments.runner import Ensemble, History, run_ensemble, run_history
from .experiments.validation import Validation
from .experiments.validation import validate as judge
from .scenario import effective_parameters, load_scenario
from .scenario.compile import Compiled, compile_scenario
from .scenario.schema import Scenario


def load(scenario: str | Path | Scenario) -> Compiled:
    """A built-in scenario's name, a YAML path, or a Scenario, ready to run."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return compile_scenario(scenario, effective_parameters(scenario))


def _compiled(scenario: str | Path | Scenario | Compiled) -> Compiled:
    return scenario if isinstance(scenario, Compiled) else load(scenario)


def run(scenario: str | Path | Scenario | Compiled, seed: int = 0) -> History:
    """One history, with its full chronicle."""
    return run_history(_compiled(scenario), seed)


def ensemble(
    scenario: str | Path | Scenario | Compiled,
    runs: int,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Ensemble:
    """Summaries of ``runs`` histories, on ``workers`` threads (same numbers)."""
    return run_ensemble(_compiled(scenario), runs, seed, progress, workers=workers)


def validate(
    scenario: str | Path | Scenario | Compiled,
    runs: int = 2000,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Validation:
    """Run ``runs`` histories and hold them against the scenario's history."""
    return judge(ensemble(scenario, runs, seed, progress, workers))
