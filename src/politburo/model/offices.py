"""Offices: who may hold them, who is put forward, and how a vacancy is filled.

An office is not handed to whoever happens to be free.  A war ministry goes
to a soldier, a police chief comes from the police, a trade-union council
from the unions: each office may have a kind and each actor a background,
and the scenario may also name men eligible whatever their background.  A
vacancy does not wait for the next plenum either: the top body sits every
month and names a man at once, and the body that formally fills the office
confirms him later.  The first in line is the holder of the post the
scenario names as the office's deputy; he gives up the deputy post, which
falls vacant in its turn.  The historical cases behind each rule are in
docs/model.md, section 11.
"""

from .chance import normal
from .jit import mechanism
from .journal import log_kind, record
from .layout import columns
from .outcome import ELIMINATED, base_office, check_elimination, settle_bases
from .parameters import parameter
from .patronage import hand_over_machine
from .policy import distance
from .power import bloc_leader, is_active, sits_in_top
from .voting import SEAT_SHARE
from .world import (
    COALITION,
    EXPELLED,
    F_FILLED_BY,
    FACTION,
    HOLDER,
    LAST_MOTION,
    M_LOST_OFFICE,
    NO_MONTH,
    NO_SCORE,
    PRESTIGE,
    STATUS,
    T_ORGANISATION,
)

F_MIN_STATUS, F_NEXT_IN_LINE, F_CREATED, F_ABOLISHED = columns(
    "office_codes",
    ("min_status", "the lowest rung from which a man may be appointed to it"),
    ("next_in_line", "bitmask of the offices whose holders are first in line for it"),
    ("created", "first month it exists"),
    ("abolished", "first month it no longer exists"),
    facts=True,
)
VACANT_SINCE = columns("office_codes", ("vacant_since", "month it fell vacant, or -1", NO_MONTH))

# Whom a nominator puts forward: the weights of a nominee's score.
P_NOMINEE_PRESTIGE = parameter("nominee_prestige")
P_NOMINEE_ORGANISATION = parameter("nominee_organisation")
P_NOMINEE_CLIENTS = parameter("nominee_clients")
P_NOMINEE_CLIENTS_CAP = parameter("nominee_clients_cap")
P_NOMINEE_COALITION = parameter("nominee_coalition")
P_NOMINEE_DISTANCE = parameter("nominee_distance")
P_NOMINEE_NOISE = parameter("nominee_noise")
# The deputy's claim to his chief's office when it falls vacant.
P_NEXT_IN_LINE = parameter("next_in_line")
# Months after a motion against a man before he is raised to an office or a seat.
P_PROMOTION_WAIT = parameter("promotion_wait")
# Against giving a second office to a man who already holds one.
P_ACCUMULATION = parameter("accumulation")

L_APPOINTED = log_kind(
    "appointed",
    "a body fills an office",
    actor=("holder", "who is appointed"),
    other=("nominator", "who nominated him, or -1"),
    body="the body that fills the office",
    office="the office",
)
L_ABOLISHED = log_kind(
    "abolished",
    "an office is abolished; its holder loses it",
    actor=("former_holder", "who held it, or -1"),
    office="the office",
)
L_VACATED = log_kind(
    "vacated",
    "an office falls vacant: its holder died, fell or moved up",
    actor=("former_holder", "who held it"),
    office="the office",
)


@mechanism
def exists(world, office, month):
    return world.office_codes[F_CREATED, office] <= month < world.office_codes[F_ABOLISHED, office]


@mechanism
def abolish_offices(world, params, state, month):
    """Offices abolished this month are taken from their holders and not
    filled again: a reorganisation, not a vacancy."""
    for office in range(state.office_codes.shape[1]):
        if world.office_codes[F_ABOLISHED, office] != month:
            continue
        former = state.office_codes[HOLDER, office]
        state.office_codes[HOLDER, office] = -1
        state.office_codes[VACANT_SINCE, office] = NO_MONTH
        settle_bases(state)
        hand_over_machine(params, state, world, office, -1)
        record(state, month, L_ABOLISHED, former, -1, -1, office, 0, 0, 0)
        if former >= 0:
            check_elimination(world, state, month, former, M_LOST_OFFICE)


@mechanism
def eligible(world, office, actor):
    """Is the man qualified for this office: by background or by name?"""
    return world.office_eligible[office, actor] == 1


@mechanism
def first_in_line(world, state, office, actor):
    """Does he hold one of the offices whose holders are first in line for this one?"""
    line = world.office_codes[F_NEXT_IN_LINE, office]
    for deputy in range(state.office_codes.shape[1]):
        if (line >> deputy) & 1 and state.office_codes[HOLDER, deputy] == actor:
            return True
    return False


@mechanism
def deputy_of_his_own(world, state, office, actor):
    """Is ``office`` first in line for an office the man already holds?"""
    for chief in range(state.office_codes.shape[1]):
        if state.office_codes[HOLDER, chief] == actor:
            if (world.office_codes[F_NEXT_IN_LINE, chief] >> office) & 1:
                return True
    return False


@mechanism
def candidate_score(world, params, state, nominator, actor):
    """How much the electing body likes a nominee.  Standing counts; the
    nominator's own men count as far as his bloc holds the committee's seats."""
    score = (
        params[P_NOMINEE_PRESTIGE] * state.actors[PRESTIGE, actor]
        + params[P_NOMINEE_ORGANISATION] * world.actors[T_ORGANISATION, actor]
    )
    camp = bloc_leader(state, nominator)
    if bloc_leader(state, actor) == camp:
        score += min(
            params[P_NOMINEE_CLIENTS_CAP],
            params[P_NOMINEE_CLIENTS] * state.blocs[SEAT_SHARE, camp],
        )
    if (state.counters[COALITION, 0] >> actor) & 1:
        score += params[P_NOMINEE_COALITION]
    score -= params[P_NOMINEE_DISTANCE] * distance(state, actor, nominator)
    return score + params[P_NOMINEE_NOISE] * normal(state.dice)


@mechanism
def fit_to_serve(params, state, month, actor, strict):
    """Not fallen and not organising against the majority; and, when the
    nominator can afford to be ``strict``, neither lately accused nor sitting
    in the top body outside its ruling coalition."""
    if not is_active(state, actor) or state.actor_codes[FACTION, actor]:
        return False
    if state.actor_codes[ELIMINATED, actor] != NO_MONTH:
        return False
    if not strict:
        return True
    if state.actor_codes[LAST_MOTION, actor] > month - params[P_PROMOTION_WAIT]:
        return False  # a man under a cloud waits before he is raised
    ruling = state.counters[COALITION, 0]
    return not (ruling and sits_in_top(state, actor) and not (ruling >> actor) & 1)


@mechanism
def nominate(world, params, state, month, nominator, excluded, lowest_status, office, strict):
    """The nominator's pick for ``office``: the qualified only, the holder of a
    deputy post first in line, a man who already holds an office only if no
    one better is free.  With office -1, for a seat: only men without a power
    base of their own."""
    best = -1
    best_score = NO_SCORE
    for actor in range(state.actor_codes.shape[1]):
        if actor == excluded or actor == nominator:
            continue  # nor does a man put himself forward
        if state.actor_codes[STATUS, actor] > lowest_status:
            continue
        deputy = office >= 0 and first_in_line(world, state, office, actor)
        # The line of succession is the institution's, not the coalition's:
        # a deputy moves up unless he has fallen or is organising a faction.
        if not fit_to_serve(params, state, month, actor, strict and not deputy):
            continue
        holds = base_office(world, state, actor) >= 0
        if holds and office < 0:
            continue  # a seat goes to a man without a base of his own
        if office >= 0 and not eligible(world, office, actor):
            continue
        if office >= 0 and deputy_of_his_own(world, state, office, actor):
            continue  # a chief is not made his own deputy
        score = candidate_score(world, params, state, nominator, actor)
        if deputy:
            score += params[P_NEXT_IN_LINE]
        elif holds:
            score -= params[P_ACCUMULATION]
        if score > best_score:
            best = actor
            best_score = score
    return best


@mechanism
def vacate(world, params, state, month, office):
    """The office falls vacant; its organisations lose their patron."""
    former = state.office_codes[HOLDER, office]
    if former < 0:
        return
    state.office_codes[HOLDER, office] = -1
    state.office_codes[VACANT_SINCE, office] = month
    settle_bases(state)
    hand_over_machine(params, state, world, office, -1)
    record(state, month, L_VACATED, former, -1, -1, office, 0, 0, 0)


@mechanism
def appoint(world, params, state, month, office, nominator, body):
    """Fill the office with the nominator's pick; a deputy who moves up leaves
    his deputy post vacant.  With nobody qualified, not even the nominator,
    the office stays (or falls) vacant."""
    lowest = world.office_codes[F_MIN_STATUS, office]
    former = state.office_codes[HOLDER, office]
    holder = nominate(world, params, state, month, nominator, former, lowest, office, True)
    if holder < 0:
        # An office cannot wait for a man above suspicion: if none qualifies,
        # the nominator takes a qualified man under a cloud.
        holder = nominate(world, params, state, month, nominator, former, lowest, office, False)
    if (
        holder < 0
        and 0 <= nominator != former
        and eligible(world, office, nominator)
        and state.actor_codes[STATUS, nominator] <= lowest
    ):
        holder = nominator  # and if nobody else will do, he takes the post himself
    if holder < 0:
        vacate(world, params, state, month, office)
        return
    line = world.office_codes[F_NEXT_IN_LINE, office]
    for deputy in range(state.office_codes.shape[1]):
        if (line >> deputy) & 1 and state.office_codes[HOLDER, deputy] == holder:
            vacate(world, params, state, month, deputy)
    state.office_codes[HOLDER, office] = holder
    state.office_codes[VACANT_SINCE, office] = NO_MONTH
    settle_bases(state)
    hand_over_machine(params, state, world, office, holder)
    record(state, month, L_APPOINTED, holder, nominator, body, office, 0, 0, 0)


@mechanism
def vacate_offices(world, params, state, month, actor, nominator, body):
    """A fallen man's offices go to the winners' men, or fall vacant."""
    for office in range(state.office_codes.shape[1]):
        if state.office_codes[HOLDER, office] == actor:
            if nominator >= 0:
                appoint(world, params, state, month, office, nominator, body)
            else:
                vacate(world, params, state, month, office)


@mechanism
def fill_vacancies(world, params, state, month, body, nominator, top):
    """Fill the vacant offices this body fills, and, if it is the top body,
    every vacant office: it names a man at once and the electing body
    confirms him when it sits.  An incapacitated holder keeps his title;
    only death or disgrace frees it."""
    if nominator < 0:
        return
    for office in range(state.office_codes.shape[1]):
        if world.office_codes[F_FILLED_BY, office] != body and not top:
            continue
        if not exists(world, office, month):
            continue
        holder = state.office_codes[HOLDER, office]
        if holder < 0 or state.actor_codes[STATUS, holder] >= EXPELLED:
            appoint(world, params, state, month, office, nominator, body)
