"""The throughput benchmark: how fast ensembles run, and how much memory they take.

Each measurement runs in a fresh Python process, so that one does not warm
or bloat the next, and so that a process's peak resident memory is the
ensemble's own.  Rates are histories per second of the ensemble's play loop
(from the first chunk dispatched to the last one tallied), as
``politburo ensemble`` reports them; process start-up, scenario loading and
starting a Dask cluster are left out, loading the compiled engine from
Numba's cache is not.

The figures are compared with the project's targets (DESIGN.md), but a
benchmark never fails: on a noisy shared machine it reports, and people judge.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SIZES = (10_000, 100_000, 1_000_000)
INTERPRETED_RUNS = 30  # the interpreted engine plays about five histories a second
COMPILED_RUNS_FOR_RATIOS = 20_000
RATIO_REPEATS = 3  # interleaved; the ratios use the median rate of each setting
TARGETS = {
    "histories_per_second": 20_000.0,
    "speedup_vs_interpreted": 100.0,
    "scaling_1_to_2_workers": 1.8,
    "dask_vs_local": 0.9,
    "peak_rss_mb": 1024.0,
    "cold_start_seconds": 30.0,
    "warm_start_seconds": 2.0,
    "compile_peak_rss_mb": 600.0,
}
LOWER_IS_BETTER = {"peak_rss_mb", "cold_start_seconds", "warm_start_seconds", "compile_peak_rss_mb"}


@dataclass
class Measurement:
    runs: int
    workers: int
    dask: str | None
    interpreted: bool
    runs_per_second: float
    peak_rss_mb: float


def _play_streaming(scenario: str, runs: int, seed: int, workers: int, dask: str | None) -> dict:
    from .ensembles import play_ensemble
    from .requests import compiled_scenario

    compiled = compiled_scenario(scenario)
    result = play_ensemble(compiled, runs, seed, workers=workers, dask=dask, keep=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"runs_per_second": result.summary().runs_per_second or 0.0, "peak_rss_mb": peak}


def measure(
    scenario: str,
    runs: int,
    seed: int = 1,
    workers: int = 1,
    dask: str | None = None,
    interpreted: bool = False,
) -> Measurement:
    """One ensemble in a fresh process."""
    env = dict(os.environ)
    if interpreted:
        env["NUMBA_DISABLE_JIT"] = "1"
    request = json.dumps(
        {"scenario": scenario, "runs": runs, "seed": seed, "workers": workers, "dask": dask}
    )
    command = [sys.executable, "-m", "politburo.experiments.benchmark", request]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {done.stderr.strip()[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement(
        runs, workers, dask, interpreted, figures["runs_per_second"], figures["peak_rss_mb"]
    )


@dataclass
class StartUp:
    """What a new user waits for: ``politburo run`` in a fresh process with an
    empty cache folder, then again once the engine is compiled; and what the
    compile that the first run started in the background cost."""

    cold_seconds: float
    warm_seconds: float
    compile_seconds: float
    compile_peak_rss_mb: float


def _timed_run(env: dict) -> float:
    began = time.monotonic()
    command = [sys.executable, "-m", "politburo", "run"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"politburo run failed: {done.stderr.strip()[-2000:]}")
    return time.monotonic() - began


def measure_start_up(timeout: float = 1200.0) -> StartUp:
    """Time the first run on an empty cache, wait for the compile it starts in
    the background, and time a warm run."""
    with tempfile.TemporaryDirectory(prefix="politburo-cold-") as folder:
        env = {**os.environ, "NUMBA_CACHE_DIR": folder}
        env.pop("NUMBA_DISABLE_JIT", None)
        cold = _timed_run(env)
        deadline = time.monotonic() + timeout
        ready = None
        while time.monotonic() < deadline:
            ready = next(Path(folder).glob("engine-*/ready"), None)
            if ready is not None and ready.stat().st_size:
                break
            time.sleep(0.5)
        if ready is None:
            raise RuntimeError("the background compile did not finish")
        record = json.loads(ready.read_text())
        warm = _timed_run(env)
    return StartUp(cold, warm, record["compile_seconds"] or 0.0, record["peak_rss_mb"])


@dataclass
class Report:
    scenario: str
    cpus: int
    histories_per_second: dict[int, float] = field(default_factory=dict)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    one_worker: float = 0.0
    two_workers: float = 0.0
    interpreted: float = 0.0
    dask_local_2: float = 0.0
    start_up: StartUp | None = None

    @property
    def speedup_vs_interpreted(self) -> float:
        return self.one_worker / self.interpreted if self.interpreted else float("nan")

    @property
    def scaling_1_to_2_workers(self) -> float:
        return self.two_workers / self.one_worker if self.one_worker else float("nan")

    @property
    def dask_vs_local(self) -> float:
        return self.dask_local_2 / self.two_workers if self.two_workers else float("nan")

    def as_json(self) -> dict:
        largest = max(self.histories_per_second) if self.histories_per_second else None
        figures = {
            "histories_per_second": round(self.histories_per_second.get(largest, 0.0), 1),
            "speedup_vs_interpreted": round(self.speedup_vs_interpreted, 2),
            "scaling_1_to_2_workers": round(self.scaling_1_to_2_workers, 3),
            "dask_vs_local": round(self.dask_vs_local, 3),
            "peak_rss_mb": round(self.peak_rss_mb.get(largest, 0.0), 1),
        }
        if self.start_up is not None:
            figures["cold_start_seconds"] = round(self.start_up.cold_seconds, 2)
            figures["warm_start_seconds"] = round(self.start_up.warm_seconds, 2)
            figures["compile_peak_rss_mb"] = round(self.start_up.compile_peak_rss_mb, 1)
        return {
            "scenario": self.scenario,
            "cpus": self.cpus,
            "largest_runs": largest,
            **figures,
            "histories_per_second_by_runs": {
                str(n): round(rate, 1) for n, rate in self.histories_per_second.items()
            },
            "peak_rss_mb_by_runs": {str(n): round(mb, 1) for n, mb in self.peak_rss_mb.items()},
            "rates": {
                "compiled_1_worker": round(self.one_worker, 1),
                "compiled_2_workers": round(self.two_workers, 1),
                "interpreted_1_worker": round(self.interpreted, 2),
                "dask_local_2": round(self.dask_local_2, 1),
            },
            "compile_seconds": self.start_up.compile_seconds if self.start_up else None,
            "targets": TARGETS,
            "met": {name: _meets(name, figures[name]) for name in TARGETS if name in figures},
        }


def _meets(name: str, value: float) -> bool:
    if name in LOWER_IS_BETTER:
        return 0 < value <= TARGETS[name]
    return value >= TARGETS[name]


def run_benchmark(
    scenario: str = "ussr-1924",
    sizes: tuple[int, ...] = SIZES,
    ratio_runs: int = COMPILED_RUNS_FOR_RATIOS,
    interpreted_runs: int = INTERPRETED_RUNS,
    say: Callable[[str], None] = lambda line: None,
) -> Report:
    cpus = os.cpu_count() or 1
    report = Report(scenario=scenario, cpus=cpus)
    workers = min(2, cpus)
    say("a first run on an empty cache, the compile it starts, a warm run")
    report.start_up = measure_start_up()
    # Warm Numba's on-disk cache first, so no measurement pays for compiling.
    say("warming the compiled engine")
    measure(scenario, 200, workers=1)
    measure(scenario, 200, workers=workers)
    for runs in sizes:
        say(f"{runs:,} histories on {workers} workers")
        taken = measure(scenario, runs, workers=workers)
        report.histories_per_second[runs] = taken.runs_per_second
        report.peak_rss_mb[runs] = taken.peak_rss_mb
    # The ratios compare rates taken minutes apart on a shared machine, so each
    # rate is the median of interleaved repeats: a slow spell hits all three
    # settings alike instead of one.
    rates: dict[str, list[float]] = {"one": [], "two": [], "dask": []}
    for repeat in range(1, RATIO_REPEATS + 1):
        say(f"{ratio_runs:,} histories on 1 worker, 2 and Dask local:2 ({repeat}/{RATIO_REPEATS})")
        rates["one"].append(measure(scenario, ratio_runs, workers=1).runs_per_second)
        rates["two"].append(measure(scenario, ratio_runs, workers=2).runs_per_second)
        rates["dask"].append(measure(scenario, ratio_runs, dask="local:2").runs_per_second)
    report.one_worker = statistics.median(rates["one"])
    report.two_workers = statistics.median(rates["two"])
    report.dask_local_2 = statistics.median(rates["dask"])
    say(f"{interpreted_runs} histories interpreted (NUMBA_DISABLE_JIT=1)")
    report.interpreted = measure(
        scenario, interpreted_runs, workers=1, interpreted=True
    ).runs_per_second
    return report


if __name__ == "__main__":  # the child process of ``measure``
    request = json.loads(sys.argv[1])
    print(json.dumps(_play_streaming(**request)))
