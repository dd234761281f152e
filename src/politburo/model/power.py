"""Power, and how others see it.

An actor's power comes from his standing (prestige), the offices he holds and
the regional organisations (cadres) whose secretaries answer to him.  Rivals
see the open part of it (prestige, the army, the press, the government, a
regional machine run in the open) but only a share of the quiet part: the
scattered secretaries won by appointment.  That share grows with the actor's
visibility, which overt action and success raise.  This is how a "grey"
administrator can be the strongest man in the room and look like the weakest.
"""

import math

from .jit import mechanism
from .parameters import (
    P_HIDDEN_SHARE_SEEN,
    P_PERCEPTION_NOISE,
    P_WEIGHT_APPOINTMENT,
    P_WEIGHT_ARMY,
    P_WEIGHT_CADRES,
    P_WEIGHT_GOVERNMENT,
    P_WEIGHT_PRESS,
    P_WEIGHT_PRESTIGE,
    P_WEIGHT_SECURITY,
)
from .world import (
    FULL,
    MEMBER,
    R_APPOINTMENT,
    R_ARMY,
    R_GOVERNMENT,
    R_PRESS,
    R_SECURITY,
)


@mechanism
def is_active(state, actor):
    """Alive, in the party and able to act."""
    return state.status[actor] <= MEMBER and state.incapacitated[actor] == 0


@mechanism
def sits_in_top(state, actor):
    return state.status[actor] == FULL and state.incapacitated[actor] == 0


@mechanism
def follow_patrons(state, actor):
    """The person an actor's followers ultimately answer to: up the chain of
    patrons, as far as the patrons are still in the game."""
    leader = actor
    for _ in range(4):
        patron = state.patron[leader]
        if patron < 0 or not is_active(state, patron):
            break
        leader = patron
    return leader


@mechanism
def settle_camps(state):
    """Recompute every actor's bloc leader.  Patrons are fixed for a history,
    so camps change only when someone becomes active or inactive (death,
    stroke, expulsion and worse, readmission); each such change calls this."""
    for actor in range(state.status.shape[0]):
        state.camp[actor] = follow_patrons(state, actor)


@mechanism
def bloc_leader(state, actor):
    """The person an actor's followers ultimately answer to (see follow_patrons);
    asked tens of thousands of times a history, so it is kept in ``state.camp``."""
    return state.camp[actor]


@mechanism
def seen_share(params, state, actor):
    floor = params[P_HIDDEN_SHARE_SEEN]
    return floor + (1.0 - floor) * state.visibility[actor]


@mechanism
def office_power(world, params, office):
    """Open and quiet power an office grants."""
    res = world.office_resources[office]
    open_part = (
        params[P_WEIGHT_ARMY] * res[R_ARMY]
        + params[P_WEIGHT_SECURITY] * res[R_SECURITY]
        + params[P_WEIGHT_PRESS] * res[R_PRESS]
        + params[P_WEIGHT_GOVERNMENT] * res[R_GOVERNMENT]
    )
    quiet_part = params[P_WEIGHT_APPOINTMENT] * res[R_APPOINTMENT]
    return open_part, quiet_part


@mechanism
def total_delegates(state):
    total = 0.0
    for cadre in range(state.delegates.shape[0]):
        total += state.delegates[cadre]
    return total


@mechanism
def update_power(world, params, state):
    """Recompute every actor's true power and the part of it rivals can see."""
    n_actors = state.status.shape[0]
    for actor in range(n_actors):
        if is_active(state, actor):
            base = params[P_WEIGHT_PRESTIGE] * state.prestige[actor]
        else:
            base = 0.0
        state.power[actor] = base
        state.visible[actor] = base
    for office in range(state.holder.shape[0]):
        holder = state.holder[office]
        if holder < 0 or not is_active(state, holder):
            continue
        open_part, quiet_part = office_power(world, params, office)
        state.power[holder] += open_part + quiet_part
        state.visible[holder] += open_part + quiet_part * seen_share(params, state, holder)
    delegates = total_delegates(state)
    if delegates <= 0.0:
        return
    for cadre in range(state.delegates.shape[0]):
        patron = state.cadre_patron[cadre]
        if patron < 0 or not is_active(state, patron):
            continue
        share = params[P_WEIGHT_CADRES] * state.delegates[cadre] * state.loyalty[cadre] / delegates
        state.power[patron] += share
        machine = world.cadre_machine[cadre]
        if machine >= 0 and state.holder[machine] == patron:
            # A machine run from an office is in plain view.
            state.visible[patron] += share
        else:
            state.visible[patron] += share * seen_share(params, state, patron)


@mechanism
def perceived(params, state, observer, actor):
    """What ``observer`` believes ``actor``'s power to be: the visible part,
    scaled by the observer's fixed misjudgement exp(noise * bias), which
    ``reset`` works out once per history."""
    if observer == actor:
        return state.power[actor]
    return state.visible[actor] * state.misjudgement[observer, actor]


@mechanism
def misjudgement(params, state, observer, actor):
    return math.exp(params[P_PERCEPTION_NOISE] * state.bias[observer, actor])


@mechanism
def distance(state, a, b):
    """Policy distance, weighted by how much each axis matters now (0..2)."""
    total = 0.0
    weight = 0.0
    for axis in range(state.position.shape[1]):
        total += state.salience[axis] * abs(state.position[a, axis] - state.position[b, axis])
        weight += state.salience[axis]
    if weight <= 0.0:
        return 0.0
    return total / weight


@mechanism
def salience_total(state):
    weight = 0.0
    for axis in range(state.position.shape[1]):
        weight += state.salience[axis]
    return weight


@mechanism
def salient_distance(state, a, b, weight):
    """``distance`` for a caller that measures many pairs in a row: it works
    out the salience total, ``weight``, once.  The same sums in the same order,
    so the same number.  ``distance`` itself stays one small loop so that the
    compiler keeps inlining the voters' utility, which calls it twice."""
    if weight <= 0.0:
        return 0.0
    total = 0.0
    for axis in range(state.position.shape[1]):
        total += state.salience[axis] * abs(state.position[a, axis] - state.position[b, axis])
    return total / weight


@mechanism
def distance_to_mood(state, a):
    total = 0.0
    weight = 0.0
    for axis in range(state.position.shape[1]):
        total += state.salience[axis] * abs(state.position[a, axis] - state.mood[axis])
        weight += state.salience[axis]
    if weight <= 0.0:
        return 0.0
    return total / weight
