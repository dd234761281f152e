"""The history's own record of what happened, one integer row per event."""

from .jit import mechanism
from .world import LOG_CAPACITY


@mechanism
def record(state, month, kind, actor, other, body, office, votes_for, votes_against, extra):
    row = state.log_count[0]
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
    state.log_count[0] = row + 1
