"""A batch of histories as Arrow tables, named by the scenario's ids.

Three tables, each one row per fact:

- ``runs``: one row per history: who became dominant and when, the order in
  which rivals were politically eliminated, and the truth of each claim.
- ``eliminations``: one row per actor who left the contest, by any manner.
- ``events``: one row per chronicle entry, written only on request.

String columns are dictionary-encoded, built from integer codes with numpy,
so that a million runs become a table without a Python loop over them.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..model.journal import LOG_KIND_NAMES, log_columns
from ..model.world import LOG_WIDTH, M_DIED, M_INCAPACITATED, MANNER_NAMES, NO_MONTH
from ..scenario.compile import Compiled
from .runner import Batch

# Dying or being struck down ends a career but is nobody's victory: the order
# of elimination is the order of political defeats.
NATURAL_EXITS = (M_DIED, M_INCAPACITATED)
ORDER_SEPARATOR = " > "
CLAIM_PREFIX = "claim_"


def _labels(codes: np.ndarray, names: list[str] | tuple[str, ...]) -> pa.DictionaryArray:
    """Codes into names; a negative code (or one out of range) is null."""
    codes = np.asarray(codes, np.int64)
    missing = (codes < 0) | (codes >= len(names))
    indices = pa.array(np.where(missing, 0, codes).astype(np.int32), mask=missing)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(names), pa.string()))


def _months(compiled: Compiled, months: np.ndarray) -> tuple[pa.Array, pa.DictionaryArray]:
    months = np.asarray(months, np.int64)
    missing = months == NO_MONTH
    labels = [compiled.month_label(m) for m in range(compiled.n_months + 1)]
    return pa.array(months.astype(np.int16), mask=missing), _labels(
        np.where(missing, -1, months), labels
    )


def political_defeats(batch: Batch) -> np.ndarray:
    """[n, A]: who left the contest other than by dying or being struck down."""
    return (batch.eliminated != NO_MONTH) & ~np.isin(batch.manner, NATURAL_EXITS)


def elimination_orders(
    compiled: Compiled, batch: Batch, defeated: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """Each run's order of political eliminations, as a code into a list of
    distinct orders ("a > b > c"; "" when nobody was defeated)."""
    n_actors = defeated.shape[1]
    sequence = np.argsort(np.where(defeated, batch.rank, n_actors + 1), axis=1, kind="stable")
    in_order = np.take_along_axis(defeated, sequence, axis=1)
    keys = np.where(in_order, sequence, -1).astype(np.int8)
    distinct, codes = np.unique(keys, axis=0, return_inverse=True)
    ids = compiled.actor_ids
    texts = [ORDER_SEPARATOR.join(ids[a] for a in row if a >= 0) for row in distinct]
    return codes.reshape(-1), texts


def runs_table(compiled: Compiled, batch: Batch) -> pa.Table:
    first = batch.first
    month, date = _months(compiled, batch.leader_month)
    defeated = political_defeats(batch)
    codes, orders = elimination_orders(compiled, batch, defeated)
    columns = {
        "run": pa.array(np.arange(first, first + batch.runs, dtype=np.int64)),
        "leader": _labels(batch.leader, compiled.actor_ids),
        "leader_date": date,
        "leader_month": month,
        "elimination_order": _labels(codes, orders),
        "defeated": pa.array(defeated.sum(axis=1).astype(np.int8)),
    }
    for k, claim in enumerate(compiled.claim_ids):
        columns[CLAIM_PREFIX + claim] = pa.array(batch.verdicts[:, k])
    return pa.table(columns)


def eliminations_table(compiled: Compiled, batch: Batch) -> pa.Table:
    runs, actors = np.nonzero(batch.eliminated != NO_MONTH)
    month, date = _months(compiled, batch.eliminated[runs, actors])
    return pa.table(
        {
            "run": pa.array(batch.first + runs.astype(np.int64)),
            "actor": _labels(actors, compiled.actor_ids),
            "date": date,
            "month": month,
            "manner": _labels(batch.manner[runs, actors], MANNER_NAMES),
            "rank": pa.array(batch.rank[runs, actors].astype(np.int16)),
        }
    )


def events_table(compiled: Compiled, batch: Batch) -> pa.Table:
    """The chronicle rows, with ids where a column names an actor, body or
    office.  ``other`` is a second actor (a motion's target, a document's
    author, a partner); ``extra`` is a code whose meaning depends on the kind:
    for a coalition it is the bitmask of its members by actor index.  The
    columns' meanings, kind by kind, are the log's declarations (``log_kind``
    in the engine module that writes each kind); ``log_columns`` reads the rows
    by them."""
    rows = batch.events if batch.events is not None else np.zeros((0, 1 + LOG_WIDTH), np.int64)
    run = rows[:, 0]
    log = log_columns(rows[:, 1:])
    month, date = _months(compiled, log["month"])
    # Rows of one run are consecutive: number them within their run.
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]]) if run.size else np.zeros(0, int)
    lengths = np.diff(np.r_[starts, run.size])
    sequence = np.arange(run.size) - np.repeat(starts, lengths)
    return pa.table(
        {
            "run": pa.array(run.astype(np.int64)),
            "seq": pa.array(sequence.astype(np.int32)),
            "date": date,
            "month": month,
            "kind": _labels(log["kind"], LOG_KIND_NAMES),
            "actor": _labels(log["actor"], compiled.actor_ids),
            "other": _labels(log["other"], compiled.actor_ids),
            "body": _labels(log["body"], compiled.body_ids),
            "office": _labels(log["office"], compiled.office_ids),
            "votes_for": pa.array(log["votes_for"].astype(np.int32)),
            "votes_against": pa.array(log["votes_against"].astype(np.int32)),
            "extra": pa.array(log["extra"].astype(np.int64)),
        }
    )


def batch_tables(compiled: Compiled, batch: Batch) -> dict[str, pa.Table]:
    tables = {
        "runs": runs_table(compiled, batch),
        "eliminations": eliminations_table(compiled, batch),
    }
    if batch.events is not None:
        tables["events"] = events_table(compiled, batch)
    return tables
