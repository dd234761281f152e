"""The Python API: everything the command line and later faces are built on.

>>> import politburo
>>> scenario = politburo.load("ussr-1924")
>>> history = politburo.run(scenario, seed=7)
>>> result = politburo.validate(scenario, runs=2000, seed=7)
>>> ensemble = politburo.ensemble(scenario, n=10_000, seed=7, workers=2)
>>> ensemble.summary(), ensemble.runs.head()

Faces (the command line, the web app) import this module and nothing else of
the package: besides the verbs it offers the error types they turn into
messages, the types of what the verbs return, and the helpers that tell a
history as a chronicle.  Every request is checked here, by the same functions
(``check_runs``, ``check_seed``, ...) that a face may call first with its own
names for the values; a bad value raises ``RequestError``, a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .experiments.audit import RULES as AUDIT_RULES
from .experiments.audit import AuditReport
from .experiments.audit import audit as run_audit
from .experiments.compilation import (
    compile_in_background,
    compile_running,
    engine_ready,
    wait_for_compile,
)
from .experiments.ensembles import EnsembleResult, play_ensemble
from .experiments.executors import ExecutorError
from .experiments.profile import ProfileError, StepProfile, profile_steps
from .experiments.query import QueryError, query
from .experiments.requests import (
    RequestError,
    ScenarioSource,
    check_chunk,
    check_history,
    check_resume,
    check_runs,
    check_seed,
    check_workers,
    compiled_scenario,
)
from .experiments.runner import History, run_ensemble, run_history
from .experiments.statistics import Share
from .experiments.store import StoreError
from .experiments.summary import Summary
from .experiments.validation import DATE_WINDOW, Validation
from .experiments.validation import validate as judge
from .model.journal import decode
from .report.chronicle import Names, entries, history_json, main_entries, outcome_lines, tell
from .scenario import ScenarioError, builtin_scenarios, json_schema
from .scenario.compile import Compiled
from .scenario.schema import Scenario

if TYPE_CHECKING:  # the benchmark is imported when it runs, not with the API
    from .experiments.benchmark import Report as BenchmarkReport

__all__ = [
    # the verbs
    "load",
    "run",
    "ensemble",
    "validate",
    "audit",
    "profile",
    "benchmark",
    "query",
    "builtin_scenarios",
    "json_schema",
    "engine_ready",
    "compile_in_background",
    "compile_running",
    "wait_for_compile",
    # the checks every request passes
    "check_runs",
    "check_seed",
    "check_workers",
    "check_chunk",
    "check_resume",
    "check_history",
    # what goes wrong
    "RequestError",
    "ScenarioError",
    "ExecutorError",
    "StoreError",
    "QueryError",
    "ProfileError",
    "USER_ERRORS",
    # what the verbs return
    "Scenario",
    "Compiled",
    "History",
    "EnsembleResult",
    "Summary",
    "Validation",
    "AuditReport",
    "AUDIT_RULES",
    "Share",
    "StepProfile",
    "DATE_WINDOW",
    # telling a history
    "Names",
    "entries",
    "main_entries",
    "outcome_lines",
    "history_json",
]

# The errors that are the user's doing (a bad scenario, a bad value, a backend
# or store that cannot be used), which a face reports as a message rather
# than a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (
    RequestError,
    ScenarioError,
    ExecutorError,
    StoreError,
    QueryError,
    ProfileError,
)


def load(scenario: ScenarioSource) -> Compiled:
    """A built-in scenario's name, a YAML path, or a Scenario, ready to run."""
    return compiled_scenario(scenario)


def run(scenario: ScenarioSource, seed: int = 0) -> History:
    """One history, with its full chronicle."""
    check_seed(seed)
    return run_history(load(scenario), seed)


def ensemble(
    scenario: ScenarioSource,
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
    check_runs(n, "n")
    check_seed(seed)
    check_workers(workers)
    check_chunk(chunk)
    check_resume(resume, out)
    return play_ensemble(
        load(scenario),
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
    scenario: ScenarioSource,
    runs: int = 2000,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Validation:
    """Run ``runs`` histories and hold them against the scenario's history.

    A scenario without a ``history`` section is refused before any run."""
    check_runs(runs)
    check_seed(seed)
    check_workers(workers)
    compiled = load(scenario)
    check_history(compiled.scenario)
    return judge(run_ensemble(compiled, runs, seed, progress, workers=workers))


def audit(scenario: ScenarioSource, runs: int = 500, seed: int = 0) -> AuditReport:
    """Play ``runs`` histories and check every line of their chronicles against
    the plausibility rules (``AUDIT_RULES``) that follow from the scenario's
    own data; each rule broken comes with the first line that broke it."""
    check_runs(runs)
    check_seed(seed)
    compiled = load(scenario)
    report = run_audit(compiled, runs, seed)
    names = Names(compiled)
    for rule, violation in report.examples.items():
        if violation.row:  # a vacancy still open at the end has no line of its own
            report.lines[rule] = f"{violation.month}  {tell(names, decode(violation.row))[1]}"
    return report


def profile(scenario: ScenarioSource, runs: int = 2000, seed: int = 0) -> StepProfile:
    """Processor cycles a history spends in each step of the month, timed
    inside the compiled engine on one thread over ``runs`` histories."""
    check_runs(runs)
    check_seed(seed)
    return profile_steps(load(scenario), runs, seed)


def benchmark(
    scenario: str = "ussr-1924",
    sizes: tuple[int, ...] | None = None,
    ratio_runs: int | None = None,
    say: Callable[[str], None] = lambda line: None,
) -> BenchmarkReport:
    """Throughput and memory against the project's targets, each measured in
    a fresh process; ``say`` hears what is being measured.  ``sizes`` (the
    ensembles to time) and ``ratio_runs`` (the histories behind the worker and
    Dask ratios) default to the benchmark's own.  The scenario is loaded here
    first, so that a bad one is refused before any process starts.  The
    report's ``as_json()`` holds every figure, its target and whether it was
    met."""
    from .experiments.benchmark import COMPILED_RUNS_FOR_RATIOS, SIZES, run_benchmark

    sizes = SIZES if sizes is None else tuple(sizes)
    ratio_runs = COMPILED_RUNS_FOR_RATIOS if ratio_runs is None else ratio_runs
    if not sizes:
        raise RequestError("sizes must name at least one ensemble size")
    for size in sizes:
        check_runs(size, "each of sizes")
    check_runs(ratio_runs, "ratio_runs")
    load(scenario)
    return run_benchmark(scenario, sizes, ratio_runs, say=say)
