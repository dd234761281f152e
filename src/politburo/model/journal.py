"""The history's own record of what happened, one integer row per event.

A row has nine int32 columns (``LOG_COLUMNS``): the month, the kind of event
and seven columns whose meaning depends on the kind.  Each mechanism module
declares the kinds of row it writes with ``log_kind``: the kind's name, what
happened, and what each column it uses means::

    L_DEATH = log_kind("death", "an actor dies", actor="who died")

``log_kind`` returns the kind's number, a plain module-level int that the
compiled mechanisms pass to ``record``.  Kinds are numbered in the order they
are declared; ``model/__init__`` imports every mechanism in one fixed order
and then seals the registry, so the numbers never depend on which module a
user imports first.

The declarations are the only key to a row: ``decode`` turns a row into a
named record (``entry.leader``, ``entry.bloc_percent``) and ``log_columns``
names a whole log's columns at once, so that the chronicle and the events
table read rows by the names their kinds declare, never by column position.
"""

from __future__ import annotations

import keyword
from collections import namedtuple
from dataclasses import dataclass

import numpy as np

from .jit import mechanism
from .layout import columns
from .world import LOG_CAPACITY, LOG_WIDTH

LOG_COUNT = columns("counters", ("log_count", "rows written to the log", 0))

# The columns of a row.  Month and kind mean the same for every row; the
# others mean what the row's kind declares.
LOG_COLUMNS = (
    "month",
    "kind",
    "actor",
    "other",
    "body",
    "office",
    "votes_for",
    "votes_against",
    "extra",
)
LOG_MONTH, LOG_KIND, LOG_ACTOR, LOG_OTHER, LOG_BODY, LOG_OFFICE, LOG_FOR, LOG_AGAINST, LOG_EXTRA = (
    range(len(LOG_COLUMNS))
)
assert len(LOG_COLUMNS) == LOG_WIDTH
DECLARED_COLUMNS = LOG_COLUMNS[LOG_ACTOR:]

# A bitmask of actors (the ruling coalition) is wider than one int32 column:
# it is split into two 31-bit parts, the high part in ``other`` and the low
# part in ``extra``.  ``split_mask`` and ``join_mask`` are the only code that
# knows how.
MASK_PART_BITS = 31
MASK_PART = (1 << MASK_PART_BITS) - 1
MASK_COLUMNS = ("other", "extra")  # (high part, low part)


@mechanism
def split_mask(mask):
    """A bitmask of actors as (high, low) 31-bit parts, for ``other`` and
    ``extra``."""
    return (mask >> MASK_PART_BITS) & MASK_PART, mask & MASK_PART


def join_mask(high, low):
    """The bitmask ``split_mask`` split; works on Python ints and on int64
    arrays alike (an int32 array would overflow: widen it first)."""
    return (low & MASK_PART) | ((high & MASK_PART) << MASK_PART_BITS)


@mechanism
def record(state, month, kind, actor, other, body, office, votes_for, votes_against, extra):
    row = state.counters[LOG_COUNT, 0]
    if row >= LOG_CAPACITY:
        return
    entry = state.log[row]
    entry[LOG_MONTH] = month
    entry[LOG_KIND] = kind
    entry[LOG_ACTOR] = actor
    entry[LOG_OTHER] = other
    entry[LOG_BODY] = body
    entry[LOG_OFFICE] = office
    entry[LOG_FOR] = votes_for
    entry[LOG_AGAINST] = votes_against
    entry[LOG_EXTRA] = extra
    state.counters[LOG_COUNT, 0] = row + 1


# --- the declarations ------------------------------------------------------------------


@dataclass(frozen=True)
class LogField:
    """What one or two columns of a kind's row mean.  A field over two
    columns is a bitmask split by ``split_mask`` (``MASK_COLUMNS``)."""

    name: str
    doc: str
    columns: tuple[str, ...]

    @property
    def is_mask(self) -> bool:
        return len(self.columns) == 2


@dataclass(frozen=True)
class LogKind:
    """One kind of log row: its name and number, what happened, and the
    fields its columns hold.  Columns it does not declare are unused (the
    mechanism writes -1 or 0 there)."""

    name: str
    number: int
    doc: str
    fields: tuple[LogField, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def field(self, name: str) -> LogField:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"log kind {self.name!r} has no field {name!r}")


_DECLARED: list[LogKind] = []  # every kind declared so far, by number
_SEALED = False
_ENTRY_TYPES: dict[int, type] = {}  # the named tuple a row of each kind decodes to


def log_kind(name: str, doc: str, *, mask: tuple[str, str] | None = None, **meanings) -> int:
    """Declare a kind of log row and return its number.

    Each keyword names a column (``actor``, ``other``, ``body``, ``office``,
    ``votes_for``, ``votes_against``, ``extra``) and says what it holds for
    this kind: ``(field_name, meaning)``, or just ``meaning`` when the field
    is named after its column.  ``mask=(field_name, meaning)`` declares a
    bitmask of actors split over ``other`` and ``extra`` by ``split_mask``.
    A field named ``body`` is the body where the thing happened."""
    if _SEALED:
        raise RuntimeError(
            f"log kind {name!r} is declared after the registry was sealed: declare kinds "
            "at the top of a mechanism module that model.history imports"
        )
    if any(kind.name == name for kind in _DECLARED):
        raise ValueError(f"log kind {name!r} is declared twice")
    fields = []
    for column, meaning in meanings.items():
        if column not in DECLARED_COLUMNS:
            raise ValueError(f"log kind {name!r}: no log column {column!r}")
        field_name, field_doc = (column, meaning) if isinstance(meaning, str) else meaning
        fields.append(LogField(field_name, field_doc, (column,)))
    if mask is not None:
        taken = [column for column in MASK_COLUMNS if column in meanings]
        if taken:
            raise ValueError(f"log kind {name!r}: the mask's columns {taken} are declared too")
        fields.append(LogField(mask[0], mask[1], MASK_COLUMNS))
    # Fields in the order of their columns, so that a decoded row reads like the row.
    fields.sort(key=lambda field: LOG_COLUMNS.index(field.columns[-1]))
    names = [field.name for field in fields]
    for field_name in names:
        if not field_name.isidentifier() or keyword.iskeyword(field_name):
            raise ValueError(f"log kind {name!r}: field {field_name!r} is not a Python name")
        if field_name in ("kind", "month") or names.count(field_name) > 1:
            raise ValueError(f"log kind {name!r}: field {field_name!r} is taken")
    kind = LogKind(name, len(_DECLARED), doc, tuple(fields))
    _DECLARED.append(kind)
    _ENTRY_TYPES[kind.number] = namedtuple(f"{name}_entry", ("kind", "month", *names))
    return kind.number


def seal() -> None:
    """Close the registry once every mechanism module is imported (see
    ``model/__init__``): the kinds' numbers are final, and ``LOG_KINDS``,
    ``LOG_KIND_NAMES`` and ``LOG_KIND_BY_NAME`` exist from then on."""
    global _SEALED, LOG_KINDS, LOG_KIND_NAMES, LOG_KIND_BY_NAME
    _SEALED = True
    LOG_KINDS = tuple(_DECLARED)
    LOG_KIND_NAMES = tuple(kind.name for kind in LOG_KINDS)
    LOG_KIND_BY_NAME = {kind.name: kind for kind in LOG_KINDS}


# Set by ``seal``: every kind by number, their names in number order, and by name.
LOG_KINDS: tuple[LogKind, ...]
LOG_KIND_NAMES: tuple[str, ...]
LOG_KIND_BY_NAME: dict[str, LogKind]


# --- reading rows ----------------------------------------------------------------------

# A row of a kind no module declares (a log from another version, say): its
# raw columns, for a message.
UndeclaredEntry = namedtuple("UndeclaredEntry", ("kind", "month", "number", "row"))


def decode(row) -> tuple:
    """One log row as a named tuple of plain ints: ``kind`` (its name),
    ``month`` and the fields its kind declares, e.g. ``entry.leader``.  A
    split bitmask comes back joined."""
    values = dict(zip(LOG_COLUMNS, (int(value) for value in row), strict=True))
    number = values["kind"]
    if not 0 <= number < len(LOG_KINDS):
        return UndeclaredEntry(f"kind_{number}", values["month"], number, tuple(values.values()))
    kind = LOG_KINDS[number]
    fields = [
        join_mask(values[field.columns[0]], values[field.columns[1]])
        if field.is_mask
        else values[field.columns[0]]
        for field in kind.fields
    ]
    return _ENTRY_TYPES[number](kind.name, values["month"], *fields)


# What ``encode`` writes in a column a kind leaves unused, as the mechanisms do.
UNUSED = {"actor": -1, "other": -1, "body": -1, "office": -1}


def encode(kind: str, month: int, **fields: int) -> list[int]:
    """The log row that ``decode`` reads back as these fields: for tests and
    examples, to write a row by the names its kind declares.  Fields left out
    read -1 (actor, other, body, office) or 0."""
    declared = LOG_KIND_BY_NAME[kind]
    values = {column: UNUSED.get(column, 0) for column in DECLARED_COLUMNS}
    for name, value in fields.items():
        field = declared.field(name)
        if field.is_mask:
            split = getattr(split_mask, "py_func", split_mask)  # the same code, uncompiled
            values.update(zip(field.columns, split(value), strict=True))
        else:
            values[field.columns[0]] = value
    return [month, declared.number, *values.values()]


def log_columns(log: np.ndarray) -> dict[str, np.ndarray]:
    """A whole log's columns by name, as int64: [rows, LOG_WIDTH] in.  In rows
    of a kind with a split bitmask the mask is joined into ``extra`` (its low
    column) and ``other`` reads -1."""
    log = np.asarray(log, np.int64).reshape(-1, len(LOG_COLUMNS))
    named = {name: log[:, index] for index, name in enumerate(LOG_COLUMNS)}
    masked = [kind.number for kind in LOG_KINDS if any(field.is_mask for field in kind.fields)]
    spread = np.isin(named["kind"], masked)
    if spread.any():
        high, low = named[MASK_COLUMNS[0]], named[MASK_COLUMNS[1]]
        named[MASK_COLUMNS[1]] = np.where(spread, join_mask(high, low), low)
        named[MASK_COLUMNS[0]] = np.where(spread, -1, high)
    return named
