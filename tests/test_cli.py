"""The command line: output shapes, reproducibility, and one-line errors.

Most tests drive the Typer app in-process; one runs the installed
``politburo`` console script, whose own entry point also turns Typer's usage
errors into one line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import politburo
from politburo.cli import app
from politburo.model.journal import LOG_KIND_NAMES
from politburo.model.world import MANNER_NAMES

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _runner() -> CliRunner:
    try:  # Click before 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def invoke(*args: str):
    result = _runner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def strict_json(text: str):
    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


# --- run --------------------------------------------------------------------------


def test_run_prints_a_dated_chronicle_and_the_outcome() -> None:
    result = invoke("run", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    dated = [line for line in lines if re.match(r"^\d{4}-\d{2}  \S", line)]
    assert len(dated) > 20
    assert "Outcome" in lines
    assert any("became dominant" in line for line in lines)


def test_run_keeps_small_change_out_unless_asked() -> None:
    brief = invoke("run", "--seed", "1").stdout
    full = invoke("run", "--seed", "1", "--all").stdout
    assert "appeals over the leaders' heads" not in brief
    assert "appeals over the leaders' heads" in full
    assert len(full.splitlines()) > len(brief.splitlines())


def test_run_json_structure() -> None:
    result = invoke("run", "--scenario", "ussr-1924", "--seed", "2", "--json")
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    assert list(data) == ["scenario", "seed", "events", "outcome"]
    assert data["scenario"] == "ussr-1924"
    assert data["seed"] == 2
    assert data["events"]
    for event in data["events"]:
        assert list(event) == ["date", "type", "actors", "body", "text"]
        assert DATE.match(event["date"])
        assert event["type"] in LOG_KIND_NAMES
        assert isinstance(event["actors"], list)
        assert all(isinstance(actor, str) for actor in event["actors"])
        assert event["body"] is None or isinstance(event["body"], str)
        assert isinstance(event["text"], str) and event["text"]
    outcome = data["outcome"]
    assert list(outcome) == ["leader", "date", "eliminations"]
    assert (outcome["leader"] is None) == (outcome["date"] is None)
    if outcome["leader"] is not None:
        assert isinstance(outcome["leader"], str) and DATE.match(outcome["date"])
    for fall in outcome["eliminations"]:
        assert list(fall) == ["actor", "date", "manner"]
        assert DATE.match(fall["date"]) and fall["manner"] in MANNER_NAMES


def test_same_seed_same_history_and_different_seeds_differ() -> None:
    first = invoke("run", "-s", "junta", "--seed", "5", "--json").stdout
    again = invoke("run", "-s", "junta", "--seed", "5", "--json").stdout
    assert first == again
    others = {invoke("run", "-s", "junta", "--seed", str(seed), "--json").stdout for seed in (6, 7)}
    assert first not in others


# --- scenarios and schema ---------------------------------------------------------


def test_scenarios_lists_the_built_ins() -> None:
    listed = strict_json(invoke("scenarios", "--json").stdout)
    ids = {item["id"] for item in listed}
    assert {"ussr-1924", "junta"} <= ids
    assert all(set(item) == {"id", "name"} and item["name"] for item in listed)
    text = invoke("scenarios").stdout
    assert "ussr-1924" in text and "junta" in text


def test_schema_is_json_with_properties() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    schema = strict_json(result.stdout)
    assert "properties" in schema and "actors" in schema["properties"]
    assert strict_json(invoke("schema", "--json").stdout) == schema


# --- validate ---------------------------------------------------------------------


def test_validate_json_has_the_keys() -> None:
    result = invoke("validate", "-n", "50", "--seed", "3", "--json")
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    expected = politburo.validate("ussr-1924", runs=50, seed=3).as_json()
    assert list(data) == list(expected)
    assert data["p_leader"] == expected["p_leader"]
    assert data["leaders"] == expected["leaders"]
    assert data["runs"] == 50 and data["seed"] == 3
    assert set(data["p_leader"]) == {"value", "ci"} and len(data["p_leader"]["ci"]) == 2
    assert set(data["p_leader_by_date"]) == {"value", "ci"}
    assert isinstance(data["leaders"], dict)
    assert data["elimination_order_tau"] is None or -1 <= data["elimination_order_tau"] <= 1
    for claim in data["claims"]:
        assert {"id", "text", "value", "ci"} <= set(claim)


def test_validate_prints_a_table() -> None:
    result = invoke("validate", "--scenario", "junta", "--runs", "50")
    assert result.exit_code == 0, result.stderr
    for words in ("becomes dominant", "Kendall tau", "who became dominant", "perceived power"):
        assert words in result.stdout


# --- errors -----------------------------------------------------------------------


def test_broken_scenario_file_is_located(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    actor_patron = "    prestige: 0.55\n    patron: stalin\n"  # Bukharin's, in actors
    assert text.count(actor_patron) == 1
    broken = text.replace(actor_patron, "    prestige: 0.55\n    patron: nobody\n")
    line = broken[: broken.index("patron: nobody")].count("\n") + 1
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    for command in ("run", "validate"):
        result = invoke(command, "--scenario", str(path))
        assert_one_line_error(result, f"{path}:{line}", "patron", "nobody")


def test_unknown_scenario_lists_the_available_ones() -> None:
    result = invoke("run", "--scenario", "no-such-scenario")
    assert_one_line_error(result, "no-such-scenario", "ussr-1924", "junta")


def test_missing_file() -> None:
    assert_one_line_error(invoke("run", "-s", "does/not/exist.yaml"), "not found")


@pytest.mark.parametrize("runs", ["0", "-3"])
def test_runs_must_be_positive(runs: str) -> None:
    assert_one_line_error(invoke("validate", "-n", runs), "--runs")


@pytest.mark.parametrize("command", ["run", "validate"])
def test_negative_seed(command: str) -> None:
    assert_one_line_error(invoke(command, "--seed", "-1"), "--seed")


def test_validate_needs_a_history_section(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    start, end = text.index("\nhistory:"), text.index("\nsources:")
    path = tmp_path / "no-history.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert invoke("run", "-s", str(path), "--json").exit_code == 0
    assert_one_line_error(invoke("validate", "-s", str(path), "-n", "5"), "history")


# --- the console script -----------------------------------------------------------


def _console_script() -> str | None:
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("politburo", path=search)


def test_console_script() -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the politburo console script is not installed")
    listed = subprocess.run(
        [script, "scenarios", "--json"], capture_output=True, text=True, timeout=120
    )
    assert listed.returncode == 0, listed.stderr
    assert "ussr-1924" in {item["id"] for item in strict_json(listed.stdout)}
    # Typer's own usage errors end in one line too, through main().
    for args in (["run", "--seed", "abc"], ["frobnicate"], ["run", "--seed", "-2"]):
        bad = subprocess.run([script, *args], capture_output=True, text=True, timeout=120)
        assert bad.returncode == 2, (args, bad.stderr)
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, bad.stderr)


def test_validate_on_two_threads_gives_the_same_numbers() -> None:
    one = strict_json(invoke("validate", "-n", "40", "--seed", "3", "--json").stdout)
    two = strict_json(invoke("validate", "-n", "40", "--seed", "3", "-w", "2", "--json").stdout)
    assert one == two


def test_validate_refuses_zero_workers() -> None:
    assert_one_line_error(invoke("validate", "-n", "10", "--workers", "0"), "--workers")
