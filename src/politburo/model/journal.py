"""The history's own record of what happened, one integer row per event."""

from .jit import mechanism
from .layout import columns
from .world import LOG_CAPACITY

LOG_COUNT = columns("counters", ("log_count", "rows written to the log", 0))


@mechanism
def record(state, month, kind, actor, other, body, office, votes_for, votes_against, extra):
    row = state.counters[LOG_COUNT, 0]
    if row >= LOG_CAPACITY:
        return
    entry = state.log[row]
    entry[0] = month
    entry[1] = kind
    entry[2] = actor
    entry[3] = other
    entry[4] = body
    entry[5] = office
    entry[6] = votes_for
    entry[7] = votes_against
    entry[8] = extra
    state.counters[LOG_COUNT, 0] = row + 1
