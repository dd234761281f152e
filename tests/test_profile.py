"""The step profiler: it times the engine's own histories without changing them."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import numpy as np
import pytest
from test_cli import assert_one_line_error, invoke, strict_json

import politburo
from politburo.experiments.profile import profile_steps
from politburo.experiments.runner import Batch, play_batch
from politburo.experiments.seeding import history_states
from politburo.model.history import play_runs
from politburo.model.stopwatch import N_STEPS, STEP_NAMES
from politburo.model.world import new_state

HAS_CYCLE_COUNTER = platform.machine() in {"x86_64", "AMD64", "aarch64", "arm64"}


@pytest.fixture(scope="module")
def ussr():
    return politburo.load("ussr-1924")


def test_a_timed_state_plays_the_same_histories(ussr):
    runs = 60
    seeds = history_states(9, 0, runs)
    plain, timed = Batch.empty(ussr, 0, runs).outputs, Batch.empty(ussr, 0, runs).outputs
    play_runs(ussr.world, ussr.params, new_state(ussr.world), seeds, 0, runs, *plain)
    watched = new_state(ussr.world, timed=True)
    play_runs(ussr.world, ussr.params, watched, seeds, 0, runs, *timed)
    for before, after in zip(plain, timed, strict=True):
        assert np.array_equal(before, after)
    batch = play_batch(ussr, 9, 0, runs, threads=1)
    assert np.array_equal(batch.eliminated, timed[2])
    if HAS_CYCLE_COUNTER:
        assert watched.stopwatch[:N_STEPS].sum() > 0
    assert new_state(ussr.world).stopwatch.shape == (0,)


@pytest.mark.skipif(not HAS_CYCLE_COUNTER, reason="no cycle counter on this processor")
def test_the_profile_charges_every_monthly_step(ussr):
    profile = profile_steps(ussr, 200, seed=3)
    assert list(profile.cycles) == list(STEP_NAMES)
    monthly = [spent for name, spent in profile.cycles.items() if "judged" not in name]
    assert all(spent > 0 for spent in monthly)
    assert sum(profile.shares().values()) == pytest.approx(1.0)
    # Leaders' conduct and the sessions are where a month's politics happens.
    shares = profile.shares()
    busiest = sorted(shares, key=shares.get)[-2:]
    assert {"each leader's monthly conduct", "sessions of the bodies"} == set(busiest)
    assert profile.histories_per_second > 0


@pytest.mark.skipif(not HAS_CYCLE_COUNTER, reason="no cycle counter on this processor")
def test_profile_command_json():
    result = invoke("profile", "-n", "100", "--seed", "2", "--json")
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    assert (data["scenario"], data["seed"], data["runs"]) == ("ussr-1924", 2, 100)
    assert [row["step"] for row in data["steps"]] == list(STEP_NAMES)
    assert data["cycles_per_history"] == pytest.approx(
        sum(row["cycles"] for row in data["steps"]), abs=len(STEP_NAMES)
    )


def test_profile_command_table():
    result = invoke("profile", "-n", "50")
    if not HAS_CYCLE_COUNTER:
        assert_one_line_error(result, "cycle counter")
        return
    assert result.exit_code == 0, result.stderr
    assert "sessions of the bodies" in result.stdout
    assert "histories/s on one thread" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(("-n", "0"), "--runs"), (("--seed", "-1"), "--seed"), (("-s", "nowhere"), "nowhere")],
)
def test_profile_bad_input_is_one_line(args, fragment):
    assert_one_line_error(invoke("profile", *args), fragment)


def test_profile_refuses_the_interpreted_engine():
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    done = subprocess.run(
        [sys.executable, "-c", "from politburo.cli import main; main()", "profile", "-n", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error:") and "NUMBA_DISABLE_JIT" in done.stderr
    assert "Traceback" not in done.stderr
