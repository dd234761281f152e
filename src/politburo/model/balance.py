"""The balance of power: who is the strongest member of the top body, and whom
the body takes for its strongest.

The two need not be the same man.  Power from quiet work in the apparatus is
only partly seen (``power``), so an administrator can be the strongest man in
the room for years while his colleagues still fear the orator with the famous
record.  This module notes the months when either answer changes: in truth
(true power, ``power.POWER``) and as the body sees it (``coalition.POWER_VIEW``,
the mean of what the other members perceive, which ``form_coalition`` has just
worked out for the month's bargaining).  A newcomer must lead the man on record
by ``balance_margin`` of that man's power before the change is noted, so that
two near-equals do not trade places in the chronicle every month; a man who no
longer sits in the body is displaced at once.

It only watches.  It draws no random number and writes nothing that another
mechanism reads, so every history's outcome is the same with it or without
it; only the chronicle gains its lines.
"""

from .coalition import POWER_VIEW, top_members
from .jit import mechanism
from .journal import log_kind, record
from .layout import columns
from .parameters import parameter
from .power import POWER

# The lead over the man on record, as a share of his power, that a newcomer
# needs before he is noted as the strongest.
P_BALANCE_MARGIN = parameter("balance_margin")

STRONGEST, STRONGEST_SEEN = columns(
    "counters",
    ("strongest", "the strongest member of the top body in truth, as last noted; -1: none", -1),
    ("strongest_seen", "the member the top body takes for its strongest, as last noted", -1),
)

# The two measures, in a row's ``seen`` field.
IN_TRUTH, AS_SEEN = 0, 1
# A row's ``lead_percent`` where there is no lead to give: at the start, or
# when the man on record has left the body.
NO_LEAD = -1

L_STRONGEST = log_kind(
    "strongest",
    "a new man is the strongest member of the top body, in truth or as the body sees it",
    actor=("strongest", "the new strongest member"),
    other=("previous", "the strongest as noted before him, or -1 at the start"),
    body="the top body",
    votes_for=(
        "counterpart",
        "the strongest by the other measure, as now noted: whom the body takes for its "
        "strongest (a change in truth), or who truly is (a change as seen)",
    ),
    votes_against=(
        "lead_percent",
        "his lead over the previous man, in percent of the previous man's power; -1 at the "
        "start or when the previous man no longer sits in the body",
    ),
    extra=("seen", "0: by true power; 1: as the body sees it"),
)


@mechanism
def strongest_member(members, power):
    """The member of the bitmask ``members`` with the most ``power``, the
    first in order on a tie; -1 if there is none."""
    best = -1
    for actor in range(power.shape[0]):
        if (members >> actor) & 1 and (best < 0 or power[actor] > power[best]):
            best = actor
    return best


@mechanism
def displaces(params, members, power, newcomer, holder):
    """Whether ``newcomer`` displaces ``holder``, the strongest on record, and
    his lead in percent of the holder's power (``NO_LEAD`` if there is none to
    give).  He does when nobody is on record, when the holder no longer sits in
    the body, or when he leads the holder by more than the margin."""
    if newcomer < 0 or newcomer == holder:
        return False, NO_LEAD
    if holder < 0 or not (members >> holder) & 1:
        return True, NO_LEAD
    if power[newcomer] <= (1.0 + params[P_BALANCE_MARGIN]) * power[holder]:
        return False, NO_LEAD
    if power[holder] <= 0.0:
        return True, NO_LEAD
    return True, int(round((power[newcomer] / power[holder] - 1.0) * 100.0))


@mechanism
def note_balance(params, state, month, top_body):
    """Note a new strongest member of the top body, in truth and as the body
    sees him.  Called right after ``form_coalition``, whose ``body_view`` has
    left the body's shared view of the month in POWER_VIEW."""
    members = top_members(state)
    true_power = state.actors[POWER]
    view = state.actors[POWER_VIEW]
    before = state.counters[STRONGEST, 0]
    before_seen = state.counters[STRONGEST_SEEN, 0]
    first = strongest_member(members, true_power)
    first_seen = strongest_member(members, view)
    moved, lead = displaces(params, members, true_power, first, before)
    moved_seen, lead_seen = displaces(params, members, view, first_seen, before_seen)
    # Both answers are settled before either is written down, so that each
    # row can name the strongest by the other measure as it now stands.
    if moved:
        state.counters[STRONGEST, 0] = first
    if moved_seen:
        state.counters[STRONGEST_SEEN, 0] = first_seen
    now = state.counters[STRONGEST, 0]
    now_seen = state.counters[STRONGEST_SEEN, 0]
    if moved:
        record(state, month, L_STRONGEST, now, before, top_body, -1, now_seen, lead, IN_TRUTH)
    if moved_seen:
        record(
            state, month, L_STRONGEST, now_seen, before_seen, top_body, -1, now, lead_seen, AS_SEEN
        )
