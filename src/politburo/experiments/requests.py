"""The checks every request to the engine passes, whichever face it comes from.

The Python API (``politburo.api``) and the command line ask for the same
things: a scenario, a number of runs, a root seed, workers, a chunk size.  The
rules for those values live here, once, so that both faces refuse the same
requests, and refuse them before any history is played, with a message that
says which value is wrong.  A bad value would otherwise fail deep inside numpy
or Numba with a message about arrays.

Each check takes the ``name`` its caller's user knows the value by: the API
passes its argument names (``runs``, ``n``), the command line its flags
(``--runs``); the rule is the same either way.
"""

from __future__ import annotations

from numbers import Integral
from pathlib import Path

from ..scenario import effective_parameters, load_scenario
from ..scenario.compile import Compiled, compile_scenario
from ..scenario.schema import History, Scenario

ScenarioSource = str | Path | Scenario | Compiled


class RequestError(ValueError):
    """A request that makes no sense: no runs, a negative seed, no workers,
    validation of a scenario that has no history to validate against."""


def _whole_number(value: object, name: str, minimum: int) -> int:
    # Any integer will do, numpy's included; but bool is an integer to Python,
    # and ``runs=True`` is a mistake, not one run.
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise RequestError(f"{name} must be a whole number, not {value!r}")
    if value < minimum:
        bound = "0 or more" if minimum == 0 else f"at least {minimum}"
        raise RequestError(f"{name} must be {bound}, not {value}")
    return int(value)


def check_runs(runs: object, name: str = "runs") -> int:
    """The number of histories to play: at least one."""
    return _whole_number(runs, name, 1)


def check_seed(seed: object, name: str = "seed") -> int:
    """The root seed: a non-negative integer, since every history's own seed
    is derived from it and its index."""
    return _whole_number(seed, name, 0)


def check_workers(workers: object, name: str = "workers") -> int:
    """Threads to play on: at least one (the numbers never depend on it)."""
    return _whole_number(workers, name, 1)


def check_chunk(chunk: object, name: str = "chunk") -> int | None:
    """Histories per chunk, or None to let the ensemble choose."""
    return None if chunk is None else _whole_number(chunk, name, 1)


def check_resume(resume: bool, out: object, names: tuple[str, str] = ("resume", "out")) -> None:
    """Resuming continues a stored ensemble, so it needs the store's directory."""
    if resume and out is None:
        resume_name, out_name = names
        raise RequestError(
            f"{resume_name} needs {out_name}, the directory of the ensemble to continue"
        )


def check_history(scenario: Scenario) -> History:
    """The real history to validate against.  Asked before any run is played:
    a scenario without one would otherwise be refused only after the runs."""
    if scenario.history is None:
        raise RequestError(
            f"scenario {scenario.meta.id!r} has no 'history' section to validate against"
        )
    return scenario.history


def compiled_scenario(scenario: ScenarioSource) -> Compiled:
    """The scenario a request names, ready to run: a built-in scenario's name,
    a YAML path, a Scenario, or one already compiled.  The shared behavioural
    parameters are applied with the scenario's own overrides."""
    if isinstance(scenario, Compiled):
        return scenario
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return compile_scenario(scenario, effective_parameters(scenario))
