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

from .jit import inline_mechanism, mechanism
from .layout import columns
from .parameters import parameter
from .world import (
    CADRE_PATRON,
    DELEGATES,
    F_MACHINE,
    FULL,
    HOLDER,
    INCAPACITATED,
    LOYALTY,
    MEMBER,
    PATRON,
    PRESTIGE,
    R_APPOINTMENT,
    R_ARMY,
    R_GOVERNMENT,
    R_PRESS,
    R_SECURITY,
    STATUS,
    VISIBILITY,
)

POWER, VISIBLE = columns(
    "actors",
    ("power", "true power: standing, offices and the cadres that answer to him"),
    ("visible", "the part of his power rivals can see"),
)
CAMP = columns("actor_codes", ("camp", "his bloc leader, kept so the hot loops need not climb"))
BIAS, MISJUDGEMENT = columns(
    "pairs",
    ("bias", "the first's fixed misjudgement of the second, log scale"),
    ("misjudgement", "exp(perception noise x bias), fixed for a history"),
)

# Power from each source, and how much of it rivals see.
P_WEIGHT_PRESTIGE = parameter("weight_prestige")
P_WEIGHT_CADRES = parameter("weight_cadres")
P_WEIGHT_ARMY = parameter("weight_army")
P_WEIGHT_SECURITY = parameter("weight_security")
P_WEIGHT_PRESS = parameter("weight_press")
P_WEIGHT_GOVERNMENT = parameter("weight_government")
P_WEIGHT_APPOINTMENT = parameter("weight_appointment")
P_HIDDEN_SHARE_SEEN = parameter("hidden_share_seen")
P_PERCEPTION_NOISE = parameter("perception_noise")
# How far up the chain of patrons a follower's allegiance reaches: longer
# chains of clientage do not hold.
P_PATRON_CHAIN = parameter("patron_chain")


@inline_mechanism
def is_active(state, actor):
    """Alive, in the party and able to act."""
    return (
        state.actor_codes[STATUS, actor] <= MEMBER and state.actor_codes[INCAPACITATED, actor] == 0
    )


@inline_mechanism
def sits_in_top(state, actor):
    return state.actor_codes[STATUS, actor] == FULL and state.actor_codes[INCAPACITATED, actor] == 0


@mechanism
def follow_patrons(params, state, actor):
    """The person an actor's followers ultimately answer to: up the chain of
    patrons, as far as the patrons are still in the game."""
    leader = actor
    for _ in range(int(params[P_PATRON_CHAIN])):
        patron = state.actor_codes[PATRON, leader]
        if patron < 0 or not is_active(state, patron):
            break
        leader = patron
    return leader


@mechanism
def settle_camps(params, state):
    """Recompute every actor's bloc leader.  Patrons are fixed for a history,
    so camps change only when someone becomes active or inactive (death,
    stroke, expulsion and worse, readmission); each such change calls this."""
    for actor in range(state.actor_codes.shape[1]):
        state.actor_codes[CAMP, actor] = follow_patrons(params, state, actor)


@inline_mechanism
def bloc_leader(state, actor):
    """The person an actor's followers ultimately answer to (see follow_patrons);
    asked tens of thousands of times a history, so it is kept in the CAMP column."""
    return state.actor_codes[CAMP, actor]


@inline_mechanism
def seen_share(params, state, actor):
    floor = params[P_HIDDEN_SHARE_SEEN]
    return floor + (1.0 - floor) * state.actors[VISIBILITY, actor]


@mechanism
def office_power(world, params, office):
    """Open and quiet power an office grants."""
    res = world.offices[:, office]
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
    for cadre in range(state.cadres.shape[1]):
        total += state.cadres[DELEGATES, cadre]
    return total


@mechanism
def update_power(world, params, state):
    """Recompute every actor's true power and the part of it rivals can see."""
    n_actors = state.actor_codes.shape[1]
    for actor in range(n_actors):
        if is_active(state, actor):
            base = params[P_WEIGHT_PRESTIGE] * state.actors[PRESTIGE, actor]
        else:
            base = 0.0
        state.actors[POWER, actor] = base
        state.actors[VISIBLE, actor] = base
    for office in range(state.office_codes.shape[1]):
        holder = state.office_codes[HOLDER, office]
        if holder < 0 or not is_active(state, holder):
            continue
        open_part, quiet_part = office_power(world, params, office)
        state.actors[POWER, holder] += open_part + quiet_part
        state.actors[VISIBLE, holder] += open_part + quiet_part * seen_share(params, state, holder)
    delegates = total_delegates(state)
    if delegates <= 0.0:
        return
    for cadre in range(state.cadres.shape[1]):
        patron = state.cadre_codes[CADRE_PATRON, cadre]
        if patron < 0 or not is_active(state, patron):
            continue
        share = (
            params[P_WEIGHT_CADRES]
            * state.cadres[DELEGATES, cadre]
            * state.cadres[LOYALTY, cadre]
            / delegates
        )
        state.actors[POWER, patron] += share
        machine = world.cadre_codes[F_MACHINE, cadre]
        if machine >= 0 and state.office_codes[HOLDER, machine] == patron:
            # A machine run from an office is in plain view.
            state.actors[VISIBLE, patron] += share
        else:
            state.actors[VISIBLE, patron] += share * seen_share(params, state, patron)


@inline_mechanism
def perceived(params, state, observer, actor):
    """What ``observer`` believes ``actor``'s power to be: the visible part,
    scaled by the observer's fixed misjudgement exp(noise * bias), which
    ``reset`` works out once per history."""
    if observer == actor:
        return state.actors[POWER, actor]
    return state.actors[VISIBLE, actor] * state.pairs[MISJUDGEMENT, observer, actor]


@mechanism
def misjudgement(params, state, observer, actor):
    return math.exp(params[P_PERCEPTION_NOISE] * state.pairs[BIAS, observer, actor])
