"""``politburo ensemble`` and ``politburo query`` on the command line, including
an ensemble killed with SIGKILL and resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from test_cli import assert_one_line_error, invoke, strict_json

import politburo
from politburo.experiments.store import MANIFEST


def test_ensemble_json_has_the_documented_shape():
    result = invoke("ensemble", "-n", "300", "--seed", "4", "--json")
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    assert set(data) >= {"scenario", "seed", "runs", "leaders", "p_none", "orders"}
    assert (data["scenario"], data["seed"], data["runs"]) == ("ussr-1924", 4, 300)
    stalin = data["leaders"]["stalin"]
    assert 0 < stalin["p"] < 1 and stalin["ci"][0] < stalin["p"] < stalin["ci"][1]
    assert stalin["median_date"][:2] == "19"
    total = sum(leader["p"] for leader in data["leaders"].values()) + data["p_none"]
    assert total == pytest.approx(1.0, abs=1e-5)
    assert data["orders"] and all(set(o) >= {"order", "p"} for o in data["orders"])
    assert data["runs_per_second"] > 0


def test_ensemble_numbers_do_not_depend_on_workers():
    one = strict_json(invoke("ensemble", "-n", "300", "--seed", "4", "--json").stdout)
    two = strict_json(invoke("ensemble", "-n", "300", "--seed", "4", "-w", "2", "--json").stdout)
    one.pop("runs_per_second"), two.pop("runs_per_second")
    assert one == two


def test_ensemble_table_names_leaders_and_orders():
    result = invoke("ensemble", "-n", "200", "--seed", "4")
    assert result.exit_code == 0, result.stderr
    assert "Joseph Stalin (stalin)" in result.stdout
    assert "nobody" in result.stdout
    assert "order of political defeats" in result.stdout
    assert "trotsky > " in result.stdout


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        (["-n", "0"], "--runs"),
        (["--seed", "-1"], "--seed"),
        (["-w", "0"], "--workers"),
        (["--chunk", "0"], "--chunk"),
        (["--resume"], "--out"),
        (["--events"], "--out"),
        (["--dask", "somewhere"], "local:K"),
        (["--dask", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
        (["--scenario", "atlantis"], "atlantis"),
    ],
)
def test_ensemble_bad_input_is_one_line(arguments, fragment):
    assert_one_line_error(invoke("ensemble", "-n", "10", *arguments), fragment)


def test_ensemble_refuses_to_overwrite_and_mismatched_resume(tmp_path):
    out = str(tmp_path / "e")
    assert invoke("ensemble", "-n", "20", "--out", out).exit_code == 0
    assert_one_line_error(invoke("ensemble", "-n", "20", "--out", out), "--resume")
    assert_one_line_error(
        invoke("ensemble", "-n", "20", "--seed", "3", "--out", out, "--resume"), "seed"
    )
    assert invoke("ensemble", "-n", "20", "--out", out, "--resume").exit_code == 0


def test_query_prints_a_table_and_json(tmp_path):
    out = str(tmp_path / "e")
    assert invoke("ensemble", "-n", "120", "--seed", "2", "--out", out).exit_code == 0
    sql = "SELECT leader, count(*) AS n FROM runs GROUP BY leader ORDER BY n DESC"
    table = invoke("query", out, sql)
    assert table.exit_code == 0, table.stderr
    assert table.stdout.split()[:2] == ["leader", "n"]
    rows = strict_json(invoke("query", out, sql, "--json").stdout)
    assert sum(row["n"] for row in rows) == 120
    falls = strict_json(
        invoke(
            "query",
            out,
            "SELECT actor, count(*) AS n FROM eliminations WHERE manner <> 'died' "
            "GROUP BY actor ORDER BY n DESC LIMIT 1",
            "--json",
        ).stdout
    )
    assert falls[0]["n"] > 0


def test_query_bad_input_is_one_line(tmp_path):
    assert_one_line_error(invoke("query", str(tmp_path / "none"), "SELECT 1"), "not a results")
    out = str(tmp_path / "e")
    assert invoke("ensemble", "-n", "10", "--out", out).exit_code == 0
    assert_one_line_error(invoke("query", out, "SELECT nonsense FROM runs"), "nonsense")
    assert_one_line_error(invoke("query", out, "SELECT * FROM events"), "--events")


def _manifest(directory: Path) -> dict:
    try:
        return json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def _ensemble_command(out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "politburo.cli",
        "ensemble",
        "-n",
        "3000",
        "--chunk",
        "250",
        "--seed",
        "8",
        "--out",
        str(out),
        "--json",
        *extra,
    ]


def test_an_ensemble_killed_with_sigkill_resumes_to_the_same_dataset(tmp_path):
    out = tmp_path / "killed"
    process = subprocess.Popen(
        _ensemble_command(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 300
    while len(_manifest(out).get("chunks_done", [])) < 2:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the ensemble never finished two chunks"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    interrupted = _manifest(out)
    assert 2 <= len(interrupted["chunks_done"]) < interrupted["chunks"]
    assert interrupted["finished"] is None

    resumed = subprocess.run(
        _ensemble_command(out, "--resume"), capture_output=True, text=True, timeout=600
    )
    assert resumed.returncode == 0, resumed.stderr
    assert strict_json(resumed.stdout)["runs"] == 3000
    finished = _manifest(out)
    assert finished["chunks_done"] == list(range(12)) and finished["finished"]
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]

    whole = politburo.ensemble("ussr-1924", n=3000, seed=8, chunk=250)
    stored = politburo.ensemble("ussr-1924", n=3000, seed=8, chunk=250, out=out, resume=True)
    for table in ("runs", "eliminations"):
        pd.testing.assert_frame_equal(
            whole.table(table).to_pandas(),
            stored.table(table).to_pandas(),
            check_categorical=False,
        )


def test_ensemble_on_a_local_dask_cluster_matches_threads(tmp_path):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "politburo.cli", "ensemble", "-n", "400", "--seed", "6"]
    on_dask = subprocess.run(
        [*command, "--dask", "local:2", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert on_dask.returncode == 0, on_dask.stderr
    here = subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=600)
    a, b = strict_json(on_dask.stdout), strict_json(here.stdout)
    a.pop("runs_per_second"), b.pop("runs_per_second")
    assert a == b


@pytest.mark.slow
def test_bench_json_reports_every_figure():
    result = invoke("bench", "--sizes", "300,600", "--ratio-runs", "300", "--json")
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    for name in (
        "histories_per_second",
        "speedup_vs_interpreted",
        "scaling_1_to_2_workers",
        "dask_vs_local",
        "peak_rss_mb",
    ):
        assert data[name] > 0, name
        assert name in data["targets"] and isinstance(data["met"][name], bool)
    assert set(data["histories_per_second_by_runs"]) == {"300", "600"}
    assert data["largest_runs"] == 600
    # Compiled code is far faster than the same rules interpreted.
    assert data["speedup_vs_interpreted"] > 10


def test_ensemble_on_a_read_only_file_system_is_one_line(tmp_path, monkeypatch):
    from politburo.experiments import store as store_module

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    result = invoke("ensemble", "-n", "10", "--out", str(tmp_path / "e"))
    assert_one_line_error(result, "read-only file system")
    assert list(tmp_path.iterdir()) == []


def test_ensemble_refuses_workers_with_dask():
    result = invoke("ensemble", "-n", "10", "-w", "2", "--dask", "local:2")
    assert_one_line_error(result, "--workers and --dask")
