"""Ensembles: the same numbers on every backend, a durable store, and SQL.

Reproducibility is the contract here: each history's outcome depends on the
root seed and its index only, so the ``runs`` table must be identical however
the ensemble is cut into chunks, on one thread or two, in this process or on
a Dask cluster, and whether or not it was stored and read back.
"""

from __future__ import annotations

import json
import os
import signal
import threading

import numpy as np
import pandas as pd
import pytest

import politburo
from politburo.api import RequestError
from politburo.experiments.ensembles import default_chunk
from politburo.experiments.executors import DaskCluster, ExecutorError
from politburo.experiments.query import QueryError, query
from politburo.experiments.store import MANIFEST, ResultStore, StoreError

RUNS = 600
SEED = 17


@pytest.fixture(scope="module")
def ussr():
    return politburo.load("ussr-1924")


@pytest.fixture(scope="module")
def reference(ussr):
    """The ensemble played the plainest way: one thread, one chunk."""
    return politburo.ensemble(ussr, n=RUNS, seed=SEED, chunk=RUNS)


def same_tables(a, b) -> None:
    for table in ("runs", "eliminations"):
        pd.testing.assert_frame_equal(
            a.table(table).to_pandas(), b.table(table).to_pandas(), check_categorical=False
        )


# --- the same numbers everywhere -----------------------------------------------------


def test_chunk_size_changes_no_run(ussr, reference):
    cut = politburo.ensemble(ussr, n=RUNS, seed=SEED, chunk=97)
    same_tables(reference, cut)


@pytest.mark.parametrize("chunk", [250, 173, 7])
def test_two_threads_change_no_run(ussr, reference, chunk):
    """Whole lanes, a short last lane, and chunks smaller than one lane."""
    threaded = politburo.ensemble(ussr, n=RUNS, seed=SEED, workers=2, chunk=chunk)
    same_tables(reference, threaded)


def test_dask_local_cluster_changes_no_run(ussr, reference):
    on_dask = politburo.ensemble(ussr, n=RUNS, seed=SEED, dask="local:2", chunk=150)
    same_tables(reference, on_dask)
    assert on_dask.summary().as_json()["leaders"] == reference.summary().as_json()["leaders"]


def test_a_local_dask_cluster_listens_only_on_loopback():
    cluster = DaskCluster("local:2")
    try:
        workers = cluster.client.scheduler_info()["workers"]
        addresses = [cluster.client.scheduler.address, *workers]
        addresses += [worker["nanny"] for worker in workers.values()]
        assert len(workers) == 2 and cluster.parallelism == 2
        assert all(address.startswith("tcp://127.0.0.1:") for address in addresses), addresses
    finally:
        cluster.close()


def test_a_dead_dask_worker_changes_no_run(ussr, reference):
    """Kill a worker process while it plays chunks: Dask plays them again
    elsewhere, and the ensemble comes out the same."""
    from politburo.experiments import executors

    chunks_seen = threading.Event()
    original = DaskCluster.play

    def play_and_kill(self, task, compiled, seed, chunks):
        pids = self.client.run(os.getpid)
        for number, item in enumerate(original(self, task, compiled, seed, chunks)):
            if number == 0:
                # One finished chunk proves the workers are busy; now one dies.
                os.kill(next(iter(pids.values())), signal.SIGKILL)
                chunks_seen.set()
            yield item

    executors.DaskCluster.play = play_and_kill
    try:
        survived = politburo.ensemble(ussr, n=RUNS, seed=SEED, dask="local:2", chunk=60)
    finally:
        executors.DaskCluster.play = original
    assert chunks_seen.is_set()
    same_tables(reference, survived)


# --- the result object ----------------------------------------------------------------


def test_summary_counts_the_runs(reference):
    summary = reference.summary()
    runs = reference.runs
    assert summary.runs == RUNS == len(runs)
    stalin = next(leader for leader in summary.leaders if leader.actor == "stalin")
    assert stalin.share.value == pytest.approx((runs["leader"] == "stalin").mean())
    assert summary.none.value == pytest.approx(runs["leader"].isna().mean())
    assert stalin.share.low < stalin.share.value < stalin.share.high
    shares = [order.share.value for order in summary.orders]
    assert shares == sorted(shares, reverse=True)
    top = runs["elimination_order"].astype(str).value_counts()
    assert summary.orders[0].order == top.index[0]
    assert summary.orders[0].share.value == pytest.approx(top.iloc[0] / RUNS)


def test_runs_table_has_one_row_per_history_with_claims(reference):
    runs = reference.runs
    assert runs["run"].tolist() == list(range(RUNS))
    assert {"leader", "leader_date", "leader_month", "elimination_order", "defeated"} <= set(
        runs.columns
    )
    claims = [column for column in runs.columns if column.startswith("claim_")]
    assert "claim_trotsky_first" in claims
    assert all(runs[claim].dtype == np.bool_ for claim in claims)
    # A history that nobody dominated has no date.
    assert runs.loc[runs["leader"].isna(), "leader_date"].isna().all()
    won = runs[runs["leader"].notna()]
    assert won["leader_date"].str.match(r"^19[23]\d-\d\d$").all()
    # The order lists exactly the political defeats, each actor once.
    for order, defeated in zip(
        runs["elimination_order"].astype(str), runs["defeated"], strict=True
    ):
        names = [name for name in order.split(" > ") if name]
        assert len(names) == len(set(names)) == defeated


def test_eliminations_agree_with_orders(reference):
    runs = reference.runs.set_index("run")
    falls = reference.eliminations
    political = falls[~falls["manner"].isin(["died", "incapacitated"])]
    for run, group in list(political.groupby("run"))[:50]:
        order = " > ".join(group.sort_values("rank")["actor"].astype(str))
        assert order == runs.loc[run, "elimination_order"]


def test_query_in_memory(reference):
    frame = reference.query(
        "SELECT leader, count(*) AS n FROM runs GROUP BY leader ORDER BY n DESC"
    )
    assert frame["n"].sum() == RUNS


def test_html_and_repr(reference):
    page = reference._repr_html_()
    assert "<table" in page and "Joseph Stalin" in page
    assert "ussr-1924" in repr(reference)


def test_default_chunks_are_thousands_of_runs():
    assert default_chunk(1_000_000, 2) == 10_000
    assert default_chunk(10_000, 2) == 1_250
    assert default_chunk(300, 2) == 300


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        ({"n": 0}, "n must be at least 1"),
        ({"n": 10, "seed": -1}, "seed"),
        ({"n": 10, "workers": 0}, "workers"),
        ({"n": 10, "resume": True}, "resume"),
    ],
)
def test_nonsense_requests_are_refused(ussr, arguments, fragment):
    with pytest.raises(RequestError, match=fragment):
        politburo.ensemble(ussr, **arguments)


def test_a_bad_dask_address_is_refused(ussr):
    with pytest.raises(ExecutorError, match="local:K"):
        politburo.ensemble(ussr, n=10, dask="nowhere")
    with pytest.raises(ExecutorError, match="cannot reach"):
        politburo.ensemble(ussr, n=10, dask="tcp://127.0.0.1:9")


# --- the store --------------------------------------------------------------------------


def test_store_round_trip(ussr, reference, tmp_path):
    stored = politburo.ensemble(ussr, n=RUNS, seed=SEED, out=tmp_path / "e", chunk=200)
    same_tables(reference, stored)
    manifest = json.loads((tmp_path / "e" / MANIFEST).read_text())
    assert manifest["seed"] == SEED and manifest["runs"] == RUNS
    assert manifest["chunks_done"] == [0, 1, 2] and manifest["finished"]
    assert manifest["version"] == politburo.__version__
    assert manifest["scenario_hash"].startswith("sha256:")
    assert manifest["parameters"]["perception_noise"] > 0
    assert sorted(p.name for p in (tmp_path / "e" / "runs").iterdir()) == [
        "part-000000.parquet",
        "part-000001.parquet",
        "part-000002.parquet",
    ]
    count = query(tmp_path / "e", "SELECT count(*) AS n FROM runs").to_pylist()
    assert count == [{"n": RUNS}]
    # An in-memory result written out reads back the same.
    reference.to_parquet(tmp_path / "copy")
    same_tables(
        reference, politburo.ensemble(ussr, n=RUNS, seed=SEED, out=tmp_path / "copy", resume=True)
    )


def test_events_are_stored_only_on_request(ussr, tmp_path):
    plain = politburo.ensemble(ussr, n=20, seed=3, out=tmp_path / "plain")
    assert not (tmp_path / "plain" / "events").exists()
    with pytest.raises(QueryError, match="without --events"):
        query(tmp_path / "plain", "SELECT * FROM events")
    logged = politburo.ensemble(ussr, n=20, seed=3, out=tmp_path / "logged", events=True)
    same_tables(plain, logged)
    events = logged.events
    assert set(events["run"]) == set(range(20))
    assert {"dominant", "eliminated", "motion_passed"} <= set(events["kind"].astype(str))
    dominant = events[events["kind"] == "dominant"].set_index("run")["actor"].astype(str)
    runs = logged.runs.set_index("run")
    assert (runs.loc[dominant.index, "leader"].astype(str) == dominant).all()


def test_an_ensemble_is_never_overwritten(ussr, tmp_path):
    politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e")
    with pytest.raises(StoreError, match="--resume"):
        politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not empty"):
        politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "other")
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    "change, fragment",
    [
        ({"seed": 2}, "seed"),
        ({"n": 11}, "runs"),
        ({"scenario": "junta"}, "scenario"),
        ({"events": True}, "event logs"),
    ],
)
def test_a_mismatched_resume_is_refused(ussr, tmp_path, change, fragment):
    politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e")
    before = (tmp_path / "e" / MANIFEST).read_text()
    arguments = {"scenario": ussr, "n": 10, "seed": 1, **change}
    with pytest.raises(StoreError, match=f"cannot resume .*{fragment}"):
        politburo.ensemble(out=tmp_path / "e", resume=True, **arguments)
    assert (tmp_path / "e" / MANIFEST).read_text() == before


def test_a_resume_under_another_version_is_refused(ussr, tmp_path):
    politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e")
    path = tmp_path / "e" / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["version"] = "0.0.1"
    path.write_text(json.dumps(manifest))
    with pytest.raises(StoreError, match="package version '0.0.1'"):
        politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e", resume=True)


def test_a_full_disk_leaves_only_whole_chunks(ussr, tmp_path, monkeypatch):
    """The third chunk's write fails as on a full disk: one clear error, no
    temporary file, and a manifest listing the two chunks that are whole."""
    import pyarrow.parquet as pq

    from politburo.experiments import store as store_module

    real_write = pq.write_table
    calls = {"n": 0}

    def write_until_full(table, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 4:  # two tables a chunk: the third chunk fails
            real_write(table, path, *args, **kwargs)  # a partial file appears...
            raise OSError(28, "No space left on device")
        real_write(table, path, *args, **kwargs)

    monkeypatch.setattr(store_module.pq, "write_table", write_until_full)
    with pytest.raises(StoreError, match="no space left.*2 chunk.*--resume"):
        politburo.ensemble(ussr, n=50, seed=4, out=tmp_path / "e", chunk=10)
    monkeypatch.undo()
    files = sorted(p.name for p in (tmp_path / "e").rglob("*") if p.is_file())
    assert not [name for name in files if name.endswith(".tmp")]
    assert json.loads((tmp_path / "e" / MANIFEST).read_text())["chunks_done"] == [0, 1]
    resumed = politburo.ensemble(ussr, n=50, seed=4, out=tmp_path / "e", resume=True)
    same_tables(resumed, politburo.ensemble(ussr, n=50, seed=4))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_directory_without_write_permission_is_refused(ussr, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    with pytest.raises(StoreError, match="cannot write .*permission denied"):
        politburo.ensemble(ussr, n=10, out=locked / "e")
    assert list(locked.iterdir()) == []


def test_a_read_only_file_system_is_refused(ussr, tmp_path, monkeypatch):
    """The file system refuses the first write, as a read-only mount does: one
    clear error, and the directory the ensemble made is gone again."""
    from politburo.experiments import store as store_module

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    with pytest.raises(StoreError, match="cannot write .*read-only file system"):
        politburo.ensemble(ussr, n=10, out=tmp_path / "e")
    assert list(tmp_path.iterdir()) == []


def test_a_store_can_be_read_while_unfinished(ussr, tmp_path):
    politburo.ensemble(ussr, n=30, seed=2, out=tmp_path / "e", chunk=10)
    path = tmp_path / "e" / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["chunks_done"] = [0, 2]
    manifest["finished"] = None
    path.write_text(json.dumps(manifest))
    store = ResultStore.open(tmp_path / "e")
    assert not store.complete
    assert query(tmp_path / "e", "SELECT min(run) AS a, max(run) AS b FROM runs").to_pylist() == [
        {"a": 0, "b": 29}
    ]
    assert query(tmp_path / "e", "SELECT count(*) AS n FROM runs").to_pylist() == [{"n": 20}]


def test_query_errors_name_the_problem(ussr, tmp_path):
    with pytest.raises(StoreError, match="not a results directory"):
        query(tmp_path / "nothing", "SELECT 1")
    politburo.ensemble(ussr, n=10, seed=1, out=tmp_path / "e")
    with pytest.raises(QueryError, match="(?i)parser|syntax"):
        query(tmp_path / "e", "SELEC nonsense")
    with pytest.raises(QueryError, match="nosuchcolumn"):
        query(tmp_path / "e", "SELECT nosuchcolumn FROM runs")


def test_progress_hears_every_run(ussr, tmp_path):
    heard = []
    politburo.ensemble(ussr, n=35, seed=1, chunk=10, progress=heard.append)
    assert heard == [10, 10, 10, 5]
