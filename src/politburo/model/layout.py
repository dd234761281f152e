"""How a history's numbers are laid out: a few typed blocks with named columns.

The facts of a scenario (the World) and what changes in one history (the
State) are each a handful of 2-D or 3-D NumPy arrays, one per kind of thing
and per type: the actors' real numbers, the actors' codes (integers), pairs
of actors, offices, cadres, axes...  A block's first index is a column, read by
a named constant, the way ``params[P_...]`` is read: ``state.actors[PRESTIGE]``
is every actor's prestige, one contiguous row, as fast to loop over as an
array of its own.  A call between compiled
functions then passes a few array descriptors, not hundreds of them.

Each mechanism module declares the columns it owns with ``columns``: their
names, what they mean and how a history starts them.  The blocks' widths, the
State's allocation, the generic part of ``reset`` and the names lists all
follow from those declarations; nothing is numbered by hand.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Column:
    block: str
    name: str
    index: int
    doc: str
    start: float | str | None  # a constant, a fact's column name, or set by a mechanism


@dataclass
class Block:
    """One typed array.  ``rows`` names what its leading indices count."""

    name: str
    dtype: type
    rows: tuple[str, ...]
    doc: str
    columns: list[Column] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.columns)

    def shape(self, rows: dict[str, int]) -> list[int]:
        """The array's shape for a scenario with these counts.  A block with no
        named columns is a plain table over its rows (a body's meetings by month)."""
        shape = [rows[row] for row in self.rows]
        return [self.width] + shape if self.columns else shape

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"block {self.name!r} has no column {name!r}")


def _blocks(*blocks: Block) -> dict[str, Block]:
    return {block.name: block for block in blocks}


# The facts of a scenario, the same for every history.
FACT_BLOCKS = _blocks(
    Block("actors", np.float64, ("actor",), "traits and starting standing"),
    Block("actor_codes", np.int64, ("actor",), "starting status and patron"),
    Block("stances", np.float64, ("actor", "axis"), "starting positions on each axis"),
    Block("pairs", np.float64, ("actor", "actor"), "starting trust between two actors"),
    Block("offices", np.float64, ("office",), "the resources an office grants"),
    Block("office_codes", np.int64, ("office",), "starting holder, filling body"),
    Block("bodies", np.int64, ("body",), "role, electing body, appeals, voting rule"),
    Block("body_decides", np.int64, ("body", "sanction"), "1 where a body may decide a sanction"),
    Block("body_meets", np.int64, ("body", "month"), "1 where a body sits that month"),
    Block("body_members", np.int64, ("body", "actor"), "1 for the named members of a body"),
    Block("body_seats", np.int64, ("body", "month"), "a body's voting seats that month"),
    Block("office_eligible", np.int64, ("office", "actor"), "1 where a man may hold an office"),
    Block("cadres", np.float64, ("cadre",), "delegates and loyalty at the start"),
    Block("cadre_codes", np.int64, ("cadre",), "starting patron, the machine office"),
    Block("leanings", np.float64, ("cadre", "axis"), "each organisation's leaning"),
    Block("axes", np.float64, ("axis",), "how much each axis matters normally"),
    Block("rules", np.float64, ("rule",), "a rule's strength"),
    Block("rule_codes", np.int64, ("rule",), "a rule's kind, dates and founder"),
    Block("events", np.float64, ("event",), "an event's magnitude and size"),
    Block("event_codes", np.int64, ("event",), "an event's month, kind and parties"),
    Block("event_shifts", np.float64, ("event", "axis"), "how a crisis moves the mood"),
    Block("claims", np.float64, ("claim",), "a claim's direction and threshold"),
    Block("claim_codes", np.int64, ("claim",), "a claim's kind, subject and actor sets"),
    Block("settings", np.int64, ("one",), "months, the top body, candidate seats"),
)

# What changes in one history.
STATE_BLOCKS = _blocks(
    Block("actors", np.float64, ("actor",), "each actor's standing, power and memory"),
    Block("actor_codes", np.int64, ("actor",), "each actor's status, conduct and fate"),
    Block("stances", np.float64, ("actor", "axis"), "each actor's position on each axis"),
    Block("pairs", np.float64, ("actor", "actor"), "what one actor thinks of another"),
    Block("pair_codes", np.int64, ("actor", "actor"), "what two actors have done together"),
    Block("offices", np.float64, ("office",), "derived facts about each office"),
    Block("office_codes", np.int64, ("office",), "who holds each office"),
    Block("cadres", np.float64, ("cadre",), "each regional organisation's size and loyalty"),
    Block("cadre_codes", np.int64, ("cadre",), "whom each organisation answers to"),
    Block("axes", np.float64, ("axis",), "salience, the rank and file's mood, the line"),
    Block("event_codes", np.int64, ("event",), "where each document stands"),
    Block("claims", np.float64, ("claim",), "what the claims have noted so far"),
    Block("claim_codes", np.int64, ("claim",), "what the claims have noted so far"),
    Block("blocs", np.float64, ("bloc",), "committee seats and delegates by bloc leader"),
    Block("counters", np.int64, ("one",), "the history's single numbers"),
    Block("search", np.float64, ("subset",), "scratch for the coalition search"),
    Block("search_codes", np.int64, ("subset",), "scratch for the coalition search"),
)

# The block numbers of the State, for the table ``reset`` starts them from.
(
    ACTORS,
    ACTOR_CODES,
    STANCES,
    PAIRS,
    PAIR_CODES,
    OFFICES,
    OFFICE_CODES,
    CADRES,
    CADRE_CODES,
    AXES,
    EVENT_CODES,
    CLAIMS,
    CLAIM_CODES,
    BLOCS,
    COUNTERS,
    SEARCH,
    SEARCH_CODES,
) = range(len(STATE_BLOCKS))
assert list(STATE_BLOCKS).index("search_codes") == SEARCH_CODES

# ``starts`` and ``start_sources``: per State block and column, the constant it
# starts at and the fact column it copies (-1 if none); see ``reset``.
World = namedtuple("World", [*FACT_BLOCKS, "starts", "start_sources"])
# ``dice``: the history's random generator, four 64-bit words (see ``chance``).
State = namedtuple("State", [*STATE_BLOCKS, "log", "stopwatch", "dice"])


def columns(block: str, *declared: tuple, facts: bool = False) -> tuple[int, ...] | int:
    """Declare columns of a State block (or, with ``facts``, of a World block)
    and return their indices, in order; one index if one column.

    Each column is ``(name, doc)`` or ``(name, doc, start)``: ``start`` is the
    value ``reset`` gives it, or the name of the fact column of the same block
    it is copied from; without one, a mechanism sets it."""
    target = (FACT_BLOCKS if facts else STATE_BLOCKS)[block]
    indices = []
    for spec in declared:
        name, doc, *start = spec
        if any(column.name == name for column in target.columns):
            raise ValueError(f"column {name!r} of block {block!r} is declared twice")
        column = Column(block, name, target.width, doc, start[0] if start else None)
        target.columns.append(column)
        indices.append(column.index)
    return indices[0] if len(indices) == 1 else tuple(indices)


def starting_values(block: Block) -> tuple[np.ndarray, np.ndarray]:
    """Per column of a State block: the constant it starts at, and the fact
    column it is copied from (-1 if none).  ``reset`` fills a block from these."""
    constant = np.zeros(block.width, np.float64)
    source = np.full(block.width, -1, np.int64)
    for column in block.columns:
        if isinstance(column.start, str):
            source[column.index] = FACT_BLOCKS[block.name].column(column.start).index
        elif column.start is not None:
            constant[column.index] = column.start
    return constant, source
