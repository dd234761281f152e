"""Who is out, who is on top, and which claims about the history hold.

An actor becomes a contender once he sits in the top body or holds an office
that is a power base.  He is eliminated the first time he loses that seat or
his last power base, or leaves the game altogether.  An actor is dominant
when, for several months in a row, most of the top body are his clients or
coalition partners and no rival outside his camp keeps a power base of his own
above a threshold.
"""

from .coalition import ALLIED
from .jit import mechanism
from .journal import log_kind, record
from .layout import columns
from .parameters import parameter
from .power import P_WEIGHT_PRESTIGE, POWER, bloc_leader, is_active, sits_in_top
from .world import (
    CANDIDATE,
    CLAIM_ALLIED,
    CLAIM_BEFORE,
    CLAIM_SHIFT,
    COALITION,
    F_AFTER,
    F_AGAINST,
    F_ALLIES,
    F_CLAIM_AXIS,
    F_CLAIM_KIND,
    F_DIRECTION,
    F_FIRST,
    F_MIN_SHIFT,
    F_SUBJECT,
    F_THEN,
    FULL,
    HOLDER,
    NO_MONTH,
    POSITION,
    PRESTIGE,
    STATUS,
)

P_DOMINANCE_MONTHS = parameter("dominance_months")
P_INDEPENDENT_BASE = parameter("independent_base")

ELIMINATED, MANNER, ELIMINATION_RANK, CONTENDER, BASE = columns(
    "actor_codes",
    ("eliminated", "the month he left the contest, or NO_MONTH", NO_MONTH),
    ("manner", "how he left it: M_*", 0),
    ("elimination_rank", "order of elimination, 0 first", 0),
    ("contender", "WAS_FULL | HAD_BASE | SAT_IN_TOP flags once he counts as a contender", 0),
    ("base", "his power-base office, or -1; kept so the hot loops need not search"),
)
OFFICE_WEIGHT = columns(
    "offices", ("weight", "total resources of a power-base office, 0 if it is none")
)
ELIMINATIONS, LEADER, LEADER_MONTH, STREAK, STREAK_ACTOR = columns(
    "counters",
    ("eliminations", "how many have left the contest", 0),
    ("leader", "the dominant actor, or -1", -1),
    ("leader_month", "the month he became dominant (or a streak began)", NO_MONTH),
    ("streak", "months in a row the strongest man has passed the dominance test", 0),
    ("streak_actor", "whose streak it is, or -1", -1),
)
SHIFT_MARK = columns(
    "claims", ("shift_mark", "the subject's position when the 'after' set fell", 0.0)
)
SHIFT_TAKEN = columns("claim_codes", ("shift_taken", "1 once the mark is taken", 0))

WAS_FULL = 1
HAD_BASE = 2
SAT_IN_TOP = 4  # full or candidate member at some time: a politician, not a functionary

L_ELIMINATED = log_kind(
    "eliminated",
    "a contender leaves the contest",
    actor="who is out",
    extra=("manner", "how he left it: M_*"),
)
L_DOMINANT = log_kind(
    "dominant",
    "an actor has passed the dominance test for the required run of months",
    actor=("leader", "who is dominant"),
    body="the top body",
    votes_for=("members", "active members of the top body"),
    votes_against=("supporters", "of them, his clients or allies"),
    extra=("since", "the month his run of dominance began"),
)


@mechanism
def is_base(world, office):
    for resource in range(world.offices.shape[0]):
        if world.offices[resource, office] > 0.0:
            return True
    return False


@mechanism
def weigh_offices(world, state):
    """Each office's weight as a power base: the sum of its resources, 0 for an
    office that is no base.  Fixed for a scenario; kept in the State so that
    ``base_office``, asked thousands of times a history, only compares."""
    for office in range(world.offices.shape[1]):
        weight = 0.0
        if is_base(world, office):
            for resource in range(world.offices.shape[0]):
                weight += world.offices[resource, office]
        state.offices[OFFICE_WEIGHT, office] = weight


@mechanism
def find_base_office(state, actor):
    """The most substantial power-base office an actor holds, or -1.  Only a
    weight above 0 counts, so offices that are no base never qualify."""
    best = -1
    best_weight = 0.0
    for office in range(state.office_codes.shape[1]):
        if state.office_codes[HOLDER, office] != actor:
            continue
        weight = state.offices[OFFICE_WEIGHT, office]
        if weight > best_weight:
            best = office
            best_weight = weight
    return best


@mechanism
def settle_bases(state):
    """Recompute every actor's power base.  Offices change hands only by
    appointment, removal and death, a few times a history; each such change
    calls this."""
    for actor in range(state.actor_codes.shape[1]):
        state.actor_codes[BASE, actor] = find_base_office(state, actor)


@mechanism
def base_office(world, state, actor):
    """The actor's power-base office (see find_base_office); asked thousands of
    times a history, so it is kept in the BASE column."""
    return state.actor_codes[BASE, actor]


@mechanism
def mark_contenders(world, state):
    for actor in range(state.actor_codes.shape[1]):
        if state.actor_codes[ELIMINATED, actor] != NO_MONTH or not is_active(state, actor):
            continue
        if state.actor_codes[STATUS, actor] == FULL:
            state.actor_codes[CONTENDER, actor] |= WAS_FULL
        if state.actor_codes[STATUS, actor] <= CANDIDATE:
            state.actor_codes[CONTENDER, actor] |= SAT_IN_TOP
        if base_office(world, state, actor) >= 0:
            state.actor_codes[CONTENDER, actor] |= HAD_BASE


@mechanism
def check_elimination(world, state, month, actor, manner):
    """Record the actor's elimination now if he has just left the contest."""
    if state.actor_codes[CONTENDER, actor] == 0 or state.actor_codes[ELIMINATED, actor] != NO_MONTH:
        return
    out = not is_active(state, actor)
    if state.actor_codes[CONTENDER, actor] & WAS_FULL and state.actor_codes[STATUS, actor] != FULL:
        out = True
    if state.actor_codes[CONTENDER, actor] & HAD_BASE and base_office(world, state, actor) < 0:
        out = True
    if not out:
        return
    state.actor_codes[ELIMINATED, actor] = month
    state.actor_codes[MANNER, actor] = manner
    state.actor_codes[ELIMINATION_RANK, actor] = state.counters[ELIMINATIONS, 0]
    state.counters[ELIMINATIONS, 0] += 1
    record(state, month, L_ELIMINATED, actor, -1, -1, -1, 0, 0, manner)
    mark_shift_claims(world, state)


@mechanism
def mark_shift_claims(world, state):
    for claim in range(world.claim_codes.shape[1]):
        if (
            world.claim_codes[F_CLAIM_KIND, claim] != CLAIM_SHIFT
            or state.claim_codes[SHIFT_TAKEN, claim]
        ):
            continue
        everyone_out = True
        for actor in range(state.actor_codes.shape[1]):
            if (world.claim_codes[F_AFTER, claim] >> actor) & 1 and state.actor_codes[
                ELIMINATED, actor
            ] == NO_MONTH:
                everyone_out = False
        if everyone_out:
            state.claims[SHIFT_MARK, claim] = state.stances[
                POSITION,
                world.claim_codes[F_SUBJECT, claim],
                world.claim_codes[F_CLAIM_AXIS, claim],
            ]
            state.claim_codes[SHIFT_TAKEN, claim] = 1


@mechanism
def independent_base(params, state, actor):
    return state.actors[POWER, actor] - params[P_WEIGHT_PRESTIGE] * state.actors[PRESTIGE, actor]


@mechanism
def check_dominance(params, state, month, top_body):
    if state.counters[LEADER, 0] >= 0:
        return
    n_actors = state.actor_codes.shape[1]
    candidate = -1
    for actor in range(n_actors):
        if sits_in_top(state, actor) and (
            candidate < 0 or state.actors[POWER, actor] > state.actors[POWER, candidate]
        ):
            candidate = actor
    if candidate < 0:
        state.counters[STREAK, 0] = 0
        return
    ruling = state.counters[COALITION, 0]
    partners = (ruling >> candidate) & 1
    members = 0
    supporters = 0
    for actor in range(n_actors):
        if not is_active(state, actor):
            continue
        if sits_in_top(state, actor):
            members += 1
            if bloc_leader(state, actor) == candidate or (partners and (ruling >> actor) & 1):
                supporters += 1
    dominant = 2 * supporters > members
    # A would-be leader with no base of his own is blocked by any rival who has one.
    own_base = max(0.0, independent_base(params, state, candidate))
    if dominant:
        for actor in range(n_actors):
            if actor == candidate or not is_active(state, actor):
                continue
            # Rivals are politicians who have sat in the top body, not the
            # functionaries the winners have put into offices.
            if (
                bloc_leader(state, actor) == candidate
                or not state.actor_codes[CONTENDER, actor] & SAT_IN_TOP
            ):
                continue
            if independent_base(params, state, actor) > params[P_INDEPENDENT_BASE] * own_base:
                dominant = False
                break
    if not dominant:
        state.counters[STREAK, 0] = 0
        return
    if state.counters[STREAK_ACTOR, 0] != candidate or state.counters[STREAK, 0] == 0:
        state.counters[STREAK_ACTOR, 0] = candidate
        state.counters[LEADER_MONTH, 0] = month
        state.counters[STREAK, 0] = 0
    state.counters[STREAK, 0] += 1
    if state.counters[STREAK, 0] >= int(params[P_DOMINANCE_MONTHS]):
        # He is dominant once the test has held for the required run of
        # months; the chronicle also gives the month the run began.
        began = state.counters[LEADER_MONTH, 0]
        state.counters[LEADER, 0] = candidate
        state.counters[LEADER_MONTH, 0] = month
        record(
            state,
            month,
            L_DOMINANT,
            candidate,
            -1,
            top_body,
            -1,
            members,
            supporters,
            began,
        )


@mechanism
def judge_claims(world, state, verdicts):
    for claim in range(world.claim_codes.shape[1]):
        kind = world.claim_codes[F_CLAIM_KIND, claim]
        holds = False
        if kind == CLAIM_BEFORE:
            holds = True
            last_first = -1
            for actor in range(state.actor_codes.shape[1]):
                if (world.claim_codes[F_FIRST, claim] >> actor) & 1:
                    if state.actor_codes[ELIMINATED, actor] == NO_MONTH:
                        holds = False
                    last_first = max(last_first, state.actor_codes[ELIMINATION_RANK, actor])
            if holds:
                for actor in range(state.actor_codes.shape[1]):
                    if (world.claim_codes[F_THEN, claim] >> actor) & 1:
                        if (
                            state.actor_codes[ELIMINATED, actor] != NO_MONTH
                            and state.actor_codes[ELIMINATION_RANK, actor] < last_first
                        ):
                            holds = False
        elif kind == CLAIM_ALLIED:
            subject = world.claim_codes[F_SUBJECT, claim]
            for ally in range(state.actor_codes.shape[1]):
                if (world.claim_codes[F_ALLIES, claim] >> ally) & 1:
                    if (
                        state.pair_codes[ALLIED, subject, ally]
                        & world.claim_codes[F_AGAINST, claim]
                    ):
                        holds = True
        elif kind == CLAIM_SHIFT:
            if state.claim_codes[SHIFT_TAKEN, claim]:
                now = state.stances[
                    POSITION,
                    world.claim_codes[F_SUBJECT, claim],
                    world.claim_codes[F_CLAIM_AXIS, claim],
                ]
                moved = (now - state.claims[SHIFT_MARK, claim]) * world.claims[F_DIRECTION, claim]
                holds = moved >= world.claims[F_MIN_SHIFT, claim]
        verdicts[claim] = holds
