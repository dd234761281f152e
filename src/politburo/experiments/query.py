"""SQL over a results store, with DuckDB reading the Parquet files in place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from .store import TABLES, ResultStore, StoreError

if TYPE_CHECKING:  # DuckDB is imported when a query runs, not with the API
    import duckdb


class QueryError(Exception):
    """SQL that DuckDB cannot run over this store."""


def connect(store: ResultStore) -> duckdb.DuckDBPyConnection:
    """An in-memory database with one view per stored table."""
    import duckdb

    connection = duckdb.connect()
    for table in TABLES:
        parts = [str(part) for part in store.parts(table)]
        if parts:
            files = ", ".join("'" + part.replace("'", "''") + "'" for part in parts)
            connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{files}])")
    return connection


def query(directory: str | Path, sql: str) -> pa.Table:
    """Run ``sql`` over the results store in ``directory``: its tables are
    ``runs``, ``eliminations`` and, when kept, ``events``."""
    import duckdb

    store = ResultStore.open(directory)
    if not store.manifest["chunks_done"]:
        raise StoreError(f"{directory} holds no finished chunk yet")
    connection = connect(store)
    try:
        relation = connection.sql(sql)
        if relation is None:  # a statement that returns no rows
            return pa.table({})
        return relation.to_arrow_table()
    except duckdb.Error as error:
        message = str(error).strip()
        if "events" in sql and not store.parts("events"):
            message += " (this ensemble was run without --events, so it has no events table)"
        raise QueryError(message) from None
    finally:
        connection.close()
