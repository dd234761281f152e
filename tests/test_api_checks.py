"""One set of input checks for every face, one median date, and faces over the API alone.

The Python API refuses a nonsense request with a ``ValueError`` that names the
argument, before any history is played; the command line calls the same
checks and turns their refusals into its one-line ``error:`` and exit code 2.
``validate`` and ``ensemble`` report the same median date for the same runs.
The command line imports ``politburo.api`` and nothing else of the package.
"""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from test_cli import assert_one_line_error, invoke

import politburo
from politburo import api
from politburo.experiments.executors import DaskCluster, ExecutorError, InProcess
from politburo.experiments.statistics import median_month

PACKAGE = Path(politburo.__file__).parent


@pytest.fixture(scope="module")
def ussr() -> api.Compiled:
    return api.load("ussr-1924")


def _without_history(tmp_path: Path) -> Path:
    """The built-in USSR scenario with its ``history`` section cut out."""
    text = resources.files("politburo.scenario").joinpath("builtin/ussr-1924.yaml").read_text()
    start, end = text.index("\nhistory:"), text.index("\nsources:")
    path = tmp_path / "ussr-without-history.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


# --- the API refuses nonsense with a ValueError naming the argument ----------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s: politburo.validate(s, runs=0), "runs must be at least 1, not 0"),
        (lambda s: politburo.validate(s, runs=-5), "runs must be at least 1, not -5"),
        (lambda s: politburo.validate(s, runs=2.5), "runs must be a whole number, not 2.5"),
        (lambda s: politburo.validate(s, runs=True), "runs must be a whole number, not True"),
        (lambda s: politburo.validate(s, runs=10, seed=-1), "seed must be 0 or more, not -1"),
        (lambda s: politburo.validate(s, runs=10, workers=0), "workers must be at least 1, not 0"),
        (lambda s: politburo.ensemble(s, n=0), "n must be at least 1, not 0"),
        (lambda s: politburo.ensemble(s, n=10, seed=-3), "seed must be 0 or more, not -3"),
        (lambda s: politburo.ensemble(s, n=10, workers=0), "workers must be at least 1, not 0"),
        (lambda s: politburo.ensemble(s, n=10, chunk=0), "chunk must be at least 1, not 0"),
        (
            lambda s: politburo.ensemble(s, n=10, resume=True),
            "resume needs out, the directory of the ensemble to continue",
        ),
        (lambda s: politburo.run(s, seed=-1), "seed must be 0 or more, not -1"),
        (lambda s: api.profile(s, runs=0), "runs must be at least 1, not 0"),
    ],
)
def test_the_api_refuses_nonsense_with_a_value_error(ussr, call, message):
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        call(ussr)
    assert isinstance(caught.value, api.RequestError)
    assert str(caught.value) == message


def test_numpy_integers_are_whole_numbers():
    assert api.check_runs(np.int64(20)) == 20
    assert type(api.check_seed(np.uint32(7))) is int


def test_each_face_names_the_value_its_own_way():
    with pytest.raises(api.RequestError, match=r"^--runs must be at least 1, not 0$"):
        api.check_runs(0, "--runs")
    with pytest.raises(api.RequestError, match=r"^--resume needs --out"):
        api.check_resume(True, None, ("--resume", "--out"))
    assert api.check_chunk(None) is None
    api.check_resume(False, None)


def test_a_scenario_without_history_is_refused_before_any_run(tmp_path, monkeypatch):
    def no_runs(*args, **kwargs):
        raise AssertionError("a history was played before the scenario was refused")

    monkeypatch.setattr(api, "run_ensemble", no_runs)
    path = _without_history(tmp_path)
    with pytest.raises(ValueError, match="has no 'history' section to validate against"):
        politburo.validate(path, runs=10)
    # The same scenario still plays: only validation needs a history.
    assert politburo.run(path, seed=1).leader_month is not None


# --- the command line: the same checks, one line, exit code 2 ----------------------


def test_cli_refuses_zero_runs_in_one_line():
    assert_one_line_error(invoke("validate", "-n", "0"), "--runs must be at least 1, not 0")


def test_cli_refuses_a_scenario_without_history_in_one_line(tmp_path):
    path = _without_history(tmp_path)
    result = invoke("validate", "-s", str(path), "-n", "5")
    assert_one_line_error(result, "has no 'history' section to validate against")
    assert "Compiling" not in result.stderr


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["profile", "-n", "0"], "--runs must be at least 1, not 0"),
        (["run", "--seed", "-4"], "--seed must be 0 or more, not -4"),
        (["ensemble", "-n", "10", "--chunk", "0"], "--chunk must be at least 1, not 0"),
        (["ensemble", "-n", "10", "--resume"], "--resume needs --out"),
        (["bench", "--sizes", "10,0"], "each of --sizes must be at least 1, not 0"),
        (["ensemble", "-n", "10", "--dask", "local:0"], "asks for no workers"),
    ],
)
def test_cli_checks_are_the_api_checks_named_by_flag(arguments, message):
    assert_one_line_error(invoke(*arguments), message)


# --- executors speak of the API's terms, not of flags ------------------------------


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda: InProcess(0), "workers must be at least 1, not 0"),
        (lambda: DaskCluster("somewhere"), "the Dask address must be local:K"),
        (lambda: DaskCluster("local:0"), "the Dask address 'local:0' asks for no workers"),
    ],
)
def test_executor_errors_name_no_flag(make, fragment):
    with pytest.raises((ExecutorError, api.RequestError)) as caught:
        make()
    assert fragment in str(caught.value)
    assert "--" not in str(caught.value)


def test_a_bad_dask_address_through_the_api_names_no_flag(ussr):
    with pytest.raises(api.ExecutorError) as caught:
        politburo.ensemble(ussr, n=10, dask="nowhere")
    assert "--" not in str(caught.value)


# --- one median date ------------------------------------------------------------------


def test_the_median_month_is_the_lower_median():
    assert median_month(np.zeros(5, np.int64)) is None
    assert median_month(np.bincount([3, 5])) == 3  # not 4, which no history had
    assert median_month(np.bincount([2, 4, 9])) == 4
    months = np.random.default_rng(0).integers(0, 80, 1001)
    for size in (1, 2, 10, 11, 1000, 1001):
        assert median_month(np.bincount(months[:size])) == np.sort(months[:size])[(size - 1) // 2]


def test_validate_and_ensemble_report_the_same_median_date(ussr):
    # Seed 1 is one where the mean of the two middle months (the old
    # validation) and the lower median (the ensemble) used to disagree.
    validation = politburo.validate(ussr, runs=200, seed=1)
    summary = politburo.ensemble(ussr, n=200, seed=1).summary()
    leader = validation.historical_leader
    [reported] = [entry for entry in summary.leaders if entry.actor == leader]
    assert validation.leader_median_date is not None
    assert validation.leader_median_date == reported.median_date


# --- faces over the API alone; imports run one way --------------------------------


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every import in ``path`` as (absolute module, names), relative ones resolved."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names]))
    return found


def test_the_cli_imports_only_the_api_and_the_version():
    own = [
        (module, names)
        for module, names in _imports(PACKAGE / "cli.py")
        if module.split(".")[0] == "politburo"
    ]
    assert own, "the import parser found no politburo import in cli.py"
    for module, names in own:
        if module == "politburo":
            assert set(names) <= {"api", "__version__"}, names
        else:
            assert module == "politburo.api", module


@pytest.mark.parametrize("layer", ["experiments", "scenario", "model", "report"])
def test_no_lower_layer_imports_the_api(layer):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module, names in _imports(path):
            assert module != "politburo.api", path
            assert not (module == "politburo" and "api" in names), path
