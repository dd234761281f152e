"""The Python API: everything the command line and later faces are built on.

>>> import politburo
>>> scenario = politburo.load("ussr-1924")
>>> history = politburo.run(scenario, seed=7)
>>> result = politburo.validate(scenario, runs=2000, seed=7)
>>> ensemble = politburo.ensemble(scenario, n=10_000, seed=7, workers=2)
>>> ensemble.summary(), ensemble.runs.head()
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .experiments.ensembles import EnsembleResult, play_ensemble
from .experiments.runner import History, run_ensemble, run_history
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
    n: int = 1000,
    seed: int = 0,
    workers: int = 1,
    dask: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    events: bool = False,
    chunk: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> EnsembleResult:
    """Play ``n`` histories and summarise them.

    ``workers`` threads here, or a Dask cluster: ``dask="local:2"`` starts one
    on this machine, ``dask="tcp://host:8786"`` uses a running scheduler.  The
    numbers are the same on every backend.  ``out`` stores the runs as Parquet
    chunk by chunk (``resume=True`` continues an interrupted ensemble there);
    ``events`` also keeps every history's chronicle.  The result has
    ``.summary()``, ``.runs`` (a DataFrame), ``.query(sql)`` and
    ``.to_parquet(dir)``."""
    return play_ensemble(
        _compiled(scenario),
        n,
        seed,
        workers=workers,
        dask=dask,
        out=out,
        resume=resume,
        events=events,
        chunk=chunk,
        progress=progress,
    )


def validate(
    scenario: str | Path | Scenario | Compiled,
    runs: int = 2000,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Validation:
    """Run ``runs`` histories and hold them against the scenario's history."""
    return judge(run_ensemble(_compiled(scenario), runs, seed, progress, workers=workers))
