"""Foreign patrons: a great power pressing a small party's leadership.

A leadership that depends on a foreign patron cannot ignore him.  When the
patron presses for a man (a dated event: its strength and how many months it
lasts), every vote on that man weighs the pressure: a motion against him is
harder to carry, and his return easier.  While the pressure lasts, the top
body's strongest member, who must answer to the patron, moves at each session
to take him back one rung at a time: readmitted to the party, then restored to
the central committee.  Seats in the top body itself still come only through
the electing committee.
"""

from .jit import mechanism
from .journal import log_kind, record
from .layout import columns
from .motions import strongest_insider
from .policy import distance
from .power import settle_camps
from .voting import (
    BACKED_UNTIL,
    BACKING,
    P_FOREIGN_WEIGHT,
    P_VOTE_IDEOLOGY,
    P_VOTE_TRUST,
    backing,
    carried,
    counted,
    tally,
)
from .world import CC, EXILED, EXPELLED, MEMBER, S_READMIT, STATUS, TRUST

F_PRESSURE_MONTHS = columns(
    "event_codes", ("months", "how long a foreign patron's pressure lasts"), facts=True
)

L_FOREIGN_PRESSURE = log_kind(
    "foreign_pressure",
    "a foreign patron presses the leadership on a man's behalf",
    actor=("protege", "the man the patron presses for"),
    extra=("event", "the pressure's dated event, by index in month order"),
)
L_RESTORED = log_kind(
    "restored",
    "under a foreign patron's pressure the top body takes a fallen man back a rung",
    actor=("protege", "who is taken back"),
    other=("sponsor", "who moved it"),
    body="the top body",
    votes_for=("ayes", "votes for it"),
    votes_against=("noes", "votes against it"),
    extra=("status", "the rung he returns to"),
)


@mechanism
def press(state, month, event, protege, strength, months):
    """The patron's demand arrives: it weighs from now for ``months`` months."""
    state.actors[BACKING, protege] = strength
    state.actor_codes[BACKED_UNTIL, protege] = month + months - 1
    record(state, month, L_FOREIGN_PRESSURE, protege, -1, -1, -1, 0, 0, event)


@mechanism
def restore_proteges(world, params, state, month, body):
    """At a session of the top body, each fallen man a patron presses for
    is put to the vote for one rung back: the party, then the committee."""
    sponsor = strongest_insider(state)
    if sponsor < 0:
        return
    for protege in range(state.actor_codes.shape[1]):
        if month > state.actor_codes[BACKED_UNTIL, protege] or protege == sponsor:
            continue
        # The leader moves only if the patron's pressure outweighs his own
        # dislike of the man: their distance in policy, less their trust.
        reluctance = (
            params[P_VOTE_IDEOLOGY] * distance(state, sponsor, protege)
            - params[P_VOTE_TRUST] * state.pairs[TRUST, sponsor, protege]
        )
        if params[P_FOREIGN_WEIGHT] * backing(state, month, protege) <= reluctance:
            continue
        status = state.actor_codes[STATUS, protege]
        if status == EXPELLED or status == EXILED:
            rung = MEMBER
        elif status == MEMBER:
            rung = CC
        else:
            continue  # above the committee, or arrested or dead: beyond his reach
        ayes, noes = tally(world, params, state, month, body, sponsor, protege, S_READMIT, True)
        if not carried(world, body, ayes, noes):
            continue
        state.actor_codes[STATUS, protege] = rung
        settle_camps(params, state)
        shown_for, shown_against = counted(ayes, noes)
        record(state, month, L_RESTORED, protege, sponsor, body, -1, shown_for, shown_against, rung)
