"""Who is out, who is on top, and which claims about the history hold.

An actor becomes a contender once he sits in the top body or holds an office
that is a power base.  He is eliminated the first time he loses that seat or
his last power base, or leaves the game altogether.  An actor is dominant
when, for several months in a row, most of the top body are his clients or
coalition partners and no rival outside his camp keeps a power base of his own
above a threshold.
"""

from .jit import mechanism
from .journal import record
from .parameters import P_DOMINANCE_MONTHS, P_INDEPENDENT_BASE, P_WEIGHT_PRESTIGE
from .power import bloc_leader, is_active, sits_in_top
from .world import (
    CANDIDATE,
    CLAIM_ALLIED,
    CLAIM_BEFORE,
    CLAIM_SHIFT,
    FULL,
    L_DOMINANT,
    L_ELIMINATED,
    NO_MONTH,
)

WAS_FULL = 1
HAD_BASE = 2
SAT_IN_TOP = 4  # full or candidate member at some time: a politician, not a functionary


@mechanism
def is_base(world, office):
    for resource in range(world.office_resources.shape[1]):
        if world.office_resources[office, resource] > 0.0:
            return True
    return False


@mechanism
def weigh_offices(world, state):
    """Each office's weight as a power base: the sum of its resources, 0 for an
    office that is no base.  Fixed for a scenario; kept in the State so that
    ``base_office``, asked thousands of times a history, only compares."""
    for office in range(world.office_resources.shape[0]):
        weight = 0.0
        if is_base(world, office):
            for resource in range(world.office_resources.shape[1]):
                weight += world.office_resources[office, resource]
        state.office_weight[office] = weight


@mechanism
def find_base_office(state, actor):
    """The most substantial power-base office an actor holds, or -1.  Only a
    weight above 0 counts, so offices that are no base never qualify."""
    best = -1
    best_weight = 0.0
    for office in range(state.holder.shape[0]):
        if state.holder[office] != actor:
            continue
        weight = state.office_weight[office]
        if weight > best_weight:
            best = office
            best_weight = weight
    return best


@mechanism
def settle_bases(state):
    """Recompute every actor's power base.  Offices change hands only by
    appointment, removal and death, a few times a history; each such change
    calls this."""
    for actor in range(state.status.shape[0]):
        state.base[actor] = find_base_office(state, actor)


@mechanism
def base_office(world, state, actor):
    """The actor's power-base office (see find_base_office); asked thousands of
    times a history, so it is kept in ``state.base``."""
    return state.base[actor]


@mechanism
def mark_contenders(world, state):
    for actor in range(state.status.shape[0]):
        if state.eliminated[actor] != NO_MONTH or not is_active(state, actor):
            continue
        if state.status[actor] == FULL:
            state.contender[actor] |= WAS_FULL
        if state.status[actor] <= CANDIDATE:
            state.contender[actor] |= SAT_IN_TOP
        if base_office(world, state, actor) >= 0:
            state.contender[actor] |= HAD_BASE


@mechanism
def check_elimination(world, state, month, actor, manner):
    """Record the actor's elimination now if he has just left the contest."""
    if state.contender[actor] == 0 or state.eliminated[actor] != NO_MONTH:
        return
    out = not is_active(state, actor)
    if state.contender[actor] & WAS_FULL and state.status[actor] != FULL:
        out = True
    if state.contender[actor] & HAD_BASE and base_office(world, state, actor) < 0:
        out = True
    if not out:
        return
    state.eliminated[actor] = month
    state.manner[actor] = manner
    state.elimination_rank[actor] = state.elimination_count[0]
    state.elimination_count[0] += 1
    record(state, month, L_ELIMINATED, actor, -1, -1, -1, 0, 0, manner)
    mark_shift_claims(world, state)


@mechanism
def mark_shift_claims(world, state):
    for claim in range(world.claim_kind.shape[0]):
        if world.claim_kind[claim] != CLAIM_SHIFT or state.shift_taken[claim]:
            continue
        everyone_out = True
        for actor in range(state.status.shape[0]):
            if (world.claim_after[claim] >> actor) & 1 and state.eliminated[actor] == NO_MONTH:
                everyone_out = False
        if everyone_out:
            state.shift_mark[claim] = state.position[
                world.claim_actor[claim], world.claim_axis[claim]
            ]
            state.shift_taken[claim] = 1


@mechanism
def independent_base(params, state, actor):
    return state.power[actor] - params[P_WEIGHT_PRESTIGE] * state.prestige[actor]


@mechanism
def check_dominance(params, state, month, top_body):
    if state.leader[0] >= 0:
        return
    n_actors = state.status.shape[0]
    candidate = -1
    for actor in range(n_actors):
        if sits_in_top(state, actor) and (
            candidate < 0 or state.power[actor] > state.power[candidate]
        ):
            candidate = actor
    if candidate < 0:
        state.leader[2] = 0
        return
    ruling = state.coalition[0]
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
            if bloc_leader(state, actor) == candidate or not state.contender[actor] & SAT_IN_TOP:
                continue
            if independent_base(params, state, actor) > params[P_INDEPENDENT_BASE] * own_base:
                dominant = False
                break
    if not dominant:
        state.leader[2] = 0
        return
    if state.streak_actor[0] != candidate or state.leader[2] == 0:
        state.streak_actor[0] = candidate
        state.leader[1] = month
        state.leader[2] = 0
    state.leader[2] += 1
    if state.leader[2] >= int(params[P_DOMINANCE_MONTHS]):
        # He is dominant once the test has held for the required run of
        # months; the chronicle also gives the month the run began.
        began = state.leader[1]
        state.leader[0] = candidate
        state.leader[1] = month
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
    for claim in range(world.claim_kind.shape[0]):
        kind = world.claim_kind[claim]
        holds = False
        if kind == CLAIM_BEFORE:
            holds = True
            last_first = -1
            for actor in range(state.status.shape[0]):
                if (world.claim_first[claim] >> actor) & 1:
                    if state.eliminated[actor] == NO_MONTH:
                        holds = False
                    last_first = max(last_first, state.elimination_rank[actor])
            if holds:
                for actor in range(state.status.shape[0]):
                    if (world.claim_then[claim] >> actor) & 1:
                        if (
                            state.eliminated[actor] != NO_MONTH
                            and state.elimination_rank[actor] < last_first
                        ):
                            holds = False
        elif kind == CLAIM_ALLIED:
            subject = world.claim_actor[claim]
            for ally in range(state.status.shape[0]):
                if (world.claim_allies[claim] >> ally) & 1:
                    if state.allied[subject, ally] & world.claim_against[claim]:
                        holds = True
        elif kind == CLAIM_SHIFT:
            if state.shift_taken[claim]:
                now = state.position[world.claim_actor[claim], world.claim_axis[claim]]
                moved = (now - state.shift_mark[claim]) * world.claim_direction[claim]
                holds = moved >= world.claim_min_shift[claim]
        verdicts[claim] = holds
